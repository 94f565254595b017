# mk/fuzz.mk - make fuzz: fuzz the .rep reader (driver/trace.c) with libFuzzer.
#
#   make fuzz [FUZZ_SECS=60]   build build/fuzz/fuzz_trace with clang and run it
#                              for FUZZ_SECS seconds; non-zero exit on a finding
#
# Seeds: traces/*.rep, tests/bad-traces/*.rep, tests/fuzz/regressions/*.
# The working corpus (build/fuzz/corpus) persists between runs and is not
# committed. A crashing input is left in build/fuzz/artifacts/: copy it to
# tests/fuzz/regressions/ once fixed (tests/fuzz_regressions.t replays them).

FUZZ_SECS  ?= 60
FUZZ_CC    ?= clang
FUZZ_DIR    = build/fuzz
FUZZ_BIN    = $(FUZZ_DIR)/fuzz_trace
FUZZ_CFLAGS = -std=c11 -O1 -g -Wall -Wextra -Werror -I. \
              -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
              -fno-omit-frame-pointer
# max_len: twice TRACE_MAX_LINE_BYTES, so inputs reach the line limit.
FUZZ_ARGS   = -max_len=8192 -timeout=10 -rss_limit_mb=2048 \
              -dict=tests/fuzz/trace.dict -print_final_stats=1 \
              -artifact_prefix=$(FUZZ_DIR)/artifacts/

.PHONY: fuzz fuzz-build

fuzz-build: $(FUZZ_BIN)

$(FUZZ_BIN): tests/fuzz/fuzz_trace.c driver/trace.c driver/trace.h
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -o $@ tests/fuzz/fuzz_trace.c driver/trace.c

fuzz: $(FUZZ_BIN)
	@rm -rf $(FUZZ_DIR)/seeds
	@mkdir -p $(FUZZ_DIR)/seeds $(FUZZ_DIR)/corpus $(FUZZ_DIR)/artifacts
	@for f in traces/*.rep tests/bad-traces/*.rep tests/fuzz/regressions/*; do \
	  if [ -f "$$f" ]; then cp "$$f" "$(FUZZ_DIR)/seeds/$$(echo "$$f" | tr / _)"; fi; \
	done
	@echo "fuzz: $(FUZZ_SECS) s, seeds: $$(ls $(FUZZ_DIR)/seeds | wc -l), corpus: $$(ls $(FUZZ_DIR)/corpus | wc -l)"
	@{ $(FUZZ_BIN) $(FUZZ_ARGS) -max_total_time=$(FUZZ_SECS) \
	     $(FUZZ_DIR)/corpus $(FUZZ_DIR)/seeds 2>&1; echo $$? >$(FUZZ_DIR)/status; } \
	   | tee $(FUZZ_DIR)/fuzz.log
	@status=$$(cat $(FUZZ_DIR)/status); \
	 execs=$$(sed -n 's/^stat::number_of_executed_units: *//p' $(FUZZ_DIR)/fuzz.log); \
	 last=$$(grep -E '^#[0-9]+' $(FUZZ_DIR)/fuzz.log | tail -1); \
	 echo "fuzz: execs $${execs:-?}; last: $$last"; \
	 if [ "$$status" != 0 ]; then \
	   echo "fuzz: FINDING (exit $$status): see $(FUZZ_DIR)/fuzz.log and $(FUZZ_DIR)/artifacts/" >&2; \
	   exit 1; \
	 fi
