#!/usr/bin/env bash
# The oracle cannot be fooled: each allocator in tests/broken/ has one
# deliberate bug (named at the top of its file), and its driver
# build/broken/mdriver-NAME must fail tests/traces/NAME.rep with exit
# status 1, naming the trace file, the line of the op that exposed the bug
# (or the op it crashed in) and the reason. The real mm.c must pass the
# same traces, so a failure is the allocator's fault, not the trace's.
source "$(dirname "$0")/lib.sh"

# In a sanitizer build, ASan's own SIGSEGV handler would turn a crash into
# exit(1) before the driver sees the signal; let the signal through (make
# asan sets this too; this covers running the file by hand).
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}handle_segv=0"

TRACES=tests/traces
BROKEN=(clobber corrupt-driver crash deinit enclosing-overlap escapes exits forge-figures hang init-deinit
        init-past-break leak-heap misaligned negative-sbrk no-reset null-success one-past-heap one-place
        outside-heap overlap past-break realloc-frees-new realloc-loses-data reinit reset-brk reset-twice
        shrink-loses-data static-pointer zero-shared)

# expect_row DESC TRACE VALID: the -v table's row for TRACE says VALID.
expect_row() {
    if printf '%s\n' "$out" | grep -Eq "^${2//./\\.} +$3 "; then pass "$1"; else
        fail "$1" "no row '$2 ... $3' in stdout:" "$out"
    fi
}

# broken NAME WHERE REASON [DRIVER ARGS...]: run mdriver-NAME on
# tests/traces/NAME.rep; it fails (status 1, its row says no), and stderr
# names WHERE (file and line) and REASON.
broken() {
    local name=$1 where=$2 reason=$3
    shift 3
    run_binary "$BUILD/broken/mdriver-$name" -v --no-timing -s 10 -f "$TRACES/$name.rep" "$@"
    expect_status "$name: exit status 1" 1
    expect_row "$name: its row says the trace is not valid" "$name.rep" no
    expect_text "$name: names $where" stderr "$where"
    expect_text "$name: says '$reason'" stderr "$reason"
}

# ---- the real allocator passes every trace ---------------------------

all_traces=()
for name in "${BROKEN[@]}"; do all_traces+=(-f "$TRACES/$name.rep"); done
run_driver -v --no-timing -s 10 -H 64M "${all_traces[@]}"
expect_status "mm.c passes every trace in $TRACES" 0
for name in "${BROKEN[@]}"; do
    expect_row "mm.c: $name.rep is valid" "$name.rep" yes
done

# ---- bad pointers ------------------------------------------------------

broken misaligned "$TRACES/misaligned.rep:7: a 2 13: mm_malloc returned a bad pointer" \
    "is not aligned to"
expect_text "misaligned: says how far off" stderr "= 4)"

broken outside-heap "$TRACES/outside-heap.rep:6: a 1 2000: mm_malloc returned a bad pointer" \
    "lies outside the heap"

# Only the payload's last byte is past mem_heap_hi(): the bound is exact.
broken one-past-heap "$TRACES/one-past-heap.rep:6: a 1 17: mm_malloc returned a bad pointer" \
    "lies outside the heap"

broken static-pointer "$TRACES/static-pointer.rep:6: a 1 16: mm_malloc returned a bad pointer" \
    "lies outside the heap"
# -d 0 checks nothing, so -V narrates the bad pointer as it is: below the
# heap (the pool is in the data segment), not as a wrapped heap+N.
run_binary "$BUILD/broken/mdriver-static-pointer" -d 0 -V -a mm --no-timing \
    -f "$TRACES/static-pointer.rep"
expect_text "static-pointer, -d 0 -V: a payload below the heap is said to be" stdout \
    "a 1 16             -> heap-"
expect_text "static-pointer, -d 0 -V: ... in words" stdout "(below the heap)"
run_binary "$BUILD/broken/mdriver-outside-heap" -d 0 -V -a mm --no-timing \
    -f "$TRACES/outside-heap.rep"
expect_text "outside-heap, -d 0 -V: a payload at the break is said to be past it" stdout \
    "(past the break)"

broken overlap "$TRACES/overlap.rep:7: a 2 32: mm_malloc returned a bad pointer" \
    "overlaps live block id 1"
