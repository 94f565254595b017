#!/usr/bin/env bash
# Classic compatibility, both ways: a handout mm.c builds and runs here
# unchanged, and the project's mm.c needs nothing a handout lacks.
source "$(dirname "$0")/lib.sh"

run_binary "$BUILD/classic/mdriver" -v -f traces/short1.rep -f traces/short2.rep --no-timing
expect_status "a classic handout mm.c passes the short traces" 0
expect_text "its table shows both traces valid" stdout "short2.rep               yes"

run_binary "$BUILD/classic/mdriver" -d 2 -f traces/short1.rep --no-timing
expect_status "-d 2 works without mm_checkheap" 0
expect_text "-d 2 says that a file without mm_checkheap has no heap checks" stderr \
    "mm defines no mm_checkheap: -d 2 verifies every live payload after every op, but checks none"

run_binary "$BUILD/classic/mdriver" -g -f traces/short1.rep -f traces/short2.rep
expect_text "-g prints the classic autograder lines" stdout "correct:2"
expect_text "-g prints a perf index line" stdout "perfidx:"

# README: "make MM=path/to/mm.c BUILD=build/other build/other/mdriver"
# drives another file; a handout's warnings must not stop that build.
mm_compile=$(make -n --no-print-directory MM=tests/classic/mm.c BUILD="$TMP_DIR/other" \
             "$TMP_DIR/other/mm.o" 2>&1 | grep -F -- "-o $TMP_DIR/other/mm.o" || true)
if [ -n "$mm_compile" ] && ! printf '%s' "$mm_compile" | grep -q -- '-Werror'; then
    pass "make MM=another/mm.c compiles it without -Werror"
else
    fail "make MM=another/mm.c compiles it without -Werror" "compile line: $mm_compile"
fi
# The build says each step in one line, not its command: a student's
# make MM=... printed half a screen of flags per object, among which the
# compiler's warnings about their file were easy to miss. The warnings
# still show; V=1 prints the commands, make -s no steps. (This run's own
# -s, if make test was given it, is taken out of MAKEFLAGS.)
quiet_dir="$TMP_DIR/quiet"
mkdir -p "$quiet_dir"
cp tests/classic/mm.c "$quiet_dir/mm.c"
quiet_flags=${MAKEFLAGS-}
quiet_first=${quiet_flags%% *}
case $quiet_first in '' | -*) ;; *) quiet_flags="${quiet_first//s/}${quiet_flags#"$quiet_first"}" ;; esac
quiet_make() {
    touch "$quiet_dir/mm.c"
    MAKEFLAGS=$quiet_flags make --no-print-directory MM="$quiet_dir/mm.c" BUILD="$quiet_dir/build" \
        "$@" "$quiet_dir/build/mm.o" 2>&1
}
quiet_out=$(quiet_make)
if printf '%s\n' "$quiet_out" | grep -qxF "  CC      $quiet_dir/build/mm.o (from $quiet_dir/mm.c)" &&
   ! printf '%s\n' "$quiet_out" | grep -q -- '-Wextra'; then
    pass "make MM=another/mm.c says each step in one line, not its command"
else
    fail "make MM=another/mm.c says each step in one line, not its command" "$quiet_out"
fi
expect_in_output() {
    if printf '%s\n' "$2" | grep -qF -- "$3"; then pass "$1"; else fail "$1" "$2"; fi
}
expect_in_output "... and shows the compiler's warnings about the file" "$quiet_out" \
    "mm.c:68:20: warning: unused parameter"
quiet_out=$(quiet_make V=1)
expect_in_output "make V=1 MM=another/mm.c prints the compile command" "$quiet_out" \
    "-I. -I'$quiet_dir/' -MMD -MP -MF $quiet_dir/build/mm.d"
quiet_out=$(quiet_make -s)
if printf '%s\n' "$quiet_out" | grep -q 'warning: unused parameter' &&
   ! printf '%s\n' "$quiet_out" | grep -q '^  CC '; then
    pass "make -s MM=another/mm.c prints the warnings and no steps"
else
    fail "make -s MM=another/mm.c prints the warnings and no steps" "$quiet_out"
fi

