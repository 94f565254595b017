# malloc-lab Makefile
#
#   make             build ./mdriver (the driver with mm.c and every allocator)
#                    and tools/gentrace (the trace generator)
#   make run         ./mdriver -V -f traces/short1.rep
#   make test        every test, TAP read by prove
#   make asan        the tests again under AddressSanitizer + UBSan
#   make valgrind    the driver's tests under valgrind (VALGRIND_JOBS=2 files
#                    at a time)
#   make bench       allocators side by side, and the driver's own cost
#                    (BENCH_PARTS="1 2b": some parts only; tools/bench.sh -h)
#   make plot        charts of the default suite (gnuplot; mk/plot.mk)
#   make grade SUBMISSIONS=dir   grade a class (mk/grade.mk)
#   make fuzz [FUZZ_SECS=60]     fuzz the trace reader (clang; mk/fuzz.mk)
#   make check-d2    every allocator on every trace at -d 2 (slow)
#   make stress [STRESS_SEEDS=100]  every allocator at -d 2 on generated
#                    stress traces until one fails (mk/stress.mk)
#   make traces      regenerate traces/ with tools/gentrace (byte for byte)
#   make recorder    build tools/record's parts (mk/record.mk); then
#                    tools/record -o OUT.rep -- COMMAND records a program
#   make clean
#
# Variables: CC=clang, ALIGNMENT=16, BUILD=dir (where objects and the
# driver go: ./mdriver is the default build's, and another folder's
# driver stays in it, dir/mdriver, which make run, plot, bench and
# check-d2 then run),
# MM=path/to/mm.c (build the driver around another mm.c),
# MM_VARIANTS='a.c name=b.c' (more mm.c files beside mm, for -a; mk/variants.mk),
# V=1 (print each compile and link command in full).

ifeq ($(origin CC),default)
CC = gcc
endif
BUILD    ?= build
MM       ?= mm.c
# An MM that names no file stops make at once, not after the driver's
# objects are compiled, at the last step, with make's "No rule to make
# target" (make clean needs no MM).
ifneq ($(filter-out clean,$(or $(MAKECMDGOALS),all)),)
# (a path with a blank exists, but make reads it as two words)
ifneq ($(word 2,$(MM)),)
$(error MM=$(MM): the path has a blank, which make reads as two files: copy the file to a path without blanks)
endif
ifeq ($(wildcard $(MM)),)
$(error MM=$(MM): no such file (MM names the mm.c to build the driver around, e.g. MM=path/to/mm.c))
endif
endif
OPT      ?= -O2
SANITIZE ?=
WARN      = -Wall -Wextra -Werror
# Debug information valgrind can read: clang 14 writes DWARF 5 by
# default, whose forms valgrind 3.19 (make valgrind) does not know
# ("unhandled DW_FORM": no file or line in its reports); gcc 12's DWARF 5
# it reads.
DEBUG     = $(if $(findstring clang,$(CC)),-gdwarf-4,-g)
CFLAGS    = -std=c11 $(OPT) $(DEBUG) $(WARN) $(SANITIZE) $(if $(ALIGNMENT),-DALIGNMENT=$(ALIGNMENT))
# Our mm.c must be warning-free; a student's (MM=..., the classic test,
# the grader) is compiled with STUDENT_CFLAGS: warnings shown, not fatal.
MM_CFLAGS ?= $(if $(filter mm.c ./mm.c,$(MM)),$(CFLAGS),$(STUDENT_CFLAGS))
STUDENT_CFLAGS = -std=gnu11 $(OPT) $(DEBUG) -Wall -Wextra $(SANITIZE) $(if $(ALIGNMENT),-DALIGNMENT=$(ALIGNMENT))
LDFLAGS   = $(SANITIZE)
LDLIBS    = -lm

# Each compile or link prints one line, "  CC      build/driver/trace.o",
# not its command (half a screen of -D flags for each teaching
# allocator); V=1 prints the commands, and make -s neither. What the
# compiler says (a warning in a student's mm.c) is shown in every mode.
# $(call say,WHAT,TARGET) starts a recipe line; $(call tell,WHAT,TARGET,
# COMMAND) is the shell's words that say it inside a silent recipe; Q
# hides a line that says nothing worth one (mkdir).
ifeq ($(V),1)
say =
tell = echo '$(3)'
Q =
else ifneq ($(findstring s,$(firstword -$(MAKEFLAGS))),)
say = @
tell = :
Q = @
else
say = @printf '  %-7s %s\n' '$(1)' '$(2)';
tell = printf '  %-7s %s\n' '$(1)' '$(2)'
Q = @
endif

