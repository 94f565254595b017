#!/usr/bin/env bash
# tools/placement.c: placement policies on an ideal heap with no
# per-block overhead. Tiny traces whose utilization under each policy is
# worked out by hand below (every size a multiple of 16, so the figures
# hold at ALIGNMENT 8 and 16), the growers rule on tiny traces and on the
# default suite, the default suite under the ceiling, and bad traces and
# arguments refused with the right message and status.
source "$(dirname "$0")/lib.sh"

placement=$BUILD/placement

# expect_table_row's ROW (tests/lib.sh): ceiling first best next, by
# default.
table_program=$placement

# Free [0,64) and [80,112) below live blocks at 64 and 112, top 128. A
# 32-byte block: first and next fit (the rover at 128 wraps to 0) put it at
# 0, best fit in the 32-byte hole at 80. Then 64 bytes: only best fit
# still has a 64-byte hole ([0,64)); first and next fit extend the top to
# 192. Peak payload 128: best 128/128, first and next 128/192.
write_small_trace first-best 'a 0 64' 'a 1 16' 'a 2 32' 'a 3 16' 'f 0' 'f 2' 'a 4 32' 'a 5 64'
expect_table_row "first and next fit extend the heap where best fit reuses a hole" first-best \
    "100.0% 66.7% 100.0% 66.7%"

# Free [0,32) and [48,64), the rover at 48 (the last placement filled
# [32,48)). 16 bytes: first fit at 0, splitting the big hole; best fit
# (exact) and next fit (from the rover) at 48. 32 bytes then fit only
# for best and next fit ([0,32)); first fit extends the top from 80 to
# 112. Peak payload 80: first 80/112.
write_small_trace next-best 'a 0 32' 'a 1 16' 'a 2 16' 'a 3 16' 'f 1' 'a 4 16' 'f 0' 'f 2' \
    'a 5 16' 'a 6 32'
expect_table_row "first fit splits the hole next and best fit leave whole" next-best \
    "100.0% 71.4% 100.0% 100.0%"

# Block 1 ends at the top: realloc grows it there (top 80), no move.
write_small_trace grow-at-top 'a 0 16' 'a 1 32' 'r 1 64' 'f 0'
expect_table_row "a realloc at the top grows in place, extending the top" grow-at-top \
    "100.0% 100.0% 100.0% 100.0%"

# Block 1 at [16,48) is hemmed in by block 2; the free hole [0,16) is too
# small, so growing it to 48 bytes moves it to the top, [64,112), while
# [16,48) is still held. Peak payload 64 (16 + 32 + 16, then 16 + 48), heap
# 112: 57.1%. (Freeing first would place it at 0 in a heap of 64.)
write_small_trace move-held 'a 0 16' 'a 1 32' 'a 2 16' 'f 0' 'r 1 48'
expect_table_row "a realloc that must move holds both copies: the heap counts both" move-held \
    "100.0% 57.1% 57.1% 57.1%"

# No arena caps a block in the model: a block bigger than the driver's
# default arena (128 MiB) was refused, with advice to give -H, which the
# tool does not take. 200 MiB then 16 bytes; the heap holds both.
write_small_trace big 'a 0 209715200' 'a 1 16'
expect_table_row "a block bigger than the driver's default arena is placed" big \
    "100.0% 100.0% 100.0% 100.0%"

# Shrinking block 0 from 64 to 16 frees [16,64), where the 48-byte block
# then goes: the heap stays 80 for a peak payload of 80.
write_small_trace shrink 'a 0 64' 'a 1 16' 'r 0 16' 'a 2 48'
expect_table_row "a shrinking realloc frees its tail for the next block" shrink \
    "100.0% 100.0% 100.0% 100.0%"

