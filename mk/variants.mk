# mk/variants.mk - other mm.c files in the same driver as mm (included by
# the Makefile), so that one run compares them, libc included:
#
#   make MM_VARIANTS='try/mm-best.c tlsf=old/mm.c'
#   ./mdriver -a mm,mm-best,tlsf -l
#
# Each word is PATH (named after the file: mm-best) or NAME=PATH.
# tools/build-variants compiles each alone as the grader compiles a
# student's mm.c, keeps its helpers and globals to itself, and renames
# its interface; see there.
# Without MM_VARIANTS nothing of this is linked in.

OBJCOPY ?= objcopy
VARIANTS_DIR = $(BUILD)/variants
# The files named, for make to rebuild when one changes (a missing one is
# left to tools/build-variants, which says which).
variant_sources = $(wildcard $(foreach spec,$(MM_VARIANTS),$(lastword $(subst =, ,$(spec)))))

# MM_VARIANTS as last built, rewritten only when it changes (as
# $(BUILD)/mm-source is for MM): the driver is relinked with or without
# variants whenever the list changes.
$(BUILD)/variants-list: FORCE | $(BUILD)/driver
	$(call remember,MM_VARIANTS)

$(BUILD)/mdriver: $(BUILD)/variants-list

ifneq ($(strip $(MM_VARIANTS)),)
$(BUILD)/mdriver: $(VARIANTS_DIR)/all.o $(BUILD)/driver/variants.o

$(VARIANTS_DIR)/all.o: $(BUILD)/variants-list $(variant_sources) mm.h memlib.h config.h \
                            tools/build-variants tools/check-interface $(FLAGS_STAMP)
	$(call say,CC,$@ ($(MM_VARIANTS)))CC='$(CC)' STUDENT_CFLAGS='$(STUDENT_CFLAGS)' OBJCOPY='$(OBJCOPY)' LD='$(LD)' \
	  RESERVED='$(TEACHING_ALLOCATORS)' tools/build-variants $(VARIANTS_DIR) $(MM_VARIANTS)

# The headers each variant included (tools/build-variants: -MMD).
-include $(wildcard $(VARIANTS_DIR)/*.d)

$(BUILD)/driver/variants.o: $(VARIANTS_DIR)/all.o
$(BUILD)/driver/variants.o: CFLAGS += -DMM_VARIANTS_DEF='"$(abspath $(VARIANTS_DIR))/variants.def"'
endif
