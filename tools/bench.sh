#!/usr/bin/env bash
# tools/bench.sh - the project's benchmarks, all measured in one go
# (make bench). Figures on a shared machine are noisy: compare the
# ratios printed here, which are measured within one run.
#
#   1. every allocator side by side on the default suite, libc in the
#      same run: utilization, Kops/s, throughput ratio to libc; then mm
#      against libc alone, repeated (BENCH_REPEATS, default 11): the
#      median, lowest and highest ratio per trace;
#   2. utilization on other seeds: the same generators with other
#      random choices (`gentrace suite DIR K`), so a policy tuned to the
#      shipped suite's numbers shows it (BENCH_VARIANTS, default 8),
#      libc's included: each allocator's mean over the suites, then per
#      trace mm's mean and lowest and every other allocator's mean;
#   2b. the phase-change traces (traces/phase-*.rep), which the default
#      suite leaves out: what survivors of one size cost the next size;
#   2c. real programs' calls (traces/recorded/, or BENCH_RECORDED), with
#      throughput: whether the design holds beyond generated traces;
#   3. malloc/free cost against the number of free blocks: the
#      `gentrace live N` family, N = 1e3 .. 1e6 (seed only up to 1e4:
#      its first-fit walk is the lesson, and takes minutes beyond), each
#      run BENCH_LIVE_REPEATS times (default 5): the median Kops/s and
#      the median ratio to libc;
#   4. the driver's own cost: a 5,000,000-op trace replayed with every
#      check on, wall time and driver memory per op, with and without
#      per-trace process isolation.
#
# The defaults are the figures the README quotes. tests/bench.t runs
# this script small (fewer repeats, seeds, live sizes and ops) to check
# that every part still runs and reads the driver's CSV correctly:
#   BENCH_DIR BENCH_REPEATS BENCH_VARIANTS BENCH_RECORDED BENCH_LIVE BENCH_LIVE_REPEATS
#   BENCH_BIG_OPS
#   BENCH_DRIVER BENCH_GENTRACE BENCH_OBJECTS (the build folder of the
#   driver's objects, for part 1a)
set -euo pipefail
# It takes no arguments (its settings are the variables above): -h prints
# this comment, anything else is a mistake rather than a 3-minute run.
case $# in
0) ;;
*)
    if [ "$1" = -h ] || [ "$1" = --help ]; then
        sed -n '2,/^set -euo/{/^#/s/^# \{0,1\}//p}' "$0"
        exit 0
    fi
    printf 'bench.sh: takes no arguments, got %s (settings are environment variables; -h for help)\n' "$*" >&2
    exit 2
    ;;
esac
cd "$(dirname "$0")/.."
work=${BENCH_DIR:-build/bench}
mkdir -p "$work"
driver=${BENCH_DRIVER:-./mdriver}
gentrace=${BENCH_GENTRACE:-tools/gentrace}
[ -x "$driver" ] && [ -x "$gentrace" ] || { echo "bench: run 'make mdriver tools/gentrace' first" >&2; exit 2; }

# The median of repeated runs (and, sorted, their lowest and highest),
# prepended to the awk programs of the parts that repeat a measurement.
AWK_MEDIAN=$(cat tools/median.awk)

# Which machine: throughput ratios depend on it (the CPU, and what the
# kernel charges glibc for the brk calls and page faults mm's simulated
# heap does not make), so a figure quoted from here names its machine.
cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null)
mhz=$(awk -F': ' '/^cpu MHz/ { printf "%.0f MHz", $2; exit }' /proc/cpuinfo 2>/dev/null)
libc=$(ldd --version 2>/dev/null | sed -n '1s/^ldd //p' || true)
echo "== machine: ${cpu:-unknown CPU}${mhz:+, $mhz}, $(nproc 2>/dev/null || echo '?') cores, $(uname -sr), ${libc:-libc unknown}"
echo

