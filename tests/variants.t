#!/usr/bin/env bash
# make MM_VARIANTS: other mm.c files built into the driver beside mm, each
# with its own global names, compared in one run; and every way a list
# can be wrong refused with the variant and the reason.
source "$(dirname "$0")/lib.sh"

plan 40

# A build folder of its own, seeded with this build's objects (make
# rebuilds whatever is stale), so that mostly the variants are compiled.
vbuild="$TMP_DIR/build"
mkdir -p "$vbuild"
cp -a "$BUILD/driver" "$BUILD/alloc" "$BUILD/memlib.o" "$BUILD/mdriver.o" "$BUILD/mm.o" \
      "$BUILD/mm-source" "$BUILD/flags" "$vbuild/" 2>/dev/null
mkdir -p "$TMP_DIR/a" "$TMP_DIR/b"
cp tests/variants/globals.c "$TMP_DIR/a/mm.c"
cp tests/variants/globals.c "$TMP_DIR/b/mm.c"

# build_with LIST: make the driver with MM_VARIANTS=LIST.
build_with() {
    build_status=0
    make --no-print-directory BUILD="$vbuild" MM_VARIANTS="$1" "$vbuild/mdriver" \
        >"$TMP_DIR/make.out" 2>&1 || build_status=$?
    build_log=$(cat "$TMP_DIR/make.out")
}

# Two copies of one file whose helper and counter are global, the
# classic handout (its team record is global too), and the project's
# own mm.c under a name of its file's (mm-copy.c: mm-copy).
cp mm.c "$TMP_DIR/mm-copy.c"
build_with "one=$TMP_DIR/a/mm.c two=$TMP_DIR/b/mm.c classic=tests/classic/mm.c $TMP_DIR/mm-copy.c"
if [ "$build_status" = 0 ]; then
    pass "two copies of a file with global helpers link into one driver"
else
    fail "two copies of a file with global helpers link into one driver" \
        "$(printf '%s' "$build_log" | tail -5)"
fi
local_copies=$(nm "$vbuild/mdriver" | grep -c ' [bBdD] blocks_made$' || true)
global_copies=$(nm "$vbuild/mdriver" | grep -c ' [BD] blocks_made$' || true)
if [ "$local_copies" = 2 ] && [ "$global_copies" = 0 ]; then
    pass "each copy has a counter of its own, local to it"
else
    fail "each copy has a counter of its own, local to it" \
        "blocks_made: $local_copies in all, $global_copies global"
fi

# make bench's part 1a counts each variant's static data in its own
# object: there, with the renamed interface, and at least the counter's
# 8 bytes (more under a sanitizer, which pads globals).
one_static=$(tools/static-bytes "$vbuild/variants/one.o" 2>&1)
if nm --defined-only "$vbuild/variants/one.o" 2>/dev/null | grep -q ' T variant_one_mm_malloc$' &&
   [[ $one_static =~ ^[0-9]+$ ]] && [ "$one_static" -ge 8 ]; then
    pass "a variant's own object is kept for make bench, renamed ($one_static B of static data)"
else
    fail "a variant's own object is kept for make bench, renamed" "static-bytes: $one_static"
fi

run_binary "$vbuild/mdriver" --list
expect_text "--list names a variant by NAME=" stdout \
    "one              $TMP_DIR/a/mm.c: another mm.c (MM_VARIANTS) (no mm_checkheap)"
expect_text "--list names a variant by its file's name" stdout \
    "mm-copy          $TMP_DIR/mm-copy.c: another mm.c (MM_VARIANTS)"
expect_no_text "the project's mm.c as a variant keeps its mm_checkheap" stdout \
    "mm-copy.c: another mm.c (MM_VARIANTS) (no"
names=$(printf '%s\n' "$out" | awk '{ printf "%s ", $1 }')
case $names in
"mm one two classic mm-copy seed "*) pass "the variants come right after mm, in the order given" ;;
*) fail "the variants come right after mm, in the order given" "listed: $names" ;;
esac