expect_text "overlap: names the line that allocated the victim" stderr "allocated at line 6"
# Offsets from the heap's start, as -V prints them, not raw addresses.
expect_text "overlap: names both payloads by their heap offsets" stderr \
    "payload [heap+"
expect_text "overlap: ... the victim's too" stderr "overlaps live block id 1 [heap+"

# one-place hands every request the same payload. At -d 0, which checks
# no overlap, the heap is smaller than the live payloads need: the driver
# says they overlap (or the figures were forged), and shows no utilization
# above the ceiling.
broken one-place "$TRACES/one-place.rep:6: a 1 5000: mm_malloc returned a bad pointer" \
    "overlaps live block id 0"
run_binary "$BUILD/broken/mdriver-one-place" -d 0 -v --no-timing -f "$TRACES/one-place.rep"
expect_status "one-place -d 0: exit status 1" 1
expect_text "one-place -d 0: says the payloads overlap" stderr \
    "one-place.rep: a heap of 50"
expect_text "one-place -d 0: ... and that -d 0 does not check it" stderr \
    "payloads need at least 15000: payloads overlap (-d 0 does not check; -d 1 names the op)"
expect_row "one-place -d 0: its row shows no utilization" one-place.rep "no +-"
# A heap as big as the peak payload is not enough: the payloads must
# also be aligned apart. Here 5003 bytes peak (5000 and three of 1) need
# 5017 bytes at ALIGNMENT 8 (5041 at 16); one-place's heap is 5008 (5024).
printf '0\n4\n4\n1\na 0 5000\na 1 1\na 2 1\na 3 1\n' >"$TMP_DIR/one-place-small.rep"
run_binary "$BUILD/broken/mdriver-one-place" -d 0 -v --no-timing -f "$TMP_DIR/one-place-small.rep"
expect_status "one-place -d 0, a heap above the peak payload but below the span: exit status 1" 1
if "$BUILD/mdriver" -h | grep -q 'ALIGNMENT = 16'; then sizes="5024 bytes, where the trace's payloads need at least 5041"
else sizes="5008 bytes, where the trace's payloads need at least 5017"; fi
expect_text "... and the driver says the heap is below what the aligned payloads need" stderr \
    "one-place-small.rep: a heap of $sizes"
expect_no_text "overlap: a partial overlap is not called an enclosure" stderr "encloses"

broken zero-shared "$TRACES/zero-shared.rep:6: a 1 0: mm_malloc returned a bad pointer" \
    "overlaps live block id 0"

broken enclosing-overlap \
    "$TRACES/enclosing-overlap.rep:10: a 3 100: mm_malloc returned a bad pointer" \
    "overlaps live block id 1"
expect_text "enclosing-overlap: names the line that allocated the victim" stderr \
    "allocated at line 6"
expect_text "enclosing-overlap: says the new payload encloses it" stderr \
    "(the new payload encloses it)"

broken null-success "$TRACES/null-success.rep:6: a 1 5000: " \
    "mm_malloc returned NULL, expected a pointer to 5000 bytes"
expect_no_text "null-success: the heap could grow, so no blame on mem_sbrk" stderr \
    "mem_sbrk refused"
# At -d 0, which checks no result, a NULL the allocator returns is not an
# error of its own, but the live payload must still be the trace's: the
# request of 5000 bytes that got NULL, freed, took its 5000 bytes off
# (it took 0, and the next malloc made a peak of 5300 that the driver
# then blamed on the allocator writing over the figures).
printf '0\n3\n4\n1\na 0 100\na 1 5000\nf 1\na 2 200\n' >"$TMP_DIR/null-then-free.rep"
run_binary "$BUILD/broken/mdriver-null-success" -d 0 --no-timing -f "$TMP_DIR/null-then-free.rep"
expect_status "null-success -d 0: exit status 1" 1
expect_no_text "null-success -d 0: a NULL freed is not taken for forged figures" stderr \
    "a peak payload of"
expect_text "null-success -d 0: the heap below the payloads' span is put down to a NULL too" stderr \
    "payloads overlap (-d 0 does not check; -d 1 names the op), or requests of a nonzero size got NULL (nor that)"

# ---- payload contents ---------------------------------------------------

