#!/usr/bin/env bash
# tools/grade on the sample class in tests/submissions: one grading run
# of every sample (good, slow, crashing, hanging, exiting, misaligned,
# chatty, rule breakers, not compiling, no mm.c), then each gradebook
# row is checked: builds, the violation named, traces passed, the crash
# or timeout named in the notes, scores, the capped report. A second,
# one-submission run checks that the shipped scoring reproduces the
# driver's own perf index. Small traces and short limits keep it quick.
source "$(dirname "$0")/lib.sh"
# Skipped under make asan and make valgrind, which would repeat make
# test's run exactly, for about 80 s each (lib.sh).
grader_preamble

OUT=$TMP_DIR/out
CLASS=$ROOT/tests/submissions
# The limit per trace, short to keep hang and hangs_when_timed quick, is
# also what every trace of slow (quadratic by design) must finish within:
# its timing run of random.rep takes about a second alone, and timed out at
# 2 s with its CPU shared with three busy loops. 5 s leaves it room.
TRACE_TIMEOUT=5
plan 186

now() { date +%s; }

# A config from the shipped tools/grade.conf (its rules and scoring), with
# a small trace set and short limits: the lines given are appended, and
# later keys win.
# TRACE_WEIGHTS, if set, gives the three traces' weights (default 1 1 1).
make_config() { # FILE EXTRA-LINES...
    local file=$1 weights
    read -r -a weights <<<"${TRACE_WEIGHTS:-1 1 1}"
    shift
    {
        grep -v -E '^[[:space:]]*(trace|trace_dir)[[:space:]]*=' tools/grade.conf
        echo "trace_dir = $ROOT/traces"
        echo "trace = short1.rep ${weights[0]}"
        echo "trace = coalescing.rep ${weights[1]}"
        echo "trace = random.rep ${weights[2]}"
        echo "trace_timeout = $TRACE_TIMEOUT"
        echo "compile_timeout = 30"
        printf '%s\n' "$@"
    } >"$file"
}

# field NAME COLUMN: a gradebook cell (the CSV is parsed properly: notes
# hold commas and quotes).
field() {
    awk -v want="$1" -v column="$2" '
    function csv_split(line, f,    n, i, c, field, quoted) {
        n = 0; field = ""; quoted = 0
        for (i = 1; i <= length(line); i++) {
            c = substr(line, i, 1)
            if (quoted) {
                if (c == "\"") { if (substr(line, i + 1, 1) == "\"") { field = field c; i++ } else quoted = 0 }
                else field = field c
            } else if (c == "\"") quoted = 1
            else if (c == ",") { f[++n] = field; field = "" }
            else field = field c
        }
        f[++n] = field
        return n
    }
    NR == 1 { n = csv_split($0, header); for (i = 1; i <= n; i++) index_of[header[i]] = i; next }
    { csv_split($0, f); if (f[1] == want) { print f[index_of[column]]; exit } }
    ' "$OUT/gradebook.csv"
}

# expect_field NAME COLUMN WANT: the cell equals WANT.
expect_field() {
    local got
    got=$(field "$1" "$2")
    if [ "$got" = "$3" ]; then pass "$1: $2 = $3"; else
        fail "$1: $2 = $3" "got '$got'" "row: $(grep "^\"$1\"," "$OUT/gradebook.csv")"
    fi
}

# expect_in NAME COLUMN TEXT: the cell contains TEXT.
expect_in() {
    local got
    got=$(field "$1" "$2")
    if printf '%s' "$got" | grep -qF -- "$3"; then pass "$1: $2 mentions '$3'"; else
        fail "$1: $2 mentions '$3'" "got '$got'"
    fi
}

# expect_number NAME COLUMN OP VALUE: e.g. expect_number good score '>' 0
expect_number() {
    local got
    got=$(field "$1" "$2")
    if [ -n "$got" ] && awk -v a="$got" -v b="$4" -v op="$3" \
        'BEGIN { exit !((op == ">" && a > b) || (op == "<" && a < b) || (op == "==" && a == b)) }'; then
        pass "$1: $2 $3 $4 (is $got)"
    else
        fail "$1: $2 $3 $4" "got '$got'"
    fi
}

# run_grade OUTPUT ARGS...: tools/grade ARGS..., what it prints in OUTPUT;
# sets $status.
run_grade() {
    local output=$1
    shift
    status=0
    tools/grade "$@" >"$output" 2>&1 || status=$?
}

# ---- usage errors: before anything is built ----------------------------

# expect_refusal DESC TEXT GRADE-ARGS...: tools/grade stops with a usage
# or config error (exit 2) whose message contains TEXT.
expect_refusal() {
    local desc=$1 text=$2 got=0
    shift 2
    tools/grade "$@" >"$TMP_DIR/refusal.out" 2>&1 || got=$?
    if [ "$got" = 2 ] && grep -qF -- "$text" "$TMP_DIR/refusal.out"; then pass "$desc"; else
        fail "$desc" "status $got" "$(tail -3 "$TMP_DIR/refusal.out")"
    fi
}
printf 'trace = short1.rep 1\nutil_wieght = 0.5\n' >"$TMP_DIR/typo.conf"
expect_refusal "a mistyped config key is an error naming file and line" \
    "typo.conf:2: unknown key 'util_wieght'" -c "$TMP_DIR/typo.conf" -o "$OUT" "$CLASS"
printf 'trace = short1.rep 1\nutil_min = 0    util_max = 100\n' >"$TMP_DIR/twokeys.conf"
expect_refusal "two keys on one config line are an error naming the second" \
    "twokeys.conf:2: one key per line: 'util_max' is a second key on the line of 'util_min'" \
    -c "$TMP_DIR/twokeys.conf" -o "$OUT" "$CLASS"
# timeout(1) reads 0 as no limit at all: a 0 s compile limit is an error
make_config "$TMP_DIR/zero.conf" "compile_timeout = 0"
expect_refusal "compile_timeout = 0 is a config error" \
    "compile_timeout must be > 0" -c "$TMP_DIR/zero.conf" -o "$OUT" "$CLASS"
# the arena is checked even when no memory limit needs its size
make_config "$TMP_DIR/arena.conf" "memory_limit_mb = 0" "arena = 512MB"
expect_refusal "a malformed arena is a config error naming the key" \
    "arena.conf:$(wc -l <"$TMP_DIR/arena.conf"): arena must look like 512M, 2G or 1T, got '512MB'" \
    -c "$TMP_DIR/arena.conf" -o "$OUT" "$CLASS"
expect_refusal "a missing submissions folder is a usage error" \
    "no-such-dir" -c tools/grade.conf "$TMP_DIR/no-such-dir"

# The output folder must not be the submissions folder: the grader
# replaces its build/, work/, reports/ and traces/, which may be students'.
mkdir -p "$TMP_DIR/same/reports"
cp tests/submissions/crash.c "$TMP_DIR/same/reports/mm.c"
run_grade "$TMP_DIR/same.out" -c tools/grade.conf -o "$TMP_DIR/same" "$TMP_DIR/same"
if [ "$status" = 2 ] && [ -f "$TMP_DIR/same/reports/mm.c" ] && grep -q 'holds the submissions' "$TMP_DIR/same.out"; then
    pass "-o the submissions folder itself is a usage error, and deletes nothing"
else
    fail "-o the submissions folder itself is a usage error, and deletes nothing" "status $status" \
        "$(ls "$TMP_DIR/same/reports" 2>&1 | head -3)" "$(tail -2 "$TMP_DIR/same.out")"
fi

# An output folder the grader did not make, which already holds folders
# a run replaces (a course folder beside its traces, the project itself),
# is refused and left as it was.
mkdir -p "$TMP_DIR/course/traces"
cp traces/short1.rep "$TMP_DIR/course/traces/"
expect_refusal "-o a folder with a traces/ of its own is a usage error" \
    "already holds traces, which a run replaces, and no run of tools/grade made it" \
    -c tools/grade.conf -o "$TMP_DIR/course" "$CLASS"
