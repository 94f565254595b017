#!/usr/bin/env bash
# tools/record, the malloc recorder: a program with known calls
# (tests/record/program.c) is recorded op for op, threads and a forked
# child do not break the order, the program's exit status passes
# through, _exit, quick_exit and exec end the log (an exec that fails
# does not, nor does one in a vfork child), _exit from a signal handler
# in the middle of a call does not hang, a cancelled thread or a
# program that closes the log's descriptor neither hangs nor loses the
# log, a real program's trace replays on every allocator, and what
# cannot be recorded (env -i clearing the recorder's settings) is said.
# Under VALGRIND=1 only log2rep runs under valgrind (the recorded
# programs run natively: valgrind replaces malloc).
source "$(dirname "$0")/lib.sh"
cd "$(dirname "$0")/.." || exit 1

export RECORD_BUILD=$BUILD
program=$BUILD/recorder/program
log2rep=$BUILD/recorder/log2rep
valgrind=()
[ "${VALGRIND:-0}" = 1 ] && valgrind=(valgrind -q --error-exitcode=99 --leak-check=full)

# record OUT ARGS...: tools/record -o OUT ARGS..., capturing as run_binary does.
record() {
    local trace=$1
    shift
    status=0
    tools/record -o "$trace" -- "$@" >"$TMP_DIR/out" 2>"$TMP_DIR/err" || status=$?
    out=$(cat "$TMP_DIR/out")
    err=$(cat "$TMP_DIR/err")
}

plan 57

# ---- an exec before the recorder's constructor has run -------------------

# A library's constructor that execs runs before the preloaded recorder's
# own (tests/record/exec-early.c): its exec must still reach the C
# library, though nothing is being recorded.
status=0
EXEC_EARLY=1 LD_PRELOAD="$BUILD/recorder/libmalloc-record.so" "$BUILD/recorder/exec-early" \
    >"$TMP_DIR/out" 2>"$TMP_DIR/err" || status=$?
if [ "$status" = 0 ] && [ "$(cat "$TMP_DIR/out")" = exec-early-ran ]; then
    pass "an exec in a library's constructor, before the recorder's has run, runs the program"
else
    fail "an exec in a library's constructor, before the recorder's has run, runs the program" \
        "status $status, stdout: $(cat "$TMP_DIR/out")" "stderr: $(cat "$TMP_DIR/err")"
fi

# ---- a program whose calls are known --------------------------------------

record "$TMP_DIR/known.rep" "$program"
expect_status "recording the test program exits with its status, 0" 0
if cmp -s "$TMP_DIR/known.rep" tests/record/expected.rep; then
    pass "every call is in the trace, in order, with ids reused (tests/record/expected.rep)"
else
    fail "every call is in the trace, in order, with ids reused (tests/record/expected.rep)" \
        "$(diff tests/record/expected.rep "$TMP_DIR/known.rep" | head -8)"
fi
expect_text "the summary counts the ops and the calls (on stderr)" stderr \
    "13 ops on 3 ids, peak payload 255 bytes, from 13 calls (4 malloc/calloc, 1 aligned, 4 realloc, 4 free)"
expect_text "an aligned allocation is said to be a plain malloc in the trace" stderr \
    "1 aligned allocations are plain mallocs in the trace"

record "$TMP_DIR/threads.rep" "$program" threads
expect_status "4 threads: recorded, exit 0" 0
frees=$(grep -c '^f ' "$TMP_DIR/threads.rep")
if [ "$frees" -ge 8004 ]; then pass "4 threads: their 8000 frees are in the trace ($frees frees)"; else
    fail "4 threads: their 8000 frees are in the trace" "$frees frees"
fi
run_driver -a all --no-timing -d 2 -f "$TMP_DIR/threads.rep"
expect_status "4 threads: the trace replays on every allocator at -d 2 (the order of frees and reuses held)" 0

