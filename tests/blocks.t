#!/usr/bin/env bash
# mdriver --blocks: the heap drawn after every op. Every drawing adds up
# to the heap size narrated above it, for every allocator on the short
# traces; the cases of traces/cases.rep come out as the README shows
# them; an allocator without mm_heap_walk is drawn from its payloads; a
# heap walk that lies is drawn as lying, not trusted and not fatal, and
# at -d 2, which checks the walk, fails the trace.
source "$(dirname "$0")/lib.sh"

# drawings_add_up DESC: in the last run's stdout, every drawing follows a
# narrated line ("  line N ..." or "  after mm_init ...") whose heap size
# its items ([... BYTES], (BYTES), "... and N more, BYTES bytes") add up
# to, and there is one drawing per narrated line, at least WANT of them.
drawings_add_up() {
    local desc=$1 want=$2 report
    if report=$(printf '%s\n' "$out" | python3 -c '
import re, sys
want = int(sys.argv[1])
narrated, drawn, bad = 0, 0, []
heap, total, label = None, None, None
def close():
    global drawn
    if heap is None:
        return
    if total is None:
        bad.append(label + ": no drawing")
        return
    drawn += 1
    if total != heap:
        bad.append("%s: items add up to %d, heap %d" % (label, total, heap))
for line in sys.stdin.read().split("\n"):
    if line.startswith("  line ") or line.startswith("  after mm_init"):
        close()
        narrated += 1
        heap = int(re.search(r"heap +([0-9]+) B$", line).group(1))
        total, label = None, line.split("live")[0].strip()
    elif line.startswith(" " * 15) and heap is not None:
        if total is None:
            total = 0
        if "(the heap is empty)" in line:
            continue
        total += sum(int(n) for n in re.findall(r"\[(?:#[^ \]]+|used|free) ([0-9]+)\]", line))
        total += sum(int(n) for n in re.findall(r"\(([0-9]+)\)", line))
        more = re.search(r"\.\.\. and [0-9]+ more, ([0-9]+) bytes", line)
        if more:
            total += int(more.group(1))
    elif not line.startswith("    "):
        close()
        heap = None
close()
if narrated < want or drawn != narrated or bad:
    print("narrated %d (at least %d wanted), drawn %d; %s" % (narrated, want, drawn, "; ".join(bad[:5])))
    sys.exit(1)
' "$want"); then pass "$desc"; else fail "$desc" "$report"; fi
}

small_traces=(-f traces/short1.rep -f traces/short2.rep -f traces/cases.rep
              -f traces/corner-zero.rep)
# One more than the ops of each trace: the drawing after mm_init.
small_ops=$(( (14 + 1) + (13 + 1) + (18 + 1) + (19 + 1) ))

allocators=$("$BUILD/mdriver" --list | awk '{print $1}')
for allocator in $allocators; do
    run_driver --blocks --no-timing -a "$allocator" "${small_traces[@]}"
    expect_status "$allocator: --blocks on the short traces exits 0" 0
    drawings_add_up "$allocator: one drawing per op, each adding up to the heap" "$small_ops"
done

# ---- the cases, as the README shows them ---------------------------------

run_driver --blocks --no-timing -a implicit-first -f traces/cases.rep
expect_text "--blocks narrates as -V does" stdout "  line 5      a 0 48"
expect_text "--blocks explains its items" stdout "[free BYTES] a"
readme_excerpt=$(awk '/tests\/blocks.t checks that this is what the command prints/ { on = 1; next }
                      on && /^```$/ { if (started) exit; started = 1; next }
                      on && started { print }' README.md)
if [ -n "$readme_excerpt" ] && [[ $out == *"$readme_excerpt"* ]]; then
    pass "the README's drawing of traces/cases.rep is what implicit-first prints"
else
    fail "the README's drawing of traces/cases.rep is what implicit-first prints" \
        "README excerpt ($(printf '%s\n' "$readme_excerpt" | wc -l) lines) not found in stdout"
fi
expect_text "free with the block below free: one block" stdout \
    "[used 16] [#0 64] [free 128] [#3 64] [#4 64] [#5 64] [#6 64] [used 8]"
expect_text "free with both neighbours free: one block of five" stdout \
    "[used 16] [#0 64] [free 320] [#6 64] [used 8]"
expect_text "a request split from the merged block" stdout \
    "[used 16] [#0 64] [#7 120] [free 200] [#6 64] [used 8]"

run_driver --blocks --no-timing -a seed -f traces/cases.rep
expect_text "the seed never merges: five free blocks side by side" stdout \
    "[#0 72] [free 72] [free 72] [free 72] [free 72] [free 72] [#6 72]"

# mm's runs end in bytes too short for any slot: overhead, drawn as
# used, not as a free block no request can have. A mixed run (48-byte
# slots) ends 4 bytes past its last granule; a fixed run of 8-byte slots
# has 1004 bytes after its head, 125 slots and 4 bytes over.
run_driver --blocks --no-timing -a mm -f traces/cases.rep
expect_text "mm: a mixed run's last 4 bytes, past its last granule, are drawn as used" stdout \
    "[used 44] [#0 48] [free 928] [used 4] [used 4]"
printf '16\n2\n2\n1\na 0 8\na 1 8\n' >"$TMP_DIR/fixed-run.rep"
run_driver --blocks --no-timing -a mm -f "$TMP_DIR/fixed-run.rep"
expect_text "mm: a fixed run's unused slots are free, the 4 bytes no slot fits used" stdout \
    "[used 20] [#0 8] [#1 8] [free 984] [used 4] [used 4]"

run_driver -v --no-timing -a mm,implicit-first -f traces/cases.rep
if printf '%s\n' "$out" | grep -Eq '^cases\.rep +100\.0% +13\.5% +- +71\.2% +-'; then
    pass "cases.rep: mm 13.5%, implicit-first 71.2%, as the README says"
else
    fail "cases.rep: mm 13.5%, implicit-first 71.2%, as the README says" \
        "$(printf '%s\n' "$out" | grep '^cases.rep')"
fi

# ---- long heaps, no walk, a lying walk -----------------------------------

# 100 blocks live: a drawing stops at 64 items and says how many more,
# and what they hold still adds up.
{ printf '800\n100\n100\n1\n'; for id in $(seq 0 99); do echo "a $id 8"; done; } \
    >"$TMP_DIR/hundred.rep"
run_driver --blocks --no-timing -a implicit-first -f "$TMP_DIR/hundred.rep"
expect_text "a long heap's drawing says how many blocks it leaves out" stdout \
    "... and 38 more, 896 bytes"
drawings_add_up "a long heap's drawings still add up" 101

# A heap of 16000 blocks: the blocks past the 64 shown are only counted,
# so drawing it after each of tiny.rep's 34000 ops takes seconds (it
# took over the 60 s limit, and the trace failed, when each was looked
# up and printed into a buffer). Too slow to ask of valgrind. The 30 s
# are the plain build's (3 s alone on a 2-core machine); a sanitizer's
# build takes more than twice that (6.8 s alone, 29 s with its core
# shared with three busy loops), so there the limit is 4 times longer:
# the plain build's run is the one that times the drawing, this one
# looks for memory errors in it.
if [ "${VALGRIND:-0}" = 1 ]; then
    pass "tiny.rep with --blocks is valid within 30 s # SKIP valgrind is many times slower"
else
    blocks_limit=30
    if nm "$BUILD/mdriver" 2>/dev/null | grep -q __asan_init; then blocks_limit=120; fi
    run_driver --blocks --no-timing -s "$blocks_limit" -f traces/tiny.rep
    expect_status "tiny.rep with --blocks is valid within $blocks_limit s" 0
fi

# A handout's mm.c has no mm_heap_walk: its payloads, and gaps between.
run_binary "$BUILD/classic/mdriver" --blocks --no-timing -f traces/cases.rep
expect_status "a mm.c without mm_heap_walk: --blocks exits 0" 0
expect_text "without mm_heap_walk, the drawing says it shows payloads" stdout \
    "payloads, in address order (the allocator has no mm_heap_walk)"
drawings_add_up "without mm_heap_walk, payloads and gaps add up to the heap" 19

run_binary "$BUILD/broken/mdriver-walk-lies" --blocks --no-timing -f tests/traces/walk-lies.rep
expect_status "a lying mm_heap_walk does not make the trace fail" 0
expect_text "a used block the walk calls free is shown holding its payload" stdout \
    "[free 48, yet #0 live in it!]"
expect_text "a block visited twice is shown as overlapping" stdout \
    "[! 48 at heap+0: overlaps the block before]"
expect_text "a block past the break is shown as outside the heap" stdout ": not inside the heap]"

# At -d 2 the driver checks the walk after every op, and the first lie
# fails the trace: the used block it calls free, after the first op.
run_binary "$BUILD/broken/mdriver-walk-lies" -d 2 --no-timing -f tests/traces/walk-lies.rep
expect_status "-d 2: a lying mm_heap_walk fails the trace" 1
expect_text "-d 2: ... at the op after which it first lies, naming the block and the payload" \
    stderr "tests/traces/walk-lies.rep:5: a 0 40: mm_heap_walk after this op: the block at heap+0 ("
expect_text "-d 2: ... which is live in a block the walk calls free" stderr \
    "is free, yet it overlaps the live payload of id 0 (returned at line 5,"
expect_text "-d 2: without mm_checkheap the walk is still checked, and the warning says so" \
    stderr "mm defines no mm_checkheap: -d 2 verifies every live payload after every op and checks its mm_heap_walk's blocks"

# A walk that crashes fails the trace, and the message says the walk
# crashed, not the op; what was narrated before it is still there.
run_binary "$BUILD/broken/mdriver-walk-crashes" --blocks --no-timing -f tests/traces/walk-lies.rep
expect_status "a crash in mm_heap_walk fails the trace" 1
# (The crash is a SIGSEGV; UBSan stops at the null load first, exit 1.)
expect_text "... naming the walk, at the op after which it was drawing" stderr \
    "tests/traces/walk-lies.rep:6: a 1 56: killed by signal 11 (SIGSEGV: Segmentation fault) during the correctness pass, at op 2 of 2, in the allocator's mm_heap_walk, drawing the heap after the op"
expect_text "... and the first op's narration and drawing are kept" stdout \
    "  line 5      a 0 40             -> heap+8         live         40 B  heap         48 B"
# The same crash at -d 2, in the driver's check of the walk.
run_binary "$BUILD/broken/mdriver-walk-crashes" -d 2 --no-timing -f tests/traces/walk-lies.rep
expect_status "-d 2: a crash in mm_heap_walk fails the trace" 1
expect_text "-d 2: ... naming the walk and the check, at the op after which it ran" stderr \
    "tests/traces/walk-lies.rep:6: a 1 56: killed by signal 11 (SIGSEGV: Segmentation fault) during the correctness pass, at op 2 of 2, in the allocator's mm_heap_walk, checking the heap after the op (-d 2)"
# The same crash in --heapmap's snapshot after the last op: the walk's,
# after that op, not "end of trace" (the checks after it) nor the op's.
run_binary "$BUILD/broken/mdriver-walk-crashes" --heapmap "$TMP_DIR/heapmap" --no-timing \
    -f tests/traces/walk-lies.rep
expect_status "--heapmap: a crash in mm_heap_walk fails the trace" 1
expect_text "--heapmap: ... naming the walk and the heap map, at the op after which it ran" stderr \
    "tests/traces/walk-lies.rep:6: a 1 56: killed by signal 11 (SIGSEGV: Segmentation fault) during the correctness pass, at op 2 of 2, in the allocator's mm_heap_walk, mapping the heap after the op (--heapmap)"

# The three fit policies of implicit.c choose three different holes for
# one request (tests/traces/fits.rep, line 18: a 9 24). Holes, low to
# high: A (ids 0, loose), B (id 2, tight), a used block where the last
# malloc went (id 8, the rover), C (id 6, loose). First fit takes A,
# best fit B, next fit C, after the rover: no invariant tells them apart,
# only where the block goes.
# placed_between ALLOC DESC LEFT RIGHT: in ALLOC's drawing after line 18,
# #9 lies right after the item LEFT ("" for the first) and before RIGHT.
placed_between() {
    local allocator=$1 desc=$2 left=$3 right=$4 drawing
    run_driver --blocks --no-timing -a "$allocator" -f tests/traces/fits.rep
    drawing=$(printf '%s\n' "$out" | sed -n '/^  line 18 /,/^  line 19 /p' | sed '1d;$d' | tr -s ' \n' ' ')
    if [[ $drawing =~ ${left}\ ?\[#9\ [0-9]+\]\ ${right} ]]; then pass "$desc"; else
        fail "$desc" "drawing after line 18: $drawing"
    fi
}
placed_between implicit-first "first fit puts the block in the lowest hole that fits" \
    '\[used [0-9]+\]' '\[free [0-9]+\] \[#1 '
placed_between implicit-best "best fit puts it in the tightest hole" '\[#1 [0-9]+\]' '\[#3 '
placed_between implicit-next "next fit puts it in the first hole after the last malloc's block" \
    '\[#5 [0-9]+\]' '\[free [0-9]+\] \[#7 '

# Only the narrated pass draws: the second correctness pass and the
# timed ones stay quiet (one drawing per op, counted above, holds with
# the timing pass on too).
run_driver --blocks -a implicit-first -f traces/cases.rep
drawings_add_up "with the timing pass on, still one drawing per op" 19

plan "$TEST_NUMBER"
done_testing
