# tests/lib.sh - a few TAP helpers for the shell tests (sourced).
#
#   plan N                 print the plan
#   ok COND-EXIT DESC      "ok N - DESC" if the last command succeeded
#   pass DESC / fail DESC  record a result directly (fail prints diagnostics)
#   run_driver ARGS...     run the driver under test, capturing stdout,
#                          stderr and the exit status into $out, $err, $status
#   run_bench SETTING=VALUE...  tools/bench.sh with those settings, likewise
#   write_small_trace NAME OP...     $TMP_DIR/NAME.rep, for a table tool
#   expect_table_row DESC TRACE ROW  a table tool's row for it (below)
#   expect_bad_trace_reported TRACE ROW  a table tool on a bad trace
#   expect_usage TRACE CASE...       its bad arguments refused, --help
#
# BUILD names the build directory (build, build/asan); VALGRIND=1 runs
# every driver under valgrind, failing a test on any memory error.

set -u
# Tests print and compare figures in the tools' locale, whatever the
# caller's (tests/locale.t sets another for the runs it tests).
source "$(dirname "${BASH_SOURCE[0]}")/../tools/locale.sh"
BUILD=${BUILD:-build}
TEST_NUMBER=0
TEST_FAILURES=0
TMP_DIR=$(mktemp -d)
trap 'rm -rf "$TMP_DIR"' EXIT

plan() { echo "1..$1"; }

pass() {
    TEST_NUMBER=$((TEST_NUMBER + 1))
    echo "ok $TEST_NUMBER - $1"
}

# The diagnostics go to stderr, every line marked "# ": prove shows a
# test's stderr but not the comments in its TAP, so a failure in CI's
# log said what failed and never why.
fail() {
    TEST_NUMBER=$((TEST_NUMBER + 1))
    TEST_FAILURES=$((TEST_FAILURES + 1))
    echo "not ok $TEST_NUMBER - $1"
    shift
    for line in "$@"; do printf '%s\n' "$line" | sed 's/^/# /' >&2; done
}

# check DESC COMMAND...: pass if COMMAND succeeds.
check() {
    local desc=$1
    shift
    if "$@"; then pass "$desc"; else fail "$desc" "command failed: $*"; fi
}

# Run a driver binary ($1) with the remaining arguments.
run_binary() {
    local binary=$1
    shift
    local prefix=()
    if [ "${VALGRIND:-0}" = 1 ]; then
        prefix=(valgrind -q --error-exitcode=99 --trace-children=yes
                --leak-check=no --vex-iropt-register-updates=allregs-at-mem-access)
    fi
    status=0
    "${prefix[@]}" "$binary" "$@" >"$TMP_DIR/out" 2>"$TMP_DIR/err" || status=$?
    out=$(cat "$TMP_DIR/out")
    err=$(cat "$TMP_DIR/err")
}

run_driver() { run_binary "$BUILD/mdriver" "$@"; }

# expect_status DESC WANT: the last run's exit status is WANT.
expect_status() {
    if [ "$status" = "$2" ]; then pass "$1"; else
        fail "$1" "exit status $status, expected $2" "stderr: $(echo "$err" | head -5)"
    fi
}

# expect_text DESC WHERE TEXT: stdout or stderr of the last run contains
# TEXT (a fixed string).
expect_text() {
    local haystack
    if [ "$2" = stderr ]; then haystack=$err; else haystack=$out; fi
    if printf '%s' "$haystack" | grep -qF -- "$3"; then pass "$1"; else
        fail "$1" "expected in $2: $3" "$2 was: $(printf '%s' "$haystack" | head -8)"
    fi
}

# expect_no_text DESC WHERE TEXT: stdout or stderr of the last run does
# not contain TEXT.
expect_no_text() {
    local haystack
    if [ "$2" = stderr ]; then haystack=$err; else haystack=$out; fi
    if printf '%s' "$haystack" | grep -qF -- "$3"; then
        fail "$1" "unexpected in $2: $3" "$2 was: $(printf '%s' "$haystack" | head -8)"
    else pass "$1"; fi
}

# ---- the ideal-heap tools' tables (tools/table.c) ----------------------
# build/placement and build/offline print one row a trace: its name, the
# ceiling, then their columns. A test sets table_program to the tool and
# table_options to the options it runs with (none: the defaults).