# Ctrl-C and timeout(1) signal the whole process group: tools/record
# died with the program, and its exit took the log with it, so a
# recording stopped that way (as a long one often is) wrote nothing. It
# writes the trace of what the program did, and ends by the signal.
for signal in TERM INT; do
    stopped_status=0
    timeout -s "$signal" 2 tools/record -o "$TMP_DIR/stopped.rep" -- "$program" churn-slowly \
        >"$TMP_DIR/stopped.out" 2>"$TMP_DIR/stopped.err" || stopped_status=$?
    run_driver -a mm --no-timing -f "$TMP_DIR/stopped.rep"
    if [ "$stopped_status" = 124 ] && grep -q "interrupted (SIG$signal) while" "$TMP_DIR/stopped.err" &&
        printf '%s\n' "$out" | grep -q '^mm: 1/1 traces valid'; then
        pass "SIG$signal to the process group (timeout -s $signal): the trace is written, and replays"
    else
        fail "SIG$signal to the process group (timeout -s $signal): the trace is written, and replays" \
            "status $stopped_status" "$(tail -3 "$TMP_DIR/stopped.err")" "$out"
    fi
    rm -f "$TMP_DIR/stopped.rep"
done

# A relative TMPDIR named the log relative to wherever the program was
# when it opened it: after a cd, the program recorded was not the one
# run (the log of the exec'd program went to the new folder, and stayed).
mkdir -p "$TMP_DIR/relative/sub"
absolute_program=$PWD/$program
status=0
(cd "$TMP_DIR/relative" && TMPDIR=. "$OLDPWD/tools/record" -o "$TMP_DIR/relative.rep" -- \
    sh -c 'cd sub && exec "$0"' "$absolute_program") >"$TMP_DIR/out" 2>"$TMP_DIR/err" || status=$?
if [ "$status" = 0 ] && cmp -s "$TMP_DIR/relative.rep" tests/record/expected.rep &&
    [ -z "$(ls -A "$TMP_DIR/relative/sub")" ]; then
    pass "a relative TMPDIR, and a program that changes folder before the exec: the program's own calls"
else
    fail "a relative TMPDIR, and a program that changes folder before the exec: the program's own calls" \
        "status $status" "$(tail -3 "$TMP_DIR/err")" "left in sub: $(ls -A "$TMP_DIR/relative/sub")"
fi

# bash gives exit(137) and SIGKILL the same status: not said to be a kill.
record "$TMP_DIR/exit137.rep" "$program" exit137
expect_status "exit(137): the status passes through" 137
expect_text "exit(137): said to be a kill or an exit with that status" stderr \
    "ended with status 137 (killed by signal 9, or an exit with that status)"

# Forks beside threads busy with stdio: the recorder took its lock in a
# fork handler, before fork takes stdio's list lock, while a thread in
# fflush(NULL) held that and waited, through a file's lock, for a thread
# in malloc waiting for the recorder's lock: the program hung (it runs
# in about 3 s alone).
status=0
timeout 120 tools/record -o "$TMP_DIR/fork-stdio.rep" -- "$program" fork-stdio \
    >"$TMP_DIR/out" 2>"$TMP_DIR/err" || status=$?
if [ "$status" = 0 ] && [ "$(cat "$TMP_DIR/out")" = done ]; then
    pass "forks beside threads using stdio: recorded to the end, no hang"
else
    fail "forks beside threads using stdio: recorded to the end, no hang" "status $status (124: hung)" \
        "$(tail -3 "$TMP_DIR/err")"
fi

record "$TMP_DIR/fork.rep" "$program" fork
if [ "$status" = 0 ] && [ "$(head -n -1 "$TMP_DIR/fork.rep" | tail -n +5)" = "$(tail -n +5 tests/record/expected.rep)" ] &&
    [ "$(tail -1 "$TMP_DIR/fork.rep")" = "a 2 5" ]; then
    pass "fork: the child's calls are not recorded, the parent's after the fork are"
else
    fail "fork: the child's calls are not recorded, the parent's after the fork are" "status $status" \
        "$(tail -3 "$TMP_DIR/fork.rep")"