# -r compact, mm.c's realloc rule: a resized block first moves to a fit
# below it, or slides down into the free space just below it.
# Block 2 at [48,64) ends at the top: by default it grows there (top 80,
# peak payload 64: 80.0%); with -r compact it moves to the 32-byte hole
# at 0, below it though not next to it (block 1 lies between), and the
# heap stays 64 (next fit takes the lowest fit below too).
write_small_trace move-below 'a 0 32' 'a 1 16' 'a 2 16' 'f 0' 'r 2 32'
expect_table_row "by default a realloc at the top grows there, over a hole below" move-below \
    "100.0% 80.0% 80.0% 80.0%"
table_options=(-r compact)
expect_table_row "-r compact: it moves down into the hole instead" move-below \
    "100.0% 100.0% 100.0% 100.0%"
# move-held above: the hole [0,16) below block 1 is too small for 48
# bytes, but the hole and the block's own 32 bytes hold them: it slides
# down to [0,48) and the heap stays 64 (57.1% by default).
expect_table_row "-r compact: a block slides down into the free space just below it" move-held \
    "100.0% 100.0% 100.0% 100.0%"
# Shrinking with a hole below: block 1 [32,64) shrinks to 16 and moves
# down to [0,16) (by default it stays, and block 2 extends the top to
# 96: 66.7%); [16,64) is free, and the 48-byte block 2 fits there.
write_small_trace shrink-slide 'a 0 32' 'a 1 32' 'f 0' 'r 1 16' 'a 2 48'
expect_table_row "-r compact: a shrinking block slides down too, and the space above it merges" shrink-slide \
    "100.0% 100.0% 100.0% 100.0%"
table_options=(-r grow)
expect_table_row "-r grow is the default" move-held "100.0% 57.1% 57.1% 57.1%"

# -p growers (docs/MM.md's online rule for growing buffers; the top of
# tools/placement.c): a grower is a block resized upward K times (-k,
# default 1) and never shrunk; new blocks keep out of a grower's room,
# a grower slides within the free space around it, and the top is kept
# 9% of the growers' peak above the lowest grower, raised ahead of need.
# Against first fit with mm's realloc rule (-r compact), whose figures
# are worked out as above.
table_options=(-p first -p growers -r compact)

# Small blocks 0 [0,32) and 1 [32,64), buffer 2 [64,80); block 0 freed.
# r 2 1600: buffer 2 ends at the top and grows there, [64,1664), under
# both (first fit cannot move it down: [0,32) is too small, and not just
# below it). growers: it is now a grower, and the top is raised by 9% of
# 1600, 144, to 1808 ([1664,1808) free). a 3 32: [0,32) under both (no
# grower beside it). a 4 32: first fit has no hole and extends the top,
# [1664,1696); growers' one hole, [1664,1808), has the grower below it,
# so the block goes to its high end, [1776,1808), and 112 bytes stay
# above the buffer; the free space from the grower up is 112, under 144:
# the top is raised by 32 to 1840. r 2 1712 (112 more): first fit's
# buffer has block 4 after it, no fit below and no hole of 1712: it moves
# to the top, [1696,3408). The grower's room, itself and the 112 bytes
# after it, holds 1712: it stays at 64 (the block below it, 1, is no
# grower and gets no share), [64,1776); the growers' peak is now 1712,
# 9% of it 154.08, and 32 bytes are free: the top is raised by 123,
# rounded up to 128 (at ALIGNMENT 8 and 16), to 1968. Peak payload 1808
# (32 + 32 + 32 + 1712): first 1808/3408, growers 1808/1968.
write_small_trace grower-room 'a 0 32' 'a 1 32' 'a 2 16' 'f 0' 'r 2 1600' 'a 3 32' 'a 4 32' \
    'r 2 1712'
expect_table_row "growers: a new block leaves a grower room above it, where it then grows" \
    grower-room "100.0% 53.1% 91.9%"
# -k 2: r 2 1600 is the buffer's first growth, so it is no grower yet
# and grows at the top by mm's rule, with no headroom (top 1664); a 4 32
# then goes to the top too, [1664,1696), as under first fit. r 2 1712
# makes it a grower, with no room (block 4 after it) and no hole: it
# moves to the top, [1696,3408), and the top is raised by 155 (9% of
# 1712, rounded up), rounded up to 160: 1808/3568.
table_options=(-p growers -k 2)
expect_table_row "growers -k 2: a block is a grower only from its second growth" grower-room \
    "100.0% 50.7%"
