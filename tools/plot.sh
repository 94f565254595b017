#!/usr/bin/env bash
# tools/plot.sh [OUTDIR] - run the driver once and draw every chart.
#
# Runs ./mdriver on the default suite (every allocator, libc measured in the
# same run, with --csv, --json, --series and --heapmap), then renders into
# OUTDIR (default plots-out/), each as PNG and SVG:
#   compare.*                 utilization and throughput of every allocator
#   util-TRACE.*              heap size against live payload over time,
#                             PLOT_ALLOCATORS overlaid
#   heapmap-ALLOC-TRACE.*     the heap map of each of PLOT_ALLOCATORS
#   sizes-TRACE.*             the trace's request sizes
#   results.{csv,json,txt}    the driver's figures the charts were drawn from
#   driver-errors.txt         when some trace is invalid: the driver's
#                             messages saying why (also printed)
#
# Environment:
#   PLOT_ALLOCATORS   allocators for the per-trace charts (default "mm seed")
#   ALLOCATORS        allocators for the comparison, as mdriver -a takes them
#                     (default all); PLOT_ALLOCATORS are run too, and are in
#                     results.*, but compare.* shows only these and libc
#   (a name in either that the driver lacks is a usage error, before the
#   driver runs: the message lists the names mdriver --list gives)
#   TRACES            trace files to run instead of the default suite:
#                     paths separated by blanks, or one path a line when a
#                     path holds a blank (a TRACES with a newline in it is
#                     split at newlines only, each line a path as it is):
#                     TRACES=$'my traces/a.rep\nb.rep'
#   TRACE_DIR         where the default suite lives (default traces)
#   MDRIVER           the driver (default ./mdriver)
#   GNUPLOT           gnuplot (default gnuplot)
#   JOBS              charts drawn in parallel, 1 to 1024 (default: the
#                     number of CPUs)
#
# The driver runs alone (its timing pass is the only one, undisturbed);
# the charts are drawn afterwards, JOBS at a time.
#
# Exit 0: every trace valid and every chart drawn. 1: the driver or
# gnuplot failed, or some trace was invalid (an allocator that failed a
# trace has no heap map of it and no line in its util chart, which is
# drawn for the others; a trace no allocator replayed has no chart but
# its place in compare.*; the rest is drawn, the driver's reasons in
# driver-errors.txt), so a script or make sees that the figures are not
# all there. 2: a usage error (an option, JOBS, an allocator the driver
# lacks, a driver that lists none).
set -euo pipefail
source "$(dirname "$0")/locale.sh" # figures with a decimal point in any locale