if [ -f "$TMP_DIR/course/traces/short1.rep" ]; then pass "... and its traces are still there"
else fail "... and its traces are still there"; fi
expect_refusal "-o a path with ':' is a usage error (make cannot build under it)" \
    "must not contain blanks or ':'" -c tools/grade.conf -o "$TMP_DIR/a:b" "$CLASS"
expect_refusal "-o a path with a blank is a usage error" \
    "must not contain blanks or ':'" -c tools/grade.conf -o "$TMP_DIR/x sp" "$CLASS"
if [ ! -e "$TMP_DIR/x sp" ] && [ ! -e "$TMP_DIR/a:b" ]; then pass "... and the refused folders were not made"
else fail "... and the refused folders were not made" "$(ls -d "$TMP_DIR/x sp" "$TMP_DIR/a:b" 2>&1)"; fi
expect_refusal "-c a folder is a usage error" "cannot read the configuration (not a readable file)" \
    -c "$TMP_DIR" -o "$OUT" "$CLASS"
# expect_config_refusal DESC STEM FROM_END TEXT LINE...: a config of
# make_config with LINEs added, STEM.conf, is refused with TEXT, naming
# the line FROM_END lines above its last (0: the last).
expect_config_refusal() {
    local desc=$1 stem=$2 from_end=$3 text=$4
    shift 4
    make_config "$TMP_DIR/$stem.conf" "$@"
    expect_refusal "$desc" "$stem.conf:$(($(wc -l <"$TMP_DIR/$stem.conf") - from_end)): $text" \
        -c "$TMP_DIR/$stem.conf" -o "$OUT" "$CLASS"
}
# A bad value names the file and line that set it.
expect_config_refusal "a bad value names the config's file and line" weight 0 \
    "util_weight must be a number >= 0, got 'abc'" "util_weight = abc"
expect_config_refusal "a value out of range names the config's file and line" weight2 0 \
    "util_weight must be in [0, 1]" "util_weight = 1.5"
# The scale's units: a value in the wrong one passes the order checks
# (util_min below util_max) and grades the whole class wrong, so it is
# refused before grading, naming the line, the key and what was meant.
# Fractions for percents gave everyone full util points:
expect_config_refusal "util_max = 0.74 (a fraction for a percent) is refused, naming its line" fraction 0 \
    "util_max = 0.74 reads as a fraction: util_min and util_max are percents, from 0 to 100 (74 for 74%)" \
    "util_min = 0.55" "util_max = 0.74"
expect_config_refusal "util_min = 0.55 beside util_max = 74 is refused, naming util_min's line" fraction2 1 \
    "util_min = 0.55 reads as a fraction" "util_min = 0.55" "util_max = 74"
expect_config_refusal "util_max = 740 (over 100%) is refused" percent 0 \
    "util_max = 740 is over 100" "util_max = 740"
# ... a percent for a ratio gave nobody full thru points:
expect_config_refusal "thru_max_ratio = 80 (a percent for a ratio to libc) is refused" ratio 0 \
    "thru_max_ratio = 80 would give full throughput points only at 80 times libc's throughput" \
    "thru_min_ratio = 10" "thru_max_ratio = 80"
# ... and max_score = 0 scored everyone 0.
expect_config_refusal "max_score = 0 is refused" noscore 0 \
    "max_score = 0 would score every submission 0" "max_score = 0"
# Sane scales pass those checks: the run stops only at the trace that
# is not there, which is looked for after them.
for scale in "util_min = 55|util_max = 74|thru_min_ratio = 0.1|thru_max_ratio = 0.8" \
    "util_min = 1|util_max = 1.5|thru_min_ratio = 3|thru_max_ratio = 10|max_score = 0.5"; do
    IFS='|' read -r -a scale_lines <<<"$scale"
    make_config "$TMP_DIR/scale.conf" "${scale_lines[@]}" "trace = no-such-trace.rep 1"
    expect_refusal "a sane scale is accepted: ${scale//|/, }" \
        "scale.conf:$(wc -l <"$TMP_DIR/scale.conf"): trace 'no-such-trace.rep' not found" \
        -c "$TMP_DIR/scale.conf" -o "$OUT" "$CLASS"
done
for arena in 0 2T; do
    make_config "$TMP_DIR/arena2.conf" "arena = $arena"
    expect_refusal "arena = $arena, which mdriver -H refuses, is a config error" \
        "arena must be more than 0 and at most 1T, got '$arena'" -c "$TMP_DIR/arena2.conf" -o "$OUT" "$CLASS"
done
# a config beside no traces folder, which leaves trace_dir out (so
# ../traces, relative to its own folder): the error says how trace_dir is
# read and what to write
printf 'trace = program1.rep 1\n' >"$TMP_DIR/top.conf"
expect_refusal "a trace not found says how trace_dir is resolved and what to write" \
    "trace_dir, which is '../traces' (not set in $TMP_DIR/top.conf: the default), relative to the folder the config file is in ($TMP_DIR); for the project's traces write trace_dir = $ROOT/traces" \
    -c "$TMP_DIR/top.conf" -o "$OUT" "$CLASS"
make_config "$TMP_DIR/notrace.conf" "trace = no-such-trace.rep 1"
expect_refusal "a missing trace names the config line" \
    "notrace.conf:$(wc -l <"$TMP_DIR/notrace.conf"): trace 'no-such-trace.rep' not found" \
    -c "$TMP_DIR/notrace.conf" -o "$OUT" "$CLASS"

# Rule b counts a section named like .data.rel.ro but not it (the linker
# puts .data.rel.robig in the writable .data), not .data.rel.ro.* itself;
# and a no-bits section flagged read-only ("a"), which the linker puts
# after .bss, in the writable segment (a 64 KiB side table here), but
# not a const table, which it puts in .rodata.
printf '%s\n' 'char table[4096] __attribute__((section(".data.rel.robig")));' \
    'const char *const names[] = {"a", "b"};' \
    'static const int squares[4096] = {0, 1, 4, 9};' \
    '__asm__(".section .sidetab,\"a\",@nobits\nsidetab_sym:\n.zero 65536\n.previous\n");' \
    'extern char side[] __asm__("sidetab_sym");' \
    'int use(int i) { side[i] = 1; return table[0] + names[1][0] + squares[i]; }' >"$TMP_DIR/relro.c"
if ${CC:-cc} -fPIC -c -o "$TMP_DIR/relro.o" "$TMP_DIR/relro.c" 2>/dev/null; then
    relro_bytes=$(tools/static-bytes "$TMP_DIR/relro.o")
    if [ "$relro_bytes" = $((4096 + 65536)) ]; then
        pass "static-bytes counts .data.rel.robig and a read-only-flagged no-bits section (4096 + 65536 B), not .data.rel.ro.local nor .rodata"
    else
        fail "static-bytes counts .data.rel.robig and a read-only-flagged no-bits section (4096 + 65536 B)" "counted $relro_bytes B" \
            "$(tools/static-bytes --each "$TMP_DIR/relro.o")"
    fi
else
    fail "static-bytes counts .data.rel.robig" "the test object does not compile"
fi

# One run: a student's folder that holds the output folder is graded; a
# compile error's note quotes the error, not a line that holds the word;
# a compiler that runs out of memory is stopped and said to.
mkdir -p "$TMP_DIR/nest/alice"
cp tests/submissions/crash.c "$TMP_DIR/nest/alice/mm.c"
printf '%s\n' '#include "mm.h"' 'static int error_count;' \
    'void log_error(void) { error_count++ }' >"$TMP_DIR/nest/bad_error.c"
printf '%s\n' '#include "/dev/zero"' >"$TMP_DIR/nest/devzero.c"
# one warning, on a line that itself says "warning:", which gcc echoes
printf '%s\n' '#include "mm.h"' 'static int unused_helper(void) { return 0; } /* warning: kept for debugging */' \
    'int mm_init(void) { return -1; }' 'void *mm_malloc(size_t size) { (void)size; return NULL; }' \
    'void mm_free(void *ptr) { (void)ptr; }' \
    'void *mm_realloc(void *ptr, size_t size) { (void)ptr; (void)size; return NULL; }' >"$TMP_DIR/nest/warns.c"