table_options=(-p first -p growers -r compact)

# Blocks 0 [0,16), 1 [16,1600), 2 [1600,1616), 3 [1616,1984), 4
# [1984,2016), 5 [2016,2416): peak payload 2416. Blocks 1, 3 and 5 freed.
# r 0 1600: block 0 grows in place to [0,1600) under both (growers: the
# free space from it up, 368 + 400, is over 9% of 1600). r 2 32: first
# fit grows block 2 in place, [1600,1632). growers: its room is
# [1600,1984), with grower 0 below and block 4 (no grower) above, so all
# of the spare goes below it: it slides up to [1952,1984). r 0 1952:
# growers' block 0 grows in place into [1600,1952) (9% of the peak, 1984,
# is 179, under the 400 free at [2016,2416): no raise), the heap stays
# 2416. First fit's is hemmed in by block 2 and no hole holds 1952: it
# moves to the top from 2016, where [2016,2416) is free, to 3968.
write_small_trace grower-slides-up 'a 0 16' 'a 1 1584' 'a 2 16' 'a 3 368' 'a 4 32' 'a 5 400' \
    'f 1' 'f 3' 'f 5' 'r 0 1600' 'r 2 32' 'r 0 1952'
expect_table_row "growers: a grower slides up, leaving the grower below it room" \
    grower-slides-up "100.0% 60.9% 100.0%"
table_options=()

# The shipped suite under growers: every figure above 0 and at most the
# ceiling, and no invariant broken (the heap tiled by free ranges and
# blocks however they slid, the growers' set and the headroom: the top of
# tools/placement.c); realloc.rep, the trace the rule is for, above first
# fit with mm's realloc rule.
run_binary "$placement" -p first -p growers -r compact
bad=$(printf '%s\n' "$out" | awk 'NR > 1 {
    gsub("%", ""); for (c = 3; c <= NF; c++) if (!($c > 0 && $c <= $2)) print $1 }')
realloc_row=$(printf '%s\n' "$out" | awk '$1 == "realloc.rep" { gsub("%", ""); print $3, $4 }')
if [ "$status" = 0 ] && [ -z "$err" ] && [ -z "$bad" ] &&
    awk -v row="$realloc_row" 'BEGIN { split(row, f, " "); exit !(f[2] > f[1]) }'; then
    pass "growers on the default suite: no invariant broken; realloc.rep above first fit's"
else
    fail "growers on the default suite: no invariant broken; realloc.rep above first fit's" \
        "status $status, out of bounds: ${bad:-none}, realloc.rep first and growers: $realloc_row" \
        "$out" "stderr: $err"
fi

# docs/MM.md quotes the rule's figures on the shipped realloc.rep, K = 1
# and K = 3, as build/placement prints them: the quote is checked
# against the tool, so a change to the rule must change the docs too.
growers_figure() {
    "$placement" -p growers "$@" traces/realloc.rep | awk '$1 == "realloc.rep" { print $3 }'
}
quoted=$(tr '\n' ' ' <docs/MM.md | sed -n 's/.*`realloc.rep` reaches \([0-9.]*%\) with K = 1 and \([0-9.]*%\) with K = 3.*/\1 \2/p')
printed="$(growers_figure) $(growers_figure -k 3)"
if [ -n "$quoted" ] && [ "$quoted" = "$printed" ]; then
    pass "docs/MM.md's figures for growers on realloc.rep are build/placement's"
else
    fail "docs/MM.md's figures for growers on realloc.rep are build/placement's" \
        "quoted: '${quoted}', printed: '$printed'"
fi

run_binary "$placement" -p best -p first "$TMP_DIR/first-best.rep"
if [ "$status" = 0 ] && [[ $out == "trace "*" ceiling "*" best "*" first"* ]] &&
    [[ $out != *next* ]]; then
    pass "-p chooses the policies and their columns' order"