# -h: the comment above; any other option is a mistake, not a folder name.
case ${1-} in
-h | --help) sed -n '2,/^set -euo/{/^#/s/^# \{0,1\}//p}' "$0"; exit 0 ;;
-*) printf 'plot.sh: unknown option %s (usage: tools/plot.sh [OUTDIR]; -h for help)\n' "$1" >&2; exit 2 ;;
esac
[ $# -le 1 ] || { printf 'plot.sh: one OUTDIR at most (usage: tools/plot.sh [OUTDIR])\n' >&2; exit 2; }

here=$(cd "$(dirname "$0")" && pwd)
source "$here/allocator-names.sh"
plot_dir=$here/plot
out_dir=${1:-plots-out}
plot_allocators=${PLOT_ALLOCATORS:-mm seed}
allocators=${ALLOCATORS:-all}
trace_dir=${TRACE_DIR:-traces}
mdriver=${MDRIVER:-./mdriver}
gnuplot=${GNUPLOT:-gnuplot}
jobs=${JOBS:-$(nproc 2>/dev/null || echo 2)}

die() {
    printf 'plot.sh: %s\n' "$@" >&2
    exit 1
}

# Checked before the driver runs: xargs refused a JOBS that is no number
# only after it, and the script blamed gnuplot.
if ! [[ $jobs =~ ^[0-9]{1,6}$ ]] || ((10#$jobs < 1 || 10#$jobs > 1024)); then
    printf 'plot.sh: JOBS must be a whole number from 1 to 1024, not '\''%s'\''\n' "$jobs" >&2
    exit 2
fi
jobs=$((10#$jobs))

if ! command -v "$gnuplot" >/dev/null 2>&1; then
    die "gnuplot not found (looked for '$gnuplot' on PATH)." \
        "Install it, then run this again:" \
        "    sudo apt-get install gnuplot-nox     (Debian, Ubuntu)" \
        "    brew install gnuplot                 (macOS)"
fi
command -v awk >/dev/null 2>&1 || die "awk not found on PATH"
[ -x "$mdriver" ] || die "no driver at $mdriver: build it with 'make'"

started=$(date +%s)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/series" "$work/heapmap"
# A private copy: a rebuild of ./mdriver half-way through cannot mix two.
cp "$mdriver" "$work/mdriver"
driver_name=$mdriver
mdriver=$work/mdriver

# ---- which allocators --------------------------------------------------

# A name the driver lacks is a mistake in either list (a typo, or a
# driver built without the MM_VARIANTS that named it), refused before the
# driver runs, with the names it has. PLOT_ALLOCATORS used to skip it
# with one line among the charts' and exit 0, so a script or make saw
# success without the charts asked for; ALLOCATORS failed, but only once
# the driver had run.
known=$(allocator_names plot.sh "PLOT_ALLOCATORS and ALLOCATORS" "$mdriver" "$driver_name") || exit 2
unknown=0
check_known() { # VARIABLE NAME...: say which NAMEs the driver lacks
    local variable=$1 name
    shift
    for name in "$@"; do
        [ -n "$name" ] || continue   # mdriver -a skips an empty one (mm,,seed)
        is_allocator "$name" "$known" && continue
        printf 'plot.sh: no allocator "%s" in this driver (%s)\n' "$name" "$variable" >&2
        unknown=1
    done
}
read -r -a plot_names <<<"$plot_allocators"
check_known PLOT_ALLOCATORS "${plot_names[@]}"
if [ "$allocators" != all ]; then
    IFS=, read -r -a run_names <<<"$allocators"
    check_known ALLOCATORS "${run_names[@]}"
fi
if [ "$unknown" = 1 ]; then
    printf 'plot.sh: the allocators of this driver (%s --list): %s\n' "$driver_name" \
        "$(names_joined "$known" ', ')" >&2
    exit 2
fi
chosen=""
for name in "${plot_names[@]}"; do
    # Twice, it was drawn twice: two lines of one colour-pair in the
    # legend, and two gnuplots writing the same heap map at once.
    if [[ " $chosen " == *" $name "* ]]; then
        printf 'plot.sh: "%s" is named twice in PLOT_ALLOCATORS; charted once\n' "$name" >&2
    else
        chosen="$chosen $name"
    fi
done
plot_allocators=${chosen# }
run_allocators=$allocators
compared=""   # ALLOCATORS as asked (once each): the comparison shows these
if [ "$allocators" != all ]; then
    # Twice in ALLOCATORS, the driver refused the run (-a names an
    # allocator twice) after the rest was set up: run once, as above.
    run_allocators=""
    for name in "${run_names[@]}"; do
        [ -n "$name" ] || continue
        case ",$run_allocators," in
        *",$name,"*) printf 'plot.sh: "%s" is named twice in ALLOCATORS; run once\n' "$name" >&2 ;;
        *) run_allocators="${run_allocators:+$run_allocators,}$name" ;;
        esac
    done
    # The per-trace charts' allocators are run too, for their series and
    # heap maps, but stay out of the comparison that ALLOCATORS limits.
    compared=$run_allocators
    for name in $plot_allocators; do
        case ",$run_allocators," in *",$name,"*) ;; *) run_allocators="$run_allocators,$name" ;; esac
    done
fi

# ---- one driver run ----------------------------------------------------

mkdir -p "$out_dir"   # only now: a usage error leaves no empty folder

# TRACES split at blanks, as documented, cut a path with a blank in it
# into two that named no file. One that holds a newline is split at
# newlines only, each line taken as it is; the blank-separated form is
# read as it always was (split by the shell, and globbed).
trace_files=()
shown_traces=${TRACES:-}
if [[ ${TRACES:-} == *$'\n'* ]]; then
    shown_traces=""
    while IFS= read -r trace; do
        if [ -n "$trace" ]; then
            trace_files+=("$trace")
            shown_traces="${shown_traces:+$shown_traces, }$trace"
        fi
    done <<<"$TRACES"
else
    for trace in ${TRACES:-}; do trace_files+=("$trace"); done
fi
trace_args=(-t "$trace_dir")
for trace in "${trace_files[@]}"; do trace_args+=(-f "$trace"); done

printf 'plot.sh: running %s -a %s -l on %s ...\n' "$driver_name" "$run_allocators" \
    "${shown_traces:-the default suite in $trace_dir}" >&2
set +e
"$mdriver" -a "$run_allocators" -l -v --once "${trace_args[@]}" \
    --csv "$work/results.csv" --json "$work/results.json" \
    --series "$work/series" --heapmap "$work/heapmap" >"$work/results.txt" 2>"$work/driver.err"
status=$?
set -e
if [ "$status" -gt 1 ] || [ ! -s "$work/results.csv" ]; then
    cat "$work/driver.err" >&2
    die "the driver failed (exit status $status)"
fi
# Why a trace is invalid is in the driver's messages (results.txt only
# marks its row): kept in OUTDIR beside the figures, since $work goes at
# exit, and printed. A file from an earlier run is removed, not left to
# explain this one.
rm -f "$out_dir/driver-errors.txt"
if [ "$status" = 1 ]; then
    cp "$work/driver.err" "$out_dir/driver-errors.txt"
    printf 'plot.sh: some traces are invalid; what cannot be charted is said below. The driver said (kept in %s):\n' \
        "$out_dir/driver-errors.txt" >&2
    sed 's/^/  /' "$work/driver.err" >&2
fi
cp "$work/results.csv" "$work/results.json" "$work/results.txt" "$out_dir/"
driver_done=$(date +%s)

# ---- the charts to draw --------------------------------------------------

# results.csv rows: "ALLOC","TRACE.rep",VALID,... where a trace name
# holding a comma or a quote is quoted as CSV does ("a,b.rep"): read
# with csv.awk's split_csv, never awk -F,.
csv_query() { awk -f "$plot_dir/csv.awk" -f <(printf '%s\n' "$1") <"$work/results.csv"; }
valid_pairs=$(csv_query 'NR > 1 { split_csv($0, f); if (f[3] == 1) print f[1] " " f[2] }')
traces=$(csv_query 'NR > 1 { split_csv($0, f); if (f[2] != "(total)" && !seen[f[2]]++) print f[2] }')

is_valid() { printf '%s\n' "$valid_pairs" | grep -qxF -- "$1 $2"; }
# Valid for some allocator (libc included): the driver could read it.
# (The name goes through the environment: awk -v would read its
# backslashes as escapes.)
valid_for_any() {
    printf '%s\n' "$valid_pairs" | TRACE_NAME=$1 awk '
        BEGIN { end = " " ENVIRON["TRACE_NAME"] }
        substr($0, length($0) - length(end) + 1) == end { found = 1 }
        END { exit !found }'
}

trace_file() {
    local trace
    for trace in "${trace_files[@]}"; do
        if [ "$(basename -- "$trace")" = "$1" ]; then
            printf '%s' "$trace"
            return
        fi
    done
    printf '%s/%s' "$trace_dir" "$1"
}

# Pairs for xargs: the -e settings, then the script.
jobs_file=$work/jobs
: >"$jobs_file"
add_job() { printf '%s\0%s\0' "$1" "$plot_dir/$2" >>"$jobs_file"; }
quote() { printf "'%s'" "${1//\'/\'\'}"; }   # a gnuplot '...' string: ' is written ''
has_rows() { [ -f "$1" ] && [ "$(wc -l <"$1")" -gt 1 ]; }   # a CSV beyond its header
charts=0

compare_csv=$work/results.csv
if [ -n "$compared" ]; then
    # The header, libc's rows and those of the allocators ALLOCATORS names.
    compare_csv=$work/compare.csv
    COMPARED=",$compared,libc," csv_query 'NR == 1 { print; next }
        { split_csv($0, f); if (index(ENVIRON["COMPARED"], "," f[1] ",")) print }' >"$compare_csv"
fi
add_job "in=$(quote "$compare_csv"); out=$(quote "$out_dir/compare")" compare.gp
charts=$((charts + 1))

# One name a line (a blank in a name cuts it, as in TRACES; a * in one is
# not a pattern).
while IFS= read -r trace; do
    [ -n "$trace" ] || continue
    stem=${trace%.*}
    series="" names="" failed=""
    for name in $plot_allocators; do
        if ! is_valid "$name" "$trace"; then
            failed="$failed $name"
            continue
        fi
        file=$work/series/$name.$stem.series.csv
        if has_rows "$file"; then
            series="$series $file"
            names="$names $name"
        fi
        file=$work/heapmap/$name.$stem.heapmap.csv
        if has_rows "$file"; then
            add_job "in=$(quote "$file"); name=$(quote "$name"); trace=$(quote "$trace"); out=$(quote "$out_dir/heapmap-$name-$stem")" heapmap.gp
            charts=$((charts + 1))
        fi
    done
    if [ -n "$series" ]; then
        add_job "in=$(quote "${series# }"); names=$(quote "${names# }"); trace=$(quote "$trace"); out=$(quote "$out_dir/util-$stem")" util.gp
        charts=$((charts + 1))
    fi
    # An allocator that failed the trace has no heap map of it and no
    # line in its util chart, which is still drawn for the others (the
    # message said "no util or heap map chart" when the util chart was
    # there, without that allocator's line).
    shown=${names# }
    for name in $failed; do
        if [ -n "$series" ]; then
            printf 'plot.sh: %s failed %s: no heap map of %s on it; util-%s is drawn without %s (it shows %s)\n' \
                "$name" "$trace" "$name" "$stem" "$name" "${shown// /, }" >&2
        else
            printf 'plot.sh: %s failed %s: no heap map of %s on it, and no util-%s chart (no allocator of PLOT_ALLOCATORS has a line to draw)\n' \
                "$name" "$trace" "$name" "$stem" >&2
        fi
    done
    rep=$(trace_file "$trace")
    if ! valid_for_any "$trace"; then
        # A trace the driver refused (a bad line) would be charted from
        # sizes nothing replayed, a refused "a 0 -5" among them.
        printf 'plot.sh: no allocator replayed %s: no sizes chart for it\n' "$trace" >&2
    elif [ -f "$rep" ] && awk 'FNR > 4 && ($1 == "a" || $1 == "r") { found = 1; exit } END { exit !found }' "$rep"; then
        add_job "in=$(quote "$rep"); out=$(quote "$out_dir/sizes-$stem")" sizes.gp
        charts=$((charts + 1))
    fi
done <<<"$traces"

# ---- draw --------------------------------------------------------------

if ! xargs -0 -n 2 -P "$jobs" "$gnuplot" -e <"$jobs_file"; then
    die "gnuplot failed on some chart (messages above)"
fi
finished=$(date +%s)
printf 'plot.sh: %d charts (PNG and SVG) in %s: driver %ds, charts %ds\n' "$charts" "$out_dir" \
    $((driver_done - started)) $((finished - driver_done)) >&2
if [ "$status" = 1 ]; then
    printf 'plot.sh: exit 1: some traces were invalid (%s)\n' "$out_dir/driver-errors.txt" >&2
    exit 1
fi
