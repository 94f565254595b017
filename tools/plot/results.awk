# tools/plot/results.awk - the driver's --csv results, made plain for gnuplot.
#
#   awk -f csv.awk -f results.awk < results.csv               the rows
#   awk -v part=names -f csv.awk -f results.awk < results.csv  the names
#
# gnuplot misreads empty CSV fields (a figure the driver could not measure
# is an empty field, never zero): past a run of them it may return a value
# from the line before. Nor does it honour CSV's quotes, so a trace named
# "a,b.rep" would be two fields. The rows are printed without the header,
# every row padded to 15 fields, an empty figure as -1 (every real figure
# is >= 0), the error message dropped (it may hold commas), and the
# allocator and trace as numbers: allocator 1, 2, ... in the order they
# first appear, 0 for libc; trace 1, 2, ... likewise, 0 for "(total)".
# Columns as in the driver's header:
#   allocator,trace,valid,util_percent,ops,secs,kops_per_sec,timing_runs,
#   peak_live_bytes,heap_bytes,pages_mapped,pages_touched,error,perf_index,
#   util_ceiling_percent
#
# With part=names it prints instead a gnuplot script that sets n_allocs,
# n_traces and the arrays alloc_name[] and trace_name[] those numbers
# index: each name a '...' string, in which gnuplot reads nothing but ''
# (a '), so any name is read back as it is, but for control bytes (a
# line break would end the string), shown as '?' as the driver's table
# shows them.

function gnuplot_string(s) {
    gsub(/[\001-\037\177]/, "?", s)
    gsub(/'/, "''", s)
    return "'" s "'"
}

function allocator_number(name) {
    if (!(name in allocator_numbers)) {
        allocator_numbers[name] = ++allocator_count
        allocator_names[allocator_count] = name
    }
    return allocator_numbers[name]
}

function trace_number(name) {
    if (!(name in trace_numbers)) {
        trace_numbers[name] = ++trace_count
        trace_names[trace_count] = name
    }
    return trace_numbers[name]
}

function print_array(array_name, names, count,    i) {
    # gnuplot has no empty array: one of size 1 stands in, unused
    printf "array %s[%d]\n", array_name, (count > 0 ? count : 1)
    for (i = 1; i <= count; i++)
        printf "%s[%d] = %s\n", array_name, i, gnuplot_string(names[i])
}

NR == 1 { next }

{
    split_csv($0, fields)
    allocator = fields[1] == "libc" ? 0 : allocator_number(fields[1])
    trace = fields[2] == "(total)" ? 0 : trace_number(fields[2])
    line = allocator "," trace
    for (column = 3; column <= 15; column++) {
        value = column == 13 ? "-" : fields[column]
        if (value == "") value = -1
        line = line "," value
    }
    if (part != "names")
        print line
    split("", fields)
}

END {
    if (part != "names")
        exit
    printf "n_allocs = %d\nn_traces = %d\n", allocator_count, trace_count
    print_array("alloc_name", allocator_names, allocator_count)
    print_array("trace_name", trace_names, trace_count)
}