# Each variant runs its own code on its own state: the project's mm.c as
# a variant places exactly as mm does, the handout as the handout's own
# driver does, and the two copies alike, trace for trace.
traces=(-f traces/short1.rep -f traces/binary.rep -f traces/realloc.rep -f traces/corner-zero.rep)
run_binary "$vbuild/mdriver" -a mm,one,two,classic,mm-copy --no-timing --once --csv - "${traces[@]}"
expect_status "mm and four variants pass every check in one run" 0
util_of() { printf '%s\n' "$out" | awk -F, -v a="\"$1\"" '$1 == a { printf "%s ", $4 }'; }
mm_util=$(util_of mm)
copy_util=$(util_of mm-copy)
if [ -n "$mm_util" ] && [ "$mm_util" = "$copy_util" ]; then
    pass "mm.c as a variant reaches mm's utilization on every trace ($mm_util)"
else
    fail "mm.c as a variant reaches mm's utilization on every trace" "mm: $mm_util" "mm-copy: $copy_util"
fi
one_util=$(util_of one)
if [ -n "$one_util" ] && [ "$one_util" = "$(util_of two)" ] && [ "$one_util" != "$mm_util" ]; then
    pass "the two copies of one file score alike, and unlike mm ($one_util)"
else
    fail "the two copies of one file score alike, and unlike mm" "one: $one_util" "two: $(util_of two)"
fi
classic_util=$(util_of classic)
run_binary "$BUILD/classic/mdriver" --no-timing --once --csv - "${traces[@]}"
handout_util=$(util_of mm)
if [ -n "$classic_util" ] && [ "$classic_util" = "$handout_util" ]; then
    pass "the handout as a variant scores as in its own driver ($classic_util)"
else
    fail "the handout as a variant scores as in its own driver" "variant: $classic_util" \
        "own driver: $handout_util"
fi

run_binary "$vbuild/mdriver" -a mm,one,mm-copy -l -f traces/short1.rep
expect_text "the comparison table has a column for each variant" stdout \
    "trace             ceiling              mm             one         mm-copy            libc"
run_binary "$vbuild/mdriver" -a all --no-timing -f traces/short1.rep
expect_text "-a all runs the variants too" stdout "classic: 1/1 traces valid"
run_binary "$vbuild/mdriver" -a mm-copy,classic -d 2 --no-timing -f traces/short1.rep
expect_status "-d 2 runs on variants" 0
expect_text "-d 2 warns of the variant without mm_checkheap" stderr "classic defines no mm_checkheap"
expect_no_text "... and of no other" stderr "mm-copy defines no mm_checkheap"

# tools/seeds.sh on a variant: mm.c against its own copy is level on
# every trace of every seed (not under valgrind: 2 seeds of the whole
# suite, twice over, would take minutes there).
if [ "${VALGRIND:-0}" = 1 ]; then
    pass "tools/seeds.sh mm mm-copy: level on every trace # SKIP two suites under valgrind take minutes"
else
    run_binary env SEEDS_DRIVER="$vbuild/mdriver" SEEDS_GENTRACE="$BUILD/gentrace" SEEDS_DIR="$TMP_DIR/seeds" \
        tools/seeds.sh mm mm-copy 1 2
    level=$(printf '%s\n' "$out" | grep -cE ' 2 +[0-9.]+% +[0-9.]+% +\+0\.00 +0\.00 +0 +0 +2$')
    if [ "$status" = 0 ] && [ "$level" = 12 ]; then
        pass "tools/seeds.sh mm mm-copy: level on every trace of seeds 1 and 2, and on the suite average"
    else
        fail "tools/seeds.sh mm mm-copy: level on every trace of seeds 1 and 2, and on the suite average" \
            "status $status, $level level rows of 12" "$out" "$err"
    fi
fi