fi

record "$TMP_DIR/exit3.rep" "$program" exit3
expect_status "a program's exit status passes through (3)" 3
expect_text "a failed program is said, and its trace kept" stderr "exited with status 3; the trace holds its calls up to then"
if cmp -s "$TMP_DIR/exit3.rep" tests/record/expected.rep; then pass "exit(3) still ends the log whole"; else
    fail "exit(3) still ends the log whole" "$(diff tests/record/expected.rep "$TMP_DIR/exit3.rep" | head -4)"
fi

# ends_with MODE STATUS DESC: the program in MODE, recorded, ends with
# STATUS within 20 s (124: it hung).
ends_with() {
    status=0
    timeout 20 tools/record -o "$TMP_DIR/$1.rep" -- "$program" "$1" \
        >"$TMP_DIR/out" 2>"$TMP_DIR/err" || status=$?
    if [ "$status" = "$2" ]; then pass "$3"; else
        fail "$3" "status $status (124: still running after 20 s)" "$(cat "$TMP_DIR/err")"
    fi
}
# A timer's signal handler calls _exit(7), most likely while the program
# is inside malloc or free, with the recorder's lock held: the recorder
# must not wait for that lock to end the log (it hung there).
ends_with alarm-exit7 7 "a signal handler's _exit inside a call ends the program with its status (7), no hang"
# The same with exit(8), whose atexit function calls malloc and free:
# calls made while the thread holds the lock pass through, unrecorded.
ends_with alarm-exit8 8 \
    "a signal handler's exit inside a call, an atexit function that allocates: status 8, no hang"

record "$TMP_DIR/abort.rep" "$program" abort
expect_status "an aborted program's status passes through (134)" 134
expect_text "a log with no end is said" stderr "the log has no end: the program did not exit normally"

record "$TMP_DIR/_exit5.rep" "$program" _exit5
expect_status "_exit's status passes through (5)" 5
if cmp -s "$TMP_DIR/_exit5.rep" tests/record/expected.rep; then
    pass "_exit (no destructors run) still ends the log whole"
else
    fail "_exit (no destructors run) still ends the log whole" \
        "$(diff tests/record/expected.rep "$TMP_DIR/_exit5.rep" | head -4)" "$err"
fi

record "$TMP_DIR/_Fork.rep" "$program" _Fork
if [ "$status" = 0 ] && [ "$(head -n -1 "$TMP_DIR/_Fork.rep" | tail -n +5)" = "$(tail -n +5 tests/record/expected.rep)" ] &&
    [ "$(tail -1 "$TMP_DIR/_Fork.rep")" = "a 2 5" ]; then
    pass "_Fork (no fork handlers): the child writes nothing into the log, the parent goes on"
else
    fail "_Fork (no fork handlers): the child writes nothing into the log, the parent goes on" \
        "status $status" "$err"
fi

# A thread cancelled while the recorder writes its log must not leave the
# recorder's lock held: the program would wait for it forever.
status=0
timeout 60 tools/record -o "$TMP_DIR/cancel.rep" -- "$program" cancel >"$TMP_DIR/out" 2>"$TMP_DIR/err" || status=$?
ops=$(sed -n 3p "$TMP_DIR/cancel.rep" 2>/dev/null)
if [ "$status" = 0 ] && [ "${ops:-0}" -gt 100000 ]; then
    pass "a thread cancelled in the middle of its calls: the program goes on and ends ($ops ops)"
else
    fail "a thread cancelled in the middle of its calls: the program goes on and ends" \
        "status $status (124: hung)" "$(head -3 "$TMP_DIR/err")"
fi

# The program closes every descriptor from 3 up, the log's included, and
# opens a file of its own, on the log's old number: the events must not
# go into it, and none may be lost.
record "$TMP_DIR/closefds.rep" "$program" closefds "$TMP_DIR/report.txt"
if [ "$status" = 0 ] && [ "$(cat "$TMP_DIR/report.txt")" = "report line" ]; then
    pass "a program that closes and reuses the log's descriptor keeps its file to itself"