# one without mm_realloc: its note and report name the function it
# lacks, not the linker's undefined reference from driver/registry.c
printf '%s\n' '#include "mm.h"' 'int mm_init(void) { return -1; }' \
    'void *mm_malloc(size_t size) { (void)size; return NULL; }' \
    'void mm_free(void *ptr) { (void)ptr; }' >"$TMP_DIR/nest/lacks_realloc.c"
# an initialized 80 MiB table makes an object past the 64 MiB limit: the
# note says so, quoting the assembler's first "Fatal error:", not its last
printf '%s\n' '#include "mm.h"' 'char pool[80 << 20] = {1};' \
    'int mm_init(void) { return pool[0]; }' >"$TMP_DIR/nest/bigobj.c"
make_config "$TMP_DIR/nest.conf" "compile_memory_mb = 256"
run_grade "$TMP_DIR/nest.out" -c "$TMP_DIR/nest.conf" -o "$TMP_DIR/nest/alice/out" "$TMP_DIR/nest"
OUT_SAVED=$OUT
OUT=$TMP_DIR/nest/alice/out
if [ "$status" = 0 ] && grep -q '^"alice",' "$OUT/gradebook.csv"; then
    pass "a student whose folder holds the output folder is graded"
else
    fail "a student whose folder holds the output folder is graded" "status $status" \
        "$(cat "$OUT/gradebook.csv" 2>&1 | head -4)" "$(tail -3 "$TMP_DIR/nest.out")"
fi
expect_in bad_error notes "does not compile: mm.c:3:"
expect_in bad_error notes "error: expected ';' before '}' token"
expect_in devzero notes "does not compile:"
expect_in devzero notes "out of memory"
expect_in bigobj notes "does not compile: the object file exceeded the 64 MiB limit ("
expect_in bigobj notes "File too large"
expect_in warns notes "1 compiler warning;"
expect_field lacks_realloc builds no
expect_in lacks_realloc notes "does not link: mm.c defines no mm_realloc: the driver calls mm_init, mm_malloc, mm_free and mm_realloc"
if grep -qF "mm.c defines no mm_realloc" "$OUT/reports/lacks_realloc.txt" &&
       ! grep -q "undefined reference" "$OUT/reports/lacks_realloc.txt"; then
    pass "lacks_realloc's report names the missing function, not the driver's undefined reference"
else
    fail "lacks_realloc's report names the missing function, not the driver's undefined reference" \
        "$(sed -n '/^== Build ==/,/^builds:/p' "$OUT/reports/lacks_realloc.txt")"
fi

# A run killed where no trap acts leaves the last results in
# .previous-run and no gradebook: the next run puts them back first, so
# one that then stops early (a trace libc cannot replay) still leaves them.
cp "$OUT/gradebook.csv" "$TMP_DIR/nest-gradebook.csv"
mkdir "$OUT/.previous-run"
mv "$OUT/gradebook.csv" "$OUT/summary.txt" "$OUT/reports" "$OUT/.previous-run/"
make_config "$TMP_DIR/nest-bad.conf" "trace = $ROOT/tests/bad-traces/unknown-op.rep 1"
run_grade "$TMP_DIR/nest-bad.out" -c "$TMP_DIR/nest-bad.conf" -o "$OUT" "$TMP_DIR/nest"
if [ "$status" = 2 ] && cmp -s "$OUT/gradebook.csv" "$TMP_DIR/nest-gradebook.csv"; then
    pass "the results a killed run set aside survive the next run that stops early"
else
    fail "the results a killed run set aside survive the next run that stops early" "status $status" \
        "$(ls -a "$OUT" | tr '\n' ' ')"
fi
# A hang-up (the terminal closed, ssh dropped) puts the last results
# back, as an interrupt does.
cp "$OUT/gradebook.csv" "$TMP_DIR/before-hup.csv"
tools/grade -c "$TMP_DIR/nest.conf" -o "$OUT" "$TMP_DIR/nest" >"$TMP_DIR/hup.out" 2>&1 &
grader=$!
for _ in $(seq 1 300); do [ -d "$OUT/.previous-run" ] && break; sleep 0.1; done
kill -HUP "$grader" 2>/dev/null
status=0
wait "$grader" || status=$?
if [ "$status" = 129 ] && cmp -s "$OUT/gradebook.csv" "$TMP_DIR/before-hup.csv" &&
       [ ! -e "$OUT/.previous-run" ]; then
    pass "a hang-up stops the run (129) and puts the last results back"
else
    fail "a hang-up stops the run (129) and puts the last results back" "status $status" \
        "$(ls -a "$OUT" | tr '\n' ' ')" "$(tail -2 "$TMP_DIR/hup.out")"
fi
# The same hang-up at the worst moment: just after .previous-run is made,
# before anything is moved into it (a mkdir on PATH that sends it). The
# folder must not be left behind; it was, empty, when the grader learnt
# where it was only after making it, and the test above then failed
# whenever the machine was slow enough for its poll to land there.
mkdir -p "$TMP_DIR/hup-shim"
real_mkdir=$(command -v mkdir)
cat >"$TMP_DIR/hup-shim/mkdir" <<SHIM
#!/bin/sh
"$real_mkdir" "\$@" || exit
case "\$*" in */.previous-run) kill -HUP "\$PPID" ;; esac
SHIM
chmod +x "$TMP_DIR/hup-shim/mkdir"
status=0
PATH="$TMP_DIR/hup-shim:$PATH" tools/grade -c "$TMP_DIR/nest.conf" -o "$OUT" "$TMP_DIR/nest" \
    >"$TMP_DIR/hup-early.out" 2>&1 || status=$?
if [ "$status" = 129 ] && cmp -s "$OUT/gradebook.csv" "$TMP_DIR/before-hup.csv" &&
       [ ! -e "$OUT/.previous-run" ]; then
    pass "a hang-up just after .previous-run is made leaves no .previous-run behind"
else
    fail "a hang-up just after .previous-run is made leaves no .previous-run behind" "status $status" \
        "$(ls -a "$OUT" | tr '\n' ' ')" "$(tail -2 "$TMP_DIR/hup-early.out")"
fi
OUT=$OUT_SAVED

# ---- the shipped scoring is the driver's perf index --------------------
# libc_reference = each scores against the libc rows of the submission's
# own timing run: the same numbers the driver's perf index uses.

mkdir -p "$TMP_DIR/one"
cp tests/submissions/good.c "$TMP_DIR/one/"
make_config "$TMP_DIR/each.conf" "libc_reference = each"
run_grade "$TMP_DIR/one.out" -c "$TMP_DIR/each.conf" -o "$OUT" "$TMP_DIR/one"
ours=$(field good perf_index)
drivers=$(awk -F, '$1 == "\"mm\"" && $2 == "\"(total)\"" { print $14 }' "$OUT/work/good/timing.csv" 2>/dev/null)
if [ "$status" = 0 ] && [ -n "$ours" ] && [ -n "$drivers" ] &&
    awk -v a="$ours" -v b="$drivers" 'BEGIN { d = a - b; exit !(d < 0.05 && d > -0.05) }'; then
    pass "default scoring reproduces the driver's perf index ($ours vs the driver's $drivers)"
else
    fail "default scoring reproduces the driver's perf index" "grade exit $status, ours '$ours', driver's '$drivers'" \
        "$(tail -5 "$TMP_DIR/one.out")"
fi
expect_number good util_points '>' 0

# ---- the class ---------------------------------------------------------

# max_score 40, not the shipped 100: a score that is the perf index
# itself, not scaled, would show. Weights 2, 1 and 0 (random.rep for
# correctness only) and a scale whose clamps bite (full util points from
# 2% on, full thru points from a millionth of libc's throughput on): a
# plain mean or sum, or a missing clamp, would show (checked below).
# (util_max = 1 would read as the fraction for 100%, and is refused.)
CLASS_MAX_SCORE=40
CLASS_WEIGHTS="2 1 0"
TRACE_WEIGHTS=$CLASS_WEIGHTS make_config "$TMP_DIR/class.conf" "max_score = $CLASS_MAX_SCORE" \
    "util_min = 0" "util_max = 2" "thru_min_ratio = 0" "thru_max_ratio = 0.000001"
