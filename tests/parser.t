#!/usr/bin/env bash
# Malformed traces through the whole driver: each gets its FILE:LINE:
# message and a non-zero exit, and never costs another trace its result.
source "$(dirname "$0")/lib.sh"

while IFS='|' read -r trace expected; do
    case $trace in '#'*|'') continue ;; esac
    run_driver -f "tests/bad-traces/$trace" --no-timing
    if [ "$status" = 1 ] && printf '%s' "$err" | grep -qF -- "tests/bad-traces/$expected"; then
        pass "$trace: exit 1 and '$expected'"
    else
        fail "$trace: exit 1 and '$expected'" "status $status" "stderr: $err"
    fi
done < tests/bad-traces/EXPECT

run_driver -v --no-timing -f traces/short1.rep -f tests/bad-traces/double-free.rep -f traces/short2.rep
expect_status "a bad trace among good ones makes the exit status 1" 1
expect_text "the good trace before it still has its result" stdout "short1.rep               yes"
expect_text "the good trace after it still has its result" stdout "short2.rep               yes"
expect_text "the bad trace is marked invalid in the table" stdout "double-free.rep           no"

run_driver -f /nonexistent/trace.rep --no-timing
expect_status "a missing trace file exits 1" 1
expect_text "a missing trace file is named" stderr "/nonexistent/trace.rep: cannot open"

# Files with no line ends: the reader refuses the first line once it
# passes the limit, without reading the rest into memory (it grew one
# line to gigabytes). timeout: the old reader never finished.
truncate -s 8G "$TMP_DIR/sparse.rep"
for trace in /dev/zero "$TMP_DIR/sparse.rep"; do
    run_binary timeout 60 "$BUILD/mdriver" -v --no-timing -f "$trace" -f traces/short1.rep
    expect_status "$trace, no line ends: exit 1" 1
    expect_text "$trace: refused at line 1 for its length" stderr \
        "$trace:1: line longer than 4096 bytes, the most a trace line may be"
    expect_text "$trace: the good trace after it still has its result" stdout \
        "short1.rep               yes"
done
rm -f "$TMP_DIR/sparse.rep"

# A trace deep in folders (a path of 600 bytes; a path may have 4095)
# still gets its line and what is wrong: the message was the path alone,
# cut at the size of the message.
deep=$TMP_DIR
for _ in 1 2 3; do deep=$deep/$(printf 'd%.0s' {1..200}); done
mkdir -p "$deep"
cp tests/bad-traces/trailing.rep "$deep/deep.rep"
run_driver -f "$deep/deep.rep" --no-timing
expect_status "a bad trace with a long path exits 1" 1
expect_text "... and its message keeps the file name, the line and what is wrong" stderr \
    "/deep.rep:$(grep -F 'trailing.rep|' tests/bad-traces/EXPECT | cut -d'|' -f2 | cut -d: -f2-)"
expect_text "... and the start of its path" stderr "mdriver: ${TMP_DIR:0:20}"
run_driver -f "$deep/$(printf 'x%.0s' {1..4000})/missing.rep" --no-timing
expect_text "a path too long to open: the message says why" stderr \
    "/missing.rep: cannot open: File name too long"
rm -rf "$TMP_DIR/d"*

plan "$TEST_NUMBER"
done_testing
