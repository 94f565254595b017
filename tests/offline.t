#!/usr/bin/env bash
# tools/offline.c: placement knowing the whole trace, on the ideal heap
# of tools/placement.c. Tiny traces whose heap under each order is worked
# out by hand below (every size a multiple of 16, so the figures hold at
# ALIGNMENT 8 and 16), one where the greedy misses the least heap, the
# default suite under the ceiling and its start order equal to
# build/placement's first fit, and bad traces and arguments refused with
# the right message and status.
#
# In the comments, vN is the Nth version (a or r op) of a trace, [s,e)
# the ops it lives at: from its a or r op; to its f op, or one past the r
# op that replaces it, or the end of the trace.
source "$(dirname "$0")/lib.sh"

offline=$BUILD/offline

# expect_table_row's ROW (tests/lib.sh): ceiling size start area best,
# by default.
table_program=$offline

# v0 16 [0,2), v1 16 [1,4), v2 32 [3,4). In the trace's order v0 takes
# [0,16) and v1 [16,32); v0's hole is too small for v2, which goes to 32:
# heap 64 for a peak payload of 48 (75.0%). By decreasing size v2 goes
# first, at 0; v1 (live with it) above it at 32; v0, which ends before v2
# starts, at 0 too: heap 48. By area (v1 48, then v0 and v2 32 each, the
# longer life first): v1 at 0, v0 at 16, v2 at 16 (v0 is gone): 48.
write_small_trace size-first 'a 0 16' 'a 1 16' 'f 0' 'a 2 32'
expect_table_row "decreasing size beats the trace's order: the big block first, the small ones around it" \
    size-first "100.0% 100.0% 75.0% 100.0% 100.0%"

# v0 16 [0,2), v1 32 [1,4), v2 48 [3,4): block 1 grows at op 3. By size
# v2 goes at 0 and v1, its partner, in place at 0 under it (the two
# overlap in address at op 3, which only a realloc's pair may); v0 above
# v1 at 32: heap 48. In the trace's order v1 sits at [16,48) above v0
# and grows in place to [16,64): 75.0%. (Were the pair's overlap refused,
# the size order's heap would be 80.)
write_small_trace in-place 'a 0 16' 'a 1 32' 'f 0' 'r 1 48'
expect_table_row "a realloc in place: old and new copy share an address, the heap holds the larger" \
    in-place "100.0% 100.0% 75.0% 100.0% 100.0%"

# The trace's order cannot grow block 1 in place: v1 [16,48) has v2 at
# [48,64) above it and only the 16-byte hole [0,16) below. v3, 48 bytes,
# goes to the top at 64 while v1 is still held: heap 112 for 64 bytes
# of peak payload, 57.1%, as build/placement's first fit (had the old
# copy been let go first, v3 would fit at 0: heap 64). Knowing the
# future, by size: v3 at 0, v1 in place at 0, v0 [0,3) at 32 above v1,
# v2 [2,5) at 48 above v3: heap 64.
write_small_trace move-held 'a 0 16' 'a 1 32' 'a 2 16' 'f 0' 'r 1 48'
expect_table_row "a realloc that moves holds both copies at its op; knowing the future it need not move" \
    move-held "100.0% 100.0% 57.1% 100.0% 100.0%"

# A zero-byte block occupies nothing: 32 + 16 bytes in a heap of 48 (a
# zero-byte block given ALIGNMENT bytes would make it 56 or 64).
write_small_trace zero 'a 0 0' 'a 1 32' 'a 2 16'
expect_table_row "a zero-byte block takes no room" zero "100.0% 100.0% 100.0% 100.0% 100.0%"
# Only zero-byte blocks: no payload and no heap, no figure at all.
write_small_trace all-zero 'a 0 0' 'r 0 0' 'f 0'
expect_table_row "a trace of zero-byte blocks has no figures, and is no error" all-zero "- - - - -"

# The greedy is a heuristic. v0 48 [0,3), v1 32 [1,5), v2 48 [2,4) and
# v3 32 [3,6) (block 0 grown to the same size, then shrunk), v4 32 [4,6).
# Every order puts block 0 at 0 and v1 above it at 48; v3 shrinks in
# place, and at op 4 v4 finds [32,48) too small: heap 112, 85.7% (-c as
# well). The least heap is 96: v1 at 0, block 0's versions at 32, v4 at
# 64 (v2 [32,80) is gone by op 4), 100%.
write_small_trace heuristic 'a 0 48' 'a 1 32' 'r 0 48' 'r 0 32' 'a 2 32' 'f 1'
expect_table_row "the greedy is not optimal: every order misses the least heap (a lower bound)" heuristic \
    "100.0% 85.7% 85.7% 85.7% 85.7%"
table_options=(-c)
expect_table_row "... -c as well" heuristic "100.0% 85.7% 85.7% 85.7% 85.7%"
table_options=()

# v0 48 [0,3), v1 48 [1,6), v2 32 [2,4) (block 0 shrunk), v3 32 [3,6), v4
# 32 [5,6) (block 1 shrunk). By size: v1 at 0, v0 at 48; v3, next, also at
# 48 (v0 is gone by op 3), so v2 cannot stay in place under it and goes
# to 96 while v0 is held: heap 128, 87.5%, and the other orders as badly.
# With -c, v0's chain follows it at once: v2 at 48, v4 at 0 with v1, and
# v3 finds [80,112): heap 112, 100% (by area too; in the trace's order
# v3 comes after v1 has taken [48,96) and still goes to 96).
write_small_trace chains 'a 0 48' 'a 1 48' 'r 0 32' 'a 2 32' 'f 0' 'r 1 32'
expect_table_row "without -c the next block takes the room a shrunk block stays in" chains \
    "100.0% 87.5% 87.5% 87.5% 87.5%"
