#!/usr/bin/env bash
# tools/gentrace: the shipped traces are exactly what it writes (so anyone
# can rebuild and audit them), a seed variant is deterministic and really
# different, and its traces replay cleanly; bad arguments are refused.
source "$(dirname "$0")/lib.sh"

gentrace=$BUILD/gentrace
shipped=$(ls traces/*.rep | wc -l)

mkdir -p "$TMP_DIR/v1" "$TMP_DIR/v1again"
run_binary "$gentrace" suite "$TMP_DIR/v0"
expect_status "gentrace suite DIR exits 0, making DIR" 0
run_binary "$gentrace" suite "$TMP_DIR/no-such/dir"
if [ "$status" = 1 ] && [[ $err == *"cannot create the folder $TMP_DIR/no-such/dir"* ]]; then
    pass "a folder whose parent is missing is refused, naming it"
else
    fail "a folder whose parent is missing is refused, naming it" "status $status, stderr: $err"
fi
# A file it cannot write (a folder stands in its place) is named as the
# driver's -t DIR// names it: one slash between folder and file.
mkdir -p "$TMP_DIR/blocked/program1.rep"
run_binary "$gentrace" suite "$TMP_DIR/blocked//"
if [ "$status" = 1 ] && [[ $err == "gentrace: $TMP_DIR/blocked/program1.rep: Is a directory"* ]]; then
    pass "a file it cannot write is named with one slash after DIR//"
else
    fail "a file it cannot write is named with one slash after DIR//" "status $status, stderr: $err"
fi
run_binary "$gentrace" --help
if [ "$status" = 0 ] && [[ $out == "usage: gentrace suite"* ]]; then pass "--help prints the usage on stdout, exit 0"; else
    fail "--help prints the usage on stdout, exit 0" "status $status"
fi
written=$(ls "$TMP_DIR/v0" | wc -l)
differing=()
for file in "$TMP_DIR"/v0/*.rep; do
    cmp -s "$file" "traces/$(basename "$file")" || differing+=("$(basename "$file")")
done
if [ "$written" = "$shipped" ] && [ ${#differing[@]} = 0 ]; then
    pass "gentrace suite rebuilds all $shipped traces in traces/ byte for byte"
else
    fail "gentrace suite rebuilds all $shipped traces in traces/ byte for byte" \
        "wrote $written files for $shipped shipped; differing: ${differing[*]:-none}"
fi

run_binary "$gentrace" suite "$TMP_DIR/v1" 1
run_binary "$gentrace" suite "$TMP_DIR/v1again" 1
if diff -r -q "$TMP_DIR/v1" "$TMP_DIR/v1again" >/dev/null; then
    pass "variant 1 is the same every time"
else
    fail "variant 1 is the same every time" "$(diff -r -q "$TMP_DIR/v1" "$TMP_DIR/v1again" | head -3)"
fi
# Only the scripted traces (short1, short2, cases, corner-zero) make no random
# choices, so only they may stay the same.
same=()
for file in "$TMP_DIR"/v1/*.rep; do
    cmp -s "$file" "traces/$(basename "$file")" && same+=("$(basename "$file")")
done
if [ "${same[*]}" = "cases.rep corner-zero.rep short1.rep short2.rep" ]; then
    pass "variant 1 differs from the shipped suite in every trace with random choices"
else
    fail "variant 1 differs from the shipped suite in every trace with random choices" \
        "the same as shipped: ${same[*]:-none}"
fi

run_driver -a mm --no-timing --once -t "$TMP_DIR/v1/"
expect_status "mm replays variant 1 of the default suite, every trace valid" 0

run_binary "$gentrace" suite "$TMP_DIR/v1" x
if [ "$status" = 2 ] && [[ $err == *"VARIANT must be a whole number"*"'x'"* ]]; then
    pass "a variant that is not a number is refused, naming it"
else
    fail "a variant that is not a number is refused, naming it" "status $status, stderr: $err"
fi

# A write that fails (here a file size limit of 0) leaves an old trace
# as it was, and no half-written one beside it.
echo "the old trace" >"$TMP_DIR/kept.rep"
# (Its messages go through a pipe, which the size limit does not cover.)
status=0
err=$( (trap '' XFSZ; ulimit -f 0; "$gentrace" bench 1000 "$TMP_DIR/kept.rep") 2>&1 >/dev/null) || status=$?
if [ "$status" = 1 ] && [[ $err == *"kept.rep: File too large"* ]] &&
    [ "$(cat "$TMP_DIR/kept.rep")" = "the old trace" ] && [ ! -e "$TMP_DIR/kept.rep.partial" ]; then
    pass "a failed write keeps the old trace and leaves no partial file"
else
    fail "a failed write keeps the old trace and leaves no partial file" "status $status" \
        "$err" "$(ls "$TMP_DIR")"
fi
# Killed by the size limit's signal (not ignored this time): no
# partial file is left, and the old trace is kept.
echo "the old trace" >"$TMP_DIR/killed.rep"
status=0
# The braces take the shell's own "File size limit exceeded" line too.
{ (ulimit -f 0; exec "$gentrace" bench 1000 "$TMP_DIR/killed.rep") || status=$?; } 2>/dev/null
if [ "$status" -gt 128 ] && [ "$(cat "$TMP_DIR/killed.rep")" = "the old trace" ] &&
    [ ! -e "$TMP_DIR/killed.rep.partial" ]; then
    pass "killed by SIGXFSZ: the old trace kept, no partial file left"
else
    fail "killed by SIGXFSZ: the old trace kept, no partial file left" "status $status" "$(ls "$TMP_DIR")"
fi
# A trace written again keeps its permission bits and its hard links.
"$gentrace" bench 10 "$TMP_DIR/linked.rep" && chmod 640 "$TMP_DIR/linked.rep" &&
    ln -f "$TMP_DIR/linked.rep" "$TMP_DIR/link.rep" && "$gentrace" bench 20 "$TMP_DIR/linked.rep"
if [ "$(stat -c %a "$TMP_DIR/linked.rep")" = 640 ] && [ "$(sed -n 3p "$TMP_DIR/link.rep")" = 20 ]; then
    pass "a trace written again keeps its mode (640) and its hard link sees the new trace"
else
    fail "a trace written again keeps its mode (640) and its hard link sees the new trace" \
        "mode $(stat -c %a "$TMP_DIR/linked.rep"), the link's op count $(sed -n 3p "$TMP_DIR/link.rep")"
fi

run_binary "$gentrace" bench 10 /dev/stdout
if [ "$status" = 0 ] && [ "$(printf '%s\n' "$out" | sed -n 3p)" = 10 ]; then
    pass "a trace written to /dev/stdout, which is not renamed over"
else
    fail "a trace written to /dev/stdout, which is not renamed over" "status $status" "$err"
fi

# bench and live take a SEED: 0 (the default) is make bench's trace, byte
# for byte; another is another draw of the same shape (the same number
# of ids and ops), and replays cleanly.
for kind in "bench 3000" "live 1000"; do
    set -- $kind
    "$gentrace" "$1" "$2" "$TMP_DIR/$1-default.rep"
    "$gentrace" "$1" "$2" "$TMP_DIR/$1-0.rep" 0
    "$gentrace" "$1" "$2" "$TMP_DIR/$1-7.rep" 7
    "$gentrace" "$1" "$2" "$TMP_DIR/$1-7again.rep" 7
    run_driver -a mm --no-timing --once -f "$TMP_DIR/$1-7.rep"
    if cmp -s "$TMP_DIR/$1-default.rep" "$TMP_DIR/$1-0.rep" && cmp -s "$TMP_DIR/$1-7.rep" "$TMP_DIR/$1-7again.rep" &&
        ! cmp -s "$TMP_DIR/$1-0.rep" "$TMP_DIR/$1-7.rep" &&
        [ "$(sed -n 2,3p "$TMP_DIR/$1-0.rep")" = "$(sed -n 2,3p "$TMP_DIR/$1-7.rep")" ] && [ "$status" = 0 ]; then
        pass "gentrace $kind FILE SEED: seed 0 is the default trace, seed 7 another draw of its shape that replays"
    else
        fail "gentrace $kind FILE SEED: seed 0 is the default trace, seed 7 another draw of its shape that replays" \
            "driver status $status" "headers: $(sed -n 2,3p "$TMP_DIR/$1-0.rep" | tr '\n' ' ')/ $(sed -n 2,3p "$TMP_DIR/$1-7.rep" | tr '\n' ' ')"
    fi
done
run_binary "$gentrace" live 1000 "$TMP_DIR/bad-seed.rep" 7x
if [ "$status" = 2 ] && [[ $err == *"SEED must be a whole number from 0 to 4294967295, not '7x'"* ]] &&
    [ ! -e "$TMP_DIR/bad-seed.rep" ]; then
    pass "a SEED that is no number is refused, naming it, and nothing is written"
else
    fail "a SEED that is no number is refused, naming it, and nothing is written" "status $status" "$err"
fi

plan "$TEST_NUMBER"
done_testing