# write_small_trace NAME OP...: $TMP_DIR/NAME.rep, the ops with a header
# that fits them (one id range, 20 ids at most).
write_small_trace() {
    local name=$1
    shift
    { printf '1000\n20\n%d\n1\n' $#; printf '%s\n' "$@"; } >"$TMP_DIR/$name.rep"
}

# expect_table_row DESC TRACE ROW: table_program's row for
# $TMP_DIR/TRACE.rep is ROW, its columns after the name separated by
# single spaces, and the tool exits 0.
table_options=()
expect_table_row() {
    run_binary "$table_program" "${table_options[@]}" "$TMP_DIR/$2.rep"
    local row
    row=$(table_row "$2.rep")
    if [ "$status" = 0 ] && [ "$row" = "$2.rep $3" ]; then pass "$1"; else
        fail "$1" "status $status, row: $row" "expected: $2.rep $3" "stderr: $err"
    fi
}

# table_row NAME: the last run's row for the trace NAME, its columns
# separated by single spaces.
table_row() { printf '%s\n' "$out" | awk -v t="$1" '$1 == t { $1 = $1; print }'; }

# expect_bad_trace_reported TRACE ROW: table_program run on a trace with
# a bad line, then on $TMP_DIR/TRACE.rep: the bad line named by file and
# line on stderr, the bad trace's row all "-", TRACE's row still ROW, and
# exit 1.
expect_bad_trace_reported() {
    local desc="a bad trace line is named by file and line, exit 1; the other traces are still reported"
    printf '20\n2\n3\n1\na 0 8\nx 1\nf 0\n' >"$TMP_DIR/bad.rep"
    run_binary "$table_program" "${table_options[@]}" "$TMP_DIR/bad.rep" "$TMP_DIR/$1.rep"
    if [ "$status" = 1 ] && [[ $err == "${table_program##*/}: $TMP_DIR/bad.rep:6: unknown op 'x 1'"* ]] &&
        [[ $(table_row bad.rep) =~ ^bad\.rep( -)+$ ]] && [ "$(table_row "$1.rep")" = "$1.rep $2" ]; then
        pass "$desc"
    else
        fail "$desc" "status $status, stderr: $err" "$out"
    fi
}

# expect_usage TRACE CASE...: each CASE "ARGUMENTS|WHAT THE MESSAGE
# NAMES": table_program (TOOL) run with ARGUMENTS (words; TRACE is shown
# as TRACE in the description) prints nothing, "TOOL: bad argument:
# WHAT..." and its usage on stderr, and exits 2. Then TOOL --help: the
# usage, exit 0.
expect_usage() {
    local tool=${table_program##*/} trace=$1 case args
    shift
    for case in "$@"; do
        args=${case%%|*}
        # shellcheck disable=SC2086 # the words are the arguments
        run_binary "$table_program" $args
        if [ "$status" = 2 ] && [[ $err == "$tool: bad argument: ${case#*|}"*$'\n'"usage: $tool"* ]] &&
            [ -z "$out" ]; then
            pass "bad usage (${args//$trace/TRACE}): exit 2 with the usage"
        else
            fail "bad usage (${args//$trace/TRACE}): exit 2 with the usage" "status $status, stderr: $err"
        fi
    done
    run_binary "$table_program" --help
    if [ "$status" = 0 ] && [[ $out == "usage: $tool"* ]]; then pass "--help: the usage, exit 0"; else
        fail "--help: the usage, exit 0" "status $status"
    fi
}

# run_bench SETTING=VALUE...: tools/bench.sh with those settings, this
# build's driver and generator unless a setting names others; $out, $err
# and $status as run_binary's.
run_bench() {
    status=0
    env BENCH_DRIVER="$BUILD/mdriver" BENCH_GENTRACE="$BUILD/gentrace" "$@" \
        tools/bench.sh >"$TMP_DIR/out" 2>"$TMP_DIR/err" || status=$?
    out=$(cat "$TMP_DIR/out")
    err=$(cat "$TMP_DIR/err")
}

# grader_preamble: for a test of tools/grade, which builds every
# submission and driver itself with the project's plain flags (it unsets
# SANITIZE, OPT and BUILD) and runs none of them under valgrind: under
# make asan or make valgrind the whole file skips, since it would be make
# test's run again. Else it moves to the top of the tree (ROOT), and the
# read-only trace copies the grader makes in TMP_DIR are removed at exit.
grader_preamble() {
    if [ "${VALGRIND:-0}" = 1 ] || [[ $BUILD == *asan* ]]; then
        echo "1..0 # SKIP the grader builds and runs its own plain binaries: this is make test's run again"
        exit 0
    fi
    cd "$(dirname "${BASH_SOURCE[0]}")/.." || exit 1
    ROOT=$PWD
    trap 'chmod -R u+w "$TMP_DIR" 2>/dev/null; rm -rf "$TMP_DIR"' EXIT
}

done_testing() {
    if [ "$TEST_FAILURES" -gt 0 ]; then exit 1; fi
    exit 0
}