# Switching MM in one build folder rebuilds mm.o even when the new file
# is older than the object, and the tables name the file built in.
switch_dir="$TMP_DIR/switch"
mkdir -p "$switch_dir"
cp tests/classic/mm.c "$switch_dir/old.c"
touch -d '2001-01-01' "$switch_dir/old.c"
make -s --no-print-directory BUILD="$switch_dir/build" "$switch_dir/build/mdriver" >/dev/null 2>&1
make -s --no-print-directory MM="$switch_dir/old.c" BUILD="$switch_dir/build" \
    "$switch_dir/build/mdriver" >/dev/null 2>&1
run_binary "$switch_dir/build/mdriver" -v --no-timing -f traces/short1.rep
expect_text "after switching MM to an older file, the driver runs that file" stdout \
    "Results for mm ($switch_dir/old.c: the allocator under test)"
if nm --defined-only "$switch_dir/build/mdriver" | grep -q ' [TtW] mm_heap_walk$'; then
    fail "after switching MM, mm.o is the new file's (the handout has no mm_heap_walk)"
else
    pass "after switching MM, mm.o is the new file's (the handout has no mm_heap_walk)"
fi
# An MM that names no file stops make before it compiles anything.
missing_out=$(make --no-print-directory MM="$TMP_DIR/nosuch/mm.c" BUILD="$TMP_DIR/missing" \
    "$TMP_DIR/missing/mdriver" 2>&1)
if printf '%s\n' "$missing_out" | grep -qF "MM=$TMP_DIR/nosuch/mm.c: no such file" &&
   [ ! -e "$TMP_DIR/missing" ]; then
    pass "make MM=missing.c says so before compiling anything"
else
    fail "make MM=missing.c says so before compiling anything" "$missing_out"
fi
# An MM whose path has a blank (a course folder "CS 213/") exists, but
# make splits it into words: it was refused as "no such file". It is
# refused for what it is, before anything is compiled.
mkdir -p "$TMP_DIR/my course"
cp tests/classic/mm.c "$TMP_DIR/my course/mm.c"
blank_out=$(make --no-print-directory MM="$TMP_DIR/my course/mm.c" BUILD="$TMP_DIR/blank" \
    "$TMP_DIR/blank/mdriver" 2>&1)
if printf '%s\n' "$blank_out" | grep -qF "MM=$TMP_DIR/my course/mm.c: the path has a blank" &&
   ! printf '%s\n' "$blank_out" | grep -qF "no such file" && [ ! -e "$TMP_DIR/blank" ]; then
    pass "make MM='a path/with a blank.c' says the blank is the trouble, not that the file is missing"
else
    fail "make MM='a path/with a blank.c' says the blank is the trouble, not that the file is missing" "$blank_out"
fi
# An object deleted by hand is made again, though the driver is newer
# than every source (a bare .SECONDARY once made every object an
# intermediate file, which make does not remake while its target is up
# to date).
rm -f "$switch_dir/build/mm.o" "$switch_dir/build/driver/trace.o"
make -s --no-print-directory MM="$switch_dir/old.c" BUILD="$switch_dir/build" \
    "$switch_dir/build/mdriver" >/dev/null 2>&1
if [ -f "$switch_dir/build/mm.o" ] && [ -f "$switch_dir/build/driver/trace.o" ]; then
    pass "an object deleted by hand (mm.o, driver/trace.o) is built again"
else
    fail "an object deleted by hand (mm.o, driver/trace.o) is built again" "$(ls "$switch_dir/build" 2>&1)"
fi
# A build folder remembers its flags: make ALIGNMENT=16 in a folder built
# at 8 compiles every object again (it used to do nothing, and a
# changed CC or SANITIZE linked old objects with new), the driver then
# works at 16, and a plain make goes back to 8 the same way; a make with
# nothing changed compiles nothing.
# switch_make ARGS...: make in switch_dir's folder, MM=old.c; its output.
switch_make() {
    make --no-print-directory MM="$switch_dir/old.c" BUILD="$switch_dir/build" "$@" \
        "$switch_dir/build/mdriver" 2>&1
}
# alignment_of: the ALIGNMENT the folder's driver says it was built for.
alignment_of() {
    "$switch_dir/build/mdriver" -a mm,seed --no-timing -f traces/short1.rep 2>&1 |
        sed -n 's/.*reach at ALIGNMENT \([0-9]*\).*/\1/p' | head -1
}
stale_objects() { find "$switch_dir/build" -name '*.o' ! -newer "$switch_dir/build/flags" | wc -l; }
switch_make ALIGNMENT=16 >/dev/null
sixteen=$(alignment_of) stale_sixteen=$(stale_objects)
switch_make >/dev/null
eight=$(alignment_of) stale_eight=$(stale_objects)
touch "$TMP_DIR/before-again"
switch_make >/dev/null
again=$(find "$switch_dir/build" -name '*.o' -newer "$TMP_DIR/before-again" | wc -l)
if [ "$sixteen" = 16 ] && [ "$eight" = 8 ] && [ "$stale_sixteen" = 0 ] && [ "$stale_eight" = 0 ] &&
    [ "$again" = 0 ]; then
    pass "make ALIGNMENT=16 in a folder built at 8 compiles every object again, and a plain make goes back"