table_options=(-c)
expect_table_row "-c: a block's other sizes are placed with it, and the heap is the least" chains \
    "100.0% 100.0% 87.5% 100.0% 100.0%"
table_options=()

run_binary "$offline" -o area -o size "$TMP_DIR/size-first.rep"
header=$(printf '%s\n' "$out" | head -1 | tr -s ' ')
if [ "$status" = 0 ] && [ "$header" = "trace ceiling area size best" ]; then
    pass "-o chooses the orders and their columns' order, and best follows them"
else
    fail "-o chooses the orders and their columns' order, and best follows them" "status $status" "$out"
fi
table_options=(-o start)
expect_table_row "one order: no best column" size-first "100.0% 75.0%"
table_options=()

# The default suite: one row a trace and a mean; every figure above 0 and
# at most the ceiling; best the highest; start the same figure as
# build/placement -p first (the trace's order is first fit). Run from the
# top of the tree, where the default suite's paths (traces/...) lead.
run_binary "$offline"
offline_out=$out offline_status=$status offline_err=$err
rows=$(printf '%s\n' "$offline_out" | awk 'NR > 1 && $1 != "mean"' | wc -l)
bad=$(printf '%s\n' "$offline_out" | awk 'NR > 1 {
    gsub("%", ""); best = 0
    for (c = 3; c <= 5; c++) { if (!($c > 0 && $c <= $2)) print $1; if ($c > best) best = $c }
    if ($6 != best) print $1 " (best)" }')
if [ "$offline_status" = 0 ] && [ "$rows" = 11 ] && [ -z "$bad" ] &&
    [[ $(printf '%s\n' "$offline_out" | tail -1) == mean* ]]; then
    pass "the default suite: 11 traces and a mean, every figure above 0 and at most the ceiling"
else
    fail "the default suite: 11 traces and a mean, every figure above 0 and at most the ceiling" \
        "status $offline_status, $rows rows, out of bounds: ${bad:-none}" "$offline_out" \
        "stderr: $offline_err"
fi
run_binary "$BUILD/placement" -p first
if [ "$status" = 0 ] && [ -n "$offline_out" ] &&
    [ "$(printf '%s\n' "$offline_out" | awk '{ print $1, $2, $4 }')" = \
      "$(printf '%s\n' "$out" | awk '{ print $1, $2, ($1 == "trace" ? "start" : $3) }')" ]; then
    pass "the default suite: offline's start order gives build/placement's first fit, trace by trace"
else
    fail "the default suite: offline's start order gives build/placement's first fit, trace by trace" \
        "status $status" "offline:" "$offline_out" "placement -p first:" "$out"
fi
# -c on the realloc traces, where it moves figures most.
run_binary "$offline" -c traces/realloc.rep traces/realloc2.rep
bad=$(printf '%s\n' "$out" | awk 'NR > 1 { gsub("%", ""); for (c = 3; c <= NF; c++) if (!($c > 0 && $c <= $2)) print $1 }')
if [ "$status" = 0 ] && [ -z "$bad" ] && [ "$(printf '%s\n' "$out" | wc -l)" = 4 ]; then
    pass "-c on realloc.rep and realloc2.rep: every figure above 0 and at most the ceiling"
else
    fail "-c on realloc.rep and realloc2.rep: every figure above 0 and at most the ceiling" \
        "status $status, out of bounds: ${bad:-none}" "$out" "stderr: $err"
fi

expect_bad_trace_reported size-first "100.0% 100.0% 75.0% 100.0% 100.0%"
run_binary "$offline" "$TMP_DIR/no-such.rep"
expect_status "a missing trace: exit 1" 1
expect_text "a missing trace is named" stderr "offline: $TMP_DIR/no-such.rep"

# A name with an escape, a tab, a C1 control (U+0085) and an accent: shown
# as build/placement and the driver's tables show it (driver/shown.c),
# each control as '?', and the name column as wide as its characters.
odd_name=$'odd\e[31m\tna\xc2\x85m\xc3\xa9-with-a-long-name.rep'
shown_name=$'odd?[31m?na?m\xc3\xa9-with-a-long-name.rep' # 35 columns, as wide as "mean" pads
cp "$TMP_DIR/size-first.rep" "$TMP_DIR/$odd_name"
run_binary "$offline" -o size "$TMP_DIR/size-first.rep" "$TMP_DIR/$odd_name"
expected=$(printf '%-35s %8s %8s\n' trace ceiling size size-first.rep 100.0% 100.0%)
expected+=$'\n'"$shown_name   100.0%   100.0%"$'\n'
expected+=$(printf '%-35s %8s %8s' mean 100.0% 100.0%)
if [ "$status" = 0 ] && [ "$out" = "$expected" ]; then
    pass "a trace's name shows control characters as '?', and the columns line up by characters"
else
    fail "a trace's name shows control characters as '?', and the columns line up by characters" \
        "status $status" "$(printf '%s\n' "$out" | od -c | head -8)"
fi
run_binary "$offline" "$TMP_DIR/no-such"$'\e'"[2J.rep"
expect_text "a message quoting a trace's path shows its control characters as '?' too" stderr \
    "offline: $TMP_DIR/no-such?[2J.rep: "

# ARGUMENTS|WHAT THE MESSAGE NAMES (an -o takes the word after it, a trace
# or not, as its order)
trace=$TMP_DIR/size-first.rep
expect_usage "$trace" "-o worst $trace|-o worst (size, start" "-o|-o" "-o $trace|-o $trace (size" \
    "-o size -o size $trace|-o size (size, start or area, each at most once)" "-x $trace|-x" \
    "-c -c $trace|-c (once)"

plan "$TEST_NUMBER"
done_testing
