#!/usr/bin/env bash
# tools/seeds.sh: two allocators compared seed by seed over other seeds of
# the default suite. Its figures are checked against the per-seed CSVs it
# keeps, recomputed here in Python (mean difference, standard error,
# higher/lower/same counts); a failed trace is left out and named; a CSV
# left from an earlier run never stands in for a run that wrote none;
# and its arguments are checked before anything runs.
# Natively and under the sanitizers, seeds 1 to 3 of implicit-first
# against explicit-addr (about 8 s natively): a pair that is level on
# some traces and either side on others. Under valgrind the runs of the
# real driver are skipped: the tool adds no C, and the driver's runs
# under valgrind are tested elsewhere; the argument checks still run.
source "$(dirname "$0")/lib.sh"

plan 17

export SEEDS_GENTRACE=$BUILD/gentrace
pair=(implicit-first explicit-addr)
seed_args=(1 3)
if [ "${VALGRIND:-0}" = 1 ]; then
    for what in "the seeded run" "its figures" "binary.rep" "libc" "a crashing allocator" "its failures" "its suite average"; do
        pass "$what # SKIP the real driver's runs under valgrind are tested elsewhere"
    done
else
# The real driver on real seeds.
run_binary env SEEDS_DRIVER="$BUILD/mdriver" SEEDS_DIR="$TMP_DIR/real" tools/seeds.sh "${pair[@]}" "${seed_args[@]}"
expect_status "tools/seeds.sh ${pair[*]} ${seed_args[*]} exits 0" 0
printf '%s\n' "$out" >"$TMP_DIR/real.out"

# Every figure printed, recomputed from the kept CSVs.
check=$(python3 - "$TMP_DIR/real" "$TMP_DIR/real.out" "${pair[@]}" "${seed_args[@]}" <<'EOF'
import csv, math, os, sys
folder, printed, base, other, first, count = sys.argv[1:]
seeds = range(int(first), int(first) + int(count))
util = {}
for seed in seeds:
    with open(os.path.join(folder, str(seed), "results.csv")) as f:
        for row in csv.DictReader(f):
            if row["valid"] == "1":
                util[seed, row["allocator"], row["trace"]] = float(row["util_percent"])
rows = {}
for line in open(printed):
    words = line.split()
    if len(words) >= 9 and words[1].isdigit():
        rows[words[0]] = words
    elif line.startswith("suite average"):
        rows["(total)"] = ["(total)"] + words[2:]
problems = []
traces = sorted({t for (_, _, t) in util})
for trace in traces:
    diffs = [util[s, other, trace] - util[s, base, trace] for s in seeds]
    n = len(diffs)
    mean = sum(diffs) / n
    se = "-" if n < 2 else "%.2f" % (math.sqrt(sum((d - mean) ** 2 for d in diffs) / (n - 1)) / math.sqrt(n))
    want = [str(n), "%.2f%%" % (sum(util[s, base, trace] for s in seeds) / n),
            "%.2f%%" % (sum(util[s, other, trace] for s in seeds) / n), "%+.2f" % mean, se,
            str(sum(d > 0 for d in diffs)), str(sum(d < 0 for d in diffs)), str(sum(d == 0 for d in diffs))]
    got = rows.get(trace, [trace])[1:]
    if got != want:
        problems.append("%s: printed %s, expected %s" % (trace, got, want))
if len(traces) != 12:
    problems.append("%d traces with totals, expected 11 and the total" % len(traces))
print("\n".join(problems) if problems else "ok")
EOF
)
if [ "$check" = ok ]; then
    pass "every row's means, difference, standard error and counts match the kept CSVs"
else
    fail "every row's means, difference, standard error and counts match the kept CSVs" "$check" "$out"
fi
# binary.rep: a seed changes only which blocks of one size are freed, and
# in which order, which no allocator here places differently (docs/MM.md):
# the difference is the same on every seed.
if [[ $out =~ binary\.rep\ +3\ .*\ 0\.00\ +[03]\ +[03]\ +[03] ]]; then
    pass "binary.rep's difference is the same on every seed (standard error 0.00)"
