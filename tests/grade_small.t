#!/usr/bin/env bash
# tools/grade in small runs, one or two submissions on one short trace,
# for what tests/grade.t's class run does not reach: how the grader runs
# from a terminal (its stdin open), and what it writes for one case.
source "$(dirname "$0")/lib.sh"
grader_preamble
plan 14

# small_config FILE EXTRA-LINES...: one short trace, short limits
small_config() {
    local file=$1
    shift
    {
        echo "trace_dir = $ROOT/traces"
        echo "trace = short1.rep 1"
        echo "trace_timeout = 20"
        echo "compile_timeout = 30"
        printf '%s\n' "$@"
    } >"$file"
}

mkdir -p "$TMP_DIR/one"
cp tests/submissions/good.c "$TMP_DIR/one/"

# ---- stdin open, as on a terminal --------------------------------------
# With libc_reference = each the grader gave awk an empty file name for
# libc's CSV, and awk read its stdin instead: run from a terminal, the
# grader waited for typed input after "isolation:" and graded nothing.
# Here stdin is a FIFO opened for reading and writing: a read waits, as
# on a terminal, and no writer is left running.
mkfifo "$TMP_DIR/stdin"
small_config "$TMP_DIR/each.conf" "libc_reference = each"
status=0
timeout 90 tools/grade -c "$TMP_DIR/each.conf" -j 1 -o "$TMP_DIR/out-each" "$TMP_DIR/one" \
    0<>"$TMP_DIR/stdin" >"$TMP_DIR/each.log" 2>&1 || status=$?
if [ "$status" = 0 ] && grep -q '^"good",yes,"none",1,1,' "$TMP_DIR/out-each/gradebook.csv" 2>/dev/null; then
    pass "libc_reference = each with stdin open (a terminal's): graded, not waiting for input"
else
    fail "libc_reference = each with stdin open (a terminal's): graded, not waiting for input" \
        "status $status (124: timed out)" "$(tail -3 "$TMP_DIR/each.log")"
fi
small_config "$TMP_DIR/once.conf" "libc_samples = 1"
status=0
timeout 90 tools/grade -c "$TMP_DIR/once.conf" -j 1 -o "$TMP_DIR/out-once" "$TMP_DIR/one" \
    0<>"$TMP_DIR/stdin" >"$TMP_DIR/once.log" 2>&1 || status=$?
if [ "$status" = 0 ] && grep -q -- '--reference-kops [0-9]' "$TMP_DIR/out-once/reports/good.txt" 2>/dev/null; then
    pass "libc_reference = once with stdin open: graded, the timing run given libc's figure"
else
    fail "libc_reference = once with stdin open: graded, the timing run given libc's figure" \
        "status $status" "$(tail -3 "$TMP_DIR/once.log")"
fi

# ---- which perf index the score is -------------------------------------
# The report shows the timing run's perf index (the driver's formula)
# above the score's. With one libc sample the two differed only when the
# config's weights or scale were not the driver's, and the report said
# nothing: 44.8 above, 27.02 below, under a CMU-style scale.
if [ -f "$TMP_DIR/out-once/reports/good.txt" ] && ! grep -qF "(this perf index" "$TMP_DIR/out-once/reports/good.txt"; then
    pass "the driver's scale and one libc sample: no note on which perf index the score is"
else
    fail "the driver's scale and one libc sample: no note on which perf index the score is" \
        "$(sed -n '/^== Score/,$p' "$TMP_DIR/out-once/reports/good.txt" 2>/dev/null)"
fi
small_config "$TMP_DIR/scale.conf" "libc_samples = 1" "util_min = 55" "util_max = 74" \
    "thru_min_ratio = 0.1" "thru_max_ratio = 0.8"
status=0
timeout 90 tools/grade -c "$TMP_DIR/scale.conf" -j 1 -o "$TMP_DIR/out-scale" "$TMP_DIR/one" \
    </dev/null >"$TMP_DIR/scale.log" 2>&1 || status=$?
note=$(grep -F "(this perf index" "$TMP_DIR/out-scale/reports/good.txt" 2>/dev/null)
if [ "$status" = 0 ] && [[ $note == *"it uses this config's trace weights and scale, the timing run's the driver's own"* ]] &&
    [[ $note != *median* ]]; then
    pass "another scale, one libc sample: the report says its perf index is the config's, not the driver's"
else
    fail "another scale, one libc sample: the report says its perf index is the config's, not the driver's" \
        "status $status" "$(sed -n '/^== Score/,$p' "$TMP_DIR/out-scale/reports/good.txt" 2>/dev/null)"
fi

