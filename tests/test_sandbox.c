/*
 * test_sandbox.c - the sandbox tells each way a job can end apart, copies
 * the child's results back only through the shared page, ends and counts
 * the processes a job leaves running, and says why a child could not
 * start even after errno has moved on.
 */
#define _GNU_SOURCE /* kill, setsid, MAP_ANONYMOUS, sigabbrev_np */
#include "driver/sandbox.h"
#include "tests/tap.h"

#include <errno.h>
#include <stdio.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

static void job_writes_answer(void *context, void *shared)
{
    (void)context;
    *(int *)shared = 42;
}

static void job_crashes(void *context, void *shared)
{
    (void)context;
    (void)shared;
    raise(SIGSEGV);
}

static void job_exits(void *context, void *shared)
{
    (void)context;
    *(int *)shared = 42; /* written, but must not count: the job never returned */
    exit(7);
}

static void job_hangs(void *context, void *shared)
{
    (void)context;
    (void)shared;
    for (;;)
        sleep(1);
}

/* Says "my job returned" on every descriptor it may have (the byte the
 * sandbox waits for), closes them, and hangs. */
static void job_fakes_its_end(void *context, void *shared)
{
    (void)context;
    (void)shared;
    for (int fd = 3; fd < 64; fd++) {
        if (write(fd, "J", 1) == 1)
            close(fd);
    }
    for (;;)
        sleep(1);
}

/* Starts a process that inherits the result pipe and outlives the job
 * by 3 s (as an allocator's fork might), then returns. */
static void job_leaves_a_process(void *context, void *shared)
{
    (void)context;
    if (fork() == 0) {
        sleep(3);
        _exit(0);
    }
    *(int *)shared = 42;
}

/* The same, but the job crashes instead of returning. */
static void job_crashes_leaving_a_process(void *context, void *shared)
{
    (void)context;
    (void)shared;
    if (fork() == 0) {
        sleep(3);
        _exit(0);
    }
    raise(SIGSEGV);
}

/* Starts a process that leaves the process group (as escapes.c in
 * tests/broken/ does) and whose parent then ends: an orphan the sandbox
 * must still find and end. Its pid goes to context, a page shared with
 * the test (the job's own results are not shared without isolation). */
static void job_leaves_an_orphan(void *context, void *shared)
{
    (void)shared;
    pid_t middle = fork();
    if (middle == 0) {
        pid_t orphan = fork();
        if (orphan == 0) {
            setsid();
            sleep(30);
            _exit(0);
        }
        *(volatile pid_t *)context = orphan;
        _exit(0);
    }
    while (middle > 0 && waitpid(middle, NULL, 0) < 0)
        continue;
}

/* Where the job stands, for the test: its process group, and whether it
 * ignores SIGTTOU (a background group writing to a `stty tostop`
 * terminal is stopped by it otherwise). */
static void job_tells_its_setup(void *context, void *shared)
{
    (void)context;
    struct sigaction ttou;
    sigaction(SIGTTOU, NULL, &ttou);
    ((int *)shared)[0] = getpgrp() == getpid() && ttou.sa_handler == SIG_IGN ? 42 : 0;
}

/* Stops its own process group, as kill(0, SIGSTOP) in an allocator. */
static void job_stops_its_group(void *context, void *shared)
{
    (void)context;
    (void)shared;
    kill(0, SIGSTOP);
}

/* Ends its own process group. */
static void job_terminates_its_group(void *context, void *shared)
{
    (void)context;
    (void)shared;
    kill(0, SIGTERM);
}

/* Signals the process that runs the sandbox (the driver), then returns. */
static void job_signals_its_parent(void *context, void *shared)
{
    kill(getppid(), *(int *)context);
    *(int *)shared = 42;
}

/* True if no process has this pid any more (nor a zombie of it). */
static bool process_is_gone(pid_t pid)
{
    return pid > 0 && kill(pid, 0) != 0 && errno == ESRCH;
}

static const struct sandbox_limits ISOLATED = {.time_limit_secs = 5, .isolate = true};