else
    fail "binary.rep's difference is the same on every seed (standard error 0.00)" "$out"
fi

# libc is measured from its footprint with -l, which a sanitizer or
# build cannot do: there the tool says so and exits 1.
run_binary env SEEDS_DRIVER="$BUILD/mdriver" SEEDS_DIR="$TMP_DIR/libc" tools/seeds.sh mm libc 2 1
if [[ $BUILD == *asan* ]]; then
    if [ "$status" = 1 ] && [[ $err == *"no figures for libc from this driver: mdriver: libc's utilization is not measured"* ]]; then
        pass "libc against mm: not measured under a sanitizer or valgrind, said, exit 1"
    else
        fail "libc against mm: not measured under a sanitizer or valgrind, said, exit 1" "status $status" "$out" "$err"
    fi
elif [ "$status" = 0 ] && [[ $out =~ suite\ average\ +1\ +[0-9.]+%\ +[0-9.]+%\ +-[0-9.]+\ +-\ +0\ +1\ +0 ]]; then
    pass "libc against mm on seed 2: one seed, no standard error, libc lower on the suite"
else
    fail "libc against mm on seed 2: one seed, no standard error, libc lower on the suite" "status $status" "$out" "$err"
fi

# A broken mm (it crashes on its 12th malloc) fails every trace: each
# failure is named with its seed and the driver's message, no figure is
# made of what is left, and the exit is 1.
run_binary env SEEDS_DRIVER="$BUILD/broken/mdriver-crash" SEEDS_DIR="$TMP_DIR/crash" \
    tools/seeds.sh mm segregated 1 1
expect_status "a crashing allocator: exit 1" 1
expect_text "its failures are named with the seed and the driver's message" stdout \
    "seed 1: mm failed program1.rep: $TMP_DIR/crash/1/program1.rep:19: a 4 48: killed by signal 11"
expect_text "and the suite average has no figure" stdout "suite average        0"
fi

# A driver that writes no CSV: the one an earlier run left is not read.
printf '%s\n' '#!/usr/bin/env bash' \
    'if [ "$1" = --list ]; then echo "mm    the allocator"; echo "seed  the seed"; exit 0; fi' \
    'echo "no results today" >&2; exit 1' >"$TMP_DIR/no-csv-driver"
chmod +x "$TMP_DIR/no-csv-driver"
mkdir -p "$TMP_DIR/stale/5"
{
    echo 'allocator,trace,valid,util_percent,ops,secs,kops_per_sec,timing_runs,peak_live_bytes,heap_bytes,pages_mapped,pages_touched,error,perf_index,util_ceiling_percent'
    echo '"mm","program1.rep",1,90.0000,10,,,0,1,1,1,1,"",,100.0000'
    echo '"seed","program1.rep",1,80.0000,10,,,0,1,1,1,1,"",,100.0000'
} >"$TMP_DIR/stale/5/results.csv"
status=0
SEEDS_DRIVER="$TMP_DIR/no-csv-driver" SEEDS_DIR="$TMP_DIR/stale" tools/seeds.sh mm seed 5 1 \
    >"$TMP_DIR/out" 2>"$TMP_DIR/err" || status=$?
out=$(cat "$TMP_DIR/out") err=$(cat "$TMP_DIR/err")
if [ "$status" = 1 ] && [[ $err == *"seed 5: the driver wrote no results (exit 1)"* ]] && [[ $out != *program1.rep* ]]; then
    pass "a driver that wrote no CSV: said, exit 1, and an earlier run's CSV is not read"
else
    fail "a driver that wrote no CSV: said, exit 1, and an earlier run's CSV is not read" "status $status" "$out" "$err"
fi

# Usage errors, before any seed runs (the stand-in driver only lists).
seeds_usage() {
    status=0
    SEEDS_DRIVER="$TMP_DIR/no-csv-driver" SEEDS_DIR="$TMP_DIR/usage" tools/seeds.sh "$@" \
        >"$TMP_DIR/out" 2>"$TMP_DIR/err" || status=$?
    out=$(cat "$TMP_DIR/out") err=$(cat "$TMP_DIR/err")
}
seeds_usage mm mm
if [ "$status" = 2 ] && [[ $err == *"BASE and OTHER are both 'mm'"* ]] && [ ! -e "$TMP_DIR/usage" ]; then
    pass "one allocator twice is a usage error, and nothing runs"