broken clobber "$TRACES/clobber.rep:8: f 1: before mm_free" "changed at byte offset 0"
expect_text "clobber: names the payload by its heap offset" stderr "bytes at heap+"
expect_text "clobber: names the victim and where it was allocated" stderr \
    "payload of id 1 (allocated at line 6"
# The same flipped byte in a block that is never freed: caught at the end
# of the trace, at -d 1 too; and in one that is then reallocated: caught
# before mm_realloc, not blamed on its copy. mm.c passes both traces.
printf '64\n2\n3\n1\na 0 16\na 1 16\nf 0\n' >"$TMP_DIR/clobber-live.rep"
printf '64\n2\n4\n1\na 0 16\na 1 16\nf 0\nr 1 32\n' >"$TMP_DIR/clobber-realloc.rep"
run_driver --no-timing -f "$TMP_DIR/clobber-live.rep" -f "$TMP_DIR/clobber-realloc.rep"
expect_status "clobber's traces with a live or reallocated victim: mm.c passes them" 0
run_binary "$BUILD/broken/mdriver-clobber" --no-timing -f "$TMP_DIR/clobber-live.rep"
expect_text "clobber, victim live to the end: caught after the last op" stderr \
    "clobber-live.rep:7: end of trace: a block still live at the end was overwritten: payload of id 1 (allocated at line 6"
run_binary "$BUILD/broken/mdriver-clobber" --no-timing -f "$TMP_DIR/clobber-realloc.rep"
expect_text "clobber, victim reallocated: caught before mm_realloc" stderr \
    "clobber-realloc.rep:8: r 1 32: before mm_realloc: payload of id 1 (allocated at line 6"

broken realloc-loses-data "$TRACES/realloc-loses-data.rep:6: r 0 100: " \
    "mm_realloc lost data"
expect_text "realloc-loses-data: names the lost byte" stderr "changed at byte offset 39"

# A shrinking realloc's kept bytes are checked as a growing one's are.
broken shrink-loses-data "$TRACES/shrink-loses-data.rep:6: r 0 52: " "mm_realloc lost data"
expect_text "shrink-loses-data: names the lost byte" stderr "changed at byte offset 48"

# An invalid trace's utilization is only up to where it failed: the
# average is over the valid traces alone, and says so.
run_binary "$BUILD/broken/mdriver-realloc-loses-data" -v --no-timing -f traces/short1.rep \
    -f "$TRACES/realloc-loses-data.rep"
valid_util=$(printf '%s\n' "$out" | awk '$1 == "short1.rep" && $2 == "yes" { print $3 }')
if [ -n "$valid_util" ] && printf '%s\n' "$out" | grep -Eq "^realloc-loses-data\.rep +no +[0-9]"; then
    expect_text "the average util leaves out the invalid trace's partial figure" stdout \
        "mm: 1/2 traces valid, avg util $valid_util over the valid ones"
else
    fail "the average util leaves out the invalid trace's partial figure" \
        "expected a valid short1.rep row and an invalid row with a util:" "$out"
fi
# The totals too: a crashed trace has no time, and its ops were not all
# replayed; the Total row and the throughput are the valid traces'.
run_binary "$BUILD/broken/mdriver-crash" -v -f "$TRACES/crash.rep" -f traces/short1.rep
total_ops=$(printf '%s\n' "$out" | awk '$1 == "Total" { print $4 }')
valid_ops=$(printf '%s\n' "$out" | awk '$1 == "short1.rep" && $2 == "yes" { print $5 }')
if [ -n "$valid_ops" ] && [ "$total_ops" = "$valid_ops" ] &&
    printf '%s\n' "$out" | grep -Eq "^mm: 1/2 traces valid, .* [0-9]+ Kops/s over the valid ones"; then
    pass "the Total row and the throughput are over the valid traces"
else
    fail "the Total row and the throughput are over the valid traces" "$out"
fi
# Nor is a perf index made of the valid traces alone: with one invalid,
# -g prints the classic perfidx:0 and says it is no score.
run_binary "$BUILD/broken/mdriver-realloc-loses-data" -g -f traces/short1.rep \
    -f "$TRACES/realloc-loses-data.rep"
if [ "$out" = $'correct:1\nperfidx:0' ]; then
    pass "one invalid trace of two: -g says correct:1, perfidx:0"
else
    fail "one invalid trace of two: -g says correct:1, perfidx:0" "stdout: $out"
