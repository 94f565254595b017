#!/usr/bin/env bash
# tests/plot.t - the driver's machine-readable figures agree with its
# table, the series and heap maps agree with the figures, and every
# gnuplot script (tools/plot/) draws real output without a warning.
#
# Needs python3 (to parse CSV and JSON) and gnuplot (the chart tests fail
# with the install command when it is missing; CI installs gnuplot-nox).

source "$(dirname "$0")/lib.sh"
set -e

ROOT=$(cd "$(dirname "$0")/.." && pwd)
PLOT="$ROOT/tools/plot"
TRACES=(short1.rep coalescing.rep binary.rep realloc.rep)
trace_args=()
for trace in "${TRACES[@]}"; do trace_args+=(-f "$ROOT/traces/$trace"); done

plan 46

# ---- one run: table, CSV, JSON, series, heap maps ----------------------

RUN=$TMP_DIR/run
mkdir -p "$RUN/series" "$RUN/heapmap"
run_driver -a all -l -v --no-timing "${trace_args[@]}" \
    --csv "$RUN/results.csv" --json "$RUN/results.json" \
    --series "$RUN/series" --heapmap "$RUN/heapmap"
printf '%s\n' "$out" >"$RUN/table.txt"
expect_status "driver: -a all -l -v --no-timing with --csv --json --series --heapmap" 0

# check_py DESC: run the python3 program on stdin with the run's files;
# pass if it exits 0, else fail with what it printed.
check_py() {
    local desc=$1 report
    if report=$(python3 - "$RUN" 2>&1); then pass "$desc"; else
        local lines=()
        mapfile -t lines < <(printf '%s\n' "$report" | head -20)
        fail "$desc" "${lines[@]}"
    fi
}

PY_COMMON='
import csv, json, os, re, sys
run = sys.argv[1]
problems = []
def problem(text):
    problems.append(text)
def finish():
    for text in problems[:20]:
        print(text)
    sys.exit(1 if problems else 0)
def number(text):
    return None if text == "" else float(text)
csv_rows = list(csv.DictReader(open(os.path.join(run, "results.csv"))))
data = json.load(open(os.path.join(run, "results.json")))
by_key = {(row["allocator"], row["trace"]): row for row in csv_rows}
trace_rows = [row for row in csv_rows if row["trace"] != "(total)" and row["allocator"] != "libc"]
def result_files(kind):
    # (row, path) for the KIND file of each valid trace row; a missing file is a problem
    for row in trace_rows:
        if row["valid"] != "1":
            continue
        stem = row["trace"].rsplit(".", 1)[0]
        path = os.path.join(run, kind, "%s.%s.%s.csv" % (row["allocator"], stem, kind))
        if os.path.exists(path):
            yield row, path
        else:
            problem("missing " + path)
'

check_py "CSV and JSON parse and hold the same figures" <<PY
$PY_COMMON
if not trace_rows:
    problem("no allocator rows in the CSV")
json_rows = {}
for allocator in data["allocators"]:
    for result in allocator["traces"]:
        json_rows[(allocator["name"], result["trace"])] = (result, allocator["summary"])
if data["libc"] is not None:
    for result in data["libc"]["traces"]:
        json_rows[("libc", result["trace"])] = (result, data["libc"]["summary"])
csv_keys = {key for key in by_key if key[1] != "(total)"}
if csv_keys != set(json_rows):
    problem("CSV rows %s != JSON rows %s" % (sorted(csv_keys ^ set(json_rows)), ""))
for key in sorted(csv_keys & set(json_rows)):
    row, (result, summary) = by_key[key], json_rows[key]
    if (row["valid"] == "1") != result["valid"]:
        problem("%s: valid %s vs %s" % (key, row["valid"], result["valid"]))
    for field in ("ops", "peak_live_bytes", "heap_bytes", "pages_mapped", "pages_touched"):
        # unmeasured (libc's pages): empty in the CSV, null in the JSON
        if number(row[field]) != result[field]:
            problem("%s: %s %s (CSV) vs %s (JSON)" % (key, field, row[field], result[field]))
    if key[0] == "libc" and result["pages_touched"] is not None:
        problem("%s: libc's pages are not counted, yet pages_touched is %r" % (key, result["pages_touched"]))
    # libc's footprint, where measured, gives its util as for any allocator
    if key[0] == "libc" and result["heap_bytes"] is not None and result["util_percent"] is not None:
        util = 100.0 * result["peak_live_bytes"] / result["heap_bytes"]
        if abs(util - result["util_percent"]) > 1e-3:
            problem("%s: libc's util %r is not its peak / heap %r" % (key, result["util_percent"], util))
    for field in ("util_percent", "util_ceiling_percent", "secs", "kops_per_sec"):
        a, b = number(row[field]), result[field]
        if (a is None) != (b is None) or (a is not None and abs(a - b) > 1e-3):
            problem("%s: %s %r (CSV) vs %r (JSON)" % (key, field, row[field], b))
for allocator in data["allocators"]:
    total = by_key.get((allocator["name"], "(total)"))
    if total is None:
        problem("no (total) row for %s" % allocator["name"])
        continue
    a, b = number(total["util_percent"]), allocator["summary"]["avg_util_percent"]
    if (a is None) != (b is None) or (a is not None and abs(a - b) > 1e-3):
        problem("%s: avg util %r (CSV) vs %r (JSON)" % (allocator["name"], total["util_percent"], b))
finish()
PY

check_py "the -v table's util and ops agree with the CSV, trace by trace" <<PY
$PY_COMMON
table = {}
allocator = None
for line in open(os.path.join(run, "table.txt")):
    match = re.match(r"Results for (\S+) \(", line)
    if match:
        allocator = match.group(1)
        continue
    if re.match(r"Results for libc", line):
        allocator = "libc"
        continue
    fields = line.split()
    if allocator and len(fields) == 7 and fields[1] in ("yes", "no"):
        table[(allocator, fields[0])] = fields
    elif allocator and fields[:1] == ["Total"]:
        table[(allocator, "(total)")] = ["Total", ""] + fields[1:]
    elif not line.strip() or line.startswith("Comparison"):
        allocator = None
