# tools/plot/sizes.awk - request sizes of a .rep trace in power-of-two
# buckets, for sizes.gp.
#
#   awk -f sizes.awk TRACE.rep
#
# A .rep trace has 4 header lines, then one op a line: "a ID SIZE"
# (malloc), "r ID SIZE" (realloc), "f ID" (free). Bucket k holds the sizes
# in (2^(k-1), 2^k]: bucket 0 is size 0 and 1, bucket 6 is 33..64. Prints
# one CSV line per bucket from the smallest to the largest seen, empty
# buckets included:
#   bucket,label,malloc_count,realloc_count,percent_of_requested_bytes
# where label is the bucket's upper bound (64, 4K, 1M) and the last column
# is the share of all bytes requested (malloc plus realloc) that the
# bucket's requests ask for.

function bucket_of(size,    k, bound) {
    k = 0
    bound = 1
    while (bound < size) {
        bound *= 2
        k++
    }
    return k
}

function label_of(k) {
    if (k == 0) return "0-1"
    if (k >= 30) return sprintf("%dG", 2 ^ (k - 30))
    if (k >= 20) return sprintf("%dM", 2 ^ (k - 20))
    if (k >= 10) return sprintf("%dK", 2 ^ (k - 10))
    return sprintf("%d", 2 ^ k)
}

BEGIN { low = -1; high = -1; total_bytes = 0 }

FNR > 4 && ($1 == "a" || $1 == "r") && NF >= 3 {
    k = bucket_of($3 + 0)
    if ($1 == "a") mallocs[k]++
    else reallocs[k]++
    bytes[k] += $3
    total_bytes += $3
    if (low < 0 || k < low) low = k
    if (k > high) high = k
}

END {
    if (low < 0) exit 1
    for (k = low; k <= high; k++)
        printf "%d,%s,%d,%d,%.4f\n", k, label_of(k), mallocs[k] + 0, reallocs[k] + 0,
               (total_bytes > 0 ? 100.0 * bytes[k] / total_bytes : 0)
}
