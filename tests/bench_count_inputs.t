#!/usr/bin/env bash
# tools/bench.sh part 1c (instructions per op, callgrind) on traces it
# cannot count: a missing file and a malformed one among good ones in
# BENCH_COUNT_TRACES. The good traces keep their rows, the bad ones are
# listed under Failed runs with the reader's message (file, line, what
# is wrong), and the run ends with exit 1, not in the middle of the part.
# Also a trace whose header has a blank line, which the reader accepts:
# its ops are the ops the trace holds, so mm is counted on it.
# (tests/bench.t checks the part's figures on good traces.)
source "$(dirname "$0")/lib.sh"

if [ "${VALGRIND:-0}" = 1 ]; then
    echo "1..0 # SKIP callgrind under valgrind"
    exit 0
fi
if ! command -v valgrind >/dev/null 2>&1 || nm "$BUILD/mdriver" 2>/dev/null | grep -q __asan_init; then
    echo "1..0 # SKIP part 1c needs valgrind and a build callgrind can run (not a sanitizer's)"
    exit 0
fi

# run_1c SETTING=VALUE...: part 1c alone (lib.sh's run_bench).
run_1c() { run_bench BENCH_LIBC_REPLAY="$BUILD/libc-replay" BENCH_PARTS=1c BENCH_DIR="$TMP_DIR/bench" "$@"; }
# The row of part 1c's table for TRACE: "mm-Ir/op libc-Ir/op ratio".
row() { printf '%s\n' "$out" | awk -v t="$1" '$1 == t { print $2, $3, $4 }'; }

printf '20000\n2\n3\n1\na 0 10\nx 1 5\nf 0\n' >"$TMP_DIR/badop.rep"
run_1c BENCH_COUNT_TRACES="traces/short1.rep $TMP_DIR/missing.rep $TMP_DIR/badop.rep traces/short2.rep"
expect_status "a missing and a malformed trace: part 1c runs to the end, exit 1" 1
good=$(row short1.rep)
if [[ $good =~ ^[0-9.]+\ [0-9.]+\ [0-9.]+x$ ]] && [[ $(row short2.rep) =~ ^[0-9.]+\ [0-9.]+\ [0-9.]+x$ ]]; then
    pass "the good traces before and after them keep their counts ($good)"
else
    fail "the good traces before and after them keep their counts" "$out" "$err"
fi
if [ "$(row missing.rep)" = "- - -" ] && [ "$(row badop.rep)" = "- - -" ]; then
    pass "the missing and the malformed trace's rows are -"
else
    fail "the missing and the malformed trace's rows are -" "$out"
fi
expect_text "the missing trace is listed, with why" stdout \
    "part 1c: mm failed to replay $TMP_DIR/missing.rep under callgrind: mdriver: $TMP_DIR/missing.rep: cannot open: No such file or directory"
expect_text "the malformed trace is listed with its file, line and what was expected" stdout \
    "part 1c: mm failed to replay $TMP_DIR/badop.rep under callgrind: mdriver: $TMP_DIR/badop.rep:6: unknown op 'x 1 5' (expected 'a ID SIZE', 'r ID SIZE' or 'f ID')"
expect_text "libc-replay's failure on it is listed with the reader's message too" stdout \
    "part 1c: libc failed to replay $TMP_DIR/badop.rep under callgrind: libc-replay: $TMP_DIR/badop.rep, read as /dev/stdin:6: unknown op"

# short1.rep with a blank line before its header's op count: the same
# trace to the reader, so the same counts.
awk 'NR == 3 { print "" } { print }' traces/short1.rep >"$TMP_DIR/short1.rep"
run_1c BENCH_COUNT_TRACES="$TMP_DIR/short1.rep"
expect_status "a blank line in the header: part 1c runs to the end" 0
if [ "$(row short1.rep)" = "$good" ]; then
    pass "a blank line in the header: the same counts as short1.rep ($good)"
else
    fail "a blank line in the header: the same counts as short1.rep" "got '$(row short1.rep)', expected '$good'" "$out"
fi
expect_no_text "a blank line in the header: no note that mm cannot be counted" stdout "cannot be counted"

plan "$TEST_NUMBER"
done_testing
