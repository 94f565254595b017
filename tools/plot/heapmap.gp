# tools/plot/heapmap.gp - where payload, overhead and free space sit in
# the heap, over the course of one trace.
#
#   gnuplot -e "in='DIR/seed.binary.heapmap.csv'; out='plots/heapmap-seed-binary'" \
#       tools/plot/heapmap.gp
#
# in     a heap map (mdriver --heapmap DIR writes DIR/ALLOC.TRACE.heapmap.csv:
#        snapshots of the heap, each cut into equal bins holding payload,
#        overhead, free and unknown bytes)
# out    output name without extension: writes OUT.png and OUT.svg
# name   (optional) the allocator's name for the title; default: ALLOC
#        from the file name
# trace  (optional) the trace's name; default: TRACE from the file name
#
# x is the address, bytes from the heap's start; y is time, op index. Each
# snapshot is a horizontal band covering the ops since the one before, as
# wide as the heap was then; white is past the break. Each pixel mixes the
# kinds' colours in proportion to their bytes under it (heapmap.awk), so
# payload finely interleaved with free space shows as a blend of the two.
# Free space between payloads is external fragmentation; overhead is what
# allocated blocks hold beyond their payload (headers, footers, padding,
# the unsplit rest of a block). "Unknown" means the allocator has no
# mm_heap_walk, so the driver sees only the payloads.

if (!exists("in") || !exists("out")) {
    exit error "usage: gnuplot -e \"in='ALLOC.TRACE.heapmap.csv'; out='OUTBASE'\" heapmap.gp"
}
here = ARG0[1:strlen(ARG0) - strlen("heapmap.gp")]
load here."common.gp"

if (!exists("name")) { name = field(basename(in), 1) }
if (!exists("trace")) { trace = trace_part(in, ".heapmap.csv").".rep" }
H = 650

# A trace with no ops, or whose heap never grew (its only op a 0 0), has
# no snapshot: nothing to draw, and exit 1, as sizes.gp does. Printed,
# not given to exit error, which cuts its message at about 120 characters.
if (data_rows(in) <= 0) {
    print no_rows_message("heapmap.gp", in, "no snapshots: a trace with no ops, or whose heap never grew")
    exit status 1
}

# Columns: snapshot,op_index,heap_bytes,bin_start,bin_end,payload_bytes,
#          overhead_bytes,free_bytes,unknown_bytes
stats in skip 1 using 1 nooutput
snapshots = int(STATS_max) + 1
stats in skip 1 using 2 nooutput
last_op = STATS_max
stats in skip 1 using 3 nooutput
max_heap = STATS_max
array kind_total[4]         # payload, overhead, free, unknown: all bins, all snapshots
stats in skip 1 using 6 nooutput     # plain columns: an expression per row is slow
kind_total[1] = STATS_sum
stats in skip 1 using 7 nooutput
kind_total[2] = STATS_sum
stats in skip 1 using 8 nooutput
kind_total[3] = STATS_sum
stats in skip 1 using 9 nooutput
kind_total[4] = STATS_sum
total_binned = kind_total[1] + kind_total[2] + kind_total[3] + kind_total[4]
share(i) = total_binned > 0 ? 100.0 * kind_total[i] / total_binned : 0

unit = byte_unit(max_heap)
scale = byte_scale(unit)
band = (last_op + 1) / snapshots       # ops per snapshot

# The bins, rasterized into cells of equal address range (heapmap.awk):
# x, y, r, g, b per cell. The plot area is fixed in pixels and one cell is
# one pixel wide: no resampling moire.
left_edge = 0.1
right_edge = 0.97
cells = int(W * (right_edge - left_edge))
raster = out.".raster.tmp"      # rasterized once, drawn twice, then removed
if (system(sprintf("awk -F, -v nx=%d -v max_heap=%.0f -v unit=%.0f -v band=%.6f -f %s < %s > %s; echo $?", \
                   cells, max_heap, scale, band, shell_quoted(here."heapmap.awk"), shell_quoted(in), \
                   shell_quoted(raster))) != 0) {
    exit error "heapmap.gp: heapmap.awk failed on ".in
}

kind_names = "payload overhead free unknown"
# Without mm_heap_walk there is only payload and unknown; with it, no unknown.
walked = kind_total[2] + kind_total[3] > 0
shown(k) = k == 1 || (k == 4 ? kind_total[4] > 0 : walked)
kind_colours = "#0072B2 #E69F00 #CC79A7 #BBBBBB"

set title sprintf("Heap map: %s on %s\neach band is the heap after that op (%d snapshots); white = beyond the break", \
                  name, trace, snapshots)
set xlabel sprintf("address: bytes from the heap start (%s)", unit)
set ylabel "op index (time)"
set xrange [0:(max_heap > 0 ? max_heap : 1) / scale]
set yrange [0:last_op + 1]
set format x "%g"
set border 3
set tics nomirror out
set lmargin at screen left_edge
set rmargin at screen right_edge
set key outside below center horizontal box width 1 maxrows 1 \
    title "share of heap bytes, averaged over the snapshots"
set bmargin 6

do for [fmt in "png svg"] {
    eval term_cmd(fmt)
    set output out.".".fmt
    plot raster using 1:2:3:4:5 with rgbimage notitle, \
         for [k = 1:4] keyentry with boxes fs solid 1.0 lc rgb word(kind_colours, k) \
             title (shown(k) ? \
                    sprintf("%s %.1f%%", word(kind_names, k), share(k)) : "")
    unset output
}
system("rm -f ".shell_quoted(raster))

# The SVG embeds the raster as one <image> 48 pixels tall; viewers smooth it
# when they stretch it unless told to keep the pixels square.
svg = out.".svg"
svg_tmp = svg.".tmp"
system(sprintf("awk '{ sub(/<image /, \"<image image-rendering=\\\"optimizeSpeed\\\" style=\\\"image-rendering:pixelated\\\" \"); print }' < %s > %s && mv %s %s", \
               shell_quoted(svg), shell_quoted(svg_tmp), shell_quoted(svg_tmp), shell_quoted(svg)))
