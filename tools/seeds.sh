#!/usr/bin/env bash
# tools/seeds.sh - two allocators' utilization compared over many seeds of
# the default suite, seed by seed: is one design really tighter than the
# other, or was it lucky on the eleven shipped files?
#
#   tools/seeds.sh BASE OTHER [FIRST_SEED [SEEDS]]     (default: 1 64)
#
# BASE and OTHER are names the driver lists (./mdriver --list, which
# includes make MM_VARIANTS's variants) or libc (glibc's malloc, its
# utilization from its footprint, as -l measures it). Seed K is
# `gentrace suite DIR K`: the same generators as traces/ with other
# random choices (seed 0 is the shipped suite itself). Each seed's suite
# is replayed once for both allocators (--no-timing), and each trace's
# difference OTHER - BASE is taken on the same trace, so the luck of a
# draw that both share cancels out.
#
# Per trace and for the suite average it prints both means, the mean
# difference in points with one standard error of that mean (the
# standard deviation of the differences over the square root of their
# number), and on how many seeds OTHER was higher, lower or the same.
# A mean difference within about two standard errors of 0 is not told
# apart from noise by these seeds. docs/MM.md's "+x ± y points over N
# seeds" figures are of this kind.
#
# Environment: SEEDS_DRIVER (./mdriver; e.g. a driver built with
# ALIGNMENT=16), SEEDS_GENTRACE (tools/gentrace), SEEDS_DIR
# (build/seeds: the traces and the driver's CSV of every seed are kept
# there, in one folder per seed, for a closer look). The defaults are in
# the project's folder; a path given is the caller's.
#
# A trace that either allocator failed on a seed is left out of that
# trace's figures and of that seed's suite average, and listed at the
# end. Exit 0: every run valid; 1: some trace failed (the figures are
# over what was left); 2: a usage error, or a setting that names no
# program or no folder that can be made, or a generator that fails.
set -euo pipefail
source "$(dirname "$0")/locale.sh" # figures with a decimal point in any locale

usage() {
    echo "usage: tools/seeds.sh BASE OTHER [FIRST_SEED [SEEDS]]  (-h for help)" >&2
    exit 2
}
case ${1-} in
-h | --help) sed -n '2,/^set -euo/{/^#/s/^# \{0,1\}//p}' "$0"; exit 0 ;;
esac
[ $# -ge 2 ] && [ $# -le 4 ] || {
    echo "seeds: two allocator names and at most two numbers, got $# arguments" >&2
    usage
}
base=$1 other=$2

source "$(dirname "$0")/seed-args.sh"
source "$(dirname "$0")/allocator-names.sh"
settings_from SEEDS build/seeds
cd "$(dirname "$0")/.."

# An empty argument is refused as any other that is not a number (it
# stood for the default).
first=$(seed_number seeds FIRST_SEED "${3-1}" 0) || usage
# One seed gives a difference but no standard error; it is allowed (a
# quick look), and the error is printed as -.
count=$(seed_number seeds SEEDS "${4-64}" 1) || usage
last=$((first + count - 1))
if ((last > 4294967295)); then
    echo "seeds: seeds $first..$last go past gentrace's largest VARIANT, 4294967295" >&2
    exit 2
fi
need_programs seeds SEEDS

# The names are checked against the driver's list before any seed runs,
# so a typo costs nothing. libc is not in the list: it is -l.
listed=$(allocator_names seeds "BASE and OTHER" "$driver") || exit 2
check_name() {
    [ "$1" = libc ] && return 0
    is_allocator "$1" "$listed" && return 0
    echo "seeds: no allocator named '$1'; the driver has: $(names_joined "$listed" ' ') and libc" >&2
    exit 2
}
check_name "$base"
check_name "$other"
[ "$base" != "$other" ] || { echo "seeds: BASE and OTHER are both '$base': nothing to compare" >&2; exit 2; }
driver_args=(--no-timing)
if [ "$base" = libc ]; then
    driver_args+=(-a "$other" -l)
elif [ "$other" = libc ]; then
    driver_args+=(-a "$base" -l)
else
    driver_args+=(-a "$base,$other")
fi

echo "seeds: $other against $base on seeds $first..$last of the default suite (gentrace suite DIR K)"
csvs=()
failed_runs=0
for seed in $(seq "$first" "$last"); do
    dir="$work/$seed"
    make_folder seeds SEEDS "$dir"
    generate seeds suite "$dir" "$seed"
    # A CSV left by an earlier run must not stand in for this one's.
    rm -f "$dir/results.csv"
    status=0
    "$driver" "${driver_args[@]}" -t "$dir/" --csv "$dir/results.csv" >"$dir/driver.out" 2>&1 || status=$?
    if [ "$status" = 2 ]; then
        echo "seeds: the driver refused its arguments (${driver_args[*]}):" >&2
        head -5 "$dir/driver.out" >&2
        exit 2
    fi
    # libc under a sanitizer or valgrind: the driver says it cannot
    # measure it, and every seed would say the same.
    if [[ " $base $other " == *" libc "* ]] && grep -q "libc's utilization is not measured" "$dir/driver.out"; then
        echo "seeds: no figures for libc from this driver: $(grep -m1 "libc's utilization is not measured" "$dir/driver.out")" >&2
        exit 1
    fi
    if [ ! -s "$dir/results.csv" ]; then
        echo "seeds: seed $seed: the driver wrote no results (exit $status); its output is in $dir/driver.out" >&2
        failed_runs=$((failed_runs + 1))
        continue
    fi
    csvs+=("$dir/results.csv")
