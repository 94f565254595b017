# tools/median.awk - an awk function for the benchmarks that repeat a
# measurement (tools/bench.sh prepends it to its programs, tools/grade to
# its median of libc samples; tests/bench.t checks it on lists whose
# median it knows).
#
# median(values, count): the median of values[1..count], which it sorts
# in place (insertion sort: count is a handful of runs), so that
# values[1] and values[count] are then the lowest and the highest. An
# even count gives the mean of the middle two.
function median(values, count,    i, j, t) {
    for (i = 2; i <= count; i++)
        for (j = i; j > 1 && values[j - 1] > values[j]; j--) {
            t = values[j]; values[j] = values[j - 1]; values[j - 1] = t
        }
    return count % 2 ? values[(count + 1) / 2] : (values[count / 2] + values[count / 2 + 1]) / 2
}
