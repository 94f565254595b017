#!/usr/bin/env bash
# libc's utilization (driver/libc_space.c): glibc's footprint measured
# from the blocks it returns, in a fresh process. Exact where glibc's
# layout makes it exact, bounded by the trace's ceiling everywhere, and
# refused where malloc may not be glibc's.
source "$(dirname "$0")/lib.sh"

# csv_field ALLOCATOR TRACE COLUMN: one cell of the last run's CSV.
csv_field() {
    awk -F, -v a="\"$1\"" -v t="\"$2\"" -v column="$3" '
        NR == 1 { for (i = 1; i <= NF; i++) index_of[$i] = i; next }
        $1 == a && $2 == t { print $index_of[column] }' "$TMP_DIR/run.csv"
}

measurable=yes
if [ -n "${LD_PRELOAD:-}" ] || [ "${VALGRIND:-0}" = 1 ] || [[ $BUILD == *asan* ]]; then
    measurable=no # malloc is not glibc's: the driver must say so (below)
fi

write_trace() { # FILE OPS...: a trace of one id
    local file=$1
    shift
    { printf '0\n1\n%d\n1\n' $#; printf '%s\n' "$@"; } >"$file"
}

if [ "$measurable" = yes ]; then
    # One 1 MiB block: glibc maps it on its own, header and page rounding
    # included (a 16-byte header, 4 KiB pages: 1052672 bytes).
    write_trace "$TMP_DIR/one-mib.rep" "a 0 1048576" "f 0"
    run_driver -a mm -l --no-timing -f "$TMP_DIR/one-mib.rep" --csv "$TMP_DIR/run.csv"
    heap=$(csv_field libc one-mib.rep heap_bytes)
    if [ -n "$heap" ] && [ "$heap" -ge $((1048576 + 16)) ] && [ "$heap" -le $((1048576 + 65536 + 16)) ]; then
        pass "a 1 MiB block counts its own mapping: $heap bytes"
    else
        fail "a 1 MiB block counts its own mapping" "heap_bytes '$heap'" "$err"
    fi

    # One 16-byte block: a chunk of 32 bytes, from its header to the end
    # of its usable bytes (which run into the next chunk's first word).
    write_trace "$TMP_DIR/small.rep" "a 0 16" "f 0"
    run_driver -a mm -l --no-timing -f "$TMP_DIR/small.rep" --csv "$TMP_DIR/run.csv"
    heap=$(csv_field libc small.rep heap_bytes)
    if [ -n "$heap" ] && [ "$heap" -ge 32 ] && [ "$heap" -le 64 ]; then
        pass "a 16-byte block counts its chunk: $heap bytes"
    else
        fail "a 16-byte block counts its chunk" "heap_bytes '$heap'" "$err"
    fi

    # The default suite: every libc row has a figure, and none is above
    # the trace's ceiling, which no allocator can pass (a block missed by
    # the footprint would show as util above it).
    run_driver -a mm -l --no-timing --csv "$TMP_DIR/run.csv"
    bad=$(awk -F, 'NR > 1 { gsub(/"/, "") } NR > 1 && $1 == "libc" && $2 != "(total)" {
                       n++; if ($4 == "" || $4 <= 0 || $4 > $15 + 1e-9) print $2 " util " $4 " ceiling " $15 }
                   END { if (n != 11) print "libc rows: " n }' "$TMP_DIR/run.csv")
    if [ -z "$bad" ]; then pass "libc's util is measured on every default trace and within its ceiling"; else
        fail "libc's util is measured on every default trace and within its ceiling" "$bad"
    fi
    # The same trace measures the same in every run (a fresh process each).
    first=$(csv_field libc bigsmall.rep heap_bytes)
    run_driver -a mm -l --no-timing -f traces/bigsmall.rep --csv "$TMP_DIR/run.csv"
    again=$(csv_field libc bigsmall.rep heap_bytes)
    if [ -n "$first" ] && [ "$first" = "$again" ]; then pass "bigsmall.rep: the same footprint alone as in the suite ($first)"; else
        fail "bigsmall.rep: the same footprint alone as in the suite" "$first, then $again"
    fi
    if printf '%s\n' "$err" | grep -q "not measured"; then
        fail "no note that it was not measured" "$err"
    else
        pass "no note that it was not measured"
    fi
else
    pass "# SKIP malloc is not glibc's here (valgrind, sanitizer or LD_PRELOAD)"
    pass "# SKIP"
    pass "# SKIP"
    pass "# SKIP"
    pass "# SKIP"
fi

# Where malloc may be another one, there is no figure, and the driver
# says why, once. (A sanitizer's runtime must come first: no LD_PRELOAD
# there, but malloc is the sanitizer's anyway.)
if [[ $BUILD == *asan* ]]; then
    why="malloc is the sanitizer's"
    run_driver -a mm -l --no-timing -f traces/short1.rep -f traces/short2.rep --csv "$TMP_DIR/run.csv"
else
    why="LD_PRELOAD is set"
    export LD_PRELOAD=libm.so.6
    run_driver -a mm -l --no-timing -f traces/short1.rep -f traces/short2.rep --csv "$TMP_DIR/run.csv"
    unset LD_PRELOAD
fi
util=$(csv_field libc short1.rep util_percent)
if [ -z "$util" ]; then pass "where malloc may not be glibc's, libc's util is left empty"; else
    fail "where malloc may not be glibc's, libc's util is left empty" "got '$util'"
fi
said=$(printf '%s\n' "$err" | grep -c "libc's utilization is not measured: $why")
if [ "$said" = 1 ]; then pass "... and the driver says why ($why), once"; else
    fail "... and the driver says why ($why), once" "said $said times" "$err"
fi

plan "$TEST_NUMBER"
