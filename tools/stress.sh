#!/usr/bin/env bash
# tools/stress.sh - every allocator on generated stress traces, with every
# op checked, mm_checkheap and every live payload verified after each op
# (-d 2). The default suite shows what an allocator does with programs'
# patterns; these traces are for finding its bugs: every kind of op at
# the sizes where allocators change behaviour (`gentrace stress SEED`,
# tools/gentrace.c), a new trace per seed.
#
#   tools/stress.sh [FIRST_SEED [SEEDS]]     (default: 1 100)
#
# Both are decimal whole numbers (a leading 0 is not octal), SEEDS at
# least 1, and no seed past gentrace's largest, 4294967295.
#
# Environment: STRESS_DRIVER (./mdriver), STRESS_GENTRACE (tools/gentrace),
# STRESS_ALLOCATORS (all), STRESS_DIR (build/stress); the defaults are in
# the project's folder, a path given is the caller's.
# It stops at the first seed that fails, keeps that trace and the
# driver's output in STRESS_DIR, prints the command that replays it, and
# exits 1; it exits 0 when every seed passed, and 2 on a usage error
# (its own arguments, or the driver's: an unknown allocator name) or a
# setup error (a setting that names no program or no folder that can be
# made, or a generator that fails).
set -euo pipefail
case ${1-} in
-h | --help) sed -n '2,/^set -euo/{/^#/s/^# \{0,1\}//p}' "$0"; exit 0 ;;
esac
usage() {
    echo "usage: tools/stress.sh [FIRST_SEED [SEEDS]]" >&2
    exit 2
}
# A third argument was ignored, as if the run were what was asked.
if [ $# -gt 2 ]; then
    echo "stress: at most two arguments, got $#: $*" >&2
    usage
fi
source "$(dirname "$0")/seed-args.sh"
settings_from STRESS build/stress
cd "$(dirname "$0")/.."
# An empty argument is refused as any other that is not a number (it
# stood for the default).
first=${1-1}
seeds=${2-100}
allocators=${STRESS_ALLOCATORS:-all}
# A count of 0 is refused: it would run no seed and report them passed.
first=$(seed_number stress FIRST_SEED "$first" 0) || usage
seeds=$(seed_number stress SEEDS "$seeds" 1) || usage
if ((first + seeds - 1 > 4294967295)); then
    echo "stress: seeds $first..$((first + seeds - 1)) go past gentrace's largest SEED, 4294967295" >&2
    exit 2
fi
need_programs stress STRESS
make_folder stress STRESS "$work"

last=$((first + seeds - 1))
for seed in $(seq "$first" "$last"); do
    trace="$work/stress-$seed.rep"
    generate stress stress "$seed" "$trace"
    status=0
    "$driver" -a "$allocators" -d 2 --no-timing -v -f "$trace" >"$work/stress-$seed.out" 2>&1 || status=$?
    if [ "$status" = 2 ]; then # a usage error: no seed has been tried
        echo "stress: the driver refused its arguments (-a $allocators):" >&2
        head -5 "$work/stress-$seed.out" >&2
        rm -f "$trace" "$work/stress-$seed.out"
        exit 2
    fi
    if [ "$status" != 0 ]; then
        echo "stress: seed $seed failed (driver exit $status); trace $trace, output $work/stress-$seed.out:"
        grep -iE 'error|invalid|fail|signal|0/1' "$work/stress-$seed.out" | head -20 ||
            tail -10 "$work/stress-$seed.out"
        echo "replay: $driver -a $allocators -d 2 --no-timing -V -f $trace"
        exit 1
    fi
    rm -f "$trace" "$work/stress-$seed.out"
done
echo "stress: seeds $first..$last passed, allocators: $allocators"
