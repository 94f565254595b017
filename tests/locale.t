#!/usr/bin/env bash
# The scripts that print figures print the same figures in every locale.
# Under one that writes a decimal comma (de_DE.UTF-8, built here with
# localedef), bash's printf refused "92.8" and awk printed "92,8":
# make bench printed mm's utilization cut to a whole number (92,0%) and
# part 2b's Kops/s as -, tools/seeds.sh cut every figure the same way,
# and plot.sh's heap maps were drawn from misread numbers. Each script
# now pins its numbers to C. Here each one's output under de_DE.UTF-8
# must be byte for byte its output under C, on figures that do not
# depend on timing: bench.sh part 1d, seeds.sh, and plot.sh's per-trace
# charts (compare.* and results.* hold Kops/s, different in every run).
#
# The scripts are shell and gain nothing from a sanitizer's or
# valgrind's driver, which other tests run; those runs skip.
source "$(dirname "$0")/lib.sh"

if [ "${VALGRIND:-0}" = 1 ] || nm "$BUILD/mdriver" 2>/dev/null | grep -q __asan_init; then
    echo "1..0 # SKIP shell scripts with the native driver only: the sanitizers' and valgrind's runs add nothing here"
    exit 0
fi

# The locale, built where this test can write (no root needed): the
# definitions come from Debian's locales package (.ci/run installs it).
LOCALE_DIR=$TMP_DIR/locale
# (localedef exits 1 when it only warned, so what it wrote decides.)
mkdir -p "$LOCALE_DIR"
localedef -i de_DE -f UTF-8 "$LOCALE_DIR/de_DE.UTF-8" >/dev/null 2>&1
if [ ! -f "$LOCALE_DIR/de_DE.UTF-8/LC_NUMERIC" ]; then
    echo "1..0 # SKIP cannot build the de_DE.UTF-8 locale (localedef and the locales package are needed)"
    exit 0
fi
# The settings for a run under the decimal-comma locale, and under C.
comma=(LOCPATH="$LOCALE_DIR" LC_ALL=de_DE.UTF-8)
c=(LC_ALL=C)

plan 5

# The locale must really write a decimal comma, or the comparisons below
# would pass without testing anything.
canary=$(env "${comma[@]}" bash -c 'printf "%.1f" 2,5' 2>&1)
if [ "$canary" = "2,5" ]; then pass "the de_DE.UTF-8 locale writes a decimal comma"; else
    fail "the de_DE.UTF-8 locale writes a decimal comma" "bash printf '%.1f' 2,5 printed '$canary'"
fi

# same_output DESC C_FILE COMMA_FILE: the two runs' outputs are identical.
same_output() {
    if cmp -s "$2" "$3"; then pass "$1"; else
        fail "$1" "under C and under de_DE.UTF-8 the outputs differ:" "$(diff "$2" "$3" | head -40)"
    fi
}

# bench.sh part 1d: placement's and offline's tables beside the driver's
# utilization (mm's read from the driver's CSV, which the comma cut).
bench_1d() {
    env BENCH_PARTS=1d BENCH_DIR="$TMP_DIR/bench-$1" BENCH_DRIVER="$BUILD/mdriver" BENCH_GENTRACE="$BUILD/gentrace" \
        BENCH_PLACEMENT="$BUILD/placement" BENCH_OFFLINE="$BUILD/offline" "${@:2}" \
        tools/bench.sh >"$TMP_DIR/bench-$1.out" 2>&1
}
bench_1d c "${c[@]}"
bench_1d comma "${comma[@]}"
if grep -q '^realloc\.rep .*[0-9]\.[0-9]%$' "$TMP_DIR/bench-c.out"; then
    pass "bench.sh part 1d under C: a row for realloc.rep"
else
    fail "bench.sh part 1d under C: a row for realloc.rep" "$(head -20 "$TMP_DIR/bench-c.out")"
fi
same_output "bench.sh part 1d: the same report under de_DE.UTF-8" "$TMP_DIR/bench-c.out" "$TMP_DIR/bench-comma.out"

# seeds.sh: one seed, a pair of allocators that differ (their means,
# differences and counts are printed with two decimals).
seeds() {
    env "$@" SEEDS_DRIVER="$BUILD/mdriver" SEEDS_GENTRACE="$BUILD/gentrace" SEEDS_DIR="$TMP_DIR/seeds" \
        tools/seeds.sh implicit-first explicit-addr 1 1 2>&1
}
seeds "${c[@]}" >"$TMP_DIR/seeds-c.out"
seeds "${comma[@]}" >"$TMP_DIR/seeds-comma.out"
same_output "seeds.sh: the same table under de_DE.UTF-8" "$TMP_DIR/seeds-c.out" "$TMP_DIR/seeds-comma.out"

# plot.sh: the charts drawn from untimed figures (heap size against
# payload, heap maps, request sizes), as SVG text.
plot() {
    env MDRIVER="$BUILD/mdriver" TRACES="traces/short1.rep traces/realloc.rep" ALLOCATORS=mm PLOT_ALLOCATORS=mm \
        JOBS=2 "${@:2}" tools/plot.sh "$TMP_DIR/plot-$1" >/dev/null 2>"$TMP_DIR/plot-$1.err"
}
plot c "${c[@]}"
plot comma "${comma[@]}"
differing=()
for chart in "$TMP_DIR"/plot-c/{util,heapmap,sizes}-*.svg; do
    [ -f "$chart" ] || { differing+=("none drawn under C"); break; }
    name=${chart##*/}
    cmp -s "$chart" "$TMP_DIR/plot-comma/$name" || differing+=("$name")
done
# (gnuplot warned of a misread heap map: "scan line longer than previous".)
if [ ${#differing[@]} -eq 0 ] && ! grep -q warning "$TMP_DIR/plot-comma.err"; then
    pass "plot.sh: the same per-trace charts under de_DE.UTF-8, and no warning"
else
    fail "plot.sh: the same per-trace charts under de_DE.UTF-8, and no warning" \
        "differing: ${differing[*]}" "$(grep -m5 warning "$TMP_DIR/plot-comma.err")"
fi

done_testing