# ---- a handout's own mm_checkheap type ------------------------------------
# A submission built on the CS:APP book's code defines void
# mm_checkheap(int verbose): it did not compile ("conflicting types" with
# mm.h's bool), and scored 0. It is graded, with a note that says why
# its checker is never called.
mkdir -p "$TMP_DIR/book"
{ cat tests/submissions/good.c; printf '\nvoid mm_checkheap(int verbose)\n{\n    (void)verbose;\n}\n'; } \
    >"$TMP_DIR/book/book.c"
small_config "$TMP_DIR/book.conf"
status=0
timeout 90 tools/grade -c "$TMP_DIR/book.conf" -j 1 -o "$TMP_DIR/out-book" "$TMP_DIR/book" \
    </dev/null >"$TMP_DIR/book.log" 2>&1 || status=$?
row=$(grep '^"book",' "$TMP_DIR/out-book/gradebook.csv" 2>/dev/null)
if [ "$status" = 0 ] && [[ $row == '"book",yes,"none",1,1,'* ]] &&
    [[ $row == *"its mm_checkheap has another type than mm.h's bool mm_checkheap(int): built, never called"* ]]; then
    pass "a submission with void mm_checkheap(int) is graded, with a note that its checker is not called"
else
    fail "a submission with void mm_checkheap(int) is graded, with a note that its checker is not called" \
        "status $status" "row: $row" "$(tail -3 "$TMP_DIR/book.log")"
fi

# ---- a refused value's message says what is accepted -------------------
# A negative value was refused as "must be a number >= 0", and 0, the
# value that message invites, was then refused too ("must be > 0").
# expect_config_error LINE TEXT: LINE, the config's fifth, refused with TEXT
expect_config_error() {
    local output status=0
    small_config "$TMP_DIR/bad.conf" "$1"
    output=$(tools/grade -c "$TMP_DIR/bad.conf" -o "$TMP_DIR/out-bad" "$TMP_DIR/one" </dev/null 2>&1) || status=$?
    if [ "$status" = 2 ] && [[ $output == *"bad.conf:5: $2"* ]]; then
        pass "'$1' is refused naming file, line and what is accepted"
    else
        fail "'$1' is refused naming file, line and what is accepted" "status $status" "$output"
    fi
}
expect_config_error "trace_timeout = -3" "trace_timeout must be a number > 0, got '-3'"
expect_config_error "max_score = -1" "max_score must be a number > 0, got '-1'"
expect_config_error "report_limit_kb = -1" "report_limit_kb must be a whole number > 0, got '-1'"
expect_config_error "compile_timeout = -1" "compile_timeout must be a number > 0, got '-1'"
# A value the grader took and mdriver refuses (-s, --give-up: at most
# 1e6) stopped the run after the driver's build with "libc's run ...
# produced no results", naming no line (trace_timeout), or ran every
# submission's check into a usage error: each row scored 0 with "the
# driver produced no results" (give_up_after_timeouts).
expect_config_error "trace_timeout = 2000000" "trace_timeout must be at most 1000000 (seconds), got '2000000'"
expect_config_error "give_up_after_timeouts = 2000000" \
    "give_up_after_timeouts must be a whole number from 0 (never) to 1000000, got '2000000'"
# Limits are used in bash's 64-bit arithmetic, which wrapped a value this
# big to a negative or small one without a word (memory_limit_mb to a
# ulimit -v it could not mean, static_data_limit to a limit every
# submission broke).
expect_config_error "memory_limit_mb = 99999999999999999999" \
    "memory_limit_mb must be a whole number (0: no limit), at most 1000000000, got '99999999999999999999'"
expect_config_error "static_data_limit = 18446744073709551617" \
    "static_data_limit must be a whole number of bytes, at most 1000000000, got '18446744073709551617'"
# A config saved by an editor that starts the file with a byte-order
# mark (Windows Notepad) was refused at line 1, "expected 'key = value'
# ..., got: trace_dir = ...", quoting a line that looks right: the mark
# does not print. It is read as a config without it (as CRLF line ends
# are), here as far as line 5's own mistake.
small_config "$TMP_DIR/bom.conf" "trace_timeout = -3"
sed -i '1s/^/\xef\xbb\xbf/' "$TMP_DIR/bom.conf"
status=0
output=$(tools/grade -c "$TMP_DIR/bom.conf" -o "$TMP_DIR/out-bad" "$TMP_DIR/one" </dev/null 2>&1) || status=$?
if [ "$status" = 2 ] && [[ $output == *"bom.conf:5: trace_timeout must be a number > 0, got '-3'"* ]]; then
    pass "a config that starts with a byte-order mark is read past its first line"
else
    fail "a config that starts with a byte-order mark is read past its first line" "status $status" "$output"
fi
