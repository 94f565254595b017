# tools/plot/sizes.gp - the request sizes of a trace, in power-of-two
# buckets, on a log scale.
#
#   gnuplot -e "in='traces/binary.rep'; out='plots/sizes-binary'" tools/plot/sizes.gp
#
# in     a .rep trace
# out    output name without extension: writes OUT.png and OUT.svg
# trace  (optional) the trace's name for the title; default: the file name
#
# Bars: how many malloc and realloc requests fall in each bucket (sizes.awk:
# the bar at 64 counts the sizes 33..64), log scale. Line, right axis: the
# share of all requested bytes that bucket asks for, so a few huge requests
# that dominate the heap stand out from the many small ones.

if (!exists("in") || !exists("out")) {
    exit error "usage: gnuplot -e \"in='TRACE.rep'; out='OUTBASE'\" sizes.gp"
}
here = ARG0[1:strlen(ARG0) - strlen("sizes.gp")]
load here."common.gp"
if (!exists("trace")) { trace = basename(in) }

# bucket,label,malloc_count,realloc_count,percent_of_requested_bytes:
# computed once into a scratch file next to the output, removed at the end.
data = out.".sizes.tmp"
remove_scratch = "rm -f ".shell_quoted(data)
if (system(sprintf("awk -f %s < %s > %s; echo $?", shell_quoted(here."sizes.awk"), shell_quoted(in), \
                   shell_quoted(data))) != 0) {
    system(remove_scratch)
    exit error sprintf("sizes.gp: no malloc or realloc requests in %s", in)
}
stats data using 1 nooutput
first_bucket = STATS_min
last_bucket = STATS_max
stats data using 3 nooutput
mallocs = STATS_sum
max_count = STATS_max
stats data using 4 nooutput
reallocs = STATS_sum
if (STATS_max > max_count) { max_count = STATS_max }
has_reallocs = reallocs > 0

bar_width = has_reallocs ? 0.4 : 0.8
malloc_x(k) = has_reallocs ? k - 0.2 : k
count_low = 0.5      # log scale: a bucket with one request still shows a bar

set title sprintf("Request sizes: %s\n%d malloc and %d realloc requests, power-of-two buckets", \
                  trace, mallocs, reallocs)
set xlabel "request size in bytes, bucket upper bound (the bar at 64 counts sizes 33..64)"
set ylabel "requests in the bucket (log scale)"
set y2label "share of all requested bytes (%)"
set xrange [first_bucket - 0.7:last_bucket + 0.7]
set logscale y
set yrange [count_low:max_count * 3]
set y2range [0:105]
set ytics nomirror
set y2tics 0, 20, 100 format "%g%%"
set xtics scale 0 nomirror
set border 11 front
set grid ytics lc rgb "#dddddd" lt 1
set style fill solid 1.0 noborder
set key outside below center horizontal box width -2 maxcols 3
set bmargin 6

do for [fmt in "png svg"] {
    eval term_cmd(fmt)
    set output out.".".fmt
    plot data using (malloc_x($1)):($3 > 0 ? $3 : count_low):(malloc_x($1) - bar_width / 2): \
                    (malloc_x($1) + bar_width / 2):(count_low):($3 > 0 ? $3 : count_low):xticlabels(2) \
             with boxxyerror lc rgb colour(1) title "malloc", \
         for [d = 1:has_reallocs] data \
             using ($1 + 0.2):($4 > 0 ? $4 : count_low):($1):($1 + 0.4):(count_low):($4 > 0 ? $4 : count_low) \
             with boxxyerror lc rgb colour(5) title "realloc", \
         data using 1:5 axes x1y2 with linespoints lw 2 pt 7 ps 0.8 lc rgb colour(2) \
             title "share of bytes (right axis)"
    unset output
}
system(remove_scratch)
