# mk/grade.mk - grade a class of submissions (included by the Makefile).
#
#   make grade SUBMISSIONS=dir [GRADE_OUT=dir] [GRADE_CONF=file] [GRADE_JOBS=n]
#
# Runs tools/grade: every SUBMISSIONS/NAME.c or SUBMISSIONS/NAME/mm.c is
# built against the driver, checked against the rules, run on the traces
# in GRADE_CONF and scored; see docs/INSTRUCTORS.md. Results go to
# GRADE_OUT/gradebook.csv and GRADE_OUT/reports/NAME.txt.

GRADE_OUT  ?= out/grade
GRADE_CONF ?= tools/grade.conf
GRADE_JOBS ?=

.PHONY: grade
grade:
	@if [ -z "$(SUBMISSIONS)" ]; then \
	  echo "usage: make grade SUBMISSIONS=dir [GRADE_OUT=dir] [GRADE_CONF=file] [GRADE_JOBS=n]" >&2; \
	  exit 2; fi
	tools/grade -c "$(GRADE_CONF)" $(if $(GRADE_JOBS),-j $(GRADE_JOBS)) -o "$(GRADE_OUT)" "$(SUBMISSIONS)"
