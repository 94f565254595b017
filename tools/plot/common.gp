# tools/plot/common.gp - what every plot script shares (loaded, not run).
#
# Defines:
#   basename(path)      the part after the last '/'
#   field(name, i)      the i-th '.'-separated part of a file name:
#                       field("seed.binary.series.csv", 2) = "binary"
#   trace_part(path, suffix)  what the driver wrote between the allocator
#                       and SUFFIX: its trace's name, which may hold dots
#                       or blanks: trace_part("mm.a.b.series.csv",
#                       ".series.csv") = "a.b"
#   byte_unit(max)      "B", "KiB" or "MiB": the unit that suits max bytes
#   byte_scale(unit)    bytes per that unit
#   human_bytes(n)      "1.10 MiB", "12.0 KiB", "512 B", for labels
#   colour(i)           the i-th of 24 colours, in three sets of 8
#   fill_pattern(i)     the fill pattern of the i-th bar: solid in the
#                       first set, hatched in the second, cross-hatched in
#                       the third (fs pattern fill_pattern(i) border)
#   dash_type(i)        the same for lines: solid, dashed, dash-dotted
#   shell_quoted(s)     s as one word for the shell, for system(): '...'
#                       with each ' in s written '\''
#   percent_doubled(s)  s with each % written %%, for a tic label, which
#                       gnuplot reads as a format ("50%.rep" is not one)
#   term_cmd(fmt)       the "set terminal" command for "png" or "svg" at
#                       W x H pixels (pngcairo when this gnuplot has it)
#   data_rows(path)     how many rows a CSV has below its header line; -1
#                       when it cannot be read
#
# A script draws each image twice, into OUT.png and OUT.svg:
#   do for [fmt in "png svg"] {
#       eval term_cmd(fmt); set output out.".".fmt
#       plot ...
#       unset output
#   }
# The terminals are noenhanced: names from the data ("corner_zero") are
# printed as they are, never as sub- or superscripts.

basename_at(path, i) = i < 1 ? path : \
    (path[i:i] eq "/" ? path[i+1:] : basename_at(path, i - 1))
basename(path) = basename_at(path, strlen(path))

dots_to_spaces(s) = strstrt(s, ".") == 0 ? s : \
    dots_to_spaces(s[1:strstrt(s, ".") - 1]." ".s[strstrt(s, ".") + 1:])
field(name, i) = word(dots_to_spaces(name), i)

# An allocator's name has no dot, a trace's may ("a.b.rep" is the stem
# "a.b"): the trace is all that follows the first dot, not the second
# field, which named a.b.rep's charts "a.rep".
after_first_dot(s) = s[strstrt(s, ".") + 1:]
ends_with(s, tail) = strlen(s) >= strlen(tail) && s[strlen(s) - strlen(tail) + 1:] eq tail
without_tail(s, tail) = ends_with(s, tail) ? s[1:strlen(s) - strlen(tail)] : s
trace_part(path, suffix) = without_tail(after_first_dot(basename(path)), suffix)

# A path goes to the shell quoted whole: a file name may hold any byte but
# '/' and NUL, "it's.rep" among them. The input of an awk program is
# given on its standard input, never as an operand, which awk would take
# for an assignment if it looked like one ("x=1.csv").
quote_rest(s) = strstrt(s, "'") == 0 ? s : \
    s[1:strstrt(s, "'") - 1]."'\\''".quote_rest(s[strstrt(s, "'") + 1:])
shell_quoted(s) = "'".quote_rest(s)."'"
percent_doubled(s) = strstrt(s, "%") == 0 ? s : \
    s[1:strstrt(s, "%") - 1]."%%".percent_doubled(s[strstrt(s, "%") + 1:])

byte_unit(max) = max >= 1048576 ? "MiB" : (max >= 1024 ? "KiB" : "B")
byte_scale(unit) = unit eq "MiB" ? 1048576.0 : (unit eq "KiB" ? 1024.0 : 1.0)
human_bytes(n) = n >= 1048576 ? sprintf("%.2f MiB", n / 1048576.0) : \
    (n >= 1024 ? sprintf("%.1f KiB", n / 1024.0) : sprintf("%d B", int(n)))

# Okabe-Ito (colour-blind safe), ordered so the first two contrast most;
# black is kept for references (libc), so wine and olive stand in for it.
# A comparison may hold 24 allocators (the 8 here and 16 variants), and
# no 24 colours stay apart, least of all for a colour-blind reader: the
# second and third sets of 8 (from Paul Tol's muted, medium-contrast,
# bright and dark schemes; none pale, since a hatched bar shows its
# colour only in its lines) are each drawn with a texture of their own,
# hatched or cross-hatched bars, dashed or dash-dotted lines, so that a
# colour of one set that looks like one of another is still told apart.
palette_hex = "#0072B2 #D55E00 #009E73 #CC79A7 #E69F00 #56B4E9 #882255 #999933 " . \
              "#332288 #117733 #6699CC #CC6677 #997700 #AA4499 #44AA99 #661100 " . \
              "#4477AA #EE6677 #228833 #CCBB44 #225555 #AA3377 #555555 #994455"
colour_set(i) = int(((int(i) - 1) % 24) / 8)              # 0, 1 or 2
colour(i) = word(palette_hex, (int(i) - 1) % 24 + 1)
fill_pattern(i) = int(word("3 7 2", colour_set(i) + 1))   # gnuplot's solid, //, crossed
dash_type(i) = int(word("1 2 4", colour_set(i) + 1))      # solid, dashed, dash-dotted

# A script checks its input has rows before its first stats: on a file
# with none, stats only warns and leaves STATS_max undefined, and the
# script died on that with gnuplot's "undefined variable", not a word of
# which file.
data_rows(path) = int(system(sprintf("awk 'NR > 1 { n++ } END { print n + 0 }' 2>/dev/null < %s || echo -1", \
                                     shell_quoted(path))))
# no_rows_message(script, path, what): what the script says when PATH
# cannot be read or has no rows (WHAT: why it might have none).
no_rows_message(script, path, what) = data_rows(path) < 0 ? \
    sprintf("%s: cannot read %s", script, path) : \
    sprintf("%s: no data rows in %s (%s): nothing to draw", script, path, what)

if (!exists("W")) W = 1000
if (!exists("H")) H = 600

has_pngcairo = strstrt(GPVAL_TERMINALS, "pngcairo") > 0
term_cmd(fmt) = fmt eq "svg" ? \
    sprintf("set terminal svg size %d,%d dynamic noenhanced font 'DejaVu Sans,12' background '#ffffff'", W, H) : \
    (has_pngcairo ? \
    sprintf("set terminal pngcairo size %d,%d noenhanced font 'DejaVu Sans,10' background '#ffffff'", W, H) : \
    sprintf("set terminal png size %d,%d noenhanced background '#ffffff'", W, H))

set datafile separator ","
set encoding utf8
set style textbox opaque noborder margins 2, 1
