# tools/plot/util.gp - utilization over time for one trace.
#
#   gnuplot -e "in='DIR/seed.binary.series.csv DIR/mm.binary.series.csv'; \
#               out='plots/util-binary'" tools/plot/util.gp
#
# in     one or more series files of the same trace (mdriver --series DIR
#        writes DIR/ALLOC.TRACE.series.csv), separated by spaces
# out    output name without extension: writes OUT.png and OUT.svg
# names  (optional) legend names, one per file; default: ALLOC from each
#        file name
# trace  (optional) the trace's name for the title; default: TRACE from
#        the first file name
#
# Draws the live payload (the trace's own demand, the same for every
# allocator: taken from the first file) as a grey area, the heap size of
# each allocator as a line, and marks the peak live payload. The legend
# gives each allocator's utilization, peak live payload / final heap size,
# the figure the driver scores.

if (!exists("in") || !exists("out")) {
    exit error "usage: gnuplot -e \"in='A.TRACE.series.csv [B.TRACE.series.csv ...]'; out='OUTBASE'\" util.gp"
}
load ARG0[1:strlen(ARG0) - strlen("util.gp")]."common.gp"

files = words(in)
first = word(in, 1)
if (!exists("names")) {
    names = ""
    do for [i = 1:files] { names = names.(i > 1 ? " " : "").field(basename(word(in, i)), 1) }
}
if (!exists("trace")) { trace = trace_part(first, ".series.csv").".rep" }

# A trace with no ops has no rows: nothing to draw, and exit 1, as
# sizes.gp does (every file: each gives its allocator's final heap).
# Printed, not given to exit error, which cuts its message at about 120
# characters.
do for [i = 1:files] {
    if (data_rows(word(in, i)) <= 0) {
        print no_rows_message("util.gp", word(in, i), "the series of a trace with no ops")
        exit status 1
    }
}

# ---- figures from the data --------------------------------------------

# One-column stats only: two columns fit a line, and warn on short traces.
peak_live = -1
peak_op = 0
stats first skip 1 using ($3 > peak_live ? (peak_live = $3, peak_op = $1, $1) : $1) nooutput
last_op = STATS_max

array final_heap[files]
max_heap = peak_live
do for [i = 1:files] {
    stats word(in, i) skip 1 using 4 nooutput
    final_heap[i] = STATS_max
    if (STATS_max > max_heap) { max_heap = STATS_max }
}
unit = byte_unit(max_heap)
scale = byte_scale(unit)
util_of(i) = final_heap[i] > 0 ? 100.0 * peak_live / final_heap[i] : 0

# ---- the chart ----------------------------------------------------------

set title sprintf("Utilization over time: %s\nheap size of each allocator against the live payload it must hold", trace)
set xlabel "op index (position in the trace)"
set ylabel sprintf("bytes (%s)", unit)
set xrange [0:last_op > 0 ? last_op : 1]
set yrange [0:(max_heap > 0 ? max_heap : 1) / scale * 1.15]
set format y "%g"
set grid xtics ytics lc rgb "#dddddd" lt 1
set key outside below center horizontal box width 1 maxrows 1
set bmargin 6
set border 3
set tics nomirror

# The peak: a dot, and its label in the empty strip above the highest
# line (yrange leaves 15% headroom), with an arrow down to the dot.
peak_y = peak_live / scale
peak_label = sprintf("peak live payload %s at op %d", human_bytes(peak_live), peak_op)
label_side = peak_op > 0.55 * last_op ? "right" : "left"
eval sprintf("set label 1 peak_label at first peak_op, graph 0.955 %s offset %s, 0 front", \
             label_side, label_side eq "right" ? "-0.5" : "0.5")
set arrow 1 from first peak_op, graph 0.93 to first peak_op, first peak_y \
    head size char 0.8, 20 filled lw 1.2 lc rgb "#000000" front
set object 1 circle at first peak_op, first peak_y size char 0.45 \
    fc rgb "#000000" fs solid front

do for [fmt in "png svg"] {
    eval term_cmd(fmt)
    set output out.".".fmt
    plot first skip 1 using 1:($3 / scale) with filledcurves x1 \
             fs transparent solid 0.45 noborder lc rgb "#a0a0a0" \
             title "live payload (peak marked)", \
         for [i = 1:files] word(in, i) skip 1 using 1:($4 / scale) with steps \
             lw 2.5 lc rgb colour(i) dt dash_type(i) \
             title sprintf("%s: heap size (util %.1f%%)", word(names, i), util_of(i))
    unset output
}