start=$(now)
run_grade "$TMP_DIR/class.out" -c "$TMP_DIR/class.conf" -o "$OUT" "$CLASS"
elapsed=$(($(now) - start))
echo "# graded the class in $elapsed s:"
sed 's/^/#   /' "$OUT/gradebook.csv" 2>/dev/null
if [ "$status" = 0 ] && [ -s "$OUT/gradebook.csv" ]; then pass "the class is graded (exit 0)"; else
    fail "the class is graded (exit 0)" "status $status" "$(tail -5 "$TMP_DIR/class.out")"
fi
rows=$(($(wc -l <"$OUT/gradebook.csv") - 1))
samples=$(find "$CLASS" -mindepth 1 -maxdepth 1 \( -name '*.c' -o -type d \) | wc -l)
if [ "$rows" = "$samples" ]; then pass "one gradebook row per submission ($samples)"; else
    fail "one row per submission" "$rows rows for $samples samples"
fi
if head -1 "$OUT/gradebook.csv" | grep -qx 'submission,builds,rule_violations,traces_passed,traces_total,util_percent,throughput_ratio_libc,util_points,thru_points,perf_index,score,notes'; then
    pass "gradebook columns"
else
    fail "gradebook columns" "$(head -1 "$OUT/gradebook.csv")"
fi
# libc is timed libc_samples (5) times, through the timing phase, and
# every row is scored against the median, which the summary shows with
# each sample
libc_line=$(grep -E '^libc: +[0-9]+ Kops/s, the median of 5 samples \(([0-9]+, ){4}[0-9]+ Kops/s, in the order taken\)' "$OUT/summary.txt")
libc_median=$(printf '%s' "$libc_line" | awk '{ print $2 }')
libc_middle=$(printf '%s' "$libc_line" | sed 's/.*samples (//; s/ Kops.*//; s/, /\n/g' | sort -n | sed -n 3p)
if [ -n "$libc_line" ] && [ "$libc_median" = "$libc_middle" ] && [ "$(ls "$OUT"/work/_grader/libc*.csv | wc -l)" = 5 ]; then
    pass "libc's throughput is the median of 5 samples, each reported ($libc_line)"
else
    fail "libc's throughput is the median of 5 samples, each reported" "$(grep '^libc' "$OUT/summary.txt")"
fi
expect_in good notes "Kops/s vs libc ${libc_median:-?} Kops/s, the median of 5 samples"
# The report's timing command is the one that ran: the timing run is
# given libc's first sample (--reference-kops), so the driver's perf
# index printed under it is scored against that; without the flag shown,
# the command run by hand (which times libc afresh) gave another index
# and nothing said why.
first_sample=$(awk -F, '$1 == "\"libc\"" && $2 == "\"(total)\"" { print $7 }' "$OUT/work/_grader/libc.csv")
shown=$(grep -A1 '^== Throughput' "$OUT/reports/good.txt" | tail -1)
if [ -n "$first_sample" ] && [[ $shown == *" --csv timing.csv --reference-kops $first_sample" ]]; then
    pass "the report's timing command shows --reference-kops $first_sample, libc's first sample"
else
    fail "the report's timing command shows --reference-kops, libc's first sample" \
        "first sample '$first_sample'" "shown: $shown"
fi
# ... and the Score section says its perf index is not that one.
# (The class config's weights and scale are not the driver's: that is
# said too, tests/grade_small.t.)
if grep -qF "(this perf index differs from the timing run's, above: it is against libc's median of 5 samples (summary.txt), the timing run's against the first; it uses this config's trace weights and scale" \
        "$OUT/reports/good.txt"; then
    pass "the report's Score section says its perf index is against libc's median, not the first sample"
else
    fail "the report's Score section says its perf index is against libc's median, not the first sample" \
        "$(sed -n '/^== Score/,$p' "$OUT/reports/good.txt")"
fi
# ... and a report with no timing run and no perf index does not (crash
# failed its traces: the note spoke of a timing run "above" that the
# report says was not run).
if grep -qF "(this perf index" "$OUT/reports/crash.txt"; then
    fail "a report with no timing run and no perf index has no note on which perf index it is" \
        "$(sed -n '/^== Score/,$p' "$OUT/reports/crash.txt")"
else
    pass "a report with no timing run and no perf index has no note on which perf index it is"
fi

# Every row with a perf index scores max_score * perf_index / 100 (0 for
# a broken rule), to the cent the CSV rounds both to. At least one row
# must have thru points, or a score of the util points alone would pass.
scored=0 with_thru=0 wrong=()
for name in $(awk -F, 'NR > 1 { gsub(/"/, "", $1); print $1 }' "$OUT/gradebook.csv"); do
    perf=$(field "$name" perf_index)
    [ -n "$perf" ] || continue
    case $(field "$name" rule_violations) in
        none | "") want=$(awk -v m="$CLASS_MAX_SCORE" -v p="$perf" 'BEGIN { print m * p / 100 }') ;;
        *) want=0 ;;
    esac
    score=$(field "$name" score) thru=$(field "$name" thru_points)
    scored=$((scored + 1))
    if awk -v t="$thru" 'BEGIN { exit !(t > 0) }'; then with_thru=$((with_thru + 1)); fi
    if ! awk -v a="$score" -v b="$want" 'BEGIN { d = a - b; exit !(a != "" && d < 0.011 && d > -0.011) }'; then
        wrong+=("$name: score '$score', perf_index $perf, want $want")
    fi
done
if [ "$scored" -gt 0 ] && [ "$with_thru" -gt 0 ] && [ "${#wrong[@]}" = 0 ]; then
    pass "every score is max_score * perf_index / 100 ($scored rows, $with_thru with thru points)"
else
    fail "every score is max_score * perf_index / 100" \
        "$scored rows with a perf index, $with_thru with thru points" "${wrong[@]}"
fi

# The weights and the scale: a row's util is the weighted mean of its
# check run's utilizations, its Kops/s its timing run's weighted ops over
# weighted seconds; its points are the weights' share of 100, clamped.
read -r -a class_weights <<<"$CLASS_WEIGHTS"
scaled=0 wrong=()
for name in good slow; do
    util=$(field "$name" util_percent) upts=$(field "$name" util_points) tpts=$(field "$name" thru_points)
    kops=$(field "$name" notes | grep -o '[0-9][0-9]* Kops/s vs libc' | head -1 | cut -d' ' -f1)
    work=$OUT/work/$name
    if ! awk -F, -v w="${class_weights[*]}" -v util="$util" -v kops="$kops" -v upts="$upts" \
        -v tpts="$tpts" -v uw="$(sed -n 's/^util_weight *= *\([0-9.]*\).*/\1/p' "$TMP_DIR/class.conf" | tail -1)" '
        BEGIN { split(w, weight, " "); order["\"short1.rep\""] = 1; order["\"coalescing.rep\""] = 2; order["\"random.rep\""] = 3 }
        FILENAME ~ /check.csv$/ && $1 == "\"mm\"" && ($2 in order) { usum += weight[order[$2]] * $4; wsum += weight[order[$2]] }
        FILENAME ~ /timing.csv$/ && $1 == "\"mm\"" && ($2 in order) { ops += weight[order[$2]] * $5; secs += weight[order[$2]] * $6 }
        function near(a, b, d) { return a - b <= d && b - a <= d }
        END {
            ok = wsum > 0 && secs > 0 && util != "" && kops != ""
            ok = ok && near(util, usum / wsum, 0.006) && near(kops, ops / secs / 1000, 1.01)
            ok = ok && near(upts, 100 * uw, 0.006) && near(tpts, 100 * (1 - uw), 0.006)
            if (!ok) printf "util %s (weighted %.4f), %s Kops/s (weighted %.1f), points %s + %s\n",
                            util, wsum ? usum / wsum : -1, kops, secs ? ops / secs / 1000 : -1, upts, tpts
            exit !ok
        }' "$work/check.csv" "$work/timing.csv" >"$TMP_DIR/scaled.txt"; then
        wrong+=("$name: $(cat "$TMP_DIR/scaled.txt")")
    fi
    scaled=$((scaled + 1))