checked = 0
for row in csv_rows:
    key = (row["allocator"], row["trace"])
    if key not in table:
        problem("%s: in the CSV, not in the table" % (key,))
        continue
    fields = table[key]
    util = fields[2]
    if row["trace"] != "(total)":
        if fields[4] != row["ops"]:
            problem("%s: ops %s (table) vs %s (CSV)" % (key, fields[4], row["ops"]))
        if (fields[1] == "yes") != (row["valid"] == "1"):
            problem("%s: valid %s (table) vs %s (CSV)" % (key, fields[1], row["valid"]))
    if row["util_percent"] == "":
        if util != "-":
            problem("%s: util %s in the table, empty in the CSV" % (key, util))
    elif abs(float(util.rstrip("%")) - float(row["util_percent"])) > 0.05 + 1e-9:
        problem("%s: util %s (table) vs %s (CSV)" % (key, util, row["util_percent"]))
    ceiling = fields[3]
    if key[0] != "libc" and abs(float(ceiling.rstrip("%")) - float(row["util_ceiling_percent"])) > 0.05 + 1e-9:
        problem("%s: ceiling %s (table) vs %s (CSV)" % (key, ceiling, row["util_ceiling_percent"]))
    checked += 1
if checked < len(trace_rows):
    problem("only %d rows checked" % checked)
finish()
PY

check_py "--no-timing: no throughput anywhere, as '-', empty or null, never 0" <<PY
$PY_COMMON
for row in csv_rows:
    if row["secs"] != "" or row["kops_per_sec"] != "":
        problem("%s/%s: secs %r kops %r" % (row["allocator"], row["trace"], row["secs"], row["kops_per_sec"]))
for allocator in data["allocators"]:
    for result in allocator["traces"]:
        if result["secs"] is not None or result["kops_per_sec"] is not None:
            problem("%s/%s: JSON secs %r" % (allocator["name"], result["trace"], result["secs"]))
    if allocator["summary"]["perf_index"] is not None:
        problem("%s: perf index %r without timing" % (allocator["name"], allocator["summary"]["perf_index"]))
for line in open(os.path.join(run, "table.txt")):
    fields = line.split()
    if len(fields) == 7 and fields[1] in ("yes", "no") and fields[5:] != ["-", "-"]:
        problem("table row with timing: " + line.strip())
finish()
PY

# ---- series and heap maps against the figures --------------------------

check_py "series: max live_bytes = peak_live_bytes; peak / heap = the table's util; each row's util is the peak so far / its heap; the last op's heap is the final one" <<PY
$PY_COMMON
for row, path in result_files("series"):
    points = list(csv.DictReader(open(path)))
    if not points or len(points) > 2001:
        problem("%s: %d rows" % (path, len(points)))
        continue
    # a row is its bucket's highest live_bytes (or the last op), so the
    # peak up to its op is the highest live_bytes of the rows up to it
    peak_so_far = 0
    for p in points:
        peak_so_far = max(peak_so_far, int(p["live_bytes"]))
        heap_here = int(p["heap_bytes"])
        want = 100.0 * peak_so_far / heap_here if heap_here else 0.0
        if abs(want - float(p["util_percent"])) > 1e-4 + 1e-9:
            problem("%s: op %s: util_percent %s, peak so far / heap = %.4f"
                    % (path, p["op_index"], p["util_percent"], want))
            break
    indexes = [int(p["op_index"]) for p in points]
    if indexes != sorted(set(indexes)) or indexes[-1] >= int(row["ops"]):
        problem("%s: op_index not increasing within the trace" % path)
    peak = max(int(p["live_bytes"]) for p in points)
    heap = max(int(p["heap_bytes"]) for p in points)
    if peak != int(row["peak_live_bytes"]):
        problem("%s: max live_bytes %d, CSV peak_live_bytes %s" % (path, peak, row["peak_live_bytes"]))
    if heap > int(row["heap_bytes"]):
        problem("%s: heap %d above the final %s" % (path, heap, row["heap_bytes"]))
    if int(points[-1]["op_index"]) != int(row["ops"]) - 1 or \
            int(points[-1]["heap_bytes"]) != int(row["heap_bytes"]):
        problem("%s: last row op %s heap %s, not the last op (%d) and the final heap %s"
                % (path, points[-1]["op_index"], points[-1]["heap_bytes"], int(row["ops"]) - 1,
                   row["heap_bytes"]))
    util = 100.0 * peak / int(row["heap_bytes"])
    if abs(util - float(row["util_percent"])) > 1e-4 + 1e-9:
        problem("%s: peak/heap = %.4f%%, util %s%%" % (path, util, row["util_percent"]))
    last = float(points[-1]["util_percent"])
    if last > float(row["util_percent"]) + 1e-3 and heap == int(row["heap_bytes"]):
        problem("%s: last util_percent %.4f above the final %s" % (path, last, row["util_percent"]))
finish()
PY

check_py "heap maps: 48 snapshots x 256 bins, each bin's bytes add up to its width" <<PY
$PY_COMMON
for row, path in result_files("heapmap"):
    bins = list(csv.DictReader(open(path)))
    snapshots = min(48, int(row["ops"]))
    if len(bins) != snapshots * 256:
        problem("%s: %d rows, expected %d" % (path, len(bins), snapshots * 256))
        continue
    for b in bins:
        width = int(b["bin_end"]) - int(b["bin_start"])
        total = sum(int(b[k]) for k in ("payload_bytes", "overhead_bytes", "free_bytes", "unknown_bytes"))
        if total != width:
            problem("%s: snapshot %s bin at %s: %d bytes in a %d-byte bin" % (path, b["snapshot"], b["bin_start"], total, width))
            break
    if int(bins[-1]["heap_bytes"]) != int(row["heap_bytes"]):
        problem("%s: last snapshot's heap %s, final heap %s" % (path, bins[-1]["heap_bytes"], row["heap_bytes"]))
finish()
PY