DRIVER_PARTS = trace suite oracle replay blocks walk measure peak sandbox runner report shown registry series libc_space
DRIVER_OBJS  = $(DRIVER_PARTS:%=$(BUILD)/driver/%.o) $(BUILD)/memlib.o $(BUILD)/mdriver.o

# Allocators in allocators/: registry name, source file, extra flags.
TEACHING_ALLOCATORS = seed implicit-first implicit-next implicit-best explicit-lifo explicit-addr segregated
src_seed            = allocators/seed.c
src_implicit-first  = allocators/implicit.c
src_implicit-next   = allocators/implicit.c
src_implicit-best   = allocators/implicit.c
src_explicit-lifo   = allocators/explicit.c
src_explicit-addr   = allocators/explicit.c
src_segregated      = allocators/segregated.c
flags_implicit-first = -DIMPLICIT_FIT=1
flags_implicit-next  = -DIMPLICIT_FIT=2
flags_implicit-best  = -DIMPLICIT_FIT=3
flags_explicit-lifo  = -DEXPLICIT_ORDER=1
flags_explicit-addr  = -DEXPLICIT_ORDER=2
INTERFACE = mm_init mm_malloc mm_free mm_realloc mm_calloc mm_checkheap mm_heap_walk team
renamed   = $(foreach name,$(INTERFACE),-D$(name)=$(subst -,_,$(1))_$(name))
ALLOC_OBJS = $(TEACHING_ALLOCATORS:%=$(BUILD)/alloc/%.o)