done
if [ ${#csvs[@]} = 0 ]; then
    echo "seeds: no seed gave results" >&2
    exit 1
fi

# Each CSV is SEEDS_DIR/SEED/results.csv: its folder names the seed.
# Rows: allocator, trace, valid, util, ..., error (quoted, may hold
# commas), perf_index, ceiling.
status=0
awk -F, -v base="$base" -v other="$other" -v work="$work" '
    function seed_of(path,    part, k) { k = split(path, part, "/"); return part[k - 1] }
    function field(s) { gsub(/^"|"$/, "", s); gsub(/""/, "\"", s); return s }
    function signed(x) { return sprintf("%+.2f", x) }
    function percent(sum, n) { return n > 0 ? sprintf("%.2f%%", sum / n) : "-" }
    # One row of figures: NAME, the pairs in diff[NAME, 1..n[NAME]].
    function row(name,    i, k, mean, sq, se, up, down, same) {
        k = n[name]
        if (k == 0) { printf "%-16s %5d " wide " " wide " %8s %7s\n", name, 0, "-", "-", "-", "-"; return }
        mean = dsum[name] / k
        for (i = 1; i <= k; i++) {
            sq += (diff[name, i] - mean) ^ 2
            if (diff[name, i] > 0) up++; else if (diff[name, i] < 0) down++; else same++
        }
        se = k > 1 ? sprintf("%.2f", sqrt(sq / (k - 1)) / sqrt(k)) : "-"
        printf "%-16s %5d " wide " " wide " %8s %7s %6d %6d %6d\n", name, k, percent(bsum[name], k), percent(osum[name], k),
               signed(mean), se, up, down, same
    }
    FNR == 1 { next }
    {
        a = field($1); t = field($2)
        if (a != base && a != other) next
        seed = seed_of(FILENAME)
        if ($3 != 1 || $4 == "") {
            if (t == "(total)") next # its traces name the failure
            err = $13
            for (i = 14; i <= NF - 2; i++) err = err "," $i
            err = field(err)
            if (err == "") err = "utilization not measured"
            # The suite average of that seed is over fewer traces: out too.
            bad[seed, t] = 1
            bad[seed, "(total)"] = 1
            failures[++nfail] = sprintf("seed %s: %s failed %s: %s", seed, a, t, err)
            next
        }
        if (!(t in order) && t != "(total)") { order[t] = ++ntraces; names[ntraces] = t }
        util[seed, a, t] = $4
        seen[seed, t] = 1
    }
    END {
        for (key in seen) {
            split(key, part, SUBSEP); seed = part[1]; t = part[2]
            if (((seed, t) in bad) || !((seed, base, t) in util) || !((seed, other, t) in util)) continue
            name = t == "(total)" ? "suite average" : t
            k = ++n[name]
            diff[name, k] = util[seed, other, t] - util[seed, base, t]
            dsum[name] += diff[name, k]; bsum[name] += util[seed, base, t]; osum[name] += util[seed, other, t]
        }
        printf "utilization in percent; diff = %s - %s in points, +- one standard error of its mean\n\n", other, base
        # A mean column is as wide as the longer name (15 characters at
        # most, the driver'"'"'s limit), and never narrower than 9.
        width = length(base) > length(other) ? length(base) : length(other)
        wide = "%" (width > 9 ? width : 9) "s"
        printf "%-16s %5s " wide " " wide " %8s %7s %6s %6s %6s\n", "trace", "seeds", base, other, "diff", "+-", "higher", "lower", "same"
        for (i = 1; i <= ntraces; i++) row(names[i])
        row("suite average")
        printf "(higher, lower, same: the seeds on which %s was above, below or level with %s)\n", other, base
        if (nfail > 0) {
            printf "\n%d failed (seed, allocator, trace), left out of the figures above:\n", nfail
            for (i = 1; i <= nfail && i <= 20; i++) print "  " failures[i]
            if (nfail > 20) printf "  ... and %d more (see each seed'"'"'s results.csv in %s)\n", nfail - 20, work
            exit 1
        }
    }' "${csvs[@]}" || status=$?
echo "per-seed traces and results: $work/SEED/"
[ "$failed_runs" = 0 ] || status=1
exit "$status"