else
    fail "make ALIGNMENT=16 in a folder built at 8 compiles every object again, and a plain make goes back" \
        "driver's ALIGNMENT: '$sixteen' then '$eight'; objects older than the flags: $stale_sixteen, $stale_eight" \
        "objects compiled by a make with nothing changed: $again"
fi
# The programs compiled in their link rule (placement, libc-replay)
# depend on the flags themselves, as every compile does: with every
# object taken as up to date (-o), new flags (-W) still compile them
# again (they were remade only because some object they link was), and
# a make with nothing changed leaves them be.
programs=("$switch_dir/build/placement" "$switch_dir/build/libc-replay")
program_make() {
    make --no-print-directory MM="$switch_dir/old.c" BUILD="$switch_dir/build" "$@" "${programs[@]}" 2>&1
}
program_make >/dev/null
objects_as_built=()
for object in "$switch_dir"/build/driver/*.o; do objects_as_built+=(-o "$object"); done
would_do=$(program_make -n -W "$switch_dir/build/flags" "${objects_as_built[@]}")
touch "$TMP_DIR/before-programs"
program_make >/dev/null
programs_again=$(find "${programs[@]}" -newer "$TMP_DIR/before-programs" | wc -l)
if [[ $would_do == *"-o $switch_dir/build/placement tools/placement.c "* ]] &&
    [[ $would_do == *"-o $switch_dir/build/libc-replay tools/libc-replay.c "* ]] && [ "$programs_again" = 0 ]; then
    pass "new flags compile placement and libc-replay again, their objects unchanged; nothing changed, nothing done"
else
    fail "new flags compile placement and libc-replay again, their objects unchanged; nothing changed, nothing done" \
        "make -n -W flags: $would_do" "programs remade by a make with nothing changed: $programs_again"
fi
# A file that lacks a function the driver calls is said to, by name,
# before the link: the linker's "undefined reference to `mm_realloc'"
# came from driver/registry.c, which told a student nothing about their
# own file. No mm.o is left, so the next make says it again.
sed -e '/^void \*mm_realloc/,/^}/d' -e '/^void mm_free/,/^}/d' tests/classic/mm.c >"$switch_dir/lacks.c"
lacks_make() {
    make --no-print-directory MM="$switch_dir/lacks.c" BUILD="$switch_dir/build" \
        "$switch_dir/build/mdriver" 2>&1
}
lacks_out=$(lacks_make)
lacks_status=$?
if [ "$lacks_status" != 0 ] &&
       printf '%s\n' "$lacks_out" | grep -qF "$switch_dir/lacks.c defines no mm_free or mm_realloc: the driver calls mm_init, mm_malloc, mm_free and mm_realloc" &&
       ! printf '%s\n' "$lacks_out" | grep -q 'undefined reference' && [ ! -e "$switch_dir/build/mm.o" ]; then
    pass "make MM=file.c without mm_free and mm_realloc names the file and both, and links nothing"
else
    fail "make MM=file.c without mm_free and mm_realloc names the file and both, and links nothing" \
        "status $lacks_status" "$lacks_out"
fi
lacks_out=$(lacks_make)
expect_in_output "... and says so again on the next make" "$lacks_out" "$switch_dir/lacks.c defines no mm_free or mm_realloc"
# The CS:APP book's mm.c, and handouts after it, define void
# mm_checkheap(int verbose): against mm.h's bool mm_checkheap(int) the
# file failed with "conflicting types". It builds as written, with a
# note naming the file, and the driver calls none (tools/compile-mm).
book_dir="$TMP_DIR/book"
mkdir -p "$book_dir"
{ cat tests/classic/mm.c
  printf '%s\n' '' 'void mm_checkheap(int verbose)' '{' \
      '    if (verbose)' '        printf("heap at %p\n", mem_heap_lo());' '}'
} >"$book_dir/mm.c"
book_make() {
    make --no-print-directory MM="$book_dir/mm.c" BUILD="$book_dir/build" "$book_dir/build/mdriver" 2>&1
}
book_out=$(book_make)
book_status=$?
if [ "$book_status" = 0 ] &&
    printf '%s\n' "$book_out" | grep -qF "$book_dir/mm.c: note: its mm_checkheap has another type than mm.h's bool mm_checkheap(int lineno)" &&
    ! printf '%s\n' "$book_out" | grep -q 'conflicting types'; then
    pass "make MM=book.c, with void mm_checkheap(int verbose), builds it with a note naming the file"
else
    fail "make MM=book.c, with void mm_checkheap(int verbose), builds it with a note naming the file" \
        "status $book_status" "$book_out"
fi
run_binary "$book_dir/build/mdriver" -d 2 --no-timing -f traces/short1.rep
expect_status "... its driver passes short1.rep at -d 2" 0
expect_text "... and calls no mm_checkheap of it" stderr "mm defines no mm_checkheap"
# With another error as well, the build fails and shows the file's errors
# as the first compile printed them, the conflict among them.
printf '%s\n' 'int broken_line = ;' >>"$book_dir/mm.c"
book_out=$(book_make)
book_status=$?
if [ "$book_status" != 0 ] && printf '%s\n' "$book_out" | grep -q "conflicting types for .mm_checkheap" &&
    printf '%s\n' "$book_out" | grep -q "mm.c:[0-9]*:[0-9]*: error: expected expression" &&
    ! printf '%s\n' "$book_out" | grep -q 'mm_checkheap_other_type\|note: its mm_checkheap'; then
    pass "... with another error too, the build fails on the file's own errors, as compiled"
else
    fail "... with another error too, the build fails on the file's own errors, as compiled" \
        "status $book_status" "$book_out"
fi
# MM= compiles the file alone, as the grader does: the project's mm.h,
# memlib.h and config.h, even when the file's folder holds older ones.
stale_dir="$TMP_DIR/stale"
mkdir -p "$stale_dir"
cp tests/classic/mm.c "$stale_dir/mm.c"
for header in mm.h memlib.h config.h; do
    printf '#error "%s: the folder'"'"'s own %s, not the project'"'"'s"\n' "$header" "$header" \
        >"$stale_dir/$header"
done
if make -s --no-print-directory MM="$stale_dir/mm.c" BUILD="$stale_dir/build" \
        "$stale_dir/build/mm.o" >"$TMP_DIR/stale.out" 2>&1; then
    pass "make MM=dir/mm.c uses the project's headers, not those in dir"
else
    fail "make MM=dir/mm.c uses the project's headers, not those in dir" \
        "$(grep -m3 error "$TMP_DIR/stale.out")"
fi
# Its own headers come from its folder and are tracked: editing one
# rebuilds mm.o, and diagnostics name the file, not the build's copy.
own_dir="$TMP_DIR/own-header"
mkdir -p "$own_dir"
{ echo '#include "tuning.h"'; cat tests/classic/mm.c; } >"$own_dir/mm.c"
echo '#define TUNING 1' >"$own_dir/tuning.h"
make -s --no-print-directory MM="$own_dir/mm.c" BUILD="$own_dir/build" \
    "$own_dir/build/mm.o" >"$TMP_DIR/own1.out" 2>&1
own_first=$?
touch -d '2001-01-01' "$own_dir/mm.c"
echo '#error tuning.h was edited' >"$own_dir/tuning.h"
own_second=0
make -s --no-print-directory MM="$own_dir/mm.c" BUILD="$own_dir/build" \
    "$own_dir/build/mm.o" >"$TMP_DIR/own2.out" 2>&1 || own_second=$?
if [ "$own_first" = 0 ] && [ "$own_second" != 0 ] &&
       grep -q "tuning.h was edited" "$TMP_DIR/own2.out"; then
    pass "a header of the file's own, beside it, is used and editing it rebuilds mm.o"
else
    fail "a header of the file's own, beside it, is used and editing it rebuilds mm.o" \
        "first build: $own_first, after the edit: $own_second" "$(head -3 "$TMP_DIR/own2.out")"
fi
if grep -qF "included from $own_dir/mm.c:1" "$TMP_DIR/own2.out"; then
    pass "the compiler's messages name the file MM names, not the build folder's copy"
else
    fail "the compiler's messages name the file MM names, not the build folder's copy" \
        "$(head -3 "$TMP_DIR/own2.out")"
fi
own_compile=$(make -n --no-print-directory BUILD="$TMP_DIR/own" "$TMP_DIR/own/mm.o" 2>&1 |
              grep -F -- "-o $TMP_DIR/own/mm.o" || true)
if printf '%s' "$own_compile" | grep -q -- '-Werror'; then
    pass "the project's own mm.c is still compiled with -Werror"
else
    fail "the project's own mm.c is still compiled with -Werror" "compile line: $own_compile"
fi

# A build in another folder leaves ./mdriver alone: make BUILD=build/clang
# CC=clang copied clang's driver over it, and what runs ./mdriver (make
# valgrind's users, the README's commands) then ran that build. Its
# driver stays in its folder, which make run runs instead; the default
# build still copies build/mdriver to ./mdriver. (make -n: nothing is
# built or copied here. BUILD=build is given: this test's own BUILD may
# be another.)
other_plan=$(make -n --no-print-directory BUILD="$TMP_DIR/other-build" all run 2>&1)
default_plan=$(make -n --no-print-directory BUILD=build all 2>&1)
if [[ $other_plan == *"-o $TMP_DIR/other-build/mdriver "* ]] &&
    [[ $other_plan != *"cp $TMP_DIR/other-build/mdriver mdriver"* ]] &&
    printf '%s\n' "$other_plan" | grep -qxF "$TMP_DIR/other-build/mdriver -V -f traces/short1.rep" &&
    [[ $default_plan == *"cp build/mdriver mdriver"* ]]; then
    pass "make BUILD=dir builds dir/mdriver and leaves ./mdriver alone; make run runs dir/mdriver"
else
    fail "make BUILD=dir builds dir/mdriver and leaves ./mdriver alone; make run runs dir/mdriver" \
        "make -n BUILD=dir all run:" "$(printf '%s\n' "$other_plan" | grep -F -e mdriver -e 'make:' | cut -c1-160)" \
        "make -n BUILD=build all:" "$(printf '%s\n' "$default_plan" | grep -F -e 'cp ' -e 'make:')"
fi
# A clang build writes DWARF 4: valgrind 3.19 cannot read clang 14's
# default DWARF 5 ("unhandled DW_FORM"), and its reports lost their
# files and lines.
clang_compile=$(make -n --no-print-directory CC=clang BUILD="$TMP_DIR/clang-build" \
                "$TMP_DIR/clang-build/memlib.o" 2>&1 | grep -F -- "-o $TMP_DIR/clang-build/memlib.o" || true)
if [[ $clang_compile == *" -gdwarf-4 "* ]]; then
    pass "make CC=clang compiles with -gdwarf-4, which valgrind reads"
else
    fail "make CC=clang compiles with -gdwarf-4, which valgrind reads" "compile line: $clang_compile"
fi

includes=$(grep -h '^#include' mm.c | sed 's/#include *//' | sort -u | tr '\n' ' ')
bad=$(grep -h '^#include "' mm.c | grep -v -e '"mm.h"' -e '"memlib.h"' -e '"config.h"' || true)
if [ -z "$bad" ]; then pass "mm.c includes only mm.h, memlib.h, config.h and libc ($includes)"
else fail "mm.c includes only mm.h, memlib.h, config.h and libc" "found: $bad"; fi

handout="$TMP_DIR/handout"
mkdir -p "$handout"
cp mm.c mm.h memlib.h config.h "$handout/"
if ${CC:-cc} -std=c11 -Wall -Wextra -Werror -c -o "$handout/mm.o" "$handout/mm.c" 2>"$TMP_DIR/cc.err"; then
    pass "mm.c compiles alone beside the handout's headers"
else
    fail "mm.c compiles alone beside the handout's headers" "$(head -5 "$TMP_DIR/cc.err")"
fi
undefined=$(nm -u "$handout/mm.o" | awk '{print $2}' | grep -E '^(malloc|calloc|realloc|free|sbrk|brk|mmap|munmap)$' || true)
if [ -z "$undefined" ]; then pass "mm.c calls neither libc's allocator nor the OS"
else fail "mm.c calls neither libc's allocator nor the OS" "calls: $undefined"; fi

plan "$TEST_NUMBER"
done_testing