done
if [ "${#wrong[@]}" = 0 ]; then
    pass "weights 2, 1, 0: util and Kops/s are weighted means; the scale's clamps give full points ($scaled rows)"
else
    fail "weights 2, 1, 0: util and Kops/s are weighted means; the scale's clamps give full points" "${wrong[@]}"
fi

# good and slow (the folder form, next to a decoy mm.h): pass and score
expect_field good builds yes
expect_field good rule_violations none
expect_field good traces_passed 3
expect_number good score '>' 0
expect_in good notes "Kops/s vs libc"
expect_field slow builds yes
expect_field slow traces_passed 3
expect_number slow score '>' 0
good_ratio=$(field good throughput_ratio_libc)
expect_number slow throughput_ratio_libc '<' "${good_ratio:-0}"

# runtime failures: named in the notes, zero score
expect_field crash traces_passed 0
expect_in crash notes "crash (SIGSEGV)"
expect_in crash notes "compiler warnings"
expect_field crash score 0.00
expect_field hang traces_passed 0
expect_in hang notes "timeout in short1.rep, coalescing.rep"
# ... and after two timeouts (give_up_after_timeouts) the rest is not run
expect_in hang notes "not run after timeouts in random.rep"
# ... each after the config's limit, which the driver was given (its own
# default is 60 s)
if grep -qF "timed out after $TRACE_TIMEOUT s (the limit per trace" "$OUT/reports/hang.txt"; then
    pass "hang: the driver timed its traces out after the config's $TRACE_TIMEOUT s"
else
    fail "hang: the driver timed its traces out after the config's $TRACE_TIMEOUT s" \
        "$(grep -F 'timed out after' "$OUT/reports/hang.txt" | head -3)"
fi
expect_field exits traces_passed 0
expect_in exits notes "exit(0) called"
expect_number misaligned traces_passed '<' 3
expect_in misaligned notes "not aligned"
expect_field misaligned score 0.00

# rules: named, and the submission is not run
expect_in calls_malloc rule_violations "malloc"
expect_in calls_malloc notes "not run"
expect_field calls_malloc score 0.00
expect_in sbrk_mmap rule_violations "sbrk"
expect_in sbrk_mmap rule_violations "mmap"
expect_in big_static rule_violations "static data"
expect_in big_team rule_violations "static data 32768 B > 128 B"
expect_in writes_file rule_violations "fopen"
expect_in writes_file rule_violations "calls the OS directly (close)"
expect_in ifunc_malloc rule_violations "defines library names (malloc), which libc or the driver call"
expect_in fakes_clock rule_violations "defines library names (clock_gettime)"
expect_in fakes_clock notes "not run"
expect_in slows_libc rule_violations "calls the libc allocator (mallopt)"
expect_in startup_code rule_violations "runs code at start-up or exit (.init_array)"
expect_in calls_driver rule_violations "calls the driver beyond memlib's heap (mem_reset_brk)"
expect_in calls_driver notes "not run"
expect_in hidden_static rule_violations "static data 1048576 B > 128 B"
# a table in a no-bits section flagged read-only, which the linker makes
# writable: counted from the linked object, not from its flags
expect_in nobits_table rule_violations "static data 67108928 B > 128 B"
expect_in nobits_table notes "not run"
expect_in reserved_hook rule_violations "defines reserved names (__gmon_start__)"
expect_in reserved_hook rule_violations "runs code at start-up or exit (.fini_array, __gmon_start__)"
expect_in includes_hidden rule_violations "tests/submissions/good.c)"
expect_in startup_code notes "not run"
expect_in escapes rule_violations "calls the OS directly (_Fork setsid)"
expect_in escapes notes "not run"
expect_in raw_syscall rule_violations "calls the OS directly (syscall in mm_malloc"
expect_in raw_syscall notes "not run"
expect_in includes_other rule_violations "reads files while compiling ("
expect_in includes_other rule_violations "tests/submissions/good.c)"
# the assembler's list (GNU as --MD) names what .incbin read; where the
# compiler cannot run GNU as (clang with no GNU as installed), the grader
# says the rule is unchecked. The compiler is the one the grader takes
# from the Makefile.
grader_cc=$(env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make -s --no-print-directory \
    --eval='print-cc: ; @printf "%s\n" "$(CC)"' print-cc)
# gnu_as_lists CC...: the compiler runs GNU as and gets its --MD list,
# itself or told to (-fno-integrated-as, clang).
gnu_as_lists() {
    printf 'int x;\n' | "$@" -x c -c -o /dev/null -Wa,--MD,/dev/null - >/dev/null 2>&1 ||
        printf 'int x;\n' | "$@" -x c -c -o /dev/null -fno-integrated-as -Wa,--MD,/dev/null - >/dev/null 2>&1
}
# shellcheck disable=SC2086
if gnu_as_lists $grader_cc; then
    expect_in incbin_trace rule_violations "reads files while compiling (../../traces/coalescing.rep)"
    expect_in incbin_trace notes "not run"
else
    expect_in good notes "assembler keeps no list of the files it reads: .incbin not checked"
    expect_in incbin_trace score "0.00"
fi
# watches_clock reads the clock: no rule, a note for the instructor
expect_in watches_clock notes "reads the clock (clock_gettime"
expect_field watches_clock rule_violations "none"
expect_number watches_clock score '>' 0
if [ "$(uname -m)" = x86_64 ]; then
    expect_in watches_clock notes "rdtsc in "
else
    pass "watches_clock: rdtsc is an x86 instruction # SKIP not x86_64"
fi
if printf '%s' "$(field good notes)" | grep -q 'reads the clock'; then
    fail "good: no note about the clock" "$(field good notes)"
else
    pass "good: no note about the clock"
fi
# timed_cheat behaves for two mm_init calls (phase 1 passes), then gives
# every request one block: the second pass of the timing run sees it
expect_field timed_cheat traces_passed 0
expect_in timed_cheat notes "timing run: wrong result in short1.rep, coalescing.rep, random.rep"
expect_field timed_cheat score 0.00
# crashes_when_timed passes the check run's two mm_init calls and dies in
# the timing run's first: a crash there fails the trace, as a wrong
# result does (it used to keep its utilization points)
expect_field crashes_when_timed traces_passed 0
expect_in crashes_when_timed notes "timing run: crash (SIGSEGV) in short1.rep, coalescing.rep, random.rep"
expect_in crashes_when_timed notes "in the timing run fails the trace"
expect_field crashes_when_timed score 0.00
# hangs_when_timed passes the check run and hangs from the timing run's
# first mm_init on: that run gives up after two timeouts too
expect_in hangs_when_timed notes "timing run: timeout in short1.rep, coalescing.rep; not run after timeouts in random.rep (throughput not measured"
if grep -qF "timed out after $TRACE_TIMEOUT s (the limit per trace" "$OUT/reports/hangs_when_timed.txt"; then
    pass "hangs_when_timed: the timing run's driver timed its traces out after the config's $TRACE_TIMEOUT s"
else
    fail "hangs_when_timed: the timing run's driver timed its traces out after the config's $TRACE_TIMEOUT s" \
        "$(grep -F 'timed out after' "$OUT/reports/hangs_when_timed.txt" | head -3)"
fi
expect_number hangs_when_timed util_points '>' 0
expect_in ifunc_malloc rule_violations "runs code at start-up or exit (indirect function malloc)"
if [ ! -e "$TMP_DIR/mm-debug.log" ] && [ ! -e "$OUT/mm-debug.log" ]; then
    pass "writes_file wrote nothing"
else
    fail "writes_file wrote nothing"
fi
good_static=$(cat "$OUT/work/good/static_bytes" 2>/dev/null)
if [ -n "$good_static" ] && [ "$good_static" -le 128 ]; then
    pass "good's static data ($good_static B, team exempt) is within the limit"
