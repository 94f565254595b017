# mk/stress.mk - make stress: every allocator at -d 2 on generated stress
# traces (tools/stress.sh; gentrace stress SEED: every kind of op at the
# size edges allocators have).
#
#   make stress [STRESS_FIRST=1] [STRESS_SEEDS=100] [STRESS_ALLOCATORS=all]
#
# A failing seed stops the run and is left in $(BUILD)/stress/ with the
# command that replays it. Under the sanitizers:
#   make stress BUILD=build/asan OPT=-O1 \
#     SANITIZE="-fsanitize=address,undefined -fno-sanitize-recover=all"
# tests/stress.t runs a few seeds as part of make test.

STRESS_FIRST ?= 1
STRESS_SEEDS ?= 100
STRESS_ALLOCATORS ?= all

.PHONY: stress

# The settings reach the script through the environment, each as one
# word: written into the command, STRESS_ALLOCATORS="mm seed" ran a
# command named seed ("/bin/sh: seed: not found").
stress: export STRESS_ALLOCATORS := $(STRESS_ALLOCATORS)
stress: export STRESS_FIRST := $(STRESS_FIRST)
stress: export STRESS_SEEDS := $(STRESS_SEEDS)
stress: $(BUILD)/mdriver $(BUILD)/gentrace
	STRESS_DRIVER=$(BUILD)/mdriver STRESS_GENTRACE=$(BUILD)/gentrace \
	  STRESS_DIR=$(BUILD)/stress tools/stress.sh "$$STRESS_FIRST" "$$STRESS_SEEDS"