HEADERS = config.h memlib.h mm.h $(wildcard driver/*.h)

# What the build folder's objects were compiled with, kept in
# $(BUILD)/flags and rewritten only when it changes (as mm-source, below):
# every compile depends on it, so `make ALIGNMENT=16` after `make`, or
# another CC, OPT or SANITIZE in the same folder, compiles everything
# again, where it used to leave the objects as they were and link old
# and new together.
BUILD_FLAGS = $(CC) | $(CFLAGS) | $(STUDENT_CFLAGS) | $(LDFLAGS) | $(LDLIBS)
FLAGS_STAMP = $(BUILD)/flags

.PHONY: all run test asan valgrind bench traces clean check-d2 FORCE
.SECONDEXPANSION:

# The driver make builds and runs: ./mdriver, a copy of build/mdriver,
# is the default build's, which the README's commands and tools run. A
# build in another folder (make BUILD=build/clang CC=clang) leaves it
# alone: it overwrote it, and the next valgrind run or README command
# ran that other build. Its driver stays in $(BUILD)/mdriver, which make
# run, plot, bench and check-d2 run instead; `make BUILD=dir mdriver`
# still copies it when asked by name.
ifeq ($(abspath $(BUILD)),$(abspath build))
DRIVER = ./mdriver
else
DRIVER = $(BUILD)/mdriver
endif

all: $(DRIVER) tools/gentrace

# Copied whenever it differs, not only when older: after a build in
# another BUILD folder (or with another MM or MM_VARIANTS) whose driver
# was already up to date, ./mdriver would otherwise stay the last one.
mdriver: $(BUILD)/mdriver FORCE
	@cmp -s $< $@ || { $(call tell,CP,$@,cp $< $@); cp $< $@; }

# Objects only: mk/variants.mk adds a stamp file as a prerequisite.
$(BUILD)/mdriver: $(DRIVER_OBJS) $(BUILD)/mm.o $(ALLOC_OBJS)
	$(call say,LD,$@)$(CC) $(LDFLAGS) -o $@ $(filter %.o,$^) $(LDLIBS)

$(BUILD)/%.o: %.c $(HEADERS) $(FLAGS_STAMP) | $(BUILD)/driver $(BUILD)/alloc $(BUILD)/tests
	$(call say,CC,$@)$(CC) $(CFLAGS) -c -o $@ $<

# $(MM) is compiled from a copy in the build folder, as the grader and
# tools/build-variants compile a file: alone, so that the project's
# mm.h, memlib.h and config.h are used even when its folder holds older
# ones (a handout's). Headers of its own still come from its folder (-I
# after -I.); -MMD lists them in mm.d, so editing one rebuilds mm.o.
# The #line directive keeps the file's own name in diagnostics and -g.
# A file that lacks one of the functions the driver calls (mm_realloc,
# say) is said to, naming it, and leaves no mm.o: the link would only
# report an undefined reference from driver/registry.c
# (tools/check-interface, as tools/build-variants and the grader check).
# A file whose mm_checkheap has another type than mm.h's builds as
# written, with a note, and the driver calls none (tools/compile-mm).
$(BUILD)/mm-copy.c: $(MM) $(BUILD)/mm-source | $(BUILD)/driver
	@{ printf '#line 1 "%s"\n' '$(MM)'; cat '$(MM)'; } >$@
$(BUILD)/mm.o: $(BUILD)/mm-copy.c mm.h memlib.h config.h tools/check-interface tools/compile-mm $(FLAGS_STAMP)
	$(call say,CC,$@ (from $(MM)))tools/compile-mm '$(MM)' $(CC) $(MM_CFLAGS) -I. -I'$(dir $(MM))' -MMD -MP -MF $(BUILD)/mm.d -MT $@ -c -o $@ $<
	$(Q)missing=$$(tools/check-interface $@ '$(MM)') || { printf '%s\n' "$$missing" >&2; rm -f $@; exit 1; }
-include $(BUILD)/mm.d

# The file MM names, kept in $(BUILD)/mm-source and rewritten only when
# MM names another file: switching MM then rebuilds mm.o even when the
# new file is older than the object, and the driver's tables name the
# file under test (MM_SOURCE in driver/registry.c).
# $(call remember,VAR): a recipe that writes the variable VAR's value
# into the target only when it differs from what the file holds, so the
# file's time stamp moves only when the value changes (also
# mk/variants.mk's list). VAR by name: a value may hold commas.
remember = @printf '%s\n' '$($(1))' | cmp -s - $@ || printf '%s\n' '$($(1))' >$@
$(BUILD)/mm-source: FORCE | $(BUILD)/driver
	$(call remember,MM)
$(FLAGS_STAMP): FORCE | $(BUILD)/driver
	$(call remember,BUILD_FLAGS)
$(BUILD)/driver/registry.o: $(BUILD)/mm-source
$(BUILD)/driver/registry.o: CFLAGS += -DMM_SOURCE='"$(MM)"'
FORCE:

$(BUILD)/alloc/%.o: $$(src_$$*) $(HEADERS) $(FLAGS_STAMP) | $(BUILD)/alloc
	$(call say,CC,$@)$(CC) $(CFLAGS) -I. $(flags_$*) $(call renamed,$*) -c -o $@ $<

$(BUILD)/driver $(BUILD)/alloc $(BUILD)/tests:
	$(Q)mkdir -p $@

run: all
	$(DRIVER) -V -f traces/short1.rep

# ---- tests ----------------------------------------------------------------

TEST_PROGRAMS = $(BUILD)/tests/test_memlib $(BUILD)/tests/test_trace $(BUILD)/tests/test_oracle \
                $(BUILD)/tests/test_sandbox $(BUILD)/tests/test_checkheap $(BUILD)/tests/test_walk \
                $(BUILD)/tests/test_mm
BROKEN        = $(basename $(notdir $(wildcard tests/broken/*.c)))
BROKEN_DRIVERS = $(BROKEN:%=$(BUILD)/broken/mdriver-%)
# Keep the broken allocators' objects between runs: made by a chain of
# pattern rules, they would be intermediate and deleted after each build.
# Only these: with a bare .SECONDARY every object was, and an object
# deleted by hand (rm build/mm.o) was not made again while the driver
# was newer than its sources.
.SECONDARY: $(BROKEN:%=$(BUILD)/broken/mm-%.o)

$(BUILD)/tests/test_memlib: tests/test_memlib.c $(BUILD)/memlib.o | $(BUILD)/tests
	$(call say,CC,$@)$(CC) $(CFLAGS) -I. -o $@ $^ $(LDFLAGS)

$(BUILD)/tests/test_oracle: tests/test_oracle.c $(BUILD)/driver/oracle.o | $(BUILD)/tests
	$(call say,CC,$@)$(CC) $(CFLAGS) -I. -o $@ $^ $(LDFLAGS)

$(BUILD)/tests/test_walk: tests/test_walk.c $(BUILD)/driver/walk.o $(BUILD)/driver/oracle.o \
                          $(BUILD)/driver/series.o $(BUILD)/driver/trace.o $(BUILD)/memlib.o \
                          | $(BUILD)/tests
	$(call say,CC,$@)$(CC) $(CFLAGS) -I. -o $@ $^ $(LDFLAGS)

$(BUILD)/tests/test_sandbox: tests/test_sandbox.c $(BUILD)/driver/sandbox.o | $(BUILD)/tests
	$(call say,CC,$@)$(CC) $(CFLAGS) -I. -o $@ $^ $(LDFLAGS)

# The project's own mm.c (not $(MM)) through its interface: the cases test
# its behaviour, which another allocator need not share.
$(BUILD)/tests/test_mm: tests/test_mm.c mm.c $(HEADERS) $(FLAGS_STAMP) $(BUILD)/memlib.o | $(BUILD)/tests
	$(call say,CC,$@)$(CC) $(CFLAGS) -I. -o $@ tests/test_mm.c mm.c $(BUILD)/memlib.o $(LDFLAGS)

$(BUILD)/tests/test_trace: tests/test_trace.c $(BUILD)/driver/trace.o | $(BUILD)/tests
	$(call say,CC,$@)$(CC) $(CFLAGS) -I. -o $@ $^ $(LDFLAGS)

# mm_checkheap can fail: each allocator (and our mm.c, whatever MM is)
# with its corruption cases, tests/checkheap/SOURCE_cases.c, which
# include its source and are compiled with its flags and renamed
# interface, like ALLOC_OBJS.
CHECKHEAP_SUBJECTS = $(TEACHING_ALLOCATORS) mm
src_mm             = mm.c
checkheap_cases    = tests/checkheap/$(basename $(notdir $(src_$(1))))_cases.c
CHECKHEAP_OBJS     = $(CHECKHEAP_SUBJECTS:%=$(BUILD)/tests/checkheap/%.o)

$(BUILD)/tests/checkheap/%.o: $$(call checkheap_cases,$$*) $$(src_$$*) $(wildcard tests/checkheap/*.h) \
                              $(HEADERS) $(FLAGS_STAMP)
	@mkdir -p $(dir $@)
	$(call say,CC,$@)$(CC) $(CFLAGS) -I. $(flags_$*) $(call renamed,$*) -DCHECKHEAP_CASES=$(subst -,_,$*)_cases \
	  -c -o $@ $<

$(BUILD)/tests/test_checkheap: tests/test_checkheap.c $(CHECKHEAP_OBJS) $(BUILD)/memlib.o \
                               | $(BUILD)/tests
	$(call say,CC,$@)$(CC) $(CFLAGS) -I. -o $@ $^ $(LDFLAGS)

# Each broken allocator becomes the "mm" of a driver of its own.
$(BUILD)/broken/mm-%.o: tests/broken/%.c $(wildcard tests/broken/*.h) mm.h memlib.h config.h allocators/segregated.c \
                       $(FLAGS_STAMP)
	@mkdir -p $(dir $@)
	$(call say,CC,$@)$(CC) $(CFLAGS) -I. -c -o $@ $<

$(BUILD)/broken/mdriver-%: $(DRIVER_OBJS) $(BUILD)/broken/mm-%.o $(ALLOC_OBJS)
	$(call say,LD,$@)$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

# A classic handout mm.c, built unchanged.
$(BUILD)/classic/mm.o: tests/classic/mm.c mm.h memlib.h $(FLAGS_STAMP)
	@mkdir -p $(dir $@)
	$(call say,CC,$@)$(CC) $(STUDENT_CFLAGS) -I. -c -o $@ $<

$(BUILD)/classic/mdriver: $(DRIVER_OBJS) $(BUILD)/classic/mm.o $(ALLOC_OBJS)
	$(call say,LD,$@)$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

# The trace generator as the tests run it: built like the driver, so the
# sanitizer builds check it too. It names files as the driver does
# (driver/suite.c's join).
GENTRACE_SOURCES = tools/gentrace.c driver/suite.c
GENTRACE_HEADERS = tools/partial-file.h driver/suite.h config.h
$(BUILD)/gentrace: $(GENTRACE_SOURCES) $(GENTRACE_HEADERS) $(FLAGS_STAMP)
	@mkdir -p $(dir $@)
	$(call say,CC,$@)$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(GENTRACE_SOURCES)

# Programs compiled in their link rule, from a .c and driver objects:
# they depend on $(FLAGS_STAMP) as every compile does (a flags change
# compiles their .c again, not only relinks it because an object
# changed), and the stamp is left out of the link's inputs.
compile_program = $(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(filter %.c %.o,$^) $(LDLIBS)

# libc's malloc replayed with no checks, for callgrind to count its
# instructions against mm's (make bench, part 1c).
$(BUILD)/libc-replay: tools/libc-replay.c $(BUILD)/driver/trace.o $(FLAGS_STAMP)
	$(call say,CC,$@)$(compile_program)

# The ideal-heap tools: each its .c with tools/table.c (their table and
# command line), tools/by-address.h (their search) and the driver's
# objects that read a trace, measure its peak, find the default suite
# and show names; compiled again when a header they include changes.
IDEAL_HEAP_PARTS = tools/table.c tools/table.h tools/by-address.h $(HEADERS) $(BUILD)/driver/trace.o \
                   $(BUILD)/driver/suite.o $(BUILD)/driver/peak.o $(BUILD)/driver/shown.o $(FLAGS_STAMP)

# Placement policies alone, on an ideal heap with no per-block overhead
# (the figures docs/MM.md quotes for first and best fit).
$(BUILD)/placement: tools/placement.c $(IDEAL_HEAP_PARTS)
	$(call say,CC,$@)$(compile_program)

# Placement knowing the whole trace, on the same ideal heap (a lower
# bound on what knowing the future buys; docs/MM.md quotes it).
$(BUILD)/offline: tools/offline.c $(IDEAL_HEAP_PARTS)
	$(call say,CC,$@)$(compile_program)

test-programs: $(BUILD)/mdriver $(TEST_PROGRAMS) $(BROKEN_DRIVERS) $(BUILD)/classic/mdriver \
               $(BUILD)/gentrace $(BUILD)/libc-replay $(BUILD)/placement $(BUILD)/offline

test: test-programs
	BUILD=$(BUILD) prove -f tests/*.t

# Crashes must stay signals (the sandbox names them), so ASan leaves
# SIGSEGV and SIGBUS alone.
asan: export ASAN_OPTIONS = handle_segv=0:handle_sigbus=0:detect_leaks=1
asan: export UBSAN_OPTIONS = print_stacktrace=1
asan:
	$(MAKE) BUILD=build/asan OPT=-O1 \
	  SANITIZE="-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" test

# Two test files at a time: valgrind runs one program on one core, and
# its run of the tests took 9 to 10 of CI's 30 minutes one at a time.
# (make test stays one at a time: bench.t and others time programs.)
VALGRIND_JOBS ?= 2
valgrind: test-programs
	BUILD=$(BUILD) VALGRIND=1 prove -j$(VALGRIND_JOBS) -f tests/*.t

# ---- data and benchmarks ----------------------------------------------------

tools/gentrace: $(GENTRACE_SOURCES) $(GENTRACE_HEADERS)
	$(call say,CC,$@)$(CC) -std=c11 -O2 $(WARN) -o $@ $(GENTRACE_SOURCES)

traces: tools/gentrace
	tools/gentrace suite traces/

bench: $(DRIVER) tools/gentrace $(BUILD)/libc-replay $(BUILD)/placement $(BUILD)/offline
	BENCH_DRIVER=$${BENCH_DRIVER:-$(DRIVER)} BENCH_OBJECTS=$${BENCH_OBJECTS:-$(BUILD)} BENCH_LIBC_REPLAY=$${BENCH_LIBC_REPLAY:-$(BUILD)/libc-replay} \
	  BENCH_PLACEMENT=$${BENCH_PLACEMENT:-$(BUILD)/placement} BENCH_OFFLINE=$${BENCH_OFFLINE:-$(BUILD)/offline} \
	  tools/bench.sh

clean:
	rm -rf build mdriver tools/gentrace

# Feature makefiles (make plot, make grade, make fuzz, ...), one per job.
-include mk/*.mk

# Every allocator on every trace in traces/ at -d 2 (slow: minutes),
# one driver run per allocator, D2_JOBS of them at once (one per core:
# each run replays its traces one after another), each run's table
# printed whole when it ends (-O).
D2_JOBS ?= $(shell nproc 2>/dev/null || echo 1)
check-d2: $(DRIVER)
	@$(MAKE) --no-print-directory -O -j$(D2_JOBS) $$($(DRIVER) --list | awk '{print "check-d2-" $$1}')
check-d2-%:
	$(DRIVER) -a $* -d 2 --no-timing -s 600 $(foreach trace,$(wildcard traces/*.rep),-f $(trace))
