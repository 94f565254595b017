#!/usr/bin/env bash
# Stress traces (`gentrace stress SEED`, tools/stress.sh, make stress):
# every allocator is correct at -d 2 on a few of them, the generator
# covers what it claims (every kind of op, size 0, sizes either side of
# a power of two, blocks past 128 KiB, realloc to 0, bursts of frees) and
# is deterministic, and the stress loop catches a broken allocator and
# keeps its trace, and reads its arguments as decimal numbers.
# Seeds 1 to 6; under the sanitizers 4, 2 and 3, under valgrind 4 alone
# (the shortest: 1081 ops; a seed is 300 to 3000 ops for eight
# allocators with every payload verified after every op, about 3 s
# natively and 40 s under valgrind).
source "$(dirname "$0")/lib.sh"

gentrace=$BUILD/gentrace
seeds=(1 2 3 4 5 6)
if [ "${VALGRIND:-0}" = 1 ]; then
    seeds=(4)
elif [[ $BUILD == *asan* ]]; then
    seeds=(4 2 3)
fi

written=0
for seed in 1 2 3 4 5 6; do
    run_binary "$gentrace" stress "$seed" "$TMP_DIR/stress-$seed.rep"
    [ "$status" = 0 ] && written=$((written + 1))
done
if [ "$written" = 6 ]; then
    pass "gentrace stress SEED FILE exits 0 (seeds 1 to 6)"
else
    fail "gentrace stress SEED FILE exits 0 (seeds 1 to 6)" "$written of 6 written"
fi
run_binary "$gentrace" stress 1 "$TMP_DIR/again.rep"
if cmp -s "$TMP_DIR/stress-1.rep" "$TMP_DIR/again.rep" && ! cmp -s "$TMP_DIR/stress-1.rep" "$TMP_DIR/stress-2.rep"; then
    pass "a stress seed writes the same trace every time, another seed another trace"
else
    fail "a stress seed writes the same trace every time, another seed another trace"
fi

# What the generator promises, counted over seeds 1 to 6.
coverage=$(awk 'FNR > 4 {
        kinds[$1]++
        if ($1 != "f") {
            size = $3
            if (size == 0) zero[$1]++
            if (size > 131072) huge++
            for (p = 2; p <= 131072; p *= 2)
                if (size == p - 1 || size == p + 1) edge++
        }
    }
    END { printf "a=%d r=%d f=%d malloc0=%d realloc0=%d edge=%d huge=%d",
          kinds["a"], kinds["r"], kinds["f"], zero["a"], zero["r"], edge, huge }' \
    "$TMP_DIR"/stress-*.rep)
if awk -v c="$coverage" 'BEGIN { n = split(c, kv, /[ =]/); for (i = 2; i <= n; i += 2) if (kv[i] + 0 < 1) exit 1 }'; then
    pass "the stress traces have malloc, realloc, free, malloc(0), realloc to 0, sizes next to a power of two and blocks past 128 KiB ($coverage)"
else
    fail "the stress traces have malloc, realloc, free, malloc(0), realloc to 0, sizes next to a power of two and blocks past 128 KiB" "$coverage"
fi