# A variant is compiled alone against the project's headers, as the
# grader compiles a submission: a stale mm.h beside it is not used, but
# a header of its own is, and make rebuilds the variant when it changes.
mkdir -p "$TMP_DIR/own"
printf '#error "the mm.h beside the variant was used"\n' >"$TMP_DIR/own/mm.h"
printf 'enum { EXTRA_BYTES = 0 };\n' >"$TMP_DIR/own/pad.h"
sed 's/^#include "config.h"$/#include "config.h"\n#include "pad.h"/; s/make_block(size)/make_block(size + EXTRA_BYTES)/' \
    tests/variants/globals.c >"$TMP_DIR/own/padded.c"
build_with "$TMP_DIR/own/padded.c"
if [ "$build_status" = 0 ]; then
    pass "a variant gets the project's mm.h, not the one beside it, and its own headers"
else
    fail "a variant gets the project's mm.h, not the one beside it, and its own headers" \
        "$(printf '%s' "$build_log" | grep -m3 -E 'error|variant')"
fi
run_binary "$vbuild/mdriver" -a padded --no-timing --once --csv - -f traces/short1.rep
before=$(util_of padded)
sleep 1 # a newer time stamp than the object's, on any file system
printf 'enum { EXTRA_BYTES = 4096 };\n' >"$TMP_DIR/own/pad.h"
build_with "$TMP_DIR/own/padded.c"
run_binary "$vbuild/mdriver" -a padded --no-timing --once --csv - -f traces/short1.rep
after=$(util_of padded)
if [ -n "$before" ] && [ -n "$after" ] && [ "$before" != "$after" ]; then
    pass "a change to a variant's own header rebuilds it (util $before to $after)"
else
    fail "a change to a variant's own header rebuilds it" "util before: $before, after: $after"
fi

# Without MM_VARIANTS the same folder's driver has none again.
build_with ""
run_binary "$vbuild/mdriver" --list
expect_no_text "a build without MM_VARIANTS drops the variants" stdout "MM_VARIANTS"
expect_text "... and keeps the others" stdout "segregated       segregated free lists by size class"

# Every wrong list is refused, naming the variant and what is wrong.
refused() {
    local desc=$1 list=$2 text=$3
    build_with "$list"
    if [ "$build_status" != 0 ] && printf '%s' "$build_log" | grep -qF -- "$text"; then
        pass "$desc"
    else
        fail "$desc" "make exited $build_status; expected: $text" \
            "$(printf '%s' "$build_log" | tail -3)"
    fi
}
refused "a name the driver has already is refused" "seed=$TMP_DIR/a/mm.c" \
    "'seed=$TMP_DIR/a/mm.c': 'seed' is already an allocator's name"
refused "a file called mm.c needs a name" "$TMP_DIR/a/mm.c" \
    "'$TMP_DIR/a/mm.c': 'mm' is already an allocator's name (give another as NAME=PATH)"
refused "two variants of one name are refused" "x=$TMP_DIR/a/mm.c x=$TMP_DIR/b/mm.c" \
    "'x=$TMP_DIR/b/mm.c': 'x' is given twice (each variant needs a name of its own: NAME=PATH)"
refused "'all' is no variant's name" "all=$TMP_DIR/a/mm.c" "'all' means every allocator to -a"
refused "NAME= with no file is refused" "x=" "'x=': no file after '='"
refused "a path with '=' in it is refused" "x=$TMP_DIR/a=b.c" "the path may not hold '='"
refused "names that differ only in '-' and '_' are refused" "a-b=$TMP_DIR/a/mm.c a_b=$TMP_DIR/b/mm.c" \
    "'a_b=$TMP_DIR/b/mm.c': 'a_b' is taken by another variant ('-' and '_' count as one)"
refused "a name with other characters is refused" "a.b=$TMP_DIR/a/mm.c" \
    "the name 'a.b' must start with a letter and hold only letters, digits, '-' and '_'"
refused "a name too long for the table is refused" "abcdefghijklmnop=$TMP_DIR/a/mm.c" \
    "the name 'abcdefghijklmnop' is longer than 15 characters"
