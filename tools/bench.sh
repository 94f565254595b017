#!/usr/bin/env bash
# tools/bench.sh - the project's benchmarks, all measured in one go
# (make bench). Figures on a shared machine are noisy: compare the
# ratios printed here, which are measured within one run.
#
#   1. every allocator side by side on the default suite, libc in the
#      same run: utilization, Kops/s, throughput ratio to libc;
#   1a. each allocator's static data outside the heap, and its
#      utilization on the default suite with that data counted as heap;
#   1b. mm against libc alone, repeated (BENCH_REPEATS, default 11): the
#      median, lowest and highest throughput ratio per trace;
#      BENCH_ALLOCATORS (default mm) names which of the driver's
#      allocators instead, such as variants built in with MM_VARIANTS
#      (between spaces or commas; not libc, measured in every run): each
#      run is then ./mdriver -a LIST -l, each allocator has its table of
#      ratios to libc, and each after the first its ratios to the first
#      too, taken run by run (the two allocators' Kops/s in the same
#      run) before the median;
#   1c. instructions per op inside malloc, free and realloc, mm against
#      libc, counted by callgrind (BENCH_COUNT_TRACES, default the
#      default suite; skipped without valgrind): a ratio that does not
#      depend on the machine; BENCH_ALLOCATORS names the allocators here
#      too: each has its table of instructions per op and its ratios
#      to libc, and each after the first its ratios to the first too;
#      a count that cannot be the allocator's alone (the driver's calls
#      into it are not one per op of the trace) is printed as -, and a
#      note under the tables says so;
#   1d. placement alone on an ideal heap with no per-block overhead:
#      online first, best and next fit (build/placement) and every block
#      placed knowing the whole trace (build/offline), beside mm's
#      utilization (BENCH_ALLOCATORS': each named allocator's), per
#      default trace: what a utilization goal asks of an online
#      allocator, read against what even these reach;
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
#   4. the driver's own cost: a 5,000,000-op trace (BENCH_BIG_OPS)
#      replayed with every check on, with and without per-trace process
#      isolation: wall time, and the driver's memory, a fixed part
#      (measured on a 1-op trace) and, from 1,000,000 ops, the part per op.
#
# BENCH_PARTS runs only the parts it names, as the headings number them
# (1 1a 1b 1c 1d 2 2b 2c 3 4), between spaces or commas: BENCH_PARTS="1 2b"
# runs parts 1 and 2b, in the order above whatever the list's. Default:
# every part. Parts 1a, 1c (without BENCH_COUNT_TRACES), 1d and 2 read part
# 1's figures on the default suite (its utilization, its trace names);
# without part 1 they measure its utilization themselves, untimed (a few
# seconds), and never read a CSV an earlier run left in BENCH_DIR.
#
# The defaults are the figures the README quotes. tests/bench.t runs
# this script small (fewer repeats, seeds, live sizes and ops) to check
# that every part still runs and reads the driver's CSV correctly:
#   BENCH_PARTS BENCH_DIR BENCH_REPEATS BENCH_ALLOCATORS BENCH_COUNT_TRACES
#   BENCH_VARIANTS BENCH_RECORDED
#   BENCH_LIVE BENCH_LIVE_REPEATS BENCH_BIG_OPS
#   BENCH_DRIVER BENCH_GENTRACE BENCH_OBJECTS (the build folder of the
#   driver's objects, for part 1a) BENCH_LIBC_REPLAY (build/libc-replay)
#   BENCH_PLACEMENT BENCH_OFFLINE (build/placement, build/offline)
# The counts (BENCH_REPEATS, BENCH_VARIANTS, BENCH_LIVE_REPEATS, from 1),
# BENCH_BIG_OPS and BENCH_LIVE's sizes are whole numbers, checked before
# anything runs, and so is each name in BENCH_PARTS and BENCH_ALLOCATORS
# (against the driver's --list).
# Paths (and the patterns of BENCH_RECORDED) are relative to where the
# script is run; the defaults are in the project's folder.
#
# An allocator that fails a trace does not stop the run: every part is
# measured, a figure that could not be is printed as -, the report ends
# with the failed runs (part, allocator, traces, the driver's message)
# and the script exits 1. Exit 0: every run valid; 2: a usage error.
set -euo pipefail
source "$(dirname "$0")/locale.sh" # figures with a decimal point in any locale
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
# The counts are checked before anything runs: a count of 0 repeats
# left a part's summary with no CSV to read, and awk, given no file,
# read standard input (the terminal: the run hung there); a word that is
# no number ran no repeat at all, or failed minutes into the run.
# whole NAME VALUE MIN MAX: VALUE is a decimal whole number from MIN to MAX.
whole() {
    local name=$1 value=$2 min=$3 max=$4
    if ! [[ $value =~ ^0*([0-9]{1,11})$ ]] || ((10#${BASH_REMATCH[1]} < min || 10#${BASH_REMATCH[1]} > max)); then
        printf 'bench.sh: %s must be a whole number from %s to %s, not '\''%s'\'' (-h for help)\n' \
            "$name" "$min" "$max" "$value" >&2
        exit 2
    fi
}
whole BENCH_REPEATS "${BENCH_REPEATS:-11}" 1 1000
whole BENCH_VARIANTS "${BENCH_VARIANTS:-8}" 1 1000
whole BENCH_LIVE_REPEATS "${BENCH_LIVE_REPEATS:-5}" 1 1000
whole BENCH_BIG_OPS "${BENCH_BIG_OPS:-5000000}" 1 10000000000 # gentrace bench's range
for n in ${BENCH_LIVE-}; do whole "each size in BENCH_LIVE" "$n" 2 100000000; done # gentrace live's range
# The parts, in the order they run, by their headings' numbers. A name
# BENCH_PARTS misspells is refused now: skipped, it would leave a run
# that ends clean (exit 0) without the part that was asked for.
all_parts="1 1a 1b 1c 1d 2 2b 2c 3 4"
# pick_parts LIST: the names in LIST (between spaces or commas), each
# checked, into $picked_parts as " NAME NAME ... ".
pick_parts() {
    local - word
    set -f # a * in the list is a wrong name, not the files here
    picked_parts=" "
    for word in ${1//,/ }; do
        if [[ " $all_parts " != *" $word "* ]]; then
            printf 'bench.sh: each part in BENCH_PARTS must be one of %s, not '\''%s'\'' (-h for help)\n' \
                "$all_parts" "$word" >&2
            exit 2
        fi
        picked_parts+="$word "
    done
    if [ "$picked_parts" = " " ]; then
        printf 'bench.sh: BENCH_PARTS must name parts among %s, not '\''%s'\'' (-h for help)\n' "$all_parts" "$1" >&2
        exit 2
    fi
}
pick_parts "${BENCH_PARTS:-$all_parts}"
# picked PART: whether this run measures PART.
picked() { [[ $picked_parts == *" $1 "* ]]; }
# Paths given in the environment are the caller's, relative to where it
# runs; the script runs from the project's folder, where the defaults
# are (a relative BENCH_DRIVER was looked for there, and said missing).
# from_caller WORDS: each word made absolute (a pattern stays one).
from_caller() {
    local - word absolute=""
    set -f
    for word in $1; do
        case $word in /*) ;; *) word=$PWD/$word ;; esac
        absolute+="${absolute:+ }$word"
    done
    printf '%s' "$absolute"
}
for setting in BENCH_DIR BENCH_DRIVER BENCH_GENTRACE BENCH_OBJECTS BENCH_LIBC_REPLAY BENCH_PLACEMENT BENCH_OFFLINE \
               BENCH_RECORDED BENCH_COUNT_TRACES; do
    [ -z "${!setting-}" ] || printf -v "$setting" '%s' "$(from_caller "${!setting}")"
done
source "$(dirname "$0")/allocator-names.sh"
cd "$(dirname "$0")/.."
work=${BENCH_DIR:-build/bench}
driver=${BENCH_DRIVER:-./mdriver}
# The driver as the headings and hints name it, from the top of the tree:
# a hint to run ./mdriver would run another build than the one measured.
driver_shown=${driver#"$PWD"/}
[[ $driver_shown == */* ]] || driver_shown=./$driver_shown
gentrace=${BENCH_GENTRACE:-tools/gentrace}
for program in "$driver" "$gentrace"; do
    [ -x "$program" ] || { echo "bench: no program $program: run 'make mdriver tools/gentrace' first" >&2; exit 2; }
done
# The allocators parts 1b and 1c measure, checked against the driver's list now:
# a misspelled name would fail every repeat minutes into the run. libc is
# no entry: -l measures it in every run of 1b, libc-replay in 1c.
# pick_allocators LIST: the names in LIST (between spaces or commas), each
# one the driver lists, none twice, into $bench_allocators as "A,B,...".
pick_allocators() {
    local - word names listed
    set -f
    names=$(allocator_names bench.sh BENCH_ALLOCATORS "$driver") || exit 2
    listed=$(names_joined "$names" ' ')
    bench_allocators=""
    for word in ${1//,/ }; do
        if [ "$word" = libc ]; then
            printf 'bench.sh: BENCH_ALLOCATORS names libc, which parts 1b and 1c measure in every run: name allocators among %s (-h for help)\n' \
                "$listed" >&2
            exit 2
        elif ! is_allocator "$word" "$names"; then
            printf 'bench.sh: each allocator in BENCH_ALLOCATORS must be one the driver lists (%s), not '\''%s'\'' (-h for help)\n' \
                "$listed" "$word" >&2
            exit 2
        elif [[ ",$bench_allocators," == *",$word,"* ]]; then
            printf 'bench.sh: BENCH_ALLOCATORS names %s twice (-h for help)\n' "$word" >&2
            exit 2
        fi
        bench_allocators+="${bench_allocators:+,}$word"
    done
    if [ -z "$bench_allocators" ]; then
        printf 'bench.sh: BENCH_ALLOCATORS must name allocators among %s, not '\''%s'\'' (-h for help)\n' "$listed" "$1" >&2
        exit 2
    fi
}
bench_allocators=mm
[ -z "${BENCH_ALLOCATORS-}" ] || pick_allocators "$BENCH_ALLOCATORS"
mkdir -p "$work"

# An allocator that fails traces does not stop the benchmark: each part
# goes on, prints what it could not measure as -, and notes the failed
# runs here; the report ends with them and the script exits 1, so that a
# run with failures is not taken for a clean one.
failures="$work/failures.txt"
: >"$failures"
# note_failures PART STATUS CSV...: after a part's driver runs (STATUS,
# the worst exit status among them), each allocator's invalid traces in
# the CSVs, with the driver's first message for it; a failure the CSVs
# do not show (the driver wrote none) is noted by its exit status.
note_failures() {
    local part=$1 status=$2
    shift 2
    [ "$status" = 0 ] && return 0
    local csvs=() csv
    for csv; do [ -s "$csv" ] && csvs+=("$csv"); done
    local before; before=$(wc -l <"$failures")
    # The error is the only field after the names that is quoted, and
    # may hold commas: read from the line, not by the field separator.
    [ "${#csvs[@]}" = 0 ] || awk -F, -v part="$part" '
        FNR > 1 && $3 == 0 && $2 != "\"(total)\"" {
            a = $1; t = $2; gsub(/"/, "", a); gsub(/"/, "", t)
            if ((a, t) in seen) next
            seen[a, t] = 1
            if (!(a in n)) { name[++na] = a; rest = $0; sub(/^"[^"]*","[^"]*",/, "", rest)
                             first[a] = match(rest, /"([^"]|"")*"/) ? substr(rest, RSTART + 1, RLENGTH - 2) : ""
                             gsub(/""/, "\"", first[a]) }
            if (++n[a] <= 3) list[a] = list[a] (n[a] > 1 ? ", " : "") t }
        END { for (i = 1; i <= na; i++) { a = name[i]
                  printf "part %s: %s failed %d trace%s (%s%s)%s\n", part, a, n[a], (n[a] == 1 ? "" : "s"),
                         list[a], (n[a] > 3 ? ", ..." : ""), (first[a] == "" ? "" : ": " first[a]) } }' \
        "${csvs[@]}" >>"$failures"
    if [ "$(wc -l <"$failures")" = "$before" ]; then
        if [ "$status" -gt 128 ]; then # the shell's code for a signal (a crash in process)
            echo "part $part: the driver was killed by signal $((status - 128)) (no failed trace in a CSV; its messages are on standard error)"
        else
            echo "part $part: the driver exited with status $status (no failed trace in a CSV; its messages are on standard error)"
        fi >>"$failures"
    fi
}

# The driver writes its CSV when its run ends: one killed before (by a
# signal, or the machine's OOM killer) writes none, and the file that an
# earlier run left in BENCH_DIR was read as this run's figures. So each
# CSV is emptied before the run that writes it (: >CSV): a run that wrote
# none has no rows, its figures are -, and note_failures names its exit
# status.

# Every generated trace is written again in each run (the biggest, 10^6
# live blocks or 5*10^6 ops, in about a second): a trace kept in
# BENCH_DIR from an earlier run may come from an older gentrace, whose
# figures would then stand under this one's name.

# count_of N NOUN: "1 NOUN", or "N NOUNs" (a heading read "1 runs").
count_of() {
    if [ "$1" -eq 1 ]; then printf '%s %s' "$1" "$2"; else printf '%s %ss' "$1" "$2"; fi
}

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

# The default suite's CSV, every allocator and libc, which parts 1a, 1c, 1d
# and 2 read: part 1's, once it has run in this run. An earlier run's,
# left in BENCH_DIR, would be another build's figures, or another mm.c's,
# under this run's heading; so without part 1 (BENCH_PARTS) the first
# part that needs it measures the suite's utilization, untimed: a few
# seconds, and the same figures as part 1's timed run.
default_suite=""
# need_default_suite PART: $default_suite names that CSV, measured for
# PART if no part has measured it yet.
need_default_suite() {
    [ -z "$default_suite" ] || return 0
    default_suite="$work/default-suite.csv"
    echo "(part 1 not run: the default suite replayed untimed for part $1: $driver_shown -a all -l --no-timing)"
    local status=0
    : >"$default_suite"
    "$driver" -a all -l --no-timing --csv "$default_suite" >/dev/null ||
        { status=$?; echo "(some traces invalid: run $driver_shown -a all --no-timing)"; }
    note_failures "$1 (the default suite's utilization)" "$status" "$default_suite"
}

part_1() {
    echo "== 1. Allocators side by side on the default suite (libc in the same run)"
    status=0
    : >"$work/compare.csv"
    "$driver" -a all -l --csv "$work/compare.csv" || { status=$?; echo "(some traces invalid: see above)"; }
    note_failures 1 "$status" "$work/compare.csv"
    default_suite="$work/compare.csv"
    # The heading is printed before the rows are sorted, not among them: a
    # variant's name (MM_VARIANTS) may sort before "allocator" (Zed, aa).
    printf "\n%-16s %10s %12s %12s %10s\n" "allocator" "avg util" "Kops/s" "x libc" "perf"
    # An allocator that failed a trace has no figures here: its total and
    # mean leave that trace out, so they would not compare with the others'
    # (the failed runs are listed at the end).
    awk -F, 'NR > 1 && $2 == "\"(total)\"" { gsub(/"/, "", $1); valid = $3 == 1
                                             kops[$1] = valid ? $7 : ""; util[$1] = valid ? $4 : ""; perf[$1] = $14 }
         END { for (a in kops)
                   printf "%-16s %9s%s %12s %12s %10s\n", a, (util[a] == "" ? "-" : sprintf("%.1f", util[a])),
                          (util[a] == "" ? "" : "%"), (kops[a] == "" ? "-" : sprintf("%.0f", kops[a])),
                          (kops[a] != "" && kops["libc"] > 0 ? sprintf("%.2fx", kops[a] / kops["libc"]) : "-"),
                          (perf[a] == "" ? "-" : perf[a]) }' "$work/compare.csv" | sort -k1,1
}

# Utilization counts the heap, not the allocator's static tables. The
# grader's rule b (docs/INSTRUCTORS.md) allows a student 128 bytes of
# writable static data, so an allocator with more is flattered against a
# student's: show how much each one keeps outside the heap (the same
# sections the grader sums), and its average utilization with that
# memory counted as heap (tools/static-bytes).
part_1a() {
    objects=${BENCH_OBJECTS:-build}
    echo "== 1a. Static data outside the heap (rule b allows a student 128 B) and utilization counting it"
    need_default_suite 1a
    printf "%-16s %10s %10s %14s\n" "allocator" "static B" "avg util" "util counted"
    for name in $("$driver" --list | awk '$1 != "libc" { print $1 }'); do
        object="$objects/alloc/$name.o"
        [ "$name" = mm ] && object="$objects/mm.o"
        [ -f "$objects/variants/$name.o" ] && object="$objects/variants/$name.o" # make MM_VARIANTS
        static=-
        [ -f "$object" ] && static=$(tools/static-bytes "$object")
        awk -F, -v a="$name" -v static="$static" '
            { gsub(/"/, "") }
            $1 == a { ran = 1 }
            $1 == a && $2 != "(total)" && $3 == 1 && $10 > 0 { n++; u += $9 / $10; c += $9 / ($10 + static) }
            $1 == a && $2 != "(total)" && $3 != 1 { failed = 1 }
            END { if (!ran) exit # not in this run (the driver lists it, -a did not name it)
                  # A failed trace: a mean over the rest would not compare
                  # with the others (as in part 1; listed at the end).
                  if (n == 0 || failed) printf "%-16s %10s %10s %14s\n", a, static, "-", "-"
                  else if (static == "-") printf "%-16s %10s %9.1f%% %14s\n", a, "-", 100 * u / n, "-"
                  else printf "%-16s %10d %9.1f%% %13.1f%%\n", a, static, 100 * u / n, 100 * c / n }' "$default_suite"
    done
}

# One run times each trace for milliseconds: its ratios move by tens of
# percent with the machine's load. Repeat mm against libc (each run
# measures both, trace by trace) and show the spread. BENCH_ALLOCATORS
# names others (variants built in with MM_VARIANTS): all of them and
# libc in each run, and each later one against the first, run by run.
part_1b() {
    repeats=${BENCH_REPEATS:-11}
    local first=${bench_allocators%%,*} others=${bench_allocators#*,}
    if [ "$first" = "$bench_allocators" ]; then
        echo "== 1b. $first against libc malloc: $(count_of "$repeats" run) of $driver_shown -a $first -l, Kops/s ratio $first/libc per run"
    else
        [[ $others == *,* ]] && others="the others"
        echo "== 1b. ${bench_allocators//,/, } against libc malloc, $others against $first:" \
             "$(count_of "$repeats" run) of $driver_shown -a $bench_allocators -l, Kops/s ratios per run"
    fi
    repeat_csvs=()
    worst=0
    for r in $(seq 1 "$repeats"); do
        status=0
        : >"$work/repeat-$r.csv"
        "$driver" -a "$bench_allocators" -l --csv "$work/repeat-$r.csv" >/dev/null || { status=$?; echo "(run $r: some traces invalid)"; }
        [ "$status" -gt "$worst" ] && worst=$status
        repeat_csvs+=("$work/repeat-$r.csv")
    done
    note_failures 1b "$worst" "${repeat_csvs[@]}"
    # Per trace (and the total, and the geometric mean of the per-trace
    # ratios): the median, lowest and highest ratio over the runs, each
    # run's ratio taken between two figures of that run. One table per
    # allocator: its ratio to libc, and for each after the first its ratio
    # to the first too.
    awk -F, -v names="$bench_allocators" "$AWK_MEDIAN"'
         FNR == 1 { run++; next }
         { gsub(/"/, ""); kops[run, $1, $2] = $3 == 1 ? $7 : "" # a total over fewer traces: no ratio
           if ($1 == name[1] && !($2 in order)) { order[$2] = ++nt; tname[nt] = $2 } }
         BEGIN { na = split(names, name, ",") }
         # ratio(a, b, r, t): a Kops/s over b Kops/s on trace t in run r, or 0.
         function ratio(a, b, r, t) { return kops[r, a, t] > 0 && kops[r, b, t] > 0 ? kops[r, a, t] / kops[r, b, t] : 0 }
         # spread(a, b, t): median, lowest and highest over the runs of a/b on
         # trace t, or ("geomean") on the geometric mean of the traces in each run.
         function spread(a, b, t,    r, i, n, m, g, x, values) {
             n = 0
             for (r = 1; r <= run; r++) {
                 if (t != "geomean") { if ((x = ratio(a, b, r, t)) > 0) values[++n] = x; continue }
                 g = 0; m = 0
                 for (i = 1; i <= nt; i++) if (tname[i] != "(total)" && (x = ratio(a, b, r, tname[i])) > 0) { g += log(x); m++ }
                 # a run with a trace failed has no geomean, as it has no total
                 if (m > 0 && m == nt - ("(total)" in order)) values[++n] = exp(g / m) }
             if (n == 0) return sprintf(" %9s %9s %9s", "-", "-", "-")
             m = median(values, n)
             return sprintf(" %8.2fx %8.2fx %8.2fx", m, values[1], values[n]) }
         # centred(text): text in the middle of 29 columns, those of a ratio'"'"'s three figures.
         function centred(text,    left) { left = int((29 - length(text)) / 2); if (left < 0) left = 0
                                            return sprintf("%" left "s%-" (29 - left) "s", "", text) }
         function table(a,    i, t, heading) {
             if (na > 1) { heading = sprintf("%-16s %s", "", centred(a "/libc"))
                           if (a != name[1]) heading = heading " " centred(a "/" name[1])
                           sub(/ +$/, "", heading)
                           printf "%s%s\n", (a == name[1] ? "" : "\n"), heading }
             printf "%-16s %9s %9s %9s", "trace", "median", "lowest", "highest"
             if (a != name[1]) printf " %9s %9s %9s", "median", "lowest", "highest"
             printf "\n"
             for (i = 1; i <= nt + 1; i++) { t = i <= nt ? tname[i] : "geomean"
                 printf "%-16s%s%s\n", t, spread(a, "libc", t), (a == name[1] ? "" : spread(a, name[1], t)) } }
         END { for (c = 1; c <= na; c++) table(name[c])
               if (na > 1) printf "(against %s: in each run, the allocator'"'"'s Kops/s over %s'"'"'s in that run; then the median,\n" \
                                  " lowest and highest of those ratios over the runs, not ratios of the medians)\n", name[1], name[1] }' "${repeat_csvs[@]}"
}

# Kops/s ratios depend on the machine (above); instructions do not. So
# count, with callgrind, the instructions run inside the allocator's own
# malloc, free and realloc for one replay of each trace: mm (or each
# allocator BENCH_ALLOCATORS names) through the driver, libc through
# build/libc-replay (tools/libc-replay.c), since the driver's replays
# check every pointer against memlib's heap. What this leaves out is said
# under the table.
#
# The driver's allocators are not counted with callgrind's
# --toggle-collect=mm_malloc (and mm_free, mm_realloc), as libc is: a
# toggle turns collection off again when one of those functions calls
# another, and mm_realloc calls mm_malloc and mm_free when it moves a
# block (so do the allocators/ files' and most handouts'), so what those
# nested calls ran was left out (mm on realloc.rep: 6,014,888
# instructions counted of 6,065,685; on cases.rep 5% too few). Callgrind
# collects everywhere instead, and the count is the inclusive cost of
# the driver's calls into the three functions, read from its call graph
# (ENTRY_COST below).

# The instructions callgrind counted in the driver's calls into an
# allocator's ENTRIES (its malloc, free and realloc, by symbol), and how
# many such calls, from the profile on standard input: "INSTRUCTIONS
# CALLS". A call into an entry counts when its caller is neither an entry
# nor a function only ever called (directly or not) from the entries: a
# helper of the allocator's own, as a realloc that moves a block calls
# its malloc through one. Each is a call arc of the profile: "calls=N
# TARGET" after the callee's cfn= line, then "POSITION COST", the cost
# inclusive of everything the callee ran. Names are compressed: "(ID)
# NAME" the first time, "(ID)" after; fn= and cfn= share the IDs. The
# caller counts the calls: one per op of the trace, or the figure is not
# the allocator's alone.
ENTRY_COST='
    function name(text,    id) {
        if (!match(text, /^\([0-9]+\)/)) return text
        id = substr(text, 2, RLENGTH - 2); text = substr(text, RLENGTH + 1); sub(/^ /, "", text)
        if (text != "") named[id] = text
        return named[id] }
    BEGIN { n = split(entries, list, " "); for (i = 1; i <= n; i++) entry[list[i]] = 1 }
    /^fn=/ { caller = name(substr($0, 4)); next }
    /^cfn=/ { callee = name(substr($0, 5)); next }
    /^calls=/ { split($0, call, /[= ]/); pending = 1; next }
    pending { pending = 0; arc = caller SUBSEP callee
              if (!(arc in calls)) { from[++arcs] = caller; to[arcs] = callee; callers[callee]++ }
              calls[arc] += call[2]; cost[arc] += $2 }
    END { # inside: called only from entries or from functions inside, to a fixed point
          do { grew = 0
               for (f in callers) if (!(f in entry) && !(f in inside)) {
                   outside = 0
                   for (i = 1; i <= arcs; i++) if (to[i] == f && !(from[i] in entry) && !(from[i] in inside)) outside = 1
                   if (!outside) { inside[f] = 1; grew = 1 } } } while (grew)
          for (i = 1; i <= arcs; i++) if ((to[i] in entry) && !(from[i] in entry) && !(from[i] in inside)) {
              ir += cost[from[i], to[i]]; n_calls += calls[from[i], to[i]] }
          printf "%.0f %.0f\n", ir, n_calls }'
part_1c() {
    local first=${bench_allocators%%,*} others=${bench_allocators#*,} allocator
    if [ "$first" = "$bench_allocators" ]; then
        echo "== 1c. Instructions per op inside malloc, free and realloc (callgrind, the same on every machine), $first against libc"
    else
        [[ $others == *,* ]] && others="the others"
        echo "== 1c. Instructions per op inside malloc, free and realloc (callgrind, the same on every machine)," \
             "${bench_allocators//,/, } against libc, $others against $first"
    fi
    libc_replay=${BENCH_LIBC_REPLAY:-build/libc-replay}
    if ! command -v valgrind >/dev/null 2>&1 || [ ! -x "$libc_replay" ]; then
        echo "(skipped: needs valgrind and $libc_replay, which make bench builds)"
    else
        count_traces=${BENCH_COUNT_TRACES-}
        if [ -z "$count_traces" ]; then
            need_default_suite 1c
            count_traces=$(awk -F, 'NR > 1 && $1 == "\"mm\"" && $2 != "\"(total)\"" {
                                        gsub(/"/, "", $2); printf "traces/%s ", $2 }' "$default_suite")
        fi
        # callgrind OUT ARGS... -- COMMAND...: COMMAND run under callgrind
        # with ARGS, its profile in OUT and its standard error in OUT.err;
        # fails if COMMAND fails.
        callgrind() {
            local out=$1 args=()
            shift
            while [ "$1" != -- ]; do args+=("$1"); shift; done
            shift
            valgrind --tool=callgrind --callgrind-out-file="$out" "${args[@]}" "$@" >/dev/null 2>"$out.err"
        }
        # failed_replay WHO TRACE OUT: a failed replay noted, with the first
        # line COMMAND wrote (valgrind's own lines are "==PID== ..."): the
        # reader's FILE:LINE message for a bad trace; else, for a replay
        # killed before it said anything, valgrind's line naming the signal.
        failed_replay() {
            local why
            why=$(grep -v -m 1 '^==[0-9]*==' "$3.err" || true)
            [ -n "$why" ] ||
                why=$(sed -n 's/^==[0-9]*== \(Process terminating with default action of signal .*\)/\1/p' "$3.err" | head -n 1)
            echo "part 1c: $1 failed to replay $2 under callgrind${why:+: $why}" >>"$failures"
        }
        # allocator_instructions ALLOCATOR TRACE OPS: the instructions the
        # driver's calls into ALLOCATOR's malloc, free and realloc ran on
        # TRACE, or - (noted: a failed replay, or calls not one per op).
        # Their symbols: mm's are mm_malloc and so on; an allocators/ file's
        # are prefixed by its name (segregated_mm_malloc), a variant's by
        # variant_ and its name (variant_mm_best_mm_malloc), '-' as '_'
        # (the Makefile's renamed, tools/build-variants). Only ALLOCATOR
        # runs, so whichever of the two prefixes is its own is the one the
        # profile holds.
        allocator_instructions() {
            local allocator=$1 trace=$2 ops=$3 entries prefix ir calls fn
            if [ "$allocator" = mm ]; then
                entries="mm_malloc mm_free mm_realloc"
            else
                prefix=${allocator//-/_}
                entries=""
                for fn in malloc free realloc; do entries+=" ${prefix}_mm_$fn variant_${prefix}_mm_$fn"; done
            fi
            if ! callgrind "$work/count-$allocator.out" -- \
                    "$driver" -a "$allocator" -d 0 --once --no-timing --no-isolation -f "$trace"; then
                failed_replay "$allocator" "$trace" "$work/count-$allocator.out"
                echo -
                return 0
            fi
            read -r ir calls < <(awk -v entries="$entries" "$ENTRY_COST" "$work/count-$allocator.out")
            if [ "$calls" != "$ops" ]; then
                echo "($allocator cannot be counted on $(basename "$trace"): callgrind saw $calls calls from the driver into its malloc, free and realloc, not one per op ($ops))" >>"$uncounted"
                echo -
                return 0
            fi
            echo "$ir"
        }
        uncounted="$work/uncounted.txt"
        : >"$uncounted"
        for trace in $count_traces; do
            # The ops the trace holds (its header may have blank lines,
            # which the reader skips); 0 if it cannot be read, whose
            # replays then fail and are noted.
            ops=$(awk '$1 == "a" || $1 == "r" || $1 == "f" { n++ } END { print n + 0 }' "$trace" 2>/dev/null) || ops=0
            line="$(basename "$trace") $ops"
            for allocator in ${bench_allocators//,/ }; do
                line+=" $(allocator_instructions "$allocator" "$trace" "$ops")"
            done
            libc_ir=-
            if callgrind "$work/count-libc.out" --toggle-collect=malloc --toggle-collect=free --toggle-collect=realloc -- \
                    "$libc_replay" "$trace"; then
                libc_ir=$(awk '/^summary:/ { print $2 }' "$work/count-libc.out")
            else
                failed_replay libc "$trace" "$work/count-libc.out"
            fi
            echo "$line $libc_ir"
        done >"$work/counts.txt"
        # One table per allocator, from lines "TRACE OPS IR... LIBC" (an
        # allocator's instructions in BENCH_ALLOCATORS' order, or -): its
        # instructions per op, libc's, and its speed in instructions against
        # libc's (libc's count over its own); each after the first against the
        # first's too. A total or geometric mean of a ratio is over the traces
        # where both of its counts are figures.
        awk -v names="$bench_allocators" '
            BEGIN { na = split(names, name, ",") }
            { nt++; tname[nt] = $1; ops[nt] = $2; libc[nt] = $NF; for (c = 1; c <= na; c++) ir[nt, c] = $(2 + c) }
            function per_op(ir, ops) { return ir == "-" || ops == 0 ? "-" : sprintf("%.1f", ir / ops) }
            function speed(a, b) { return a == "-" || b == "-" || a == 0 ? "-" : sprintf("%.2fx", b / a) }
            function counted(x) { return x != "-" && x > 0 }
            function wide(text, least) { return length(text) > least ? length(text) : least }
            function table(c,    w, v, f, t, a, l, o, g, n, a2, f2, g2, n2, geo) {
                w = wide(name[c] " Ir/op", 10); v = wide(name[c] " speed x libc", 16); f = wide(name[c] " speed x " name[1], 16)
                printf "%-16s %" w "s %10s %" v "s", "trace", name[c] " Ir/op", "libc Ir/op", name[c] " speed x libc"
                if (c > 1) printf " %" f "s", name[c] " speed x " name[1]
                printf "\n"
                for (t = 1; t <= nt; t++) {
                    printf "%-16s %" w "s %10s %" v "s", tname[t], per_op(ir[t, c], ops[t]), per_op(libc[t], ops[t]),
                           speed(ir[t, c], libc[t])
                    if (c > 1) printf " %" f "s", speed(ir[t, c], ir[t, 1])
                    printf "\n"
                    if (counted(ir[t, c]) && counted(libc[t])) { a += ir[t, c]; l += libc[t]; o += ops[t]; g += log(libc[t] / ir[t, c]); n++ }
                    if (c > 1 && counted(ir[t, c]) && counted(ir[t, 1])) { a2 += ir[t, c]; f2 += ir[t, 1]; g2 += log(ir[t, 1] / ir[t, c]); n2++ } }
                if (n == 0 && n2 == 0) {
                    printf "%-16s %" w "s %10s %" v "s%s\n", "(total)", "-", "-", "-", (c > 1 ? sprintf(" %" f "s", "-") : "")
                    return }
                printf "%-16s %" w "s %10s %" v "s", "(total)", (n ? sprintf("%.1f", a / o) : "-"), (n ? sprintf("%.1f", l / o) : "-"),
                       (n ? sprintf("%.2fx", l / a) : "-")
                if (c > 1) printf " %" f "s", (n2 ? sprintf("%.2fx", f2 / a2) : "-")
                printf "\n"
                printf "%-16s %" w "s %10s %" v "s", "geomean", "", "", (n ? sprintf("%.2fx", exp(g / n)) : "-")
                if (c > 1) printf " %" f "s", (n2 ? sprintf("%.2fx", exp(g2 / n2)) : "-")
                printf "\n" }
            END { for (c = 1; c <= na; c++) { if (c > 1) printf "\n"; table(c) } }' "$work/counts.txt"
        cat "$uncounted"
        if [ "$first" = "$bench_allocators" ]; then
            echo "($first speed x libc = libc's instructions / $first's. Instructions leave out cache misses,"
        else
            echo "(A speed x B = B's instructions / A's, on the same trace. Instructions leave out cache misses,"
        fi
        echo " mispredicted branches and the kernel's work for libc's brk calls and page faults,"
        echo " which part 1's Kops/s include: the two measures can disagree, and do on some machines.)"
    fi
}

# What placement alone costs, and what knowing the future buys: the
# default suite on build/placement's ideal heap, with no per-block
# overhead at all, under the online policies (build/placement: first,
# best and next fit) and placed knowing the whole trace (build/offline,
# the best of its orders: a lower bound on what that knowledge allows),
# beside each allocator's utilization with its overhead (the default
# suite's, as part 1 measured it). What a utilization goal asks of an
# online allocator is read against these columns.
part_1d() {
    local placement=${BENCH_PLACEMENT:-build/placement} offline=${BENCH_OFFLINE:-build/offline} tool status
    echo "== 1d. Placement alone, no per-block overhead: online first, best and next fit (build/placement)" \
         "and knowing the whole trace (build/offline), beside ${bench_allocators//,/, }"
    if [ ! -x "$placement" ] || [ ! -x "$offline" ]; then
        echo "(skipped: needs $placement and $offline, which make bench builds)"
        return 0
    fi
    need_default_suite 1d
    # Both tools read the default suite (config.h's, as the driver does)
    # and print "trace ceiling column..." rows, then "mean".
    for tool in placement offline; do
        status=0
        "${!tool}" >"$work/$tool.txt" 2>"$work/$tool.err" || status=$?
        [ "$status" = 0 ] || echo "part 1d: ${!tool} failed (exit $status): $(head -1 "$work/$tool.err")" >>"$failures"
    done
    # Rows in placement's order; offline's last column (the best of its
    # orders); each allocator's util on the trace from the default suite's
    # CSV ("(total)" is its mean), - where it failed the trace.
    awk -v names="$bench_allocators" '
        BEGIN { na = split(names, name, ",") }
        FILENAME ~ /placement.txt$/ && FNR > 1 { line[++n] = $0; next }
        FILENAME ~ /offline.txt$/ && FNR > 1 { best[$1] = $NF; next }
        FILENAME ~ /\.csv$/ && FNR > 1 { gsub(/"/, ""); split($0, csv, ",")
                                        t = csv[2] == "(total)" ? "mean" : csv[2]
                                        util[csv[1], t] = csv[3] == 1 ? sprintf("%.1f%%", csv[4]) : "-" }
        END { printf "%-16s %9s %8s %8s %8s %8s", "trace", "ceiling", "first", "best", "next", "offline"
              for (c = 1; c <= na; c++) { width[c] = length(name[c]) > 8 ? length(name[c]) : 8; printf " %" width[c] "s", name[c] }
              printf "\n"
              for (i = 1; i <= n; i++) { split(line[i], f, " "); t = f[1]
                  printf "%-16s %9s %8s %8s %8s %8s", t, f[2], f[3], f[4], f[5], (t in best ? best[t] : "-")
                  for (c = 1; c <= na; c++) printf " %" width[c] "s", ((name[c], t) in util ? util[name[c], t] : "-")
                  printf "\n" } }' "$work/placement.txt" "$work/offline.txt" "$default_suite"
    echo "(first, best, next: online policies; offline: every block placed knowing the whole trace, the best"
    echo " of build/offline's orders, a greedy's: a lower bound on what knowing the future allows, which can"
    echo " fall below an online policy on a trace. All four with no header, footer or minimum size; each"
    echo " allocator's column is its util with its overhead, on the same traces.)"
}

part_2() {
    variants=${BENCH_VARIANTS:-8}
    echo "== 2. Utilization on $(count_of "$variants" "other seed") of the suite (gentrace suite DIR K, K = 1..$variants)"
    need_default_suite 2
    variant_csvs=()
    worst=0
    for k in $(seq 1 "$variants"); do
        dir="$work/variant-$k"
        mkdir -p "$dir"
        "$gentrace" suite "$dir" "$k"
        status=0
        : >"$dir/results.csv"
        "$driver" -a all -l --no-timing -t "$dir/" --csv "$dir/results.csv" >/dev/null ||
            { status=$?; echo "(variant $k: some traces invalid: run $driver_shown -a all --no-timing -t $dir/)"; }
        [ "$status" -gt "$worst" ] && worst=$status
        variant_csvs+=("$dir/results.csv")
    done
    note_failures 2 "$worst" "${variant_csvs[@]}"
    # Per allocator: avg util on the shipped suite (part 1's, or measured
    # for this part: need_default_suite) and over the variants (mean,
    # lowest, highest); then per trace over the variants, mm's mean and
    # lowest and every other allocator's mean (libc's last), so designs
    # compare on more than one seed of each trace. A trace an
    # allocator failed counts for nothing (its util is only up to where it
    # failed), and neither does its mean over a suite where it failed one
    # (a mean over other traces than the rest's): a figure with nothing
    # left behind it is -.
    # The ceiling belongs to the trace, not the allocator: it is read from
    # each trace's rows, whichever allocator's (the last field: an error
    # before it may hold commas), since a failed allocator's total has none.
    # The default suite's CSV is told from the variants' by its name, not
    # by its place: one that is empty (its run wrote none) has no first
    # line to count.
    awk -F, -v shipped_csv="$default_suite" '
         function percent(sum, count) { return count > 0 ? sprintf("%8.1f%%", sum / count) : sprintf("%9s", "-") }
         FNR == 1 { is_shipped = FILENAME == shipped_csv; if (!is_shipped) file++; next }
         { gsub(/"/, ""); a = $1; t = $2; u = $4 }
         !is_shipped { listed[a] = 1 }
         !is_shipped && t != "(total)" {
             if (!(a in acol)) { acol[a] = ++na; aname[na] = a }
             if (!(t in order)) { order[t] = ++nt; tname[nt] = t }
             if ($NF != "" && !((file, t) in ceiling)) { ceiling[file, t] = $NF; csum[file] += $NF; cn[file]++ } }
         u == "" || $3 != 1 { next } # not measured (libc under valgrind or a sanitizer), or failed
         is_shipped && t == "(total)" { shipped[a] = u; shipped_n[a] = 1; next }
         is_shipped { next }
         t == "(total)" { sum[a] += u; n[a]++; if (!(a in lo) || u < lo[a]) lo[a] = u; if (u > hi[a]) hi[a] = u; next }
         { tsum[a, t] += u; tn[a, t]++ }
         a == "mm" && (!(t in tlo) || u < tlo[t]) { tlo[t] = u }
         END { printf "%-16s %9s %9s %9s %9s\n", "allocator", "shipped", "mean", "lowest", "highest";
               for (a in listed) printf "%-16s %s %s %s %s\n", a, percent(shipped[a], shipped_n[a]), percent(sum[a], n[a]),
                                        percent(lo[a], n[a] > 0), percent(hi[a], n[a] > 0) | "sort";
               close("sort");
               for (f = 1; f <= file; f++) if (cn[f] > 0) { ceiling_sum += csum[f] / cn[f]; ceiling_n++ }
               printf "(mean ceiling over the variants: %s)\n\nper trace over the variants: mm mean and lowest, the others mean:\n",
                      (ceiling_n > 0 ? sprintf("%.1f%%", ceiling_sum / ceiling_n) : "-");
               printf "%-16s %9s %9s", "trace", "mean", "lowest";
               for (c = 1; c <= na; c++) if (aname[c] != "mm") printf " %15.15s", aname[c];
               printf "\n";
               for (i = 1; i <= nt; i++) {
                   t = tname[i];
                   printf "%-16s %s %s", t, percent(tsum["mm", t], tn["mm", t]), percent(tlo[t], tn["mm", t] > 0);
                   for (c = 1; c <= na; c++) {
                       a = aname[c];
                       if (a == "mm") continue;
                       if (tn[a, t] > 0) printf " %14.1f%%", tsum[a, t] / tn[a, t]; else printf " %15s", "-";
                   }
                   printf "\n";
               } }' \
        "$default_suite" "${variant_csvs[@]}"
}

part_2b() {
    echo "== 2b. Phase changes (traces/phase-*.rep, not in the default suite): one size's survivors, then another size"
    phase_args=()
    for trace in traces/phase-*.rep; do phase_args+=(-f "$trace"); done
    status=0
    : >"$work/phase.csv"
    "$driver" -a all -l --no-timing "${phase_args[@]}" --csv "$work/phase.csv" | sed -n '/^trace /,/^avg util/p; /^(\*: /p' ||
        { status=$?; echo "(some phase traces invalid: run $driver_shown -a all --no-timing ${phase_args[*]})"; }
    note_failures 2b "$status" "$work/phase.csv"
}

# Real programs' calls, recorded with tools/record: whether what the
# generated traces reward holds on real workloads. Timed too: glibc's
# figures there include its system calls (big blocks mapped one by one).
part_2c() {
    recorded=${BENCH_RECORDED:-traces/recorded/*.rep}
    echo "== 2c. Recorded programs (traces/recorded/, not in the default suite): utilization and Kops/s, libc in the same run"
    recorded_args=()
    # shellcheck disable=SC2086 # the default is a pattern
    for trace in $recorded; do recorded_args+=(-f "$trace"); done
    status=0
    : >"$work/recorded.csv"
    "$driver" -a all -l "${recorded_args[@]}" --csv "$work/recorded.csv" | sed -n '/^trace /,/^perf index/p; /^(\*: /p' ||
        { status=$?; echo "(some recorded traces invalid: run $driver_shown -a all ${recorded_args[*]})"; }
    note_failures 2c "$status" "$work/recorded.csv"
}

part_3() {
    live_repeats=${BENCH_LIVE_REPEATS:-5}
    echo "== 3. Cost against the number of free blocks (gentrace live N), median of $(count_of "$live_repeats" run)"
    printf "%-10s %-10s %12s %12s %10s\n" "live N" "allocator" "ops" "Kops/s" "x libc"
    for n in ${BENCH_LIVE:-1000 10000 100000 1000000}; do
        trace="$work/live-$n.rep"
        "$gentrace" live "$n" "$trace"
        names=mm
        [ "$n" -le 10000 ] && names=mm,seed
        live_csvs=()
        worst=0
        for r in $(seq 1 "$live_repeats"); do
            status=0
            : >"$work/live-$n-$r.csv"
            "$driver" -a "$names" -l --once -f "$trace" --csv "$work/live-$n-$r.csv" >/dev/null || status=$?
            [ "$status" -gt "$worst" ] && worst=$status
            live_csvs+=("$work/live-$n-$r.csv")
        done
        note_failures "3 (live $n)" "$worst" "${live_csvs[@]}"
        # Per allocator: the median Kops/s and the median of its per-run
        # ratio to libc (one run is milliseconds to seconds, and the shared
        # machine's load moves a single run by tens of percent). An allocator
        # with no valid run has no figure: -.
        awk -F, -v n="$n" "$AWK_MEDIAN"'
             FNR == 1 { run++; next }
             { gsub(/"/, "") }
             $2 != "(total)" { kops[run, $1] = $3 == 1 ? $7 : ""; ops[$1] = $5; names[$1] = 1 }
             END { for (a in names) { k = 0; q = 0
                       for (r = 1; r <= run; r++) if (kops[r, a] > 0) {
                           speed[++k] = kops[r, a]
                           if (kops[r, "libc"] > 0) ratio[++q] = kops[r, a] / kops[r, "libc"] }
                       printf "%-10s %-10s %12s %12s %10s\n", n, a, ops[a], (k ? sprintf("%.0f", median(speed, k)) : "-"),
                              (q ? sprintf("%.2fx", median(ratio, q)) : "-") } }' \
            "${live_csvs[@]}" | sort -k2,2
    done
}

part_4() {
    big_ops=${BENCH_BIG_OPS:-5000000}
    echo "== 4. The driver's own cost: $(count_of "$big_ops" op), every check on (mm)"
    big="$work/bench-$big_ops.rep"
    "$gentrace" bench "$big_ops" "$big"
    # The driver's memory (max RSS less the heap's touched pages) is a
    # fixed part, the same for any trace (the program, libc, buffers:
    # about 2 MiB), and a part per op (the trace's ops, the oracle,
    # pointer slots). (max RSS - heap) / ops mixed the two: it read 1020
    # B/op at 2,000 ops, 115 at 20,000 and 26 at 10^6, where each op
    # costs about 24. So the fixed part is measured apart, on a 1-op
    # trace with the same flags, and taken out. Below per_op_min ops what
    # is left is no steady cost per op either: it grows in steps, as the
    # driver's arrays do (20,000 ops read 13 B/op, 10^6 and 5*10^6 24),
    # so there it is printed as -.
    local per_op_min=1000000
    one="$work/bench-1.rep"
    "$gentrace" bench 1 "$one"
    # replay TRACE FLAGS...: the driver's replay of TRACE, every check on;
    # sets run_status (the driver's exit status) and, when it is 0, secs,
    # rss_bytes, heap_bytes and ops.
    replay() {
        local trace=$1 max_kb touched page
        shift
        run_status=0
        rm -f "$work/big.csv"
        /usr/bin/time -f "%e %M" -o "$work/time.txt" "$driver" -a mm --no-timing -f "$trace" \
            --csv "$work/big.csv" "$@" >/dev/null || run_status=$?
        [ "$run_status" = 0 ] || return 0
        # time's last line: before it, a note when the command failed.
        read -r secs max_kb < <(tail -n 1 "$work/time.txt")
        touched=$(awk -F, 'NR == 2 { print $12 }' "$work/big.csv")
        ops=$(awk -F, 'NR == 2 { print $5 }' "$work/big.csv")
        page=$(getconf PAGESIZE)
        rss_bytes=$((max_kb * 1024))
        heap_bytes=$((touched * page))
    }
    # A failed replay (the driver exits 1) has no figures: its row says so,
    # and the closing note which trace failed and why.
    measure() { # label, extra flags...
        local label=$1 fixed=-
        shift
        replay "$big" "$@"
        if [ "$run_status" != 0 ]; then
            printf "%-44s %6s    (mm failed: exit status %d, see the note at the end)\n" "$label" - "$run_status"
            note_failures "4 ($label)" "$run_status" "$work/big.csv"
            return 0
        fi
        local big_secs=$secs big_rss=$rss_bytes big_heap=$heap_bytes big_ops_replayed=$ops
        replay "$one" "$@"
        if [ "$run_status" = 0 ]; then
            fixed=$((rss_bytes - heap_bytes))
        else
            note_failures "4 ($label, on a 1-op trace)" "$run_status" "$work/big.csv"
        fi
        awk -v l="$label" -v s="$big_secs" -v rss="$big_rss" -v heap="$big_heap" -v fixed="$fixed" \
            -v ops="$big_ops_replayed" -v min="$per_op_min" \
            'BEGIN { mib = 1048576; rest = rss - heap - fixed
                     printf "%-44s %6.2f s  max RSS %6.1f MiB  heap %6.1f MiB  driver fixed %5s MiB + %5s B/op\n",
                            l, s, rss / mib, heap / mib, (fixed == "-" ? "-" : sprintf("%.1f", fixed / mib)),
                            (fixed == "-" || ops < min || rest <= 0 ? "-" : sprintf("%.1f", rest / ops)) }'
    }
    measure "two correctness passes, isolated (default)"
    measure "one correctness pass, isolated" --once
    measure "one correctness pass, in process" --once --no-isolation
    echo "(driver = max RSS - heap pages touched: fixed, that of the same run on a 1-op trace"
    echo " (the program, libc, buffers), + B/op, the rest over the ops (trace, oracle, pointer slots))"
    if [ "$big_ops" -lt "$per_op_min" ]; then
        echo "(B/op is - below $per_op_min ops: what so few ops add to the fixed part grows in steps, as the"
        echo " driver's arrays do, and gives no steady cost per op; BENCH_BIG_OPS=$per_op_min or more measures it)"
    fi
}

# The parts BENCH_PARTS picked, in their order, a blank line before each.
# (Each is called as a command of its own, not in a condition, where
# set -e would not stop it at a failed command.)
for part in $all_parts; do
    picked "$part" || continue
    echo
    "part_$part"
done

if [ -s "$failures" ]; then
    echo
    echo "== Failed runs (their figures are printed as -; the driver's messages are on standard error)"
    cat "$failures"
    echo "bench.sh: some allocators failed traces (listed at the end of the report)" >&2
    exit 1
fi
