#!/usr/bin/env bash
# Every compiled-in allocator is correct on every trace: the default
# suite with every op checked and mm_checkheap at the end of each pass,
# the short and corner-case traces with mm_checkheap and every live
# payload verified after every op (-d 2), and the phase-change traces.
# (-d 2 over every trace takes about four minutes for all allocators:
# `make check-d2`, run by CI.)
source "$(dirname "$0")/lib.sh"

allocators=$("$BUILD/mdriver" --list | awk '{print $1}')
small_traces=(traces/short1.rep traces/short2.rep traces/cases.rep traces/corner-*.rep)
phase_traces=(traces/phase-*.rep)

# The ceiling is a bound on every allocator (payloads cannot overlap and
# start aligned), so a util above it means the ceiling is computed wrong.
# Rows of the -v table: trace valid util ceiling ops secs Kops.
expect_under_ceiling() {
    local over
    over=$(printf '%s\n' "$out" | awk 'NF == 7 && ($2 == "yes" || $2 == "no") && $3 != "-" && $4 != "-" {
        util = $3; ceiling = $4; sub(/%/, "", util); sub(/%/, "", ceiling)
        if (util + 0 > ceiling + 0) print $1 ": util " $3 " > ceiling " $4; rows++ }
        END { if (rows < 11) print "only " rows + 0 " rows with util and ceiling" }')
    if [ -z "$over" ]; then pass "$1: util never above the ceiling"; else fail "$1: util never above the ceiling" "$over"; fi
}