else
    fail "a program that closes and reuses the log's descriptor keeps its file to itself" \
        "status $status, $(wc -c <"$TMP_DIR/report.txt") bytes in its file" "$(head -3 "$TMP_DIR/err")"
fi
frees=$(grep -c '^f ' "$TMP_DIR/closefds.rep" || true)
if [ "$frees" -ge 3004 ] && ! grep -q "no end" "$TMP_DIR/err"; then
    pass "... and its calls are all in the trace, the log ended ($frees frees)"
else
    fail "... and its calls are all in the trace, the log ended" "$frees frees" "$err"
fi

# Programs that end without exit: the recorder's buffer (up to 2048
# calls) must be written before the process goes, and the log ended.
# whole_trace MODE STATUS DESC: the program in MODE (the known calls and
# 3000 malloc/free pairs, then its way out) ends with STATUS within 20 s,
# and every one of its frees is in the trace, and the log has an end.
whole_trace() {
    status=0
    timeout 20 tools/record -o "$TMP_DIR/$1.rep" -- "$program" "$1" >"$TMP_DIR/out" 2>"$TMP_DIR/err" || status=$?
    err=$(cat "$TMP_DIR/err")
    local frees
    frees=$(grep -c '^f ' "$TMP_DIR/$1.rep" 2>/dev/null || true)
    if [ "$status" = "$2" ] && [ "${frees:-0}" -ge 3004 ] && [[ $err != *"no end"* ]]; then
        pass "$3 ($frees frees)"
    else
        fail "$3" "status $status (124: hung), ${frees:-0} frees (3004 or more wanted)" "$err"
    fi
}
whole_trace exec-true 0 "a program that runs another with exec (execlp true): all its calls are in the trace"
expect_text "... and the exec is said" stderr "the program ran another with exec"
whole_trace exec-fails 0 "an exec that fails: the program's calls before and after it are in the trace"
if [ "$(tail -1 "$TMP_DIR/exec-fails.rep")" = "a 2 5" ]; then
    pass "... the malloc after the failed exec last"
else
    fail "... the malloc after the failed exec last" "last line: $(tail -1 "$TMP_DIR/exec-fails.rep")"
fi
whole_trace quick_exit 6 "quick_exit(6) (glibc's own _exit, no destructors): status 6, all calls in the trace"
# A vfork'ed child shares the recorder's memory: its exec must neither
# write the parent's log nor take the lock the parent then waits for.
status=0
timeout 20 tools/record -o "$TMP_DIR/vfork.rep" -- "$program" vfork >"$TMP_DIR/out" 2>"$TMP_DIR/err" || status=$?
if [ "$status" = 0 ] && [ "$(head -n -1 "$TMP_DIR/vfork.rep" | tail -n +5)" = "$(tail -n +5 tests/record/expected.rep)" ] &&
    [ "$(tail -1 "$TMP_DIR/vfork.rep")" = "a 2 5" ] && ! grep -q "no end" "$TMP_DIR/err"; then
    pass "vfork, then exec in the child: the parent's calls alone, no hang"
else
    fail "vfork, then exec in the child: the parent's calls alone, no hang" "status $status (124: hung)" \
        "$(cat "$TMP_DIR/err")"
fi

# ---- a real program ---------------------------------------------------------

record "$TMP_DIR/bash.rep" bash -c 'a=(); for i in $(seq 1 500); do a+=("item $i"); s="$s$i"; done; echo "${#a[@]}"'
ops=$(sed -n 3p "$TMP_DIR/bash.rep")
if [ "$status" = 0 ] && [ "$out" = 500 ] && [ "${ops:-0}" -gt 5000 ]; then
    pass "bash is recorded and runs as usual, its output alone on stdout ($ops ops)"
else
    fail "bash is recorded and runs as usual" "status $status, ${ops:-no} ops" "$(head -2 "$TMP_DIR/err")"
