#!/usr/bin/env bash
# build/placement and build/offline (tools/table.c): a trace that cannot
# be read has a row of "-" and is left out of the mean row, which is then
# over fewer traces than the table shows. The mean row itself cannot
# say so (bench.sh part 1d reads it by its name), so stderr does, per
# column, as mdriver marks an average over fewer traces with '*'. With
# every trace read, nothing more is said.
source "$(dirname "$0")/lib.sh"

write_small_trace one 'a 0 8' 'f 0'
printf '20\n2\n3\n1\na 0 8\nx 1\nf 0\n' >"$TMP_DIR/bad.rep"
for tool in placement offline; do
    run_binary "$BUILD/$tool" "$TMP_DIR/one.rep" "$TMP_DIR/bad.rep" "$TMP_DIR/missing.rep"
    if [ "$tool" = placement ]; then columns="ceiling 1, first 1, best 1, next 1"
    else columns="ceiling 1, size 1, start 1, area 1, best 1"; fi
    expect_status "$tool: two of three traces unreadable: exit 1" 1
    expect_text "$tool: stderr says over how many traces each mean is" stderr \
        "$tool: the means are over fewer than the table's 3 traces: $columns"
    run_binary "$BUILD/$tool" "$TMP_DIR/one.rep" "$TMP_DIR/one.rep"
    expect_status "$tool: every trace read: exit 0" 0
    if [ -z "$err" ]; then pass "$tool: every trace read: nothing on stderr"; else
        fail "$tool: every trace read: nothing on stderr" "$err"; fi
done

plan "$TEST_NUMBER"
done_testing
