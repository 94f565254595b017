# tools/plot/compare.gp - allocators side by side: utilization and
# throughput per trace, grouped bars, libc's as the reference.
#
#   ./mdriver -a all -l --csv results.csv
#   gnuplot -e "in='results.csv'; out='plots/compare'" tools/plot/compare.gp
#
# in     the driver's CSV (--csv): one row per allocator and trace, a
#        "(total)" row per allocator, and libc rows when run with -l
# out    output name without extension: writes OUT.png and OUT.svg
#
# Top panel: utilization (%) per trace, one bar per allocator, and the mean
# over the traces, with the trace's ceiling (the most utilization any
# allocator can reach at that alignment) as a dashed black bar across each
# group, and libc malloc's (when the driver could measure it) as a solid
# one. Bottom panel (only when throughput was measured, i.e. not
# --no-timing): throughput in Kops/s on a log scale, with libc malloc's as a
# black bar across each group. A trace an allocator failed has no bar and a
# red cross instead. The legend gives each allocator's perf index.
# Allocators 9 to 16 (variants) have hatched bars, 17 to 24 cross-hatched
# ones (common.gp: colour, fill_pattern), and the image grows to fit them.

if (!exists("in") || !exists("out")) {
    exit error "usage: gnuplot -e \"in='results.csv'; out='OUTBASE'\" compare.gp"
}
here = ARG0[1:strlen(ARG0) - strlen("compare.gp")]
load here."common.gp"

# ---- what the CSV holds -------------------------------------------------
# Read through results.awk: no header, no quotes, 15 fields, -1 for "not
# measured" (gnuplot misreads empty fields), the allocator and the trace
# as numbers (libc and "(total)" are 0):
# allocator,trace,valid,util_percent,ops,secs,kops_per_sec,timing_runs,
# peak_live_bytes,heap_bytes,pages_mapped,pages_touched,-,perf_index,
# util_ceiling_percent
# and their names, alloc_name[] and trace_name[], in a script of its own
# (gnuplot reads a name in a CSV file only up to its first comma).
# Both made once into scratch files next to the output, removed at the end.
data = out.".results.tmp"
names = out.".names.tmp"
results_awk(part, to) = sprintf("awk -v part=%s -f %s -f %s < %s > %s; echo $?", part, \
    shell_quoted(here."csv.awk"), shell_quoted(here."results.awk"), shell_quoted(in), shell_quoted(to))
remove_scratch = sprintf("rm -f %s %s", shell_quoted(data), shell_quoted(names))
if (system(results_awk("rows", data)) != 0 || system(results_awk("names", names)) != 0) {
    system(remove_scratch)
    exit error "compare.gp: cannot read ".in
}
load names
if (n_allocs == 0) {
    system(remove_scratch)
    exit error "compare.gp: no allocator rows in ".in
}
total_x = n_traces + 1.3     # the "all traces" group, a little apart

group_x(trace) = trace == 0 ? total_x : trace
group_width = 0.8
bar_width = group_width / n_allocs
bar_x(trace, a) = group_x(trace) - group_width / 2 + (a - 0.5) * bar_width

# Rows of allocator a that carry figure `col` (valid and measured). Other
# rows are drawn at x = offscreen, clipped: never "no valid points".
shows(a, col) = $1 == a && $3 == 1 && column(col) >= 0
offscreen = -1000
# Where a row's red cross goes: its bar's place if the allocator (not
# libc) failed the trace, else offscreen. Both panels draw them.
failed_x(dummy) = $1 != 0 && $3 == 0 ? bar_x($2, $1) : offscreen

# The (total) row's perf index, -1 when not computed.
array perf[n_allocs]
do for [a = 1:n_allocs] {
    stats data using ($1 == a && $2 == 0 ? $14 + 1 : 0) nooutput
    perf[a] = STATS_sum - 1
}
stats data using ($3 == 0 && $1 != 0 ? 1 : 0) nooutput
n_invalid = int(STATS_sum)
# The ceiling belongs to the traces, and every allocator's rows carry it;
# an allocator's "(total)" row, though, averages its valid traces only,
# and has none when it has no valid trace. The ceiling line is drawn
# from the first allocator valid on every trace (else the first).
ceiling_alloc = 1
do for [a = n_allocs:1:-1] {
    stats data using ($1 == a && $2 == 0 && $3 == 1 ? 1 : 0) nooutput
    if (STATS_sum > 0) { ceiling_alloc = a }
}
stats data using ($1 == 0 ? 1 : 0) nooutput
has_libc = STATS_sum > 0 ? 1 : 0
stats data using ($1 == 0 && $4 >= 0 ? 1 : 0) nooutput
has_libc_util = STATS_sum > 0 ? 1 : 0
stats data using ($7 > 0 ? 1 : 0) nooutput
timed = STATS_sum > 0
if (timed) {
    stats data using ($7 > 0 ? $7 : NaN) nooutput
    kops_low = 10 ** floor(log10(STATS_min) - 0.01)
    kops_high = 10 ** ceil(log10(STATS_max) + 0.01)
}

any_perf = 0
do for [a = 1:n_allocs] { if (perf[a] >= 0) { any_perf = 1 } }
allocator_title(a) = !any_perf ? alloc_name[a] : \
    (perf[a] >= 0 ? sprintf("%s  %.1f", alloc_name[a], perf[a]) : sprintf("%s  -", alloc_name[a]))
