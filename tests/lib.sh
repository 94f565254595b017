# tests/lib.sh - a few TAP helpers for the shell tests (sourced).
#
#   plan N                 print the plan
#   ok COND-EXIT DESC      "ok N - DESC" if the last command succeeded
#   pass DESC / fail DESC  record a result directly (fail prints diagnostics)
#   run_driver ARGS...     run the driver under test, capturing stdout,
#                          stderr and the exit status into $out, $err, $status
#
# BUILD names the build directory (build, build/asan); VALGRIND=1 runs
# every driver under valgrind, failing a test on any memory error.

set -u
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

fail() {
    TEST_NUMBER=$((TEST_NUMBER + 1))
    TEST_FAILURES=$((TEST_FAILURES + 1))
    echo "not ok $TEST_NUMBER - $1"
    shift
    for line in "$@"; do printf '# %s\n' "$line"; done
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

done_testing() {
    if [ "$TEST_FAILURES" -gt 0 ]; then exit 1; fi
    exit 0
}