echo "== 1. Allocators side by side on the default suite (libc in the same run)"
"$driver" -a all -l --csv "$work/compare.csv" || echo "(some traces invalid: see above)"
# The heading is printed before the rows are sorted, not among them: a
# variant's name (MM_VARIANTS) may sort before "allocator" (Zed, aa).
printf "\n%-16s %10s %12s %12s %10s\n" "allocator" "avg util" "Kops/s" "x libc" "perf"
awk -F, 'NR > 1 && $2 == "\"(total)\"" { gsub(/"/, "", $1); kops[$1] = $7; util[$1] = $4; perf[$1] = $14 }
     END { for (a in kops)
               printf "%-16s %9s%s %12.0f %11.2fx %10s\n", a, (util[a] == "" ? "-" : sprintf("%.1f", util[a])),
                      (util[a] == "" ? "" : "%"), kops[a], (kops["libc"] > 0 ? kops[a] / kops["libc"] : 0),
                      (perf[a] == "" ? "-" : perf[a]) }' "$work/compare.csv" | sort -k1,1

# Utilization counts the heap, not the allocator's static tables. The
# grader's rule b (docs/INSTRUCTORS.md) allows a student 128 bytes of
# writable static data, so an allocator with more is flattered against a
# student's: show how much each one keeps outside the heap (the same
# sections the grader sums), and its average utilization with that
# memory counted as heap (tools/static-bytes).
objects=${BENCH_OBJECTS:-build}
echo
echo "== 1a. Static data outside the heap (rule b allows a student 128 B) and utilization counting it"
printf "%-16s %10s %10s %14s\n" "allocator" "static B" "avg util" "util counted"
for name in $("$driver" --list | awk '$1 != "libc" { print $1 }'); do
    object="$objects/alloc/$name.o"
    [ "$name" = mm ] && object="$objects/mm.o"
    [ -f "$objects/variants/$name.o" ] && object="$objects/variants/$name.o" # make MM_VARIANTS
    static=-
    [ -f "$object" ] && static=$(tools/static-bytes "$object")
    awk -F, -v a="$name" -v static="$static" '
        { gsub(/"/, "") }
        $1 == a && $2 != "(total)" && $3 == 1 && $10 > 0 { n++; u += $9 / $10; c += $9 / ($10 + static) }
        END { if (n == 0) exit
              if (static == "-") printf "%-16s %10s %9.1f%% %14s\n", a, "-", 100 * u / n, "-"
              else printf "%-16s %10d %9.1f%% %13.1f%%\n", a, static, 100 * u / n, 100 * c / n }' "$work/compare.csv"
done

# One run times each trace for milliseconds: its ratios move by tens of
# percent with the machine's load. Repeat mm against libc (each run
# measures both, trace by trace) and show the spread.
repeats=${BENCH_REPEATS:-11}
echo
echo "== 1b. mm against libc malloc: $repeats runs of ./mdriver -a mm -l, Kops/s ratio mm/libc per run"
repeat_csvs=()
for r in $(seq 1 "$repeats"); do
    "$driver" -a mm -l --csv "$work/repeat-$r.csv" >/dev/null || echo "(run $r: some traces invalid)"
    repeat_csvs+=("$work/repeat-$r.csv")
done
# Per trace (and the total, and the geometric mean of the per-trace
# ratios): the median, lowest and highest ratio over the runs.
awk -F, "$AWK_MEDIAN"'
     FNR == 1 { run++; next }
     { gsub(/"/, ""); kops[run, $1, $2] = $7; if ($1 == "mm" && !($2 in order)) { order[$2] = ++nt; tname[nt] = $2 } }
     function show(name, values, n,    middle) {
         middle = median(values, n)
         printf "%-16s %8.2fx %8.2fx %8.2fx\n", name, middle, values[1], values[n] }
     END { printf "%-16s %9s %9s %9s\n", "trace", "median", "lowest", "highest";
           for (i = 1; i <= nt; i++) { n = 0
               for (r = 1; r <= run; r++) if (kops[r, "mm", tname[i]] > 0 && kops[r, "libc", tname[i]] > 0)
                   v[++n] = kops[r, "mm", tname[i]] / kops[r, "libc", tname[i]]
               if (n > 0) show(tname[i], v, n) }
           runs = 0
           for (r = 1; r <= run; r++) { g = 0; n = 0
               for (i = 1; i <= nt; i++) if (tname[i] != "(total)" && kops[r, "mm", tname[i]] > 0 && kops[r, "libc", tname[i]] > 0) {
                   g += log(kops[r, "mm", tname[i]] / kops[r, "libc", tname[i]]); n++ }
               if (n > 0) v[++runs] = exp(g / n) }
           if (runs > 0) show("geomean", v, runs) }' "${repeat_csvs[@]}"

echo
variants=${BENCH_VARIANTS:-8}
echo "== 2. Utilization on $variants other seeds of the suite (gentrace suite DIR K, K = 1..$variants)"
variant_csvs=()
for k in $(seq 1 "$variants"); do
    dir="$work/variant-$k"
    mkdir -p "$dir"
    [ -s "$dir/tiny.rep" ] || "$gentrace" suite "$dir" "$k"
    "$driver" -a all -l --no-timing -t "$dir/" --csv "$dir/results.csv" >/dev/null ||
        echo "(variant $k: some traces invalid: run ./mdriver -a all --no-timing -t $dir/)"
    variant_csvs+=("$dir/results.csv")
done
# Per allocator: avg util on the shipped suite (part 1) and over the
# variants (mean, lowest, highest); then per trace over the variants,
# mm's mean and lowest and every other allocator's mean (libc's last),
# so designs compare on more than one seed of each trace.
awk -F, 'FNR == 1 { file++; next }
     { gsub(/"/, ""); a = $1; t = $2; u = $4 }
     u == "" { next } # not measured (libc under valgrind or a sanitizer)
     file == 1 && t == "(total)" { shipped[a] = u; next }
     file == 1 { next }
     t == "(total)" { sum[a] += u; n[a]++; if (!(a in lo) || u < lo[a]) lo[a] = u; if (u > hi[a]) hi[a] = u;
                      if (a == "mm") ceiling_sum += $15; next }
     { tsum[a, t] += u; tn[a, t]++
       if (!(a in acol)) { acol[a] = ++na; aname[na] = a }
       if (!(t in order)) { order[t] = ++nt; tname[nt] = t } }
     a == "mm" && (!(t in tlo) || u < tlo[t]) { tlo[t] = u }
     END { printf "%-16s %9s %9s %9s %9s\n", "allocator", "shipped", "mean", "lowest", "highest";
           for (a in sum) printf "%-16s %8.1f%% %8.1f%% %8.1f%% %8.1f%%\n", a, shipped[a], sum[a] / n[a], lo[a], hi[a] | "sort";
           close("sort");
           printf "(mean ceiling over the variants: %.1f%%)\n\nper trace over the variants: mm mean and lowest, the others mean:\n", ceiling_sum / n["mm"];
           printf "%-16s %9s %9s", "trace", "mean", "lowest";
           for (c = 1; c <= na; c++) if (aname[c] != "mm") printf " %15.15s", aname[c];
           printf "\n";
           for (i = 1; i <= nt; i++) {
               t = tname[i];
               printf "%-16s %8.1f%% %8.1f%%", t, tsum["mm", t] / tn["mm", t], tlo[t];
               for (c = 1; c <= na; c++) {
                   a = aname[c];
                   if (a == "mm") continue;
                   if (tn[a, t] > 0) printf " %14.1f%%", tsum[a, t] / tn[a, t]; else printf " %15s", "-";
               }
               printf "\n";
           } }' \
    "$work/compare.csv" "${variant_csvs[@]}"

echo
echo "== 2b. Phase changes (traces/phase-*.rep, not in the default suite): one size's survivors, then another size"
phase_args=()
for trace in traces/phase-*.rep; do phase_args+=(-f "$trace"); done
"$driver" -a all -l --no-timing "${phase_args[@]}" | sed -n '/^trace /,/^avg util/p' ||
    echo "(some phase traces invalid: run ./mdriver -a all --no-timing ${phase_args[*]})"

echo
# Real programs' calls, recorded with tools/record: whether what the
# generated traces reward holds on real workloads. Timed too: glibc's
# figures there include its system calls (big blocks mapped one by one).
recorded=${BENCH_RECORDED:-traces/recorded/*.rep}
echo "== 2c. Recorded programs (traces/recorded/, not in the default suite): utilization and Kops/s, libc in the same run"
recorded_args=()
# shellcheck disable=SC2086 # the default is a pattern
for trace in $recorded; do recorded_args+=(-f "$trace"); done
"$driver" -a all -l "${recorded_args[@]}" | sed -n '/^trace /,/^perf index/p' ||
    echo "(some recorded traces invalid: run ./mdriver -a all ${recorded_args[*]})"

echo
live_repeats=${BENCH_LIVE_REPEATS:-5}
echo "== 3. Cost against the number of free blocks (gentrace live N), median of $live_repeats runs"
printf "%-10s %-10s %12s %12s %10s\n" "live N" "allocator" "ops" "Kops/s" "x libc"
for n in ${BENCH_LIVE:-1000 10000 100000 1000000}; do
    trace="$work/live-$n.rep"
    [ -s "$trace" ] || "$gentrace" live "$n" "$trace"
    names=mm
    [ "$n" -le 10000 ] && names=mm,seed
    live_csvs=()
    for r in $(seq 1 "$live_repeats"); do
        "$driver" -a "$names" -l --once -f "$trace" --csv "$work/live-$n-$r.csv" >/dev/null || true
        live_csvs+=("$work/live-$n-$r.csv")
    done
    # Per allocator: the median Kops/s and the median of its per-run
    # ratio to libc (one run is milliseconds to seconds, and the shared
    # machine's load moves a single run by tens of percent).
    awk -F, -v n="$n" "$AWK_MEDIAN"'
         FNR == 1 { run++; next }
         { gsub(/"/, "") }
         $2 != "(total)" { kops[run, $1] = $7; ops[$1] = $5; names[$1] = 1 }
         END { for (a in names) { k = 0; q = 0
                   for (r = 1; r <= run; r++) if (kops[r, a] > 0) {
                       speed[++k] = kops[r, a]
                       if (kops[r, "libc"] > 0) ratio[++q] = kops[r, a] / kops[r, "libc"] }
                   printf "%-10s %-10s %12s %12.0f %9.2fx\n", n, a, ops[a], (k ? median(speed, k) : 0), (q ? median(ratio, q) : 0) } }' \
        "${live_csvs[@]}" | sort -k2,2
done

echo
big_ops=${BENCH_BIG_OPS:-5000000}
echo "== 4. The driver's own cost: $big_ops ops, every check on (mm)"
big="$work/bench-$big_ops.rep"
[ -s "$big" ] || "$gentrace" bench "$big_ops" "$big"
measure() { # label, extra flags...
    local label=$1
    shift
    /usr/bin/time -f "%e %M" -o "$work/time.txt" "$driver" -a mm --no-timing -f "$big" \
        --csv "$work/big.csv" "$@" >/dev/null
    read -r secs max_kb < "$work/time.txt"
    local touched ops
    touched=$(awk -F, 'NR == 2 { print $12 }' "$work/big.csv")
    ops=$(awk -F, 'NR == 2 { print $5 }' "$work/big.csv")
    local page; page=$(getconf PAGESIZE)
    awk -v l="$label" -v s="$secs" -v kb="$max_kb" -v t="$touched" -v p="$page" -v o="$ops" \
        'BEGIN { drv = kb * 1024 - t * p;
                 printf "%-44s %6.2f s  max RSS %6.1f MiB  heap %6.1f MiB  driver %5.1f B/op\n",
                        l, s, kb / 1024, t * p / 1048576, drv / o }'
}
measure "two correctness passes, isolated (default)"
measure "one correctness pass, isolated" --once
measure "one correctness pass, in process" --once --no-isolation
echo "(driver B/op = (max RSS - heap pages touched) / ops: trace, oracle and pointer slots)"
