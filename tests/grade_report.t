#!/usr/bin/env bash
# tools/grade's report on one submission: the timing run's command, as
# the report shows it, is the command that ran. The grader gives that
# run libc's first sample with --reference-kops, so the driver's perf
# index in the report is scored against it; the report showed the
# command without it, and the same command run by hand (which times
# libc afresh) gave a different index with nothing to say why.
source "$(dirname "$0")/lib.sh"
if [ "${VALGRIND:-0}" = 1 ] || [[ $BUILD == *asan* ]]; then
    echo "1..0 # SKIP the grader builds and runs its own plain binaries: this is make test's run again"
    exit 0
fi
cd "$(dirname "$0")/.." || exit 1
ROOT=$PWD
trap 'chmod -R u+w "$TMP_DIR" 2>/dev/null; rm -rf "$TMP_DIR"' EXIT
plan 3

OUT=$TMP_DIR/out
mkdir -p "$TMP_DIR/one"
cp tests/submissions/good.c "$TMP_DIR/one/"
{
    grep -v -E '^[[:space:]]*(trace|trace_dir)[[:space:]]*=' tools/grade.conf
    echo "trace_dir = $ROOT/traces"
    echo "trace = short1.rep 1"
    echo "trace = coalescing.rep 1"
    echo "trace_timeout = 5"
    echo "compile_timeout = 30"
    echo "libc_samples = 2"
} >"$TMP_DIR/grade.conf"
status=0
tools/grade -c "$TMP_DIR/grade.conf" -o "$OUT" "$TMP_DIR/one" >"$TMP_DIR/grade.out" 2>&1 || status=$?
expect_status "the grader grades the one submission" 0

first=$(awk -F, '$1 == "\"libc\"" && $2 == "\"(total)\"" { print $7 }' "$OUT/work/_grader/libc.csv")
shown=$(grep -A1 '^== Throughput' "$OUT/reports/good.txt" | tail -1)
if [ -n "$first" ] && printf '%s' "$shown" | grep -qF -- "--reference-kops $first"; then
    pass "the report's timing command shows --reference-kops $first, libc's first sample"
else
    fail "the report's timing command shows --reference-kops, libc's first sample" \
        "first sample '$first'" "shown: $shown"
fi
if printf '%s' "$shown" | grep -qF -- "--csv timing.csv"; then
    pass "the report's timing command still names its CSV"
else
    fail "the report's timing command still names its CSV" "shown: $shown"
fi
done_testing