static pid_t *orphan_pid; /* a page shared with every process below */

static void run(sandbox_job job, const struct sandbox_limits *limits, int *result,
                struct sandbox_report *report, char *description, size_t description_bytes)
{
    *result = -1;
    *orphan_pid = 0;
    sandbox_run(limits, job, orphan_pid, result, sizeof *result, report);
    sandbox_describe(report, limits->time_limit_secs, description, description_bytes);
}

int main(void)
{
    struct sandbox_report report;
    char text[256];
    int result;
    orphan_pid = mmap(NULL, sizeof *orphan_pid, PROT_READ | PROT_WRITE,
                      MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (orphan_pid == MAP_FAILED) {
        printf("Bail out! no shared page for the orphan's pid\n");
        return 2;
    }

    run(job_writes_answer, &ISOLATED, &result, &report, text, sizeof text);
    tap_ok(report.status == SANDBOX_COMPLETED && result == 42 && strcmp(text, "completed") == 0,
           "a job that returns completes, and its result comes back");

    struct sandbox_limits in_process = ISOLATED;
    in_process.isolate = false;
    run(job_writes_answer, &in_process, &result, &report, text, sizeof text);
    tap_ok(report.status == SANDBOX_COMPLETED && result == 42,
           "without isolation the job runs in this process, with the same result");

    run(job_crashes, &ISOLATED, &result, &report, text, sizeof text);
    if (!tap_ok(report.status == SANDBOX_SIGNALLED && report.signal_number == SIGSEGV &&
                    strstr(text, "SIGSEGV") != NULL,
                "a crash is reported as the signal, by name"))
        printf("# got: %s\n", text);

    run(job_exits, &ISOLATED, &result, &report, text, sizeof text);
    if (!tap_ok(report.status == SANDBOX_EXITED && report.exit_code == 7 &&
                    strstr(text, "status 7") != NULL,
                "exit() before the job returns is reported with its status"))
        printf("# got: %s\n", text);

    run(job_leaves_a_process, &ISOLATED, &result, &report, text, sizeof text);
    if (!tap_ok(report.status == SANDBOX_COMPLETED && result == 42 && report.elapsed_secs < 2,
                "a job whose process outlives it completes when it returns, without waiting"))
        printf("# got: %s (after %.2f s)\n", text, report.elapsed_secs);
    if (!tap_ok(report.processes_left == 1 && !report.processes_unended,
                "... and the process it left is ended, and counted"))
        printf("# got: %d left, unended %d\n", report.processes_left, report.processes_unended);

    run(job_crashes_leaving_a_process, &ISOLATED, &result, &report, text, sizeof text);
    if (!tap_ok(report.status == SANDBOX_SIGNALLED && report.signal_number == SIGSEGV &&
                    report.elapsed_secs < 2 && report.processes_left == 1,
                "a crash is reported as the crash, at once, and its process is ended"))
        printf("# got: %s (after %.2f s), %d left\n", text, report.elapsed_secs,
               report.processes_left);

    run(job_leaves_an_orphan, &ISOLATED, &result, &report, text, sizeof text);
    if (!tap_ok(report.orphans_adopted && report.status == SANDBOX_COMPLETED &&
                    report.processes_left == 1 && process_is_gone(*orphan_pid),
                "an orphan that left the process group is adopted, ended and counted"))
        printf("# got: %s, adopted %d, %d left, pid %d gone %d\n", text,
               report.orphans_adopted, report.processes_left, *orphan_pid,
               process_is_gone(*orphan_pid));

    run(job_leaves_an_orphan, &in_process, &result, &report, text, sizeof text);
    if (!tap_ok(report.status == SANDBOX_COMPLETED && report.processes_left == 1 &&
                    process_is_gone(*orphan_pid),
                "... and so it is without isolation"))
        printf("# got: %s, %d left, pid %d gone %d\n", text, report.processes_left, *orphan_pid,
               process_is_gone(*orphan_pid));

    run(job_writes_answer, &ISOLATED, &result, &report, text, sizeof text);
    tap_ok(report.processes_left == 0 && !report.processes_unended,
           "a job that starts no process leaves none");

    struct sandbox_limits short_limit = ISOLATED;
    short_limit.time_limit_secs = 0.3;
    run(job_hangs, &short_limit, &result, &report, text, sizeof text);
    if (!tap_ok(report.status == SANDBOX_TIMED_OUT && strstr(text, "0.3 s") != NULL &&
                    report.elapsed_secs < 4,
                "a hang is killed at the time limit and reported so"))
        printf("# got: %s (after %.2f s)\n", text, report.elapsed_secs);

    run(job_fakes_its_end, &short_limit, &result, &report, text, sizeof text);
    if (!tap_ok(report.status == SANDBOX_TIMED_OUT && report.elapsed_secs < 4,
                "a job that fakes its end (the byte, the pipe closed) and hangs is killed at the "
                "time limit"))
        printf("# got: %s (after %.2f s)\n", text, report.elapsed_secs);

    run(job_tells_its_setup, &ISOLATED, &result, &report, text, sizeof text);
    tap_ok(report.status == SANDBOX_COMPLETED && result == 42,
           "the job leads a process group of its own, and ignores SIGTTOU");

    /* Without a process group of its own, these stopped or ended this
     * test too. No time limit: a stopped job must be found all the same. */
    struct sandbox_limits no_limit = ISOLATED;
    no_limit.time_limit_secs = 0;
    run(job_stops_its_group, &no_limit, &result, &report, text, sizeof text);
    if (!tap_ok(report.status == SANDBOX_STOPPED && report.signal_number == SIGSTOP &&
                    strstr(text, "stopped by signal") != NULL && report.elapsed_secs < 4,
                "a job that stops its group stops only itself, and is reported and killed, "
                "with no time limit"))
        printf("# got: %s (after %.2f s)\n", text, report.elapsed_secs);

    run(job_terminates_its_group, &ISOLATED, &result, &report, text, sizeof text);
    if (!tap_ok(report.status == SANDBOX_SIGNALLED && report.signal_number == SIGTERM,
                "a job that sends its group SIGTERM ends only itself"))
        printf("# got: %s\n", text);

    static const int to_parent[] = {SIGTERM, SIGINT, SIGHUP, SIGUSR1, SIGTSTP, SIGTTOU};
    for (size_t i = 0; i < sizeof to_parent / sizeof to_parent[0]; i++) {
        int number = to_parent[i];
        *orphan_pid = 0;
        result = -1;
        sandbox_run(&ISOLATED, job_signals_its_parent, &number, &result, sizeof result, &report);
        char description[120];
        snprintf(description, sizeof description,
                 "SIG%s that the job sends the sandbox's process is ignored and reported",
                 sigabbrev_np(number));
        if (!tap_ok(report.status == SANDBOX_COMPLETED && result == 42 &&
                        report.driver_signal == number && report.driver_signals == 1,
                    description))
            printf("# got status %d, signal %d (%d of them)\n", (int)report.status,
                   report.driver_signal, report.driver_signals);
    }
    struct sigaction after;
    sigaction(SIGTERM, NULL, &after);
    tap_ok(after.sa_handler == SIG_DFL, "... and SIGTERM is left as it was, after the job");

    /* No system can map half the address space: the shared page fails
     * (ENOMEM natively, EINVAL under valgrind). */
    sandbox_run(&ISOLATED, job_writes_answer, NULL, &result, SIZE_MAX / 2, &report);
    errno = EBADF; /* whatever the caller does next moves errno on */
    sandbox_describe(&report, ISOLATED.time_limit_secs, text, sizeof text);
    if (!tap_ok(report.status == SANDBOX_NOT_STARTED && report.start_errno != 0 &&
                    report.start_errno != EBADF &&
                    strstr(text, strerror(report.start_errno)) != NULL,
                "a child that cannot start is reported with the error that stopped it"))
        printf("# got: %s\n", text);

    return tap_done();
}