# ---- the gnuplot scripts -------------------------------------------------

have_gnuplot=1
if command -v gnuplot >/dev/null 2>&1; then
    pass "gnuplot is installed ($(gnuplot --version))"
else
    have_gnuplot=0
    fail "gnuplot is installed" "gnuplot not found on PATH: install it with" \
        "    sudo apt-get install gnuplot-nox" "(the chart tests below fail without it)"
fi

# A timed run for the comparison chart (throughput and libc).
TIMED=$TMP_DIR/timed.csv
"$BUILD/mdriver" -a all -l -f "$ROOT/traces/short1.rep" -f "$ROOT/traces/coalescing.rep" \
    --csv "$TIMED" >/dev/null 2>&1 || true

# draws DESC SCRIPT SETTINGS: gnuplot runs SCRIPT with SETTINGS (out= is
# added), silently, and leaves a PNG (by its magic bytes) and an SVG.
draws() {
    local desc=$1 script=$2 settings=$3 base
    base=$TMP_DIR/chart-$(basename "$script" .gp)-$TEST_NUMBER
    if [ "$have_gnuplot" = 0 ]; then
        fail "$desc" "gnuplot not found on PATH: sudo apt-get install gnuplot-nox"
        return
    fi
    local stderr status=0
    stderr=$(gnuplot -e "$settings; out='$base'" "$PLOT/$script" 2>&1 >/dev/null) || status=$?
    local magic
    magic=$(head -c 8 "$base.png" 2>/dev/null | od -An -tx1 | tr -d ' \n')
    if [ "$status" != 0 ] || [ -n "$stderr" ]; then
        fail "$desc" "gnuplot exit status $status, stderr:" "$stderr"
    elif [ "$magic" != 89504e470d0a1a0a ]; then
        fail "$desc" "$base.png is not a PNG (starts with '$magic')"
    elif [ ! -s "$base.svg" ] || ! grep -q '<svg' "$base.svg"; then
        fail "$desc" "$base.svg is missing, empty or not SVG"
    else
        pass "$desc"
    fi
}

S=$RUN/series
H=$RUN/heapmap
draws "util.gp: seed and mm on binary.rep" util.gp \
    "in='$S/seed.binary.series.csv $S/mm.binary.series.csv'"
draws "util.gp: one allocator, a 14-op trace" util.gp "in='$S/mm.short1.series.csv'"
draws "heapmap.gp: seed (walkable heap) on binary.rep" heapmap.gp "in='$H/seed.binary.heapmap.csv'"
draws "heapmap.gp: mm on realloc.rep" heapmap.gp "in='$H/mm.realloc.heapmap.csv'"
draws "compare.gp: a timed run with libc" compare.gp "in='$TIMED'"
draws "compare.gp: a --no-timing run (utilization only)" compare.gp "in='$RUN/results.csv'"
# 24 allocators (the 8 and 16 variants, as many as a driver holds): each
# is drawn in a style of its own (its key sample's fill: colour and
# pattern), and the key is one column (x) within the image. A CSV of the
# run above, with mm's rows again under 16 more names.
MANY=$TMP_DIR/many.csv
python3 - "$RUN/results.csv" "$MANY" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1])))
extra = [["variant%d" % v] + row[1:] for v in range(1, 17) for row in rows[1:] if row[0] == "mm"]
csv.writer(open(sys.argv[2], "w"), lineterminator="\n").writerows(rows + extra)
PY
many_svg=$TMP_DIR/chart-compare-$TEST_NUMBER.svg    # where draws puts it
draws "compare.gp: 24 allocators" compare.gp "in='$MANY'"
many_report=$(python3 - "$MANY" "$many_svg" <<'PY' 2>&1
import csv, re, sys
names = []
for row in list(csv.reader(open(sys.argv[1])))[1:]:
    if row[0] != "libc" and row[0] not in names:
        names.append(row[0])
svg = open(sys.argv[2]).read()
styles, columns, unlisted = {}, set(), []
for name in names:
    text = re.search(r'translate\(([0-9.]+),[0-9.]+\)[^>]*>\s*<text[^>]*>' + re.escape(name) + '</text>', svg)
    if text is None:
        unlisted.append(name)
        continue
    columns.add(text.group(1))
    # the key sample's fill: a pattern (its colour and lines), or a plain colour
    fill = re.compile(r"<pattern [^>]*>\s*<path (style='[^']*' d='[^']*')|<polygon\s+fill\s*=\s*'(rgb[^']*)'")
    sample = fill.search(svg, text.end())
    styles.setdefault(sample and (sample.group(1) or sample.group(2)), []).append(name)
alike = [group for group in styles.values() if len(group) > 1]
if len(names) != 24 or alike or len(columns) != 1 or unlisted:
    sys.exit("%d allocators; drawn alike: %s; key columns at x = %s; not in the key: %s"
             % (len(names), alike, sorted(columns), unlisted))
PY
) && pass "compare.gp: 24 allocators, each in a fill of its own (colour, pattern), the key in one column" ||
    fail "compare.gp: 24 allocators, each in a fill of its own (colour, pattern), the key in one column" "$many_report"
draws "sizes.gp: binary.rep" sizes.gp "in='$ROOT/traces/binary.rep'"
draws "sizes.gp: realloc.rep (malloc and realloc)" sizes.gp "in='$ROOT/traces/realloc.rep'"