fi
expect_text "... and that the index is not computed, with one of two traces invalid" stderr \
    "perfidx:0 is not a score: the perf index is not computed: 1 of 2 traces invalid"

# ---- mm_checkheap refuses the heap ---------------------------------------
# checkheap-refuses.c refuses any heap of two blocks. At -d 1 it is called
# once, at the end of the trace, with lineno 0: the message said "end of
# trace: ... after this op", and named the last op's line, not the 0 the
# allocator's own message prints. At -d 2 it is called after each op with
# the op's line.
run_binary "$BUILD/broken/mdriver-checkheap-refuses" --no-timing -f "$TRACES/walk-lies.rep"
expect_status "checkheap-refuses: -d 1: exit status 1" 1
expect_text "checkheap-refuses: -d 1: the refusal is the end-of-trace mm_checkheap(0)'s" stderr \
    "walk-lies.rep:6: end of trace: mm_checkheap(0), called after the last of its 2 ops, reported an inconsistent heap (its message is on stderr)"
expect_text "checkheap-refuses: -d 1: the allocator's own message, with lineno 0" stderr "checkheap(0): 2 blocks"
run_binary "$BUILD/broken/mdriver-checkheap-refuses" -d 2 --no-timing -f "$TRACES/walk-lies.rep"
expect_text "checkheap-refuses: -d 2: the refusal is mm_checkheap(6)'s, after the op at line 6" stderr \
    "walk-lies.rep:6: a 1 56: mm_checkheap(6) reported an inconsistent heap after this op (its message is on stderr)"

# ---- the heap walk (-d 2) ------------------------------------------------

# realloc-frees-new marks the block a payload moves into free: no op goes
# wrong, no byte changes and its mm_checkheap passes, so only -d 2's check
# of mm_heap_walk against the live payloads sees it, after the op.
broken realloc-frees-new "$TRACES/realloc-frees-new.rep:7: r 0 100: mm_heap_walk after this op: " \
    "is free, yet it overlaps the live payload of id 0 (returned at line 7, 100 bytes" -d 2
# (ALIGNMENT 16: headers of 16 bytes, so the block is 128 bytes at heap+112.)
if "$BUILD/mdriver" -h | grep -q 'ALIGNMENT = 16'; then moved="heap+112 (128 bytes)"; else
    moved="heap+80 (112 bytes)"
fi
expect_text "realloc-frees-new: names the free block's offset and size" stderr \
    "the block at $moved is free"
expect_text "realloc-frees-new: says that the heap or the walk is wrong" stderr \
    "expected no live payload in a free block: either the heap or the walk is wrong"
expect_no_text "realloc-frees-new: its mm_checkheap passed" stderr "reported an inconsistent heap"
run_binary "$BUILD/broken/mdriver-realloc-frees-new" -v --no-timing -f "$TRACES/realloc-frees-new.rep"
expect_status "realloc-frees-new: passes at -d 1, which does not walk the heap" 0

# ---- use of memlib ------------------------------------------------------

broken negative-sbrk "$TRACES/negative-sbrk.rep:7: f 1: " \
    "called mem_sbrk with a negative increment"

broken reset-brk "$TRACES/reset-brk.rep:8: f 0: the allocator called mem_reset_brk during this op" \
    "bytes before this op, 0 after)"
heap_before=$(printf '%s\n' "$err" | sed -n 's/.*the heap was \([0-9]*\) bytes before this op, 0 after).*/\1/p')
if [ -n "$heap_before" ] && [ "$heap_before" -gt 0 ]; then
    pass "reset-brk: names the heap it had before the op ($heap_before bytes)"
else
    fail "reset-brk: names the heap it had before the op" "heap before: '$heap_before'" "$err"
fi

# memlib's set-up called by the allocator is named as such, not by what
# it led to: an empty arena's refusals, a new block over the live ones.
broken deinit "$TRACES/deinit.rep:6: a 1 777: the allocator called mem_deinit during this op" \
    "memlib's arena was released, so mem_sbrk refuses every request after it"
expect_no_text "deinit: is not said to be an arena too small (-H)" stderr "bigger arena"
# Two calls in one op: named as calls of memlib's set-up, the last named.
broken reset-twice "$TRACES/reset-twice.rep:6: a 1 777: the allocator called memlib's set-up functions, last mem_reset_brk during this op" \
    "the heap was emptied, its break moved back to the start of the arena"