else
    fail "one allocator twice is a usage error, and nothing runs" "status $status" "$err"
fi
seeds_usage mm nosuch
if [ "$status" = 2 ] && [[ $err == *"no allocator named 'nosuch'; the driver has: mm seed and libc"* ]]; then
    pass "an unknown name is a usage error listing the driver's names"
else
    fail "an unknown name is a usage error listing the driver's names" "status $status" "$err"
fi
# A driver that lists no allocator (it fails, or is no driver): the names
# cannot be checked, said so (it exited 1 with the driver's words alone).
printf '%s\n' '#!/bin/sh' 'echo "not a driver" >&2; exit 1' >"$TMP_DIR/no-list-driver"
chmod +x "$TMP_DIR/no-list-driver"
status=0
SEEDS_DRIVER="$TMP_DIR/no-list-driver" SEEDS_DIR="$TMP_DIR/usage" tools/seeds.sh mm seed \
    >"$TMP_DIR/out" 2>"$TMP_DIR/err" || status=$?
err=$(cat "$TMP_DIR/err")
if [ "$status" = 2 ] && [ ! -e "$TMP_DIR/usage" ] &&
    [ "$err" = "seeds: $TMP_DIR/no-list-driver --list named no allocators: cannot check BASE and OTHER" ]; then
    pass "a driver that lists no allocator is a usage error, and nothing runs"
else
    fail "a driver that lists no allocator is a usage error, and nothing runs" "status $status" "$err"
fi
seeds_usage mm seed 1 ''
if [ "$status" = 2 ] && [[ $err == *"SEEDS must be a decimal whole number from 1"*"got ''"* ]]; then
    pass "an empty SEEDS is a usage error, not the default 64"
else
    fail "an empty SEEDS is a usage error, not the default 64" "status $status" "$err"
fi
# A generator that fails exited 1, as a failed comparison does, with no word.
status=0
SEEDS_DRIVER="$TMP_DIR/no-csv-driver" SEEDS_GENTRACE=/bin/false SEEDS_DIR="$TMP_DIR/usage" \
    tools/seeds.sh mm seed 1 1 >"$TMP_DIR/out" 2>"$TMP_DIR/err" || status=$?
err=$(cat "$TMP_DIR/err")
if [ "$status" = 2 ] && [[ $err == *"seeds: /bin/false suite $TMP_DIR/usage/1 1 failed (exit 1)"* ]]; then
    pass "a failing SEEDS_GENTRACE is said, with its status, as a setup error"
else
    fail "a failing SEEDS_GENTRACE is said, with its status, as a setup error" "status $status" "$err"
fi
seeds_usage mm seed 1 0
if [ "$status" = 2 ] && [[ $err == *"SEEDS must be a decimal whole number from 1"*"'0'"* ]]; then
    pass "0 seeds is a usage error, not an empty table"
else
    fail "0 seeds is a usage error, not an empty table" "status $status" "$err"
fi
seeds_usage mm seed 1x
if [ "$status" = 2 ] && [[ $err == *"FIRST_SEED must be"*"'1x'"* ]]; then
    pass "a FIRST_SEED that is no number is a usage error naming it"
else
    fail "a FIRST_SEED that is no number is a usage error naming it" "status $status" "$err"
fi
seeds_usage mm
if [ "$status" = 2 ] && [[ $err == *"two allocator names"*"got 1 arguments"* ]]; then
    pass "one name alone is a usage error"
else
    fail "one name alone is a usage error" "status $status" "$err"
fi
seeds_usage -h
if [ "$status" = 0 ] && [[ $out == *"tools/seeds.sh BASE OTHER [FIRST_SEED [SEEDS]]"* ]] && [[ $out != *"set -euo"* ]]; then
    pass "-h prints the header comment"
else
    fail "-h prints the header comment" "status $status" "$out"
fi

done_testing