else
    fail "good's static data is within the limit" "got '$good_static'"
fi

# builds: no
expect_field no_compile builds no
expect_in no_compile notes "does not compile"
if grep -q "error:" "$OUT/reports/no_compile.txt"; then pass "no_compile's report holds the compiler's error"; else
    fail "no_compile's report holds the compiler's error"
fi
expect_field nofile builds no
expect_in nofile notes "no mm.c"

# chatty prints megabytes: it still scores, its report is capped. The
# cap (report_limit_kb, 1024) holds for the whole report, the notice
# and the score at its end included: they came after a body cut at the
# limit, and the report ended a few KB over it.
expect_field chatty traces_passed 3
expect_number chatty score '>' 0
expect_in chatty notes "output capped"
size=$(stat -c %s "$OUT/reports/chatty.txt")
if [ "$size" -le $((1024 * 1024)) ] && [ "$size" -gt $((1024 * 1024 - 4096)) ] &&
    grep -q "^\[report truncated to fit its 1024 KB limit: [0-9]* more bytes" "$OUT/reports/chatty.txt"; then
    pass "chatty's report is capped at 1 MB ($size bytes), notice and score included, and says so"
else
    fail "chatty's report is capped at 1 MB, notice and score included, and says so" "$size bytes (at most 1048576)" \
        "$(grep -a "truncated" "$OUT/reports/chatty.txt")"
fi

# chatty_crash's output fills the report's cap before the driver says
# which op crashed: the report still ends with the driver's message for
# each failed trace (from the CSV) and the score
report=$OUT/reports/chatty_crash.txt
if grep -q "truncated" "$report" &&
   grep -A3 "^== The driver's message for each failed trace ==" "$report" |
       grep -Eq '^correctness run: .*short1\.rep:[0-9]+: f [0-9]+: killed by signal 11 \(SIGSEGV' &&
   tail -n 3 "$report" | grep -q '^util points: .*score: 0.00/'; then
    pass "chatty_crash's capped report still ends with the driver's messages and the score"
else
    fail "chatty_crash's capped report still ends with the driver's messages and the score" \
        "$(tail -n 12 "$report" 2>&1)"
fi
expect_field chatty_crash score 0.00
size=$(stat -c %s "$report")
if [ "$size" -le $((1024 * 1024)) ]; then
    pass "chatty_crash's report, messages and score included, is at most 1 MB ($size bytes)"
else
    fail "chatty_crash's report, messages and score included, is at most 1 MB" "$size bytes (at most 1048576)"
fi

# every submission has a report; the whole run stays within its limits
missing=0
for name in big_static big_team calls_driver calls_malloc chatty chatty_crash crash crashes_when_timed hangs_when_timed exits escapes fakes_clock good hang hidden_static ifunc_malloc includes_hidden includes_other incbin_trace misaligned no_compile nobits_table nofile raw_syscall reserved_hook sbrk_mmap slow slows_libc startup_code timed_cheat watches_clock writes_file; do
    [ -s "$OUT/reports/$name.txt" ] || missing=$((missing + 1))
done
if [ "$missing" = 0 ]; then pass "a report for every submission"; else fail "a report for every submission" "$missing missing"; fi
# hang costs 2 traces x 5 s in the check runs (then the driver gives up
# on it), hangs_when_timed as much in the timing runs, one at a time;
# everything else runs beside them or is quick. Not a speed figure: the
# bound is what the config's limits must keep the run under, with room
# for a loaded machine: with 2 s limits the run took 61 s while the
# load average was 5 on the machine's 2 cores, against a bound of 110 s;
# with 5 s, 134 s at a load average of 8. That the config's limit is the
# one the driver was given is checked above, from the driver's messages.
if [ "$elapsed" -lt 240 ]; then pass "the class is graded within its limits ($elapsed s < 240 s)"; else
    fail "the class is graded within its limits (< 240 s)" "took $elapsed s"
fi

# ---- what a run leaves running ends with it -----------------------------
# escapes.c, run despite its rule violation, starts a process that leaves
# the driver's process group and spins for 10 s: in the run's own PID
# namespace it ends when the driver does.

if unshare --user --pid --fork --kill-child -- true </dev/null >/dev/null 2>&1; then
    mkdir -p "$TMP_DIR/escapes-class"
    cp tests/submissions/escapes.c "$TMP_DIR/escapes-class/"
    make_config "$TMP_DIR/escapes.conf" "run_violators = yes" "libc_reference = each"
    tools/grade -c "$TMP_DIR/escapes.conf" -o "$TMP_DIR/escapes-out" "$TMP_DIR/escapes-class" \
        >"$TMP_DIR/escapes.out" 2>&1 || true
    # the spinner is a fork of the driver: found by its executable
    left=0
    for proc in /proc/[0-9]*; do
        [ "$(readlink "$proc/exe" 2>/dev/null)" = "$TMP_DIR/escapes-out/build/escapes/mdriver" ] && left=$((left + 1))
    done
    if grep -q 'isolation: *each driver run in its own user and PID namespaces' "$TMP_DIR/escapes.out" &&
        [ -s "$TMP_DIR/escapes-out/gradebook.csv" ] && [ "$left" = 0 ]; then
        pass "a process that left the driver's group ends with the run (PID namespace)"
    else
        fail "a process that left the driver's group ends with the run (PID namespace)" \
            "$left processes left" "$(tail -3 "$TMP_DIR/escapes.out")"
    fi
else
    pass "a process that left the driver's group ends with the run # SKIP unshare --user --pid not allowed here"
fi

# ---- a run that stops on a config problem keeps the last results --------
# A missing trace is found before anything in the output folder changes;
# a trace libc cannot replay only after the last results were set aside,
# and they are put back.

cp "$OUT/gradebook.csv" "$TMP_DIR/gradebook.before"
# rerun_refused DESC CONFIG-EXTRA-LINES...: the run stops (exit 2) and the
# gradebook, summary and reports of the run before are as they were.
rerun_refused() {
    local desc=$1 got=0
    shift
    {
        grep -v -E '^[[:space:]]*trace[[:space:]]*=' "$TMP_DIR/class.conf"
        printf '%s\n' "$@"
    } >"$TMP_DIR/rerun.conf"
    tools/grade -c "$TMP_DIR/rerun.conf" -o "$OUT" "$CLASS" >"$TMP_DIR/rerun.out" 2>&1 || got=$?
    if [ "$got" = 2 ] && cmp -s "$OUT/gradebook.csv" "$TMP_DIR/gradebook.before" &&
        [ -s "$OUT/reports/good.txt" ] && [ -s "$OUT/summary.txt" ] && [ ! -e "$OUT/.previous-run" ]; then
        pass "$desc"
    else
        fail "$desc" "status $got" "$(tail -2 "$TMP_DIR/rerun.out")" "$(ls -a "$OUT")"
    fi
}
rerun_refused "a rerun naming a missing trace keeps the last gradebook and reports" \
    "trace = short1.rep 1" "trace = no-such-trace.rep 1"
rerun_refused "a rerun with a trace libc cannot replay puts the last results back" \
    "trace = short1.rep 1" "trace = $ROOT/tests/bad-traces/unknown-op.rep 1"

# ---- clang: its built-in assembler keeps no list ------------------------
# The grader has clang run GNU as instead (-fno-integrated-as), so
# .incbin is caught under clang too, and a clean submission still builds
# and scores. Skipped without clang or GNU as.