alloc_list = alloc_name[1]
do for [a = 2:n_allocs] { alloc_list = alloc_list.", ".alloc_name[a] }
traces_word = n_traces == 1 ? "trace" : "traces"
chart_title = strlen(alloc_list) <= 80 ? \
    sprintf("Allocators compared on %d %s: %s", n_traces, traces_word, alloc_list) : \
    sprintf("%d allocators compared on %d %s", n_allocs, n_traces, traces_word)

# ---- layout -------------------------------------------------------------

# 1300 x 950 pixels (560 tall untimed) hold the 8 allocators with room
# to spare. With more (up to 24, with variants) the image grows: wider
# so that a bar stays wide enough to show its colour and its pattern,
# taller so that the key stays one column in the top panel (a second
# column ran off the image).
left_px = 91                # the y axis and its label
key_px = 273                # the key, right of the plot
min_bar_px = 7
key_rows = n_allocs + 4     # its title, the ceiling, libc, the red cross
key_row_px = 21          # the SVG's 12-point font (the PNG's is 10)
at_least(n, low) = n > low ? n : low
W = at_least(int(left_px + key_px + min_bar_px * n_allocs * (total_x + 0.2) / group_width), 1300)
H = timed ? at_least(2 * (key_rows * key_row_px + 150), 950) : at_least(key_rows * key_row_px + 170, 560)
set style fill solid 1.0 noborder
set grid ytics lc rgb "#dddddd" lt 1
set border 3
set tics nomirror
set xrange [0.4:total_x + 0.6]
set xtics rotate by -30 left scale 0 nomirror
set xtics ()
do for [i = 1:n_traces] { set xtics add (percent_doubled(trace_name[i]) i) }
set xtics add ("all traces" total_x)
set lmargin at screen left_px / real(W)
set rmargin at screen 1 - key_px / real(W)
set key at screen 1 - (key_px - 20) / real(W), graph 1 left top Left reverse box samplen 2 spacing 1.2 \
    width 1 maxrows key_rows

do for [fmt in "png svg"] {
    eval term_cmd(fmt)
    set output out.".".fmt
    set multiplot layout (timed ? 2 : 1), 1 \
        title chart_title font ",13"

    # ---- utilization ----------------------------------------------------
    set title "Space utilization per trace: peak live payload / final heap size (higher is better); last group: mean".\
              (timed ? "" : "\nthroughput not measured (--no-timing)")
    if (any_perf) { set key title "allocator, perf index" } else { set key title "allocator" }
    set ylabel "utilization (%)"
    unset logscale y
    set yrange [0:105]
    set ytics 0, 20, 100 format "%g%%"
    plot for [a = 1:n_allocs] data \
             using (shows(a, 4) ? bar_x($2, a) : offscreen):(shows(a, 4) ? $4 : 0): \
                   (bar_x($2, a) - bar_width / 2):(bar_x($2, a) + bar_width / 2): \
                   (0):(shows(a, 4) ? $4 : 0) \
             with boxxyerror lc rgb colour(a) fs pattern fill_pattern(a) border title allocator_title(a), \
         data using ($1 == ceiling_alloc && $15 >= 0 ? group_x($2) - group_width / 2 - 0.04 : offscreen): \
                    ($15 >= 0 ? $15 : 0):(group_width + 0.08):(0) \
             with vectors nohead lw 2 dt 2 lc rgb "#000000" title "ceiling (any allocator)", \
         for [d = 1:has_libc_util] data \
             using ($1 == 0 && $4 >= 0 ? group_x($2) - group_width / 2 - 0.04 : offscreen): \
                   ($4 >= 0 ? $4 : 0):(group_width + 0.08):(0) \
             with vectors nohead lw 3 lc rgb "#000000" title "libc malloc", \
         for [d = 1:(n_invalid > 0)] data \
             using (failed_x(0)):(4) \
             with points pt 2 ps 1.6 lw 2 lc rgb "#cc0000" title "invalid: trace failed"

    # ---- throughput -----------------------------------------------------
    if (timed) {
        set key notitle
        set title "Throughput per trace, Kops/s, log scale (higher is better); black bar: libc malloc in the same run"
        set ylabel "throughput (Kops/s, log scale)"
        set yrange [kops_low:kops_high]
        set logscale y
        set ytics auto format "%.0f"
        set mytics 10
        plot for [a = 1:n_allocs] data \
                 using (shows(a, 7) ? bar_x($2, a) : offscreen):(shows(a, 7) ? $7 : kops_low): \
                       (bar_x($2, a) - bar_width / 2):(bar_x($2, a) + bar_width / 2): \
                       (kops_low):(shows(a, 7) ? $7 : kops_low) \
                 with boxxyerror lc rgb colour(a) fs pattern fill_pattern(a) border notitle, \
             for [d = 1:(n_invalid > 0)] data \
                 using (failed_x(0)):(kops_low * 1.4) \
                 with points pt 2 ps 1.6 lw 2 lc rgb "#cc0000" notitle, \
             for [d = 1:has_libc] data \
                 using ($1 == 0 && $7 > 0 ? group_x($2) - group_width / 2 - 0.04 : offscreen): \
                       ($7 > 0 ? $7 : kops_low):(group_width + 0.08):(0) \
                 with vectors nohead lw 3 lc rgb "#000000" title "libc malloc"
    }
    unset multiplot
    unset output
}
system(remove_scratch)