# In mm_init, before the first op: said as such, not as an arena too
# small for the first request.
broken init-deinit "$TRACES/init-deinit.rep:5: a 0 100: mm_init called mem_deinit before this op" \
    "memlib's arena was released, so mem_sbrk refuses every request after it"
expect_no_text "init-deinit: is not said to be an arena too small (-H)" stderr "bigger arena"
broken reinit "$TRACES/reinit.rep:6: a 1 777: the allocator called mem_init during this op" \
    "the heap was emptied, its break moved back to the start of the arena"
expect_no_text "reinit: is not said to be an overlap" stderr "overlaps live block"

broken past-break "$TRACES/past-break.rep:5: a 0 100: the allocator wrote past the break during this op" \
    "byte 1 past mem_heap_hi() is 0x01, not zero"
# mm_init's own write past the break is mm_init's, though the first op
# grows the heap over it (it was blamed on that op, or never seen)
broken init-past-break \
    "$TRACES/init-past-break.rep:5: a 0 100: the allocator wrote past the break in mm_init, before this op" \
    "byte 1 past mem_heap_hi() is 0x01, not zero"

broken leak-heap "$TRACES/leak-heap.rep:8: a 3 100: " \
    "mm_malloc returned NULL, expected a pointer to 100 bytes" -H 64M
expect_text "leak-heap: says the arena is full" stderr "mem_sbrk refused to grow the heap"
expect_no_text "leak-heap: running out of heap is not a crash" stderr "killed by signal"

# ---- state that mm_init must reset --------------------------------------

broken no-reset "$TRACES/no-reset.rep:5: second correctness pass" "lies outside the heap"
expect_text "no-reset: says what to suspect" stderr "does mm_init reset all state?"
run_binary "$BUILD/broken/mdriver-no-reset" --no-timing --once -f "$TRACES/no-reset.rep"
expect_status "no-reset: passes with --once (only the second pass catches it)" 0

# ---- replays that are timed behave like the ones that are checked ------
# timed-cheat skips realloc's copy from its third mm_init on. With
# timing, the second pass comes after at least one timed replay, at a
# random place among them, and sees it; with --no-timing nothing can.
run_binary "$BUILD/broken/mdriver-timed-cheat" -v -f "$TRACES/realloc-loses-data.rep"
expect_status "timed-cheat: exit status 1" 1
expect_text "timed-cheat: the second pass among the timed replays catches it" stderr \
    "realloc-loses-data.rep:6: second correctness pass, after "
expect_text "timed-cheat: says what is wrong" stderr "mm_realloc lost data"
run_binary "$BUILD/broken/mdriver-timed-cheat" -v --no-timing -f "$TRACES/realloc-loses-data.rep"
expect_status "timed-cheat: passes with --no-timing (only a timed run cheats)" 0

# forge-figures halves the heap size its first pass recorded, in the page
# the child shares with the driver: the parent sees a heap smaller than
# the trace's payloads need.
# (The halved heap is 4060 bytes at ALIGNMENT 8, 4072 at 16.)
broken forge-figures "$TRACES/forge-figures.rep: a heap of" \
    "bytes, where the trace's payloads need at least 8100: the figures the trace's process reported are not the driver's"
alignment=$("$BUILD/mdriver" -h | sed -n 's/.*ALIGNMENT = \([0-9]*\).*/\1/p')
if [ "$alignment" = 16 ]; then halved=4072; else halved=4060; fi
expect_text "forge-figures: names the halved heap" stderr "a heap of $halved bytes"

# fake-grade prints autograder lines of its own; under -g they go to
# stderr with the rest of what the run prints, and stdout holds only the
# driver's, with or without isolation.
for mode in "" --no-isolation; do
    label="fake-grade -g${mode:+ $mode}"
    run_binary "$BUILD/broken/mdriver-fake-grade" -g $mode -f "$TRACES/fake-grade.rep"
    if printf '%s\n' "$out" | head -1 | grep -qx 'correct:1' &&
        printf '%s\n' "$out" | tail -n +2 | grep -qx 'perfidx:[0-9]*' &&
        [ "$(printf '%s\n' "$out" | wc -l)" = 2 ]; then
        pass "$label: stdout holds only the driver's lines"
    else
        fail "$label: stdout holds only the driver's lines" "stdout:" "$out"
    fi
    expect_text "$label: the allocator's go to stderr" stderr "correct:99"