if command -v clang >/dev/null && gnu_as_lists clang; then
    mkdir -p "$TMP_DIR/clang-class"
    cp tests/submissions/good.c tests/submissions/incbin_trace.c "$TMP_DIR/clang-class/"
    make_config "$TMP_DIR/clang.conf" "make_flags = CC=clang"
    run_grade "$TMP_DIR/clang.out" -c "$TMP_DIR/clang.conf" -o "$OUT" "$TMP_DIR/clang-class"
    if [ "$status" = 0 ] && grep -q -- '-fno-integrated-as -Wa,--MD,mm.as.d' "$OUT/reports/good.txt" &&
        grep -q '^\$ clang ' "$OUT/reports/good.txt"; then
        pass "with CC=clang the grader compiles with clang and has it run GNU as"
    else
        fail "with CC=clang the grader compiles with clang and has it run GNU as" "status $status" \
            "$(grep -m1 '^\$ ' "$OUT/reports/good.txt" 2>&1)" "$(tail -3 "$TMP_DIR/clang.out")"
    fi
    expect_in incbin_trace rule_violations "reads files while compiling (../../traces/coalescing.rep)"
    expect_in incbin_trace notes "not run"
    expect_field good rule_violations "none"
    expect_number good score '>' 0
    if field good notes | grep -q 'not checked'; then
        fail "with CC=clang no rule is left unchecked" "$(field good notes)"
    else
        pass "with CC=clang no rule is left unchecked"
    fi
else
    for test in 1 2 3 4 5 6; do pass "# SKIP no clang, or it cannot run GNU as"; done
fi

# ---- a trace that cannot be used ---------------------------------------
# A broken trace in the config is the instructor's error, not every
# student's: both libc modes stop before grading and name file and line.

for mode in once each; do
    make_config "$TMP_DIR/badtrace.conf" "trace = $ROOT/tests/bad-traces/unknown-op.rep 1" "libc_reference = $mode"
    run_grade "$TMP_DIR/badtrace.out" -c "$TMP_DIR/badtrace.conf" -o "$OUT" "$TMP_DIR/one"
    if [ "$status" = 2 ] && grep -q "unknown-op.rep:6: unknown op 'z 0'" "$TMP_DIR/badtrace.out"; then
        pass "libc_reference = $mode: a broken trace stops the run, naming file and line"
    else
        fail "libc_reference = $mode: a broken trace stops the run, naming file and line" "status $status" \
            "$(tail -2 "$TMP_DIR/badtrace.out")"
    fi
done

# An address-space cap too small for the driver's arena fails libc's run
# before any student's: the message names the config line, not just a log.
make_config "$TMP_DIR/memory.conf" "memory_limit_mb = 60"
run_grade "$TMP_DIR/memory.out" -c "$TMP_DIR/memory.conf" -o "$OUT" "$TMP_DIR/one"
if [ "$status" = 2 ] && grep -q "memory.conf:[0-9]*: memory_limit_mb = 60 is too small for the driver" "$TMP_DIR/memory.out" &&
    grep -q "cannot reserve a" "$TMP_DIR/memory.out"; then
    pass "a memory_limit_mb too small for the arena stops the run, naming file and line"
else
    fail "a memory_limit_mb too small for the arena stops the run, naming file and line" "status $status" \
        "$(tail -2 "$TMP_DIR/memory.out")"
fi

# ---- submissions named like the grader's own files ----------------------
# The grader keeps its run files in work/ beside one folder per
# submission: a student named weights or libc.csv must still get a row.

mkdir -p "$TMP_DIR/names/running"
# (and two long names that share their first 16 characters)
for name in weights libc.csv libc.out driver-build.log _grader christopher-jones-a christopher-jones-b; do
    cp tests/submissions/crash.c "$TMP_DIR/names/$name.c"
done
cp tests/submissions/crash.c "$TMP_DIR/names/running/mm.c"
# and a file with a folder's name: both are graded, the second renamed
cp tests/submissions/crash.c "$TMP_DIR/names/running.c"
# and a name that needs no change beside the name a clash gives another:
# erin_.c keeps erin_, and erin.c (beside erin/) is the one renamed
mkdir -p "$TMP_DIR/names/erin"
for name in erin/mm erin erin_; do cp tests/submissions/crash.c "$TMP_DIR/names/$name.c"; done
# and names a spreadsheet would misread (+A1, -2+3 and @SUM are formulas;
# so is a note that starts =1+1.c), one with a newline, and a name that
# needs no change beside one that becomes it
for name in -5 @sum =1+1 'bob smith' bob_smith $'new\nline'; do
    cp tests/submissions/crash.c "$TMP_DIR/names/$name.c"
done
# and one whose mm.c is a link to another student's file
mkdir -p "$TMP_DIR/names/copycat"
ln -s ../weights.c "$TMP_DIR/names/copycat/mm.c"
# and one whose file is a link to nothing
ln -s no-such-file.c "$TMP_DIR/names/ghost.c"
# and files that are no regular file, which a copy would wait on forever
# (a FIFO) or never finish (/dev/zero), and one too big to be an mm.c:
# each gets its row, not graded (the run is bounded, in case they hang it)
mkfifo "$TMP_DIR/names/fifo.c"
mkdir -p "$TMP_DIR/names/piped"
mkfifo "$TMP_DIR/names/piped/mm.c"
ln -s /dev/zero "$TMP_DIR/names/zero.c"
{ cat tests/submissions/crash.c; head -c $((5 << 20)) /dev/zero | tr '\0' ' '; echo; } >"$TMP_DIR/names/huge.c"
# and entries that are no submission, which are skipped, and said to be
cp tests/submissions/crash.c "$TMP_DIR/names/ERIN.C"
cp tests/submissions/crash.c "$TMP_DIR/names/dave_mm.c.txt"
cp tests/submissions/crash.c "$TMP_DIR/names/"$'notes\nfile.txt'
cp tests/submissions/crash.c "$TMP_DIR/names/.hidden.c"
# and an older run's output folder, which has the grader's mark and no mm.c
mkdir -p "$TMP_DIR/names/results/reports"
: >"$TMP_DIR/names/results/.tools-grade-output"
echo "submission,builds" >"$TMP_DIR/names/results/gradebook.csv"
status=0
timeout 300 tools/grade -c "$TMP_DIR/class.conf" -o "$OUT" "$TMP_DIR/names" >"$TMP_DIR/names.out" 2>&1 || status=$?
rows=$(($(wc -l <"$OUT/gradebook.csv") - 1))
crashes=$(grep -c 'crash (SIGSEGV) in short1.rep' "$OUT/gradebook.csv")
if [ "$status" = 0 ] && [ "$rows" = 24 ] && [ "$crashes" = 18 ] && ! grep -q 'Not a directory' "$TMP_DIR/names.out"; then
    pass "submissions named weights, libc.csv, running, ... each get their own row"
else
    fail "submissions named weights, libc.csv, running, ... each get their own row" \
        "status $status, $rows rows, $crashes crashes" "$(grep -m3 -E 'directory|error' "$TMP_DIR/names.out")"
fi
expect_field copycat builds no
expect_in _5 notes "submitted as -5.c, graded as _5: "
expect_in _sum notes "submitted as @sum.c, graded as _sum: "
expect_in _1+1 notes "submitted as =1+1.c, graded as _1+1: "
expect_in new_line notes "submitted as new?line.c, graded as new_line: "
expect_in bob_smith_ notes "submitted as bob smith.c, graded as bob_smith_: bob_smith is taken by bob_smith.c"
if grep -q -E '^"bob_smith",.*graded as' "$OUT/gradebook.csv" ||
    grep -q -E '(^|,)"[-+=@]' "$OUT/gradebook.csv"; then
    fail "no cell starts like a formula, and bob_smith.c keeps its name" "$(grep -E 'bob_smith|[-=+@]' "$OUT/gradebook.csv")"
else
    pass "no cell starts like a formula, and bob_smith.c keeps its name"
fi
expect_in running_ notes "submitted as running.c, graded as running_: running is taken by running/"
expect_in erin__ notes "submitted as erin.c, graded as erin__: erin is taken by erin/"
if grep -q -E '^"erin_",.*graded as' "$OUT/gradebook.csv"; then
    fail "erin_.c keeps its name beside erin.c and erin/" "$(grep '^"erin' "$OUT/gradebook.csv")"
else
    pass "erin_.c keeps its name beside erin.c and erin/"
