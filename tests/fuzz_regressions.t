#!/usr/bin/env bash
# fuzz_regressions.t - the driver survives every nasty trace we know of.
#
# Replays each input in tests/fuzz/regressions/ (crashes the fuzzer found,
# plus hand-made nasties: NUL bytes, 100 KB lines, CRLF, huge and negative
# numbers, missing header lines, binary junk) and each tests/bad-traces/*.rep
# through `mdriver -f FILE --no-timing`, and asserts:
#   - it exits 0 or 1 by itself: no signal, no hang (status < 128);
#   - on exit 1 it names the cause as FILE:LINE: ...
# Builds nothing: run `make test-programs` (or `make test`) first.
#
# If the fuzz target is built (make fuzz-build), the inputs are replayed
# through it as well, so its invariants and memory limit (2 GB) apply:
# that is what catches a reader that touches gigabytes for one huge id.
source "$(dirname "$0")/lib.sh"

ROOT=$(cd "$(dirname "$0")/.." && pwd)
TIMEOUT_SECS=${TIMEOUT_SECS:-120}

files=()
for f in "$ROOT"/tests/fuzz/regressions/* "$ROOT"/tests/bad-traces/*.rep; do
    [ -f "$f" ] && files+=("$f")
done

if [ ! -x "$BUILD/mdriver" ]; then
    echo "Bail out! $BUILD/mdriver is not built (run make test-programs)"
    exit 1
fi
if [ "${#files[@]}" -eq 0 ]; then
    echo "Bail out! no inputs in tests/fuzz/regressions/ or tests/bad-traces/"
    exit 1
fi

plan $((2 * ${#files[@]} + 1))

for f in "${files[@]}"; do
    name=${f#"$ROOT"/}
    run_binary timeout "$TIMEOUT_SECS" "$BUILD/mdriver" -f "$f" --no-timing
    if [ "$status" = 0 ] || [ "$status" = 1 ]; then
        pass "$name: exits $status, no crash"
    else
        fail "$name: exits 0 or 1, no crash or hang" \
             "exit status $status (124: timed out; >= 128: killed by signal $((status - 128)))" \
             "stderr: $(printf '%s' "$err" | head -3)"
    fi

    if [ "$status" != 1 ]; then
        pass "$name: names the cause as FILE:LINE: # SKIP exit $status, not an error report"
        continue
    fi
    text="$err"$'\n'"$out"
    rest=${text#*"$f:"}
    if [ "$rest" != "$text" ] && [[ $rest =~ ^[0-9]+:\  ]]; then
        pass "$name: names the cause as FILE:LINE:"
    else
        fail "$name: names the cause as FILE:LINE:" \
             "stderr: $(printf '%s' "$err" | head -3)"
    fi
done

FUZZ_BIN=${FUZZ_BIN:-build/fuzz/fuzz_trace}
if [ -x "$FUZZ_BIN" ]; then
    # Not through run_binary: an ASan binary cannot run under valgrind.
    status=0
    err=$(timeout "$TIMEOUT_SECS" "$FUZZ_BIN" -rss_limit_mb=2048 "${files[@]}" 2>&1) || status=$?
    if [ "$status" = 0 ]; then
        pass "fuzz target replays all ${#files[@]} inputs within its invariants"
    else
        fail "fuzz target replays all ${#files[@]} inputs within its invariants" \
             "exit status $status" "$(printf '%s' "$err" | grep -E 'ERROR|invariant|Running' | tail -3)"
    fi
else
    pass "fuzz target replays the inputs # SKIP $FUZZ_BIN not built (make fuzz-build)"
fi

done_testing