fi
run_driver -a all --no-timing -f "$TMP_DIR/bash.rep"
expect_status "bash's trace replays on every allocator" 0

# The shipped recordings (traces/recorded/) replay on every allocator:
# under valgrind, minutes, so only the smallest there.
shipped=(traces/recorded/*.rep)
[ "${VALGRIND:-0}" = 1 ] && shipped=(traces/recorded/python.rep)
run_driver -a all --no-timing $(printf -- '-f %s ' "${shipped[@]}")
expect_status "every allocator replays the shipped recordings (under valgrind python.rep only): ${shipped[*]}" 0

# ---- what cannot be recorded ----------------------------------------------

record "$TMP_DIR/none.rep"
expect_status "no command is a usage error" 2
record "$TMP_DIR/none.rep" no-such-command-here
expect_status "a command that does not exist: 127" 127
expect_text "... and it is named" stderr "no-such-command-here: command not found"
record "$TMP_DIR/none.rep" cd /tmp
expect_status "a shell builtin, which cannot be recorded: 127" 127
expect_text "... and it is said" stderr "cd: command not found (not a program; a shell builtin cannot be recorded)"
# A path to something that is not a program says what it is (it was
# "command not found").
mkdir -p "$TMP_DIR/a-folder"
record "$TMP_DIR/none.rep" "$TMP_DIR/a-folder"
expect_text "a folder given as the program is said to be a folder" stderr \
    "tools/record: $TMP_DIR/a-folder: is a folder, not a program"
printf '#!/bin/sh\n' >"$TMP_DIR/not-executable"
record "$TMP_DIR/none.rep" "$TMP_DIR/not-executable"
expect_text "a file without x permission: said to be not executable" stderr \
    "tools/record: $TMP_DIR/not-executable: cannot be run: it is not executable (no x permission)"
# env -i clears the recorder's variables, then runs ls with exec: ls
# cannot be recorded, and env's own calls are not the program wanted.
rm -f "$TMP_DIR/cleared.rep"
record "$TMP_DIR/cleared.rep" env -i ls /
if [ "$status" != 0 ] && [[ $err == *"no trace written"* ]] && [ ! -e "$TMP_DIR/cleared.rep" ]; then
    pass "a program that clears its environment and runs another with exec (env -i ls): said, no trace, status $status"
else
    fail "a program that clears its environment and runs another with exec (env -i ls): said, no trace, exit non-zero" \
        "status $status; $(ls "$TMP_DIR/cleared.rep" 2>&1)" "$err"
fi
# Where the trace goes is checked before the program runs: a recording
# is not always cheap to repeat.
record "$TMP_DIR/no-such-dir/x.rep" touch "$TMP_DIR/ran"
expect_status "an output that cannot be written is a usage error" 2
# (It said "is not a writable folder" of a folder that does not exist.)
expect_text "... naming the file and the folder, which does not exist" stderr \
    "no-such-dir/x.rep: cannot create it: there is no folder $TMP_DIR/no-such-dir"
if [ -e "$TMP_DIR/ran" ]; then fail "... found before the program runs (it did run)"
else pass "... found before the program runs"; fi
# An empty name (-o "$unset_variable") passed every check of a folder,
# and the recording, once made, could not be put in place.
record "" touch "$TMP_DIR/ran"
expect_status "an empty output name is a usage error" 2
expect_text "... said as such" stderr "tools/record: -o needs a file name, not an empty one"
if [ -e "$TMP_DIR/ran" ]; then fail "... before the program runs (it did run)"
else pass "... before the program runs"; fi

# ---- log2rep on its own ---------------------------------------------------

# run_log2rep LOG REP: log2rep (under valgrind if asked), its status in
# $status, what it printed in $TMP_DIR/out and $TMP_DIR/err.
run_log2rep() {
    status=0
    "${valgrind[@]}" "$log2rep" "$1" "$2" >"$TMP_DIR/out" 2>"$TMP_DIR/err" || status=$?
}

# expect_log2rep_refuses DESC LOG MESSAGE: log2rep exits 1 on LOG,
# saying MESSAGE.
expect_log2rep_refuses() {
    run_log2rep "$2" "$TMP_DIR/refused.rep"
    if [ "$status" = 1 ] && grep -q -- "$3" "$TMP_DIR/err"; then pass "$1"; else
        fail "$1" "status $status" "$(cat "$TMP_DIR/err")"
    fi
}

printf 'not a log at all, just text\n' >"$TMP_DIR/text.log"
expect_log2rep_refuses "log2rep refuses a file that is not a log, naming it" \
    "$TMP_DIR/text.log" "text.log: not a malloc recorder log"
# A folder cannot be read: said so, not taken for a log of the wrong kind.
mkdir "$TMP_DIR/folder.log"
expect_log2rep_refuses "log2rep given a folder says it cannot read it" \
    "$TMP_DIR/folder.log" "folder.log: cannot read: Is a directory"
# A recorder's header, then one event of kind 99: the message names the
# file (it said only "event 1 has an unknown kind").
{ printf 'mlrec1\0\0\1\0\0\0\0\0\0\0'; printf '\143\0\0\0'; head -c 28 /dev/zero; } >"$TMP_DIR/kind.log"
expect_log2rep_refuses "log2rep refuses an event of unknown kind, naming the file" \
    "$TMP_DIR/kind.log" "kind.log: event 1 has an unknown kind 99"
# A real log, made by the recorder (the process named is the inner
# shell's, which exec keeps for env and then the program), then cut in
# the middle of an event.
MALLOC_RECORD_LOG=$TMP_DIR/known.log bash -c "exec env LD_PRELOAD=$BUILD/recorder/libmalloc-record.so MALLOC_RECORD_PID=\$\$ $program"
head -c $((16 + 5 * 32 + 7)) "$TMP_DIR/known.log" >"$TMP_DIR/cut.log"
run_log2rep "$TMP_DIR/cut.log" "$TMP_DIR/cut.rep"
if [ "$status" = 0 ] && grep -q "the last event is cut short (7 of 32 bytes)" "$TMP_DIR/err" &&
    [ "$(tail -n +5 "$TMP_DIR/cut.rep")" = "$(sed -n 5,9p tests/record/expected.rep)" ]; then
    pass "log2rep keeps the whole events of a log cut short, and says so"
else
    fail "log2rep keeps the whole events of a log cut short, and says so" "status $status" "$(cat "$TMP_DIR/err")"
fi
status=0
"${valgrind[@]}" "$log2rep" "$TMP_DIR/known.log" "$TMP_DIR/again.rep" >/dev/null 2>&1 || status=$?
if [ "$status" = 0 ] && cmp -s "$TMP_DIR/again.rep" tests/record/expected.rep; then
    pass "log2rep on the whole log gives the expected trace"
else
    fail "log2rep on the whole log gives the expected trace" "status $status"
fi
# A write that fails (here a file size limit of 0) leaves an old trace
# as it was, and no half-written one beside it.
echo "the old trace" >"$TMP_DIR/kept.rep"
# (Its messages go through a pipe, which the size limit does not cover.)
status=0
err=$( (trap '' XFSZ; ulimit -f 0; "$log2rep" "$TMP_DIR/known.log" "$TMP_DIR/kept.rep") 2>&1 >/dev/null) || status=$?
if [ "$status" = 1 ] && [[ $err == *"kept.rep: write error"* ]] &&
    [ "$(cat "$TMP_DIR/kept.rep")" = "the old trace" ] && [ ! -e "$TMP_DIR/kept.rep.partial" ]; then
    pass "log2rep: a failed write keeps the old trace and leaves no partial file"
else
    fail "log2rep: a failed write keeps the old trace and leaves no partial file" "status $status" \
        "$err" "$(ls "$TMP_DIR")"
fi

done_testing