else
    fail "-p chooses the policies and their columns' order" "status $status" "$out"
fi

# The default suite: one row a trace and a mean; every policy's figure
# above 0 and at most the ceiling. Run from the top of the tree, where
# the default suite's paths (traces/...) lead.
run_binary "$placement"
rows=$(printf '%s\n' "$out" | awk 'NR > 1 && $1 != "mean"' | wc -l)
bad=$(printf '%s\n' "$out" | awk 'NR > 1 {
    gsub("%", ""); for (c = 3; c <= NF; c++) if (!($c > 0 && $c <= $2)) print $1 }')
if [ "$status" = 0 ] && [ "$rows" = 11 ] && [ -z "$bad" ] &&
    [[ $(printf '%s\n' "$out" | tail -1) == mean* ]]; then
    pass "the default suite: 11 traces and a mean, every figure above 0 and at most the ceiling"
else
    fail "the default suite: 11 traces and a mean, every figure above 0 and at most the ceiling" \
        "status $status, $rows rows, out of bounds: ${bad:-none}" "$out" "stderr: $err"
fi

expect_bad_trace_reported shrink "100.0% 100.0% 100.0% 100.0%"
run_binary "$placement" "$TMP_DIR/no-such.rep"
expect_status "a missing trace: exit 1" 1
expect_text "a missing trace is named" stderr "placement: $TMP_DIR/no-such.rep"

# A name with an escape, a tab, a C1 control (U+0085) and an accent: shown
# as the driver's tables show it, each control as '?', and padded by
# columns (é takes one), so the other rows line up with it.
odd_name=$'odd\e[31m\tna\xc2\x85m\xc3\xa9-with-a-long-name.rep'
shown_name=$'odd?[31m?na?m\xc3\xa9-with-a-long-name.rep' # 35 columns
cp "$TMP_DIR/shrink.rep" "$TMP_DIR/$odd_name"
run_binary "$placement" -p first "$TMP_DIR/$odd_name" "$TMP_DIR/shrink.rep"
spaces() { printf '%*s' "$1" ''; }
expected="trace$(spaces 30)  ceiling    first
$shown_name   100.0%   100.0%
shrink.rep$(spaces 25)   100.0%   100.0%
mean$(spaces 31)   100.0%   100.0%"
if [ "$status" = 0 ] && [ "$out" = "$expected" ]; then
    pass "a trace's name shows control characters as '?', and the columns line up by characters"
else
    fail "a trace's name shows control characters as '?', and the columns line up by characters" \
        "status $status" "$(printf '%s\n' "$out" | od -c | head -8)"
fi
run_driver -a mm --no-timing -v -f "$TMP_DIR/$odd_name"
expect_text "the driver's table shows the name the same way" stdout "$shown_name "
run_binary "$placement" "$TMP_DIR/no-such"$'\e'"[2J.rep"
expect_text "a message quoting a trace's path shows its control characters as '?' too" stderr \
    "placement: $TMP_DIR/no-such?[2J.rep: "

# ARGUMENTS|WHAT THE MESSAGE NAMES (a -p takes the word after it, a trace
# or not, as its policy)
trace=$TMP_DIR/shrink.rep
expect_usage "$trace" "-p worst $trace|-p worst (first, best" "-p|-p" "-p $trace|-p $trace (first" \
    "-p best -p best $trace|-p best (first, best, next or growers, each at most once)" "-x $trace|-x" \
    "-r shrink $trace|-r shrink (grow or compact, once)" "-r grow -r compact $trace|-r compact (grow or compact, once)" \
    "-k 0 $trace|-k 0 (a whole number from 1 to 1000000, once)" "-k 2x $trace|-k 2x (a whole" \
    "-k -1 $trace|-k -1 (a whole" "-k 1000001 $trace|-k 1000001 (a whole" \
    "-k 2 -k 3 $trace|-k 3 (a whole number from 1 to 1000000, once)"

plan "$TEST_NUMBER"
done_testing