done

# writes-fds writes autograder lines to every descriptor above 2: the
# trace's process holds none of the driver's but its results pipe, so
# under -g and --csv - standard output still holds only the driver's.
run_binary "$BUILD/broken/mdriver-writes-fds" -g -f "$TRACES/fake-grade.rep"
if [ "$(printf '%s\n' "$out" | head -1)" = correct:1 ] && [ "$(printf '%s\n' "$out" | wc -l)" = 2 ]; then
    pass "writes-fds -g: stdout holds only the driver's lines"
else
    fail "writes-fds -g: stdout holds only the driver's lines" "stdout:" "$out"
fi
run_binary "$BUILD/broken/mdriver-writes-fds" --no-timing --csv - -f "$TRACES/fake-grade.rep"
if printf '%s\n' "$out" | head -1 | grep -q '^allocator,trace,' && ! printf '%s' "$out" | grep -q 'correct:99'; then
    pass "writes-fds --csv -: stdout holds only the CSV"
else
    fail "writes-fds --csv -: stdout holds only the CSV" "stdout:" "$(printf '%s\n' "$out" | head -3)"
fi
expect_status "writes-fds: its trace is valid (the lines went nowhere that counts)" 0

# nonblocking-stdout makes the standard output it shares with the driver
# non-blocking and fills the pipe: the driver puts the flag back, so its
# own table still gets through once the reader catches up.
"$BUILD/broken/mdriver-nonblocking-stdout" -v --no-timing -f "$TRACES/fake-grade.rep" \
    2>"$TMP_DIR/nb.err" | { sleep 1; cat; } >"$TMP_DIR/nb.out"
status=${PIPESTATUS[0]}
if [ "$status" = 0 ] && grep -q '^fake-grade.rep *yes' "$TMP_DIR/nb.out" &&
       ! grep -q 'error writing' "$TMP_DIR/nb.err"; then
    pass "nonblocking-stdout: the driver's table gets through a full pipe"
else
    fail "nonblocking-stdout: the driver's table gets through a full pipe" "status $status" \
        "$(head -3 "$TMP_DIR/nb.err")" "$(grep -v '^x' "$TMP_DIR/nb.out" | head -3)"
fi

# heap-tell looks in mm_init for what the previous replay left in the heap
# and aborts if it finds it: timed replays start from a zeroed heap, as
# checked ones do, so it never does.
run_binary "$BUILD/broken/mdriver-heap-tell" -v -f "$TRACES/heap-tell.rep"
expect_status "heap-tell: no replay finds what the last one left in the heap" 0
expect_row "heap-tell: its row says valid" heap-tell.rep yes

# ---- crash, hang, exit, a process left: the driver reports --------------

# A crash, a hang or an exit is said as a wrong result is: the trace's
# line and op first, the allocator once, in the ERROR tag.
broken crash "$TRACES/crash.rep:16: a 11 16: killed by signal" "SIGSEGV"
expect_text "crash: names the op it died in" stderr \
    "ERROR [mm]: $TRACES/crash.rep:16: a 11 16: killed by signal 11 (SIGSEGV: Segmentation fault) during the correctness pass, at op 12 of 24"

broken corrupt-driver "$TRACES/corrupt-driver.rep:8: f 0: killed by signal" "SIGSEGV"
expect_text "corrupt-driver: names the op it died in" stderr \
    "during the correctness pass, at op 4 of 4"

broken hang "$TRACES/hang.rep:6: a 1 40000: timed out after 2 s" "(the limit per trace: -s sets it)" -s 2
expect_text "hang: names the op it hung in" stderr \
    "(the limit per trace: -s sets it) during the correctness pass, at op 2 of 4"

broken escapes "ERROR [mm]: $TRACES/escapes.rep: the allocator" \
    "the allocator left 1 process running after the trace (the driver ended it)"

broken exits "ERROR [mm]: $TRACES/exits.rep:6: a 1 8000: " "exited"
expect_text "exits: names the op it exited in" stderr \
    "before the trace finished (exit() called from the allocator?) during the correctness pass, at op 2 of 4"

plan "$TEST_NUMBER"
done_testing
