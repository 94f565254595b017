# tools/plot/results.awk - the driver's --csv results, made plain for gnuplot.
#
#   awk -f results.awk results.csv
#
# gnuplot misreads empty CSV fields (a figure the driver could not measure
# is an empty field, never zero): past a run of them it may return a value
# from the line before. This prints the same rows without the header, with
# quotes removed, every row padded to 15 fields, an empty figure as -1
# (every real figure is >= 0), and the error message dropped (it may hold
# commas). Columns as in the driver's header:
#   allocator,trace,valid,util_percent,ops,secs,kops_per_sec,timing_runs,
#   peak_live_bytes,heap_bytes,pages_mapped,pages_touched,error,perf_index,
#   util_ceiling_percent

# Split one CSV line into fields[1..n], honouring "quoted, fields" and "".
function split_csv(line, fields,    n, i, c, quoted, field) {
    n = 0
    field = ""
    quoted = 0
    for (i = 1; i <= length(line); i++) {
        c = substr(line, i, 1)
        if (quoted) {
            if (c == "\"" && substr(line, i + 1, 1) == "\"") {
                field = field c
                i++
            } else if (c == "\"") {
                quoted = 0
            } else {
                field = field c
            }
        } else if (c == "\"") {
            quoted = 1
        } else if (c == ",") {
            fields[++n] = field
            field = ""
        } else {
            field = field c
        }
    }
    fields[++n] = field
    return n
}

NR == 1 { next }

{
    split_csv($0, fields)
    line = fields[1] "," fields[2]
    for (column = 3; column <= 15; column++) {
        value = column == 13 ? "-" : fields[column]
        if (value == "") value = -1
        line = line "," value
    }
    print line
    split("", fields)
}