for allocator in $allocators; do
    # Under valgrind the default suite takes 15 to 25 s per allocator
    # and the phase traces 6 s; only mm, the product and the most
    # intricate, runs them there. The others run them in make test and
    # under the sanitizers, and the short and corner traces at -d 2
    # under valgrind too.
    valgrind_skips=0
    [ "${VALGRIND:-0}" = 1 ] && [ "$allocator" != mm ] && valgrind_skips=1
    if [ "$valgrind_skips" = 1 ]; then
        pass "$allocator: every default-suite trace valid # SKIP under valgrind only mm runs the default suite"
        pass "$allocator: util never above the ceiling # SKIP under valgrind only mm runs the default suite"
    else
        run_driver -a "$allocator" --no-timing -v
        if [ "$status" = 0 ]; then
            pass "$allocator: every default-suite trace valid"
        else
            fail "$allocator: every default-suite trace valid" "$(echo "$err" | head -5)"
        fi
        expect_under_ceiling "$allocator"
    fi
    args=()
    for trace in "${small_traces[@]}"; do args+=(-f "$trace"); done
    run_driver -a "$allocator" --no-timing -d 2 "${args[@]}"
    if [ "$status" = 0 ]; then
        pass "$allocator: short and corner traces valid at -d 2"
    else
        fail "$allocator: short and corner traces valid at -d 2" "$(echo "$err" | head -5)"
    fi
    if [ "$valgrind_skips" = 1 ]; then
        pass "$allocator: the 9 phase-change traces valid # SKIP under valgrind only mm runs them"
        continue
    fi
    args=()
    for trace in "${phase_traces[@]}"; do args+=(-f "$trace"); done
    run_driver -a "$allocator" --no-timing "${args[@]}"
    if [ "$status" = 0 ] && [ ${#phase_traces[@]} = 9 ]; then
        pass "$allocator: the 9 phase-change traces valid"
    else
        fail "$allocator: the 9 phase-change traces valid" "${#phase_traces[@]} found" "$(echo "$err" | head -5)"
    fi
done

# expect_ceiling TRACE WANT DESC: the CSV's ceiling column for TRACE
# (under tests/traces) is WANT.
expect_ceiling() {
    local ceiling
    run_driver -a seed --no-timing -f "tests/traces/$1" --csv -
    ceiling=$(printf '%s\n' "$out" | awk -F, -v name="\"$1\"" '$2 == name { print $NF }')
    if [ "$ceiling" = "$2" ]; then pass "$3"; else fail "$3" "CSV says '$ceiling'" "$out"; fi
}

# The ceiling's arithmetic on a trace small enough to do by hand:
# a 0 1, a 1 9 live together: payload 10; footprint 8 + 16 less the
# highest block's padding (at most 7, the largest live padding) = 17:
# 10 / 17 = 58.8235%.
expect_ceiling ceiling.rep 58.8235 "ceiling of tests/traces/ceiling.rep is 10 / 17"

# Blocks that need no padding: a 0 8, a 1 16 (then a 0 freed, a 1 grown
# to 24) span at least 24 bytes, so the ceiling is 100%, not 24 / 17.
expect_ceiling ceiling-unpadded.rep 100.0000 "ceiling of unpadded blocks is 100%"

# One block of 15 bytes needs 15: its padding of 1 byte is past its end,
# like a padding of 7 (15 / 16 = 93.75% would count it).
expect_ceiling ceiling-pad1.rep 100.0000 "ceiling of one block padded by a byte is 100%"

# A trace with no byte ever live has no utilization, for any allocator:
# "-" for all, whether or not mm_init took space, and libc too, with
# nothing to explain. (mm showed 0.0% where the seed showed "-", and so
# averaged over more traces.)
# (libc's util is measured only where malloc is glibc's: not under a
# sanitizer or valgrind, where it is "-" on every trace and said so.)
libc_measured=1
[[ $BUILD == *asan* ]] || [ "${VALGRIND:-0}" = 1 ] && libc_measured=0
printf '0\n0\n0\n1\n' >"$TMP_DIR/empty.rep"
printf '0\n1\n1\n1\na 0 0\n' >"$TMP_DIR/zero.rep"
run_driver -a all -l --no-timing -f "$TMP_DIR/empty.rep" -f "$TMP_DIR/zero.rep" \
    -f traces/short1.rep --csv -
bad=$(printf '%s\n' "$out" | python3 -c '
import csv, sys
libc_measured = sys.argv[1] == "1"
bad = []
util = {}
for row in csv.DictReader(sys.stdin):
    measured = row["util_percent"] != ""
    if row["trace"] in ("empty.rep", "zero.rep") and measured:
        bad.append("%s %s: util %s" % (row["allocator"], row["trace"], row["util_percent"]))
    if row["trace"] == "short1.rep" and not measured and (row["allocator"] != "libc" or libc_measured):
        bad.append("%s short1.rep: no util" % row["allocator"])
    util[row["allocator"], row["trace"]] = row["util_percent"]
# the average is over the traces that have a utilization: short1.rep alone
for (allocator, trace), value in util.items():
    if trace == "(total)" and value != util[allocator, "short1.rep"]:
        bad.append("%s: avg util %s, short1.rep %s" % (allocator, value, util[allocator, "short1.rep"]))
print("; ".join(bad))' "$libc_measured")
if [ "$status" = 0 ] && [ -z "$bad" ]; then
    pass "traces with nothing live: no util for any allocator or libc, nor a part of the average; short1's measured"
else
    fail "traces with nothing live: no util for any allocator or libc, nor a part of the average; short1's measured" \
        "status $status" "$bad"
fi
if [ "$libc_measured" = 1 ]; then
    expect_no_text "... and nothing said about libc's" stderr "libc's utilization is not measured"
else
    pass "... and nothing said about libc's # SKIP malloc is not glibc's here"
fi
run_driver -v -f "$TMP_DIR/zero.rep"
expect_text "a suite where nothing is ever live: the perf index says why it is not computed" stdout \
    "Perf index: not computed: no trace has a utilization (none ever has a byte live)"

# Rule b of the grader (docs/INSTRUCTORS.md): at most 128 bytes of
# writable static data, so that an allocator's tables live in the heap,
# where utilization counts them. Students read and copy these allocators,
# and mm.c is graded by the same rule. Sanitizer builds add data sections
# of their own, so they skip.
for allocator in $allocators; do
    object="$BUILD/alloc/$allocator.o"
    [ "$allocator" = mm ] && object="$BUILD/mm.o"
    if [ ! -f "$object" ]; then
        fail "$allocator: static data within rule b" "no object $object"
    elif nm "$object" | grep -q __asan; then
        pass "$allocator: static data within rule b # SKIP a sanitizer build adds data sections"
    else
        bytes=$(tools/static-bytes "$object")
        if [ "$bytes" -le 128 ]; then
            pass "$allocator: static data within rule b ($bytes B <= 128 B)"
        else
            fail "$allocator: static data within rule b ($bytes B > 128 B)"
        fi
    fi
done

plan "$TEST_NUMBER"
done_testing