# The burst that frees half the live blocks at once (gen_stress): a run
# of consecutive frees of at least half the blocks live before it, and
# of at least 8 (a few ordinary frees in a row at a small live count
# would do), but not all of them (a burst is half, not the heap emptied),
# and not the frees that close the trace (they free everything). A
# realloc to 0 leaves its id live, as the generator counts it.
bursts=$(awk 'FNR == 1 { run = 0; split("", live); n = 0 } # a run still open is the closing frees
    function close_run() { if (run >= 8 && 2 * run >= before && n > 0) found++ }
    FNR > 4 && $1 == "f" { if (!run) before = n; run++; delete live[$2]; n--; next }
    FNR > 4 { if (run) close_run(); run = 0
              if ($1 == "a") { live[$2] = 1; n++ } }
    END { print found + 0 }' "$TMP_DIR"/stress-*.rep)
if [ "$bursts" -ge 1 ]; then
    pass "the stress traces have bursts that free half the live blocks at once ($bursts in seeds 1 to 6)"
else
    fail "the stress traces have bursts that free half the live blocks at once" "no run of frees of at least half the live blocks (and 8) that leaves some live"
fi

allocators=$("$BUILD/mdriver" --list | awk '{print $1}')
count=$(echo "$allocators" | wc -l)
for seed in "${seeds[@]}"; do
    run_driver -a all -d 2 --no-timing -v -f "$TMP_DIR/stress-$seed.rep"
    valid=$(printf '%s\n' "$out" | grep -c ': 1/1 traces valid')
    if [ "$status" = 0 ] && [ "$valid" = "$count" ]; then
        pass "stress seed $seed: all $count allocators correct at -d 2"
    else
        fail "stress seed $seed: all $count allocators correct at -d 2" \
            "exit status $status, $valid of $count valid" "$(printf '%s\n' "$out" "$err" | grep -E 'ERROR|valid' | head -5)"
    fi
done

# The loop itself: a broken allocator fails it, naming the seed, and its
# trace stays for the replay; a good one passes.
broken=$BUILD/broken/mdriver-realloc-loses-data
run_binary env STRESS_DRIVER="$broken" STRESS_GENTRACE="$gentrace" STRESS_ALLOCATORS=mm \
    STRESS_DIR="$TMP_DIR/loop" tools/stress.sh 1 2
if [ "$status" = 1 ] && [[ $out == *"seed 1 failed"*"lost data"*"replay: "* ]] &&
    [ -f "$TMP_DIR/loop/stress-1.rep" ]; then
    pass "tools/stress.sh stops at a broken allocator's first failing seed, says why, keeps the trace"
else
    fail "tools/stress.sh stops at a broken allocator's first failing seed, says why, keeps the trace" \
        "status $status" "$(printf '%s\n' "$out" | head -5)"
fi
run_binary env STRESS_DRIVER="$BUILD/mdriver" STRESS_GENTRACE="$gentrace" STRESS_ALLOCATORS=mm \
    STRESS_DIR="$TMP_DIR/loop2" tools/stress.sh 4 1
if [ "$status" = 0 ] && [[ $out == *"seeds 4..4 passed"* ]] && [ -z "$(ls "$TMP_DIR/loop2")" ]; then
    pass "tools/stress.sh passes mm on seed 4 and leaves nothing behind"
else
    fail "tools/stress.sh passes mm on seed 4 and leaves nothing behind" "status $status" "$out"
fi

run_binary env STRESS_DRIVER="$BUILD/mdriver" STRESS_GENTRACE="$gentrace" STRESS_ALLOCATORS=nosuch \
    STRESS_DIR="$TMP_DIR/loop3" tools/stress.sh 1 1
if [ "$status" = 2 ] && [[ $err == *"refused its arguments"*"no allocator named 'nosuch'"* ]] &&
    [[ $out != *"seed 1 failed"* ]]; then
    pass "tools/stress.sh with an unknown allocator is a usage error, not a failed seed"
else
    fail "tools/stress.sh with an unknown allocator is a usage error, not a failed seed" \
        "status $status" "stdout: $out" "stderr: $err"
fi

# The arguments are decimal: 010 seeds are ten (bash arithmetic read it
# as octal 8), seed 08 is 8 (bash refused it), and a count of 0 is a
# usage error (it ran nothing and said "seeds 5..4 passed"). A stand-in
# driver that logs its trace and passes keeps these quick: the loop is
# under test, not the allocators.
printf '%s\n' '#!/usr/bin/env bash' 'for arg; do case $arg in *.rep) echo "${arg##*/}" >>"$STRESS_LOG";; esac; done' \
    >"$TMP_DIR/passing-driver"
chmod +x "$TMP_DIR/passing-driver"
# stress_args ARGS...: tools/stress.sh ARGS with the stand-in driver
# (not under valgrind: no program of the project's but gentrace runs);
# $out, $err, $status as run_binary's, and $ran the traces it was given.
stress_args() {
    rm -f "$TMP_DIR/ran.log"
    status=0
    STRESS_DRIVER="$TMP_DIR/passing-driver" STRESS_GENTRACE="$gentrace" STRESS_LOG="$TMP_DIR/ran.log" \
        STRESS_DIR="$TMP_DIR/args" tools/stress.sh "$@" >"$TMP_DIR/out" 2>"$TMP_DIR/err" || status=$?
    out=$(cat "$TMP_DIR/out")
    err=$(cat "$TMP_DIR/err")
    ran=$(cat "$TMP_DIR/ran.log" 2>/dev/null | tr '\n' ' ')
}
stress_args 1 010
if [ "$status" = 0 ] && [[ $out == *"seeds 1..10 passed"* ]] &&
    [ "$ran" = "$(printf 'stress-%d.rep ' $(seq 1 10))" ]; then
    pass "tools/stress.sh 1 010 runs ten seeds, 1 to 10 (010 is decimal)"
else
    fail "tools/stress.sh 1 010 runs ten seeds, 1 to 10 (010 is decimal)" "status $status, ran: $ran" "stdout: $out" "stderr: $err"
fi
stress_args 08 1
if [ "$status" = 0 ] && [[ $out == *"seeds 8..8 passed"* ]] && [ "$ran" = "stress-8.rep " ]; then
    pass "tools/stress.sh 08 1 runs seed 8"
else
    fail "tools/stress.sh 08 1 runs seed 8" "status $status, ran: $ran" "stdout: $out" "stderr: $err"
fi
stress_args 5 0
if [ "$status" = 2 ] && [[ $err == *"SEEDS must be"*"'0'"* ]] && [ -z "$ran" ] && [[ $out != *passed* ]]; then
    pass "tools/stress.sh 5 0 is a usage error naming SEEDS, not a pass of no seed"
else
    fail "tools/stress.sh 5 0 is a usage error naming SEEDS, not a pass of no seed" "status $status, ran: $ran" "stdout: $out" "stderr: $err"
fi
stress_args 1x 2
if [ "$status" = 2 ] && [[ $err == *"FIRST_SEED must be"*"'1x'"* ]] && [ -z "$ran" ]; then
    pass "tools/stress.sh 1x 2 is a usage error naming FIRST_SEED and its value"
else
    fail "tools/stress.sh 1x 2 is a usage error naming FIRST_SEED and its value" "status $status, ran: $ran" "stderr: $err"
fi
stress_args 4294967295 2
if [ "$status" = 2 ] && [[ $err == *"4294967295..4294967296"* ]] && [ -z "$ran" ]; then
    pass "tools/stress.sh refuses seeds past gentrace's largest (4294967295) before running any"
else
    fail "tools/stress.sh refuses seeds past gentrace's largest (4294967295) before running any" "status $status, ran: $ran" "stderr: $err"
fi
stress_args 1 ''
if [ "$status" = 2 ] && [[ $err == *"SEEDS must be"*"got ''"* ]] && [ -z "$ran" ]; then
    pass "tools/stress.sh 1 '' is a usage error (an empty SEEDS ran the default 100)"
else
    fail "tools/stress.sh 1 '' is a usage error (an empty SEEDS ran the default 100)" "status $status, ran: $ran" "stderr: $err"
fi
# A setting that names no program, a generator that fails, a folder that
# cannot be made: each said, naming it, with status 2 (they were exit 1,
# a failed seed's, with no word or mkdir's alone).
# stress_setup DESC WANT SETTING=VALUE: tools/stress.sh 1 1 with it.
stress_setup() {
    status=0
    env STRESS_DRIVER="$TMP_DIR/passing-driver" STRESS_GENTRACE="$gentrace" STRESS_DIR="$TMP_DIR/args" \
        "$3" tools/stress.sh 1 1 >"$TMP_DIR/out" 2>"$TMP_DIR/err" || status=$?
    err=$(cat "$TMP_DIR/err")
    if [ "$status" = 2 ] && [[ $err == *"$2"* ]]; then pass "$1"; else
        fail "$1" "status $status" "stderr: $err"
    fi
}
stress_setup "STRESS_DRIVER naming no program: said, naming it" \
    "stress: no driver at $TMP_DIR/nowhere (STRESS_DRIVER)" STRESS_DRIVER="$TMP_DIR/nowhere"
stress_setup "STRESS_GENTRACE failing: said, with its status" \
    "stress: /bin/false stress 1 " STRESS_GENTRACE=/bin/false
touch "$TMP_DIR/a-file"
stress_setup "STRESS_DIR naming a file: said, naming it" \
    "stress: cannot make the folder $TMP_DIR/a-file (STRESS_DIR)" STRESS_DIR="$TMP_DIR/a-file"
stress_args 1 1 2
if [ "$status" = 2 ] && [[ $err == *"at most two arguments, got 3: 1 1 2"* ]] && [ -z "$ran" ]; then
    pass "tools/stress.sh 1 1 2 is a usage error (the third argument was ignored)"
else
    fail "tools/stress.sh 1 1 2 is a usage error (the third argument was ignored)" "status $status, ran: $ran" "stderr: $err"
fi
# Paths in the environment are relative to the caller, not to the
# project's folder the script runs in (the driver was said missing).
status=0
project=$PWD
absolute_gentrace=$(cd "$(dirname "$gentrace")" && pwd)/$(basename "$gentrace")
rm -f "$TMP_DIR/ran.log"
(cd "$TMP_DIR" && STRESS_DRIVER=passing-driver STRESS_GENTRACE="$absolute_gentrace" \
    STRESS_LOG="$TMP_DIR/ran.log" STRESS_DIR=relative "$project/tools/stress.sh" 3 1) >"$TMP_DIR/out" 2>"$TMP_DIR/err" || status=$?
if [ "$status" = 0 ] && [ "$(cat "$TMP_DIR/ran.log" 2>/dev/null)" = stress-3.rep ] && [ -d "$TMP_DIR/relative" ]; then
    pass "tools/stress.sh takes STRESS_DRIVER and STRESS_DIR relative to where it is run"
else
    fail "tools/stress.sh takes STRESS_DRIVER and STRESS_DIR relative to where it is run" "status $status" \
        "$(cat "$TMP_DIR/out" "$TMP_DIR/err")"
fi
# make stress gives STRESS_ALLOCATORS to the script as one word: "mm
# seed" ran a command named seed ("/bin/sh: seed: not found"), where the
# driver's own refusal of the name is what helps. Not remaking the
# driver or gentrace (-o): those under test are $BUILD's.
status=0
make -s --no-print-directory BUILD="$BUILD" -o "$BUILD/mdriver" -o "$BUILD/gentrace" stress \
    STRESS_ALLOCATORS="mm seed" STRESS_SEEDS=1 >"$TMP_DIR/out" 2>&1 || status=$?
if [ "$status" = 2 ] && grep -qF "no allocator named 'mm seed'" "$TMP_DIR/out" && ! grep -q "not found" "$TMP_DIR/out"; then
    pass "make stress STRESS_ALLOCATORS='mm seed': the driver refuses the name, no command named seed runs"
else
    fail "make stress STRESS_ALLOCATORS='mm seed': the driver refuses the name, no command named seed runs" \
        "status $status" "$(cat "$TMP_DIR/out")"
fi

run_binary "$gentrace" stress -1 "$TMP_DIR/x.rep"
if [ "$status" = 2 ] && [[ $err == *"SEED must be a whole number"*"'-1'"* ]]; then
    pass "a stress seed that is not a number is refused, naming it"
else
    fail "a stress seed that is not a number is refused, naming it" "status $status, stderr: $err"
fi

plan "$TEST_NUMBER"
done_testing