# refuses DESC SCRIPT IN WANT: gnuplot runs SCRIPT on IN (out= is added),
# exits 1 with WANT (which names IN) on stderr, and draws nothing: a file
# with no data rows is a run with nothing to draw, not gnuplot's own
# "undefined variable: STATS_max".
refuses() {
    local desc=$1 script=$2 in=$3 want=$4 base
    base=$TMP_DIR/refused-$(basename "$script" .gp)-$TEST_NUMBER
    if [ "$have_gnuplot" = 0 ]; then
        fail "$desc" "gnuplot not found on PATH: sudo apt-get install gnuplot-nox"
        return
    fi
    local stderr status=0
    stderr=$(gnuplot -e "in='$in'; out='$base'" "$PLOT/$script" 2>&1 >/dev/null) || status=$?
    if [ "$status" = 1 ] && [[ $stderr == *"$want"* ]] && [[ $stderr != *undefined* ]] && [ ! -e "$base.png" ]; then
        pass "$desc"
    else
        fail "$desc" "gnuplot exit status $status (expected 1), stderr (expected: $want):" "$stderr" \
            "$(ls "$base".* 2>/dev/null)"
    fi
}
# An empty trace (no ops): its series and heap map have a header and no
# row. A trace whose only op is malloc(0): a series row, no snapshot.
EMPTY=$TMP_DIR/empty
mkdir -p "$EMPTY/series" "$EMPTY/heapmap"
printf '0\n0\n0\n1\n' >"$EMPTY/empty.rep"
printf '0\n1\n1\n1\na 0 0\n' >"$EMPTY/zero.rep"
"$BUILD/mdriver" -a seed --no-timing -f "$EMPTY/empty.rep" -f "$EMPTY/zero.rep" \
    --series "$EMPTY/series" --heapmap "$EMPTY/heapmap" >/dev/null 2>&1 || true
refuses "heapmap.gp on the heap map of an empty trace: says there are no rows in it, exits 1" heapmap.gp \
    "$EMPTY/heapmap/seed.empty.heapmap.csv" "heapmap.gp: no data rows in $EMPTY/heapmap/seed.empty.heapmap.csv"
refuses "heapmap.gp on seed's heap map of a trace whose only op is a 0 0: says there are no rows, exits 1" heapmap.gp \
    "$EMPTY/heapmap/seed.zero.heapmap.csv" "heapmap.gp: no data rows in $EMPTY/heapmap/seed.zero.heapmap.csv"
refuses "util.gp on the series of an empty trace: says there are no rows in it, exits 1" util.gp \
    "$EMPTY/series/seed.empty.series.csv" "util.gp: no data rows in $EMPTY/series/seed.empty.series.csv"
refuses "util.gp with an empty series after one with rows: names the empty one, exits 1" util.gp \
    "$EMPTY/series/seed.zero.series.csv $EMPTY/series/seed.empty.series.csv" \
    "util.gp: no data rows in $EMPTY/series/seed.empty.series.csv"

# Run on their own, util.gp and heapmap.gp take the trace's name for the
# title from the file's: all between the allocator and the suffix, since
# a trace's name may hold dots (they took the second field: a.b.rep's
# charts were titled a.rep).
DOTS=$TMP_DIR/dots
mkdir -p "$DOTS/series" "$DOTS/heapmap"
cp traces/short1.rep "$DOTS/a.b.rep"
"$BUILD/mdriver" -a mm --no-timing -f "$DOTS/a.b.rep" --series "$DOTS/series" --heapmap "$DOTS/heapmap" >/dev/null 2>&1 || true
titles=""
if [ "$have_gnuplot" = 1 ]; then
    gnuplot -e "in='$DOTS/series/mm.a.b.series.csv'; out='$DOTS/util'" "$ROOT/tools/plot/util.gp" 2>/dev/null || true
    gnuplot -e "in='$DOTS/heapmap/mm.a.b.heapmap.csv'; out='$DOTS/heapmap'" "$ROOT/tools/plot/heapmap.gp" 2>/dev/null || true
    titles=$(cat "$DOTS/util.svg" "$DOTS/heapmap.svg" 2>/dev/null | grep -o 'Utilization over time: [^<]*\|Heap map: [^<]*' | tr '\n' '|')
fi
if [ "$titles" = "Utilization over time: a.b.rep|Heap map: mm on a.b.rep|" ]; then
    pass "util.gp and heapmap.gp on their own title a trace named a.b.rep a.b.rep"
else
    fail "util.gp and heapmap.gp on their own title a trace named a.b.rep a.b.rep" "titles: $titles" \
        "$([ "$have_gnuplot" = 1 ] || echo "gnuplot not found on PATH: sudo apt-get install gnuplot-nox")"
fi

# ---- tools/plot.sh -----------------------------------------------------

OUT=$TMP_DIR/plots
if [ "$have_gnuplot" = 0 ]; then
    fail "tools/plot.sh draws every chart" "gnuplot not found on PATH: sudo apt-get install gnuplot-nox"
else
    set +e
    plot_err=$(cd "$ROOT" && MDRIVER="$BUILD/mdriver" ALLOCATORS=mm,seed PLOT_ALLOCATORS="mm seed" \
               TRACES="traces/short1.rep traces/binary.rep" tools/plot.sh "$OUT" 2>&1 >/dev/null)
    plot_status=$?
    set -e
    missing=""
    for file in compare util-short1 util-binary heapmap-mm-binary heapmap-seed-binary \
                heapmap-seed-short1 sizes-binary sizes-short1; do
        for ext in png svg; do
            [ -s "$OUT/$file.$ext" ] || missing="$missing $file.$ext"
        done
    done
    [ -s "$OUT/results.csv" ] || missing="$missing results.csv"
    if [ "$plot_status" = 0 ] && [ -z "$missing" ]; then
        pass "tools/plot.sh draws every chart"
    else
        fail "tools/plot.sh draws every chart" "exit status $plot_status; missing:$missing" "$plot_err"
    fi
fi

# An allocator named twice in PLOT_ALLOCATORS is charted once: it was
# drawn twice, two legend entries for one allocator and two gnuplots
# writing its heap map at once. And a trace named -x.rep, given as
# TRACES=-x.rep, is a file: basename took it for options, and its sizes
# chart was left out without a word of why. (gnuplot is a stub here that
# notes the charts it is asked for: this is about which, not how.)
STUB=$TMP_DIR/gnuplot-stub
printf '#!/bin/sh\nprintf "%%s %%s\\n" "$3" "$2" >>"%s.log"\n' "$STUB" >"$STUB"
chmod +x "$STUB"
mkdir -p "$TMP_DIR/dash"
cp traces/short1.rep "$TMP_DIR/dash/-x.rep"
twice_status=0
twice_err=$(cd "$TMP_DIR/dash" && GNUPLOT=$STUB MDRIVER="$(cd "$ROOT" && cd "$BUILD" && pwd)/mdriver" ALLOCATORS=mm,mm PLOT_ALLOCATORS="mm mm" \
            TRACES=-x.rep JOBS=1 "$ROOT/tools/plot.sh" "$TMP_DIR/twice" 2>&1 >/dev/null) || twice_status=$?