fi
expect_in _grader_ notes "submitted as _grader.c, graded as _grader_: _grader is a folder of the grader's"
expect_in copycat notes "mm.c is a link to another submission (weights.c): not graded"
expect_in ghost notes "mm.c is a link to no-such-file.c, which does not exist: not graded"
expect_in fifo notes "not graded: not a regular file (mm.c is a fifo)"
expect_in piped notes "not graded: not a regular file (mm.c is a fifo)"
expect_in zero notes "not graded: not a regular file (mm.c is a character special file)"
expect_in huge notes "not graded: mm.c is 52"
expect_in huge notes "bytes, over the 4 MiB limit on a source file"
# expect_skipped LINE: the summary and stderr both say LINE was skipped
expect_skipped() {
    if grep -qxF "skipped:     $1" "$OUT/summary.txt" && grep -qxF "tools/grade: skipped $1" "$TMP_DIR/names.out"; then
        pass "summary and stderr say: skipped $1"
    else
        fail "summary and stderr say: skipped $1" "$(grep -i skipped "$OUT/summary.txt" "$TMP_DIR/names.out")"
    fi
}
expect_skipped "ERIN.C: not NAME.c (the name must end in .c, lower case) nor a folder: not graded"
expect_skipped "dave_mm.c.txt: not NAME.c nor a folder: not graded"
expect_skipped "notes?file.txt: not NAME.c nor a folder: not graded"
expect_skipped ".hidden.c: a hidden file (its name starts with '.'): not graded"
expect_skipped "results/: an output folder of tools/grade (it holds .tools-grade-output), and no mm.c"
if grep -q '^christopher-jones-a ' "$TMP_DIR/names.out" && grep -q '^christopher-jones-b ' "$TMP_DIR/names.out"; then
    pass "the terminal table shows long submission names whole"
else
    fail "the terminal table shows long submission names whole" "$(grep -m2 '^christopher' "$TMP_DIR/names.out")"
fi

# A course config that names only its traces keeps the shipped rules:
# leaving the forbidden lists out must not let a submission call malloc.
mkdir -p "$TMP_DIR/short-class"
cp tests/submissions/calls_malloc.c tests/submissions/good.c "$TMP_DIR/short-class/"
# ... and a correct allocator whose own helpers are called unlink, remove,
# link, exec_insert and clone_block, non-static: names nobody else calls,
# so defining them replaces nothing (only libc's allocator names and the
# libc names the driver calls may not be defined)
{
    cat tests/submissions/good.c
    printf '%s\n' 'void *unlink(void *block) { return block; }' 'int remove(int x) { return x + 1; }' \
        'int link(int x) { return x; }' 'void exec_insert(void) {}' 'void clone_block(void) {}'
} >"$TMP_DIR/short-class/helpers.c"
# ... and one that starts threads: spinning in one trace's process, they
# would take the CPUs of the submissions checked beside it (rule a)
{
    echo '#include <pthread.h>'
    cat tests/submissions/good.c
    printf '%s\n' 'static void *spin(void *arg) { for (;;) (void)arg; }' \
        'int mm_spin(void) { pthread_t t; return pthread_create(&t, 0, spin, 0); }'
} >"$TMP_DIR/short-class/threads.c"
printf 'trace_dir = %s/traces\ntrace = short1.rep 1\ntrace_timeout = %s\n' "$ROOT" "$TRACE_TIMEOUT" \
    >"$TMP_DIR/short.conf"
run_grade "$TMP_DIR/short.out" -c "$TMP_DIR/short.conf" -o "$OUT" "$TMP_DIR/short-class"
if [ "$status" = 0 ] && field calls_malloc rule_violations | grep -q 'calls the libc allocator' &&
    [ "$(field good rule_violations)" = none ]; then
    pass "a config without the forbidden lists keeps tools/grade.conf's rules"
else
    fail "a config without the forbidden lists keeps tools/grade.conf's rules" "status $status" \
        "calls_malloc: $(field calls_malloc rule_violations)" "$(tail -3 "$TMP_DIR/short.out")"
fi
expect_field helpers rule_violations none
expect_in threads rule_violations "calls the OS directly (pthread_create)"
if ! grep -q "leaves out" "$TMP_DIR/short.out" "$OUT/summary.txt"; then
    pass "a config that leaves the forbidden lists alone gets no notice of names left out"
else
    fail "a config that leaves the forbidden lists alone gets no notice of names left out" \
        "$(grep "leaves out" "$TMP_DIR/short.out" "$OUT/summary.txt")"
fi
expect_field threads score 0.00
expect_number helpers score '>' 0

# A course config copied whole from a grade.conf older than the thread
# rule replaces forbidden_os with a list that lacks the thread functions.
# Threads still break rule a: the grader forbids them itself, since they
# cost the other submissions checked beside them their traces.
mkdir -p "$TMP_DIR/old-class"
cp "$TMP_DIR/short-class/threads.c" "$TMP_DIR/old-class/"
# ... and one that asks for a SIGEV_THREAD timer, which starts a thread
{
    printf '%s\n' '#define _POSIX_C_SOURCE 200809L' '#include <signal.h>' '#include <time.h>'
    cat tests/submissions/good.c
    printf '%s\n' 'int mm_tick(void) { struct sigevent event = { .sigev_notify = SIGEV_THREAD }; timer_t timer;' \
        '    return timer_create(CLOCK_MONOTONIC, &event, &timer); }'
} >"$TMP_DIR/old-class/timer.c"
# (also copied before the process starters were added: the grader names
# the shipped names its list leaves out, on stderr and in the summary)
make_config "$TMP_DIR/copied.conf.in"
grep -v -E 'pthread_create|aio_read|_Fork' "$TMP_DIR/copied.conf.in" >"$TMP_DIR/copied.conf"
run_grade "$TMP_DIR/copied.out" -c "$TMP_DIR/copied.conf" -o "$OUT" "$TMP_DIR/old-class"
if [ "$status" = 0 ] && grep -q '^forbidden_os *= *sbrk' "$TMP_DIR/copied.conf" &&
    ! grep -q -E '^[^#]*(pthread_create|timer_create)' "$TMP_DIR/copied.conf" &&
    field threads rule_violations | grep -qF "calls the OS directly (pthread_create)"; then
    pass "a config whose forbidden_os lacks the thread functions still forbids pthread_create"
else
    fail "a config whose forbidden_os lacks the thread functions still forbids pthread_create" "status $status" \
        "threads: $(field threads rule_violations)" "$(tail -3 "$TMP_DIR/copied.out")"
fi
expect_field threads score 0.00
expect_in timer rule_violations "calls the OS directly (timer_create)"
forbid_line=$(grep -n '^forbidden_os *= *sbrk' "$TMP_DIR/copied.conf" | cut -d: -f1)
dropped="forbidden_os leaves out 8 of tools/grade.conf's names (_Fork __fork __vfork __clone daemon setsid setpgid setpgrp): they are allowed in this run"
if grep -qF "tools/grade: $TMP_DIR/copied.conf:$forbid_line: $dropped" "$TMP_DIR/copied.out" &&
    grep -qF "config:      $TMP_DIR/copied.conf:$forbid_line: $dropped" "$OUT/summary.txt"; then
    pass "a config whose forbidden_os replaces the shipped one names the shipped names it leaves out"
else
    fail "a config whose forbidden_os replaces the shipped one names the shipped names it leaves out" \
        "line $forbid_line" "$(grep -h "leaves out" "$TMP_DIR/copied.out" "$OUT/summary.txt")"
fi

# make grade drives the same tool
if make -s -n grade SUBMISSIONS=tests/submissions GRADE_OUT=/tmp/x 2>&1 | grep -q 'tools/grade -c "tools/grade.conf" *-o "/tmp/x" "tests/submissions"'; then
    pass "make grade SUBMISSIONS=... GRADE_OUT=... runs tools/grade"
else
    fail "make grade runs tools/grade" "$(make -s -n grade SUBMISSIONS=tests/submissions GRADE_OUT=/tmp/x 2>&1 | tail -2)"
fi
set +e
make -s grade >/dev/null 2>&1
status=$?
set -e
if [ "$status" != 0 ]; then pass "make grade without SUBMISSIONS is an error"; else fail "make grade without SUBMISSIONS is an error"; fi

done_testing
