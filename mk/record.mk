# mk/record.mk - the malloc recorder (tools/record): a preloaded library
# that logs a program's malloc calls, and log2rep, which makes the log a
# .rep trace.
#
#   make recorder
#   tools/record -o OUT.rep -- COMMAND [ARGS...]
#
# The library is loaded into other programs, so it is never built with
# the sanitizers (their runtimes must come first in a process), nor is
# the test program it records (tests/record/program.c). log2rep is built
# like the driver, so the sanitizer builds check it.

.PHONY: recorder

recorder: $(BUILD)/recorder/libmalloc-record.so $(BUILD)/recorder/log2rep

$(BUILD)/recorder/libmalloc-record.so: tools/recorder/preload.c tools/recorder/event.h
	@mkdir -p $(dir $@)
	$(CC) -std=c11 $(OPT) -g $(WARN) -shared -fPIC -o $@ $<

$(BUILD)/recorder/log2rep: tools/recorder/log2rep.c tools/recorder/event.h tools/partial-file.h $(FLAGS_STAMP)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $<

$(BUILD)/recorder/program: tests/record/program.c
	@mkdir -p $(dir $@)
	$(CC) -std=c11 $(OPT) -g $(WARN) -pthread -o $@ $<

# A program whose library's constructor execs (tests/record/exec-early.c).
$(BUILD)/recorder/libexec-early.so: tests/record/exec-early.c
	@mkdir -p $(dir $@)
	$(CC) -std=c11 $(OPT) -g $(WARN) -shared -fPIC -o $@ $<

$(BUILD)/recorder/exec-early: tests/record/exec-early-main.c $(BUILD)/recorder/libexec-early.so
	@mkdir -p $(dir $@)
	$(CC) -std=c11 $(OPT) -g $(WARN) -o $@ $< -L$(BUILD)/recorder -lexec-early \
	    -Wl,-rpath,'$$ORIGIN'

test-programs: recorder $(BUILD)/recorder/program $(BUILD)/recorder/exec-early

# Record traces/recorded/ again (tools/recorder/suite.sh): similar files,
# not the same bytes (see traces/README.md, "Recorded programs").
.PHONY: recorded-traces
recorded-traces: recorder
	tools/recorder/suite.sh traces/recorded