# ... and twice in ALLOCATORS it is run once: the driver refused the
# whole run (-a names an allocator twice)
if [ "$twice_status" = 0 ] && [[ $twice_err == *'plot.sh: "mm" is named twice in ALLOCATORS; run once'* ]]; then
    pass "tools/plot.sh: an allocator named twice in ALLOCATORS is run once, and said"
else
    fail "tools/plot.sh: an allocator named twice in ALLOCATORS is run once, and said" \
        "exit status $twice_status" "$twice_err"
fi
heapmaps=$(grep -c '^[^ ]*/heapmap.gp .*/heapmap-mm--x' "$STUB.log" || true)
util_names=$(sed -n "s|^[^ ]*/util.gp .*names='\([^']*\)'.*|\1|p" "$STUB.log")
if [ "$heapmaps" = 1 ] && [ "$util_names" = mm ] &&
    [[ $twice_err == *'plot.sh: "mm" is named twice in PLOT_ALLOCATORS; charted once'* ]]; then
    pass "tools/plot.sh: an allocator named twice in PLOT_ALLOCATORS is charted once, and said"
else
    fail "tools/plot.sh: an allocator named twice in PLOT_ALLOCATORS is charted once, and said" \
        "mm's heap maps: $heapmaps (1 wanted), util.gp's names: '$util_names' ('mm' wanted)" "$twice_err"
fi
if grep -q "^[^ ]*/sizes.gp in='-x.rep'; out='$TMP_DIR/twice/sizes--x'$" "$STUB.log" && [[ $twice_err != *"invalid option"* ]]; then
    pass "tools/plot.sh: TRACES=-x.rep gets its sizes chart"
else
    fail "tools/plot.sh: TRACES=-x.rep gets its sizes chart" "charts asked for:" "$(cat "$STUB.log")" "$twice_err"
fi

# A trace whose path holds a blank, given one path a line: TRACES split
# at blanks gave the driver "-f .../my" and "-f traces/a.rep", files that
# do not exist. A TRACES with a newline is split at newlines only; the
# charts are drawn from the file at that path (its sizes chart too).
mkdir -p "$TMP_DIR/my traces"
cp traces/short1.rep "$TMP_DIR/my traces/a.rep"
: >"$STUB.log"
blank_status=0
blank_err=$(cd "$ROOT" && GNUPLOT=$STUB MDRIVER="$BUILD/mdriver" ALLOCATORS=mm PLOT_ALLOCATORS=mm JOBS=1 \
            TRACES="$TMP_DIR/my traces/a.rep"$'\n'"traces/short2.rep"$'\n' \
            tools/plot.sh "$TMP_DIR/blank-path" 2>&1 >/dev/null) || blank_status=$?
blank_rows=$(cut -d, -f1-3 "$TMP_DIR/blank-path/results.csv" 2>/dev/null | grep -c '^"mm","\(a\|short2\)\.rep",1$' || true)
if [ "$blank_status" = 0 ] && [ "$blank_rows" = 2 ] &&
    grep -qF "/sizes.gp in='$TMP_DIR/my traces/a.rep'; out='$TMP_DIR/blank-path/sizes-a'" "$STUB.log" &&
    grep -qF "/sizes.gp in='traces/short2.rep'; out='$TMP_DIR/blank-path/sizes-short2'" "$STUB.log"; then
    pass "tools/plot.sh: TRACES one path a line charts a trace in a folder named with a blank"
else
    fail "tools/plot.sh: TRACES one path a line charts a trace in a folder named with a blank" \
        "exit status $blank_status; mm's valid rows for a.rep and short2.rep: $blank_rows (2 wanted)" \
        "charts asked for:" "$(cat "$STUB.log")" "$blank_err"
fi

# An allocator that fails a trace loses its heap map of it and its line
# in the trace's util chart, which is still drawn for the others: the
# message said "no util or heap map chart for it" while util-crash was
# drawn with seed's line. mdriver-crash's mm dies in crash.rep.
FAILED=$TMP_DIR/gnuplot-failed
printf '#!/bin/sh\nprintf "%%s %%s\\n" "$3" "$2" >>"%s.log"\n' "$FAILED" >"$FAILED"
chmod +x "$FAILED"
failed_plot() { # PLOT_ALLOCATORS OUTDIR
    ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}handle_segv=0" GNUPLOT=$FAILED \
        MDRIVER="$BUILD/broken/mdriver-crash" ALLOCATORS=mm PLOT_ALLOCATORS=$1 \
        TRACES=tests/traces/crash.rep JOBS=1 tools/plot.sh "$2" 2>&1 >/dev/null
}
failed_status=0
failed_err=$(cd "$ROOT" && failed_plot "mm seed" "$TMP_DIR/failed") || failed_status=$?
failed_util=$(sed -n "s|^[^ ]*/util.gp .*names='\([^']*\)'.*out='$TMP_DIR/failed/util-crash'$|\1|p" "$FAILED.log")
if [ "$failed_status" = 1 ] && [ "$failed_util" = seed ] &&
       ! grep -q "heapmap-mm-crash" "$FAILED.log" && grep -q "heapmap-seed-crash" "$FAILED.log" &&
       [[ $failed_err == *"plot.sh: mm failed crash.rep: no heap map of mm on it; util-crash is drawn without mm (it shows seed)"* ]] &&
       [[ $failed_err != *"no util"* ]]; then
    pass "tools/plot.sh: mm failing a trace loses its heap map and util line, and says util-crash is drawn with seed's"