refused "a missing file is refused" "gone=$TMP_DIR/nothing.c" "'gone=$TMP_DIR/nothing.c': no readable file $TMP_DIR/nothing.c"
sed '/^void mm_free/,/^}/d' tests/variants/globals.c >"$TMP_DIR/nofree.c"
refused "a file without mm_free is refused" "nofree=$TMP_DIR/nofree.c" \
    "variant nofree: $TMP_DIR/nofree.c defines no mm_free"
printf 'int mm_init(void) { return }\n' >"$TMP_DIR/broken.c"
refused "a file that does not compile is refused" "broken=$TMP_DIR/broken.c" \
    "variant broken: $TMP_DIR/broken.c does not compile"
# Code that would run in the driver's own process, outside every trace
# (slows_libc.c's constructor turns glibc's mmap threshold to 0, which
# skewed every allocator's ratio to libc), and a common symbol, which
# cannot be made local.
refused "a file with a constructor is refused" "slows=tests/submissions/slows_libc.c" \
    "variant slows: tests/submissions/slows_libc.c has code that runs by itself at start-up or exit"
{ cat tests/variants/globals.c; printf 'static volatile int goodbyes;\n__attribute__((destructor)) static void bye(void) { goodbyes++; }\n'; } \
    >"$TMP_DIR/dtor.c"
refused "a file with a destructor is refused" "dtor=$TMP_DIR/dtor.c" \
    "variant dtor: $TMP_DIR/dtor.c has code that runs by itself at start-up or exit"
sed 's/^size_t blocks_made;/__attribute__((common)) size_t blocks_made;/' tests/variants/globals.c \
    >"$TMP_DIR/common.c"
refused "a common symbol is refused" "common=$TMP_DIR/common.c" \
    "variant common: $TMP_DIR/common.c has common symbols ( blocks_made ), which stay shared"
many=""
for i in $(seq 1 17); do many+="v$i=$TMP_DIR/a/mm.c "; done
refused "more than 16 variants are refused" "$many" "17 variants given; at most 16"

# A file whose name starts with '-' is a file, not an option: cat took
# -w.c for its flags ("cat: invalid option -- 'w'"). Run where such a
# name can be given, a folder with the project's headers.
dash=$TMP_DIR/dash
mkdir -p "$dash"
for header in mm.h memlib.h config.h; do ln -s "$PWD/$header" "$dash/$header"; done
cp tests/variants/globals.c "$dash/-w.c"
status=0
project=$PWD
(cd "$dash" && CC="${CC:-cc}" "$project/tools/build-variants" out w=-w.c) >"$TMP_DIR/dash.out" 2>&1 || status=$?
if [ "$status" = 0 ] && nm --defined-only "$dash/out/w.o" 2>/dev/null | grep -q ' T variant_w_mm_malloc$'; then
    pass "a variant file named -w.c is built as a file (w=-w.c)"
else
    fail "a variant file named -w.c is built as a file (w=-w.c)" "status $status" "$(cat "$TMP_DIR/dash.out")"
fi

# A variant written for a handout whose mm_checkheap is void (the CS:APP
# book's) failed with "conflicting types": it builds, with a note, and
# runs with no mm_checkheap, as the Makefile's MM does (tools/compile-mm).
{ cat tests/variants/globals.c; printf '\nvoid mm_checkheap(int verbose)\n{\n    (void)verbose;\n}\n'; } \
    >"$TMP_DIR/book.c"
build_with "book=$TMP_DIR/book.c"
if [ "$build_status" = 0 ] &&
    [[ $build_log == *"$TMP_DIR/book.c: note: its mm_checkheap has another type than mm.h's"* ]]; then
    pass "a variant with void mm_checkheap(int) builds, with a note naming it"
else
    fail "a variant with void mm_checkheap(int) builds, with a note naming it" "status $build_status" "$build_log"
fi
run_binary "$vbuild/mdriver" --list
expect_text "... and is listed with no mm_checkheap" stdout \
    "book             $TMP_DIR/book.c: another mm.c (MM_VARIANTS) (no mm_checkheap)"

done_testing