else
    fail "tools/plot.sh: mm failing a trace loses its heap map and util line, and says util-crash is drawn with seed's" \
        "exit status $failed_status (1 wanted); util.gp's names: '$failed_util' ('seed' wanted)" \
        "charts asked for:" "$(cat "$FAILED.log" 2>&1)" "$failed_err"
fi
: >"$FAILED.log"
failed_status=0
failed_err=$(cd "$ROOT" && failed_plot mm "$TMP_DIR/failed-alone") || failed_status=$?
if [ "$failed_status" = 1 ] && ! grep -q "/util.gp \|heapmap-mm-crash" "$FAILED.log" &&
       [[ $failed_err == *"plot.sh: mm failed crash.rep: no heap map of mm on it, and no util-crash chart"* ]]; then
    pass "tools/plot.sh: with mm alone failing the trace, it says no util chart is drawn, and none is"
else
    fail "tools/plot.sh: with mm alone failing the trace, it says no util chart is drawn, and none is" \
        "exit status $failed_status (1 wanted)" "charts asked for:" "$(cat "$FAILED.log" 2>&1)" "$failed_err"
fi

# ALLOCATORS limits the comparison (docs/PLOTS.md): the allocators of
# the per-trace charts (PLOT_ALLOCATORS, "mm seed" by default) are run
# too, for their series and heap maps, but compare.gp is given only the
# ones ALLOCATORS names, and libc. It was given every row the driver
# wrote, so ALLOCATORS=mm,implicit-first drew seed's bars beside them.
ONLY=$TMP_DIR/gnuplot-only
cat >"$ONLY" <<'EOF'
#!/bin/sh
# $2 is "in='CSV'; out='...'": note the allocators of compare.gp's CSV.
case "$3" in
*compare.gp)
    csv=${2#in=\'}
    csv=${csv%%\'*}
    tail -n +2 "$csv" | cut -d, -f1 | tr -d '"' | sort -u >"$0.log" ;;
esac
EOF
chmod +x "$ONLY"
only_status=0
only_err=$(cd "$ROOT" && GNUPLOT=$ONLY MDRIVER="$BUILD/mdriver" ALLOCATORS=mm,implicit-first \
           TRACES=traces/short1.rep JOBS=1 tools/plot.sh "$TMP_DIR/only" 2>&1 >/dev/null) || only_status=$?
only_names=$(paste -sd' ' "$ONLY.log" 2>&1)
if [ "$only_status" = 0 ] && [ "$only_names" = "implicit-first libc mm" ]; then
    pass "tools/plot.sh: ALLOCATORS=mm,implicit-first charts mm, implicit-first and libc in compare, not PLOT_ALLOCATORS' seed"
else
    fail "tools/plot.sh: ALLOCATORS=mm,implicit-first charts mm, implicit-first and libc in compare, not PLOT_ALLOCATORS' seed" \
        "exit status $only_status; allocators in compare.gp's CSV: '$only_names'" "$only_err"
fi

# JOBS that is no number is refused before the driver runs (xargs
# refused it after, and the script said gnuplot had failed).
status=0
jobs_err=$(cd "$ROOT" && JOBS=two GNUPLOT=$STUB MDRIVER="$BUILD/mdriver" tools/plot.sh "$TMP_DIR/jobs" 2>&1 >/dev/null) ||
    status=$?
if [ "$status" = 2 ] && [ "$jobs_err" = "plot.sh: JOBS must be a whole number from 1 to 1024, not 'two'" ]; then
    pass "tools/plot.sh refuses JOBS=two before the driver runs"
else
    fail "tools/plot.sh refuses JOBS=two before the driver runs" "status $status" "$jobs_err"
fi

# An allocator the driver lacks is a usage error in PLOT_ALLOCATORS and
# ALLOCATORS alike, found before the driver runs: exit 2, naming it, the
# variable and the driver's allocators, nothing drawn and no folder made.
# (PLOT_ALLOCATORS skipped it and exited 0 without the charts asked
# for; ALLOCATORS failed, exit 1, once the driver had run.)
refuses_allocator() { # VARIABLE VALUE
    local desc="tools/plot.sh refuses $1=$2 before the driver runs, listing the driver's names"
    local status=0 err charts_before charts_after
    touch "$STUB.log"
    charts_before=$(wc -l <"$STUB.log")
    err=$(cd "$ROOT" && env "$1=$2" GNUPLOT="$STUB" MDRIVER="$BUILD/mdriver" TRACES=traces/short1.rep JOBS=1 \
          tools/plot.sh "$TMP_DIR/unknown-$1" 2>&1 >/dev/null) || status=$?
    charts_after=$(wc -l <"$STUB.log")
    if [ "$status" = 2 ] && [[ $err == *"plot.sh: no allocator \"nosuch\" in this driver ($1)"* ]] &&
        [[ $err == *"plot.sh: the allocators of this driver ($BUILD/mdriver --list): mm, seed, "*", segregated"* ]] &&
        [[ $err != *"running"* ]] && [ ! -e "$TMP_DIR/unknown-$1" ] && [ "$charts_before" = "$charts_after" ]; then
        pass "$desc"
    else
        fail "$desc" "status $status (2 wanted); folder made: $([ -e "$TMP_DIR/unknown-$1" ] && echo yes || echo no);" \
            "charts asked for: $((charts_after - charts_before))" "$err"
    fi
}
refuses_allocator PLOT_ALLOCATORS "mm nosuch"
refuses_allocator ALLOCATORS "mm,nosuch"
# A driver that lists no allocator (it fails, or is no driver): the
# names cannot be checked, said so, exit 2 (it exited 1 with the
# driver's words alone).
printf '%s\n' '#!/bin/sh' 'echo "not a driver" >&2; exit 1' >"$TMP_DIR/no-list-driver"
chmod +x "$TMP_DIR/no-list-driver"
status=0
list_err=$(cd "$ROOT" && GNUPLOT="$STUB" MDRIVER="$TMP_DIR/no-list-driver" TRACES=traces/short1.rep JOBS=1 \
           tools/plot.sh "$TMP_DIR/no-list" 2>&1 >/dev/null) || status=$?
if [ "$status" = 2 ] && [ ! -e "$TMP_DIR/no-list" ] &&
    [ "$list_err" = "plot.sh: $TMP_DIR/no-list-driver --list named no allocators: cannot check PLOT_ALLOCATORS and ALLOCATORS" ]; then
    pass "tools/plot.sh refuses a driver that lists no allocator, before it runs"
else
    fail "tools/plot.sh refuses a driver that lists no allocator, before it runs" "status $status" "$list_err"
fi

# make plot gives PLOT_OUT to the script as one folder, blanks and all
# (a folder "my plots" was two arguments, refused as two OUTDIRs). Not
# remaking ./mdriver (-o): the driver under test is $BUILD's.
status=0
blank_err=$(cd "$ROOT" && GNUPLOT=$STUB MDRIVER="$(cd "$BUILD" && pwd)/mdriver" ALLOCATORS=mm PLOT_ALLOCATORS=mm \
            TRACES=traces/short1.rep make -s --no-print-directory -o mdriver plot PLOT_OUT="$TMP_DIR/my plots" 2>&1) ||
    status=$?
if [ "$status" = 0 ] && [ -s "$TMP_DIR/my plots/results.csv" ]; then
    pass "make plot PLOT_OUT='my plots' writes into that one folder"
else
    fail "make plot PLOT_OUT='my plots' writes into that one folder" "status $status" "$blank_err"
fi
# The comparison's title counts one trace as "1 trace" (it read
# "1 traces"), drawn by the real gnuplot from that run's results.
if [ "$have_gnuplot" = 0 ]; then
    fail "the comparison chart of one trace says '1 trace'" "gnuplot not found on PATH: sudo apt-get install gnuplot-nox"
else
    gnuplot -e "in='$TMP_DIR/my plots/results.csv'; out='$TMP_DIR/one-compare'" "$ROOT/tools/plot/compare.gp" \
        >/dev/null 2>&1 || true
    if grep -q "compared on 1 trace: mm" "$TMP_DIR/one-compare.svg" 2>/dev/null; then
        pass "the comparison chart of one trace says '1 trace'"
    else
        fail "the comparison chart of one trace says '1 trace'" \
            "$(grep -o 'compared on[^<]*' "$TMP_DIR/one-compare.svg" 2>&1 | head -1)"
    fi
fi

# Trace names the shell, gnuplot and CSV each treat specially: a comma
# (the driver quotes the name in its CSV), a quote (gnuplot scripts
# handed paths to the shell inside '...'), a percent sign (a tic label
# is a format). Every chart is drawn, and the comparison names each
# trace under its group as it is.
if [ "$have_gnuplot" = 0 ]; then
    for desc in "tools/plot.sh draws every chart of traces named a,b.rep, it's.rep and 50%.rep" \
                "... and the comparison's tic labels are those names"; do
        fail "$desc" "gnuplot not found on PATH: sudo apt-get install gnuplot-nox"
    done
else
    odd=$TMP_DIR/odd-names
    mkdir -p "$odd"
    odd_names=("a,b" "it's" "50%")
    odd_traces=""
    for stem in "${odd_names[@]}"; do
        cp "$ROOT/traces/short1.rep" "$odd/$stem.rep"
        odd_traces="$odd_traces $odd/$stem.rep"
    done
    set +e
    odd_err=$(cd "$ROOT" && MDRIVER="$BUILD/mdriver" ALLOCATORS=mm,seed PLOT_ALLOCATORS="mm seed" \
              TRACES="$odd_traces" tools/plot.sh "$odd/out" 2>&1 >/dev/null)
    odd_status=$?
    set -e
    missing=""
    for stem in "${odd_names[@]}"; do
        for file in util-$stem heapmap-mm-$stem heapmap-seed-$stem sizes-$stem; do
            for ext in png svg; do
                [ -s "$odd/out/$file.$ext" ] || missing="$missing $file.$ext"
            done
        done
    done
    [ -s "$odd/out/compare.png" ] || missing="$missing compare.png"
    leftovers=$(cd "$odd/out" && ls -- *.tmp 2>/dev/null | tr '\n' ' ')
    if [ "$odd_status" = 0 ] && [ -z "$missing" ] && [ -z "$leftovers" ] && [[ $odd_err != *failed* ]]; then
        pass "tools/plot.sh draws every chart of traces named a,b.rep, it's.rep and 50%.rep"
    else
        fail "tools/plot.sh draws every chart of traces named a,b.rep, it's.rep and 50%.rep" \
            "exit status $odd_status; missing:$missing; scratch files left: $leftovers" "$odd_err"
    fi
    labels=$(sed -n 's/.*<text[^>]*>\([^<]*\.rep\)<\/text>.*/\1/p' "$odd/out/compare.svg" 2>/dev/null | LC_ALL=C sort -u |
             tr '\n' ' ')
    if [ "$labels" = "50%.rep a,b.rep it's.rep " ]; then
        pass "... and the comparison's tic labels are those names"
    else
        fail "... and the comparison's tic labels are those names" "labels in compare.svg: $labels"
    fi
fi

# A trace the driver refuses gets no chart at all, not even of its sizes
# (which would chart the refused line's "-5").
if [ "$have_gnuplot" = 0 ]; then
    fail "tools/plot.sh draws no sizes chart for a trace the driver refused" \
        "gnuplot not found on PATH: sudo apt-get install gnuplot-nox"
    fail "tools/plot.sh with a refused trace draws the others and exits 1" \
        "gnuplot not found on PATH: sudo apt-get install gnuplot-nox"
else
    mkdir -p "$TMP_DIR/bad"
    printf '0\n2\n2\n1\na 0 -5\nf 0\n' >"$TMP_DIR/bad/neg.rep"
    set +e
    bad_err=$(cd "$ROOT" && MDRIVER="$BUILD/mdriver" ALLOCATORS=mm PLOT_ALLOCATORS=mm \
              TRACES="$TMP_DIR/bad/neg.rep traces/short1.rep" tools/plot.sh "$TMP_DIR/badplots" 2>&1 >/dev/null)
    bad_status=$?
    set -e
    if [ ! -e "$TMP_DIR/badplots/sizes-neg.png" ] && [ -s "$TMP_DIR/badplots/sizes-short1.png" ] &&
           printf '%s' "$bad_err" | grep -qF 'no allocator replayed neg.rep: no sizes chart for it'; then
        pass "tools/plot.sh draws no sizes chart for a trace the driver refused"
    else
        fail "tools/plot.sh draws no sizes chart for a trace the driver refused" "$bad_err" \
            "$(ls "$TMP_DIR/badplots" 2>&1 | tr '\n' ' ')"
    fi
    # The valid trace's charts are drawn, and the run still fails: a
    # script or make must not read a partial set of charts as success.
    if [ "$bad_status" = 1 ] && [ -s "$TMP_DIR/badplots/util-short1.png" ] &&
           printf '%s' "$bad_err" | grep -qF 'plot.sh: exit 1: some traces were invalid'; then
        pass "tools/plot.sh with a refused trace draws the others and exits 1"
    else
        fail "tools/plot.sh with a refused trace draws the others and exits 1" \
            "exit status $bad_status" "$bad_err"
    fi
fi

# Why the driver refused the trace is kept where the note points: the
# driver's own message, printed and in OUTDIR/driver-errors.txt (it went
# to a scratch file that was removed at exit).
if [ "$have_gnuplot" = 0 ]; then
    fail "tools/plot.sh keeps the driver's message on a refused trace" \
        "gnuplot not found on PATH: sudo apt-get install gnuplot-nox"
elif [[ $bad_err == *"(kept in $TMP_DIR/badplots/driver-errors.txt)"*"neg.rep:5: "* ]] &&
     grep -qF 'neg.rep:5: ' "$TMP_DIR/badplots/driver-errors.txt" 2>/dev/null; then
    pass "tools/plot.sh keeps the driver's message on a refused trace"
else
    fail "tools/plot.sh keeps the driver's message on a refused trace" "stderr: $bad_err" \
        "driver-errors.txt: $(cat "$TMP_DIR/badplots/driver-errors.txt" 2>&1)"
fi

# make plot passes ALLOCATORS through to tools/plot.sh: the Makefile's own
# list of compiled-in allocators must not take the name and replace it.
passed=$(cd "$ROOT" && ALLOCATORS=mm,seed make -s --no-print-directory \
         --eval 'show-allocators: ; @printenv ALLOCATORS' show-allocators 2>&1)
if [ "$passed" = mm,seed ]; then
    pass "make passes ALLOCATORS from the environment to its recipes unchanged"
else
    fail "make passes ALLOCATORS from the environment to its recipes unchanged" "recipes see: $passed"
fi

set +e
no_gnuplot_err=$(cd "$ROOT" && GNUPLOT=/nonexistent/gnuplot MDRIVER="$BUILD/mdriver" \
                 tools/plot.sh "$TMP_DIR/none" 2>&1 >/dev/null)
no_gnuplot_status=$?
set -e
if [ "$no_gnuplot_status" != 0 ] && printf '%s' "$no_gnuplot_err" | grep -qF 'apt-get install gnuplot-nox'; then
    pass "tools/plot.sh without gnuplot: says how to install it, exits non-zero"
else
    fail "tools/plot.sh without gnuplot: says how to install it, exits non-zero" \
        "exit status $no_gnuplot_status" "stderr: $no_gnuplot_err"
fi

# Chart files that cannot be written fail the run (exit 1), though the
# trace itself ran and is valid: a name too long for the file system.
long_dir=$TMP_DIR/long
mkdir -p "$long_dir/series"
long_stem=$(printf 'x%.0s' $(seq 245))
cp "$ROOT/traces/short1.rep" "$long_dir/$long_stem.rep"
run_driver --no-timing --series "$long_dir/series" -f "$long_dir/$long_stem.rep"
if [ "$status" = 1 ] && printf '%s' "$err" | grep -qF "cannot write $long_dir/series/mm.$long_stem.series.csv"; then
    pass "--series: a file that cannot be created is said, and the run exits 1"
else
    fail "--series: a file that cannot be created is said, and the run exits 1" "status $status" \
        "stderr: $err"
fi

# A trace that crashes keeps the rows up to the crash (they are flushed
# as they are written): crash.c dies in the 12th op (index 11).
crash_dir=$TMP_DIR/crash-series
mkdir -p "$crash_dir"
ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}handle_segv=0" \
    run_binary "$BUILD/broken/mdriver-crash" --no-timing --series "$crash_dir" --heapmap "$crash_dir" \
    -f "$ROOT/tests/traces/crash.rep"
last=$(tail -n 1 "$crash_dir/mm.crash.series.csv" 2>&1)
first=$(head -n 1 "$crash_dir/mm.crash.series.csv" 2>&1)
if [ "$status" = 1 ] && [ "$first" = "op_index,op,live_bytes,heap_bytes,util_percent,pages_touched" ] &&
   [ "${last%%,*}" = 10 ]; then
    pass "--series of a trace that crashes at op index 11 holds its header and ops 0 to 10"
else
    fail "--series of a trace that crashes at op index 11 holds its header and ops 0 to 10" \
        "status $status, first line: $first" "last line: $last"
fi
# 24 ops, so a snapshot after each: ops 0 to 10 are 11 snapshots of 256
# rows, whole.
rows=$(wc -l <"$crash_dir/mm.crash.heapmap.csv" 2>&1)
last=$(tail -n 1 "$crash_dir/mm.crash.heapmap.csv" 2>&1 | cut -d, -f1-2)
if [ "$rows" = $((1 + 11 * 256)) ] && [ "$last" = 10,10 ]; then
    pass "--heapmap of that trace holds its header and the whole snapshots of ops 0 to 10"
else
    fail "--heapmap of that trace holds its header and the whole snapshots of ops 0 to 10" \
        "$rows lines, the last starting $last"
fi

done_testing
