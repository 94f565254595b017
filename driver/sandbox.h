/*
 * sandbox.h - run one job (one trace on one allocator) in a child
 * process, so that a crash, a hang, an exit() or runaway memory in the
 * allocator costs that job only.
 *
 * The child writes its results into a shared page; the parent reads
 * them only if the child exited normally after marking them complete,
 * and does all scoring arithmetic itself. Whatever processes the job
 * starts are ended when it ends, and counted.
 *
 * The child leads a process group of its own, so a kill(0, ...) in the
 * allocator reaches the job's processes only. While it runs, a signal
 * that would end or stop this process is ignored if the job's processes
 * sent it (and reported), and otherwise has its usual effect once the
 * job's processes are ended (or stopped along with this one).
 */
#ifndef DRIVER_SANDBOX_H
#define DRIVER_SANDBOX_H

#include <stdbool.h>
#include <stddef.h>

struct sandbox_limits {
    double time_limit_secs;      /* 0: none */
    size_t address_space_slack;  /* bytes the child may map beyond what it
                                    has at the start; 0: no limit */
    bool isolate;                /* false: run the job in this process */
};

enum sandbox_status {
    SANDBOX_COMPLETED,  /* the job returned (the child said so) and it exited 0 */
    SANDBOX_SIGNALLED,  /* killed by a signal (segfault, abort, ...) */
    SANDBOX_TIMED_OUT,  /* killed after the time limit */
    SANDBOX_EXITED,     /* exited before the job finished (exit() in the allocator) */
    SANDBOX_STOPPED,    /* stopped by a signal (kill(0, SIGSTOP) in the allocator),
                           and killed: it would never have gone on */
    SANDBOX_NOT_STARTED /* mmap, pipe or fork failed */
};

struct sandbox_report {
    enum sandbox_status status;
    int signal_number;
    int exit_code;
    double elapsed_secs;
    int start_errno; /* SANDBOX_NOT_STARTED: errno of the mmap, pipe or fork
                        that failed (errno itself is clobbered by cleanup) */
    int processes_left;     /* processes the job started that were still
                               running after it, all killed since */
    bool processes_unended; /* some are running still: /proc could not
                               list them (not this PID namespace's) */
    bool orphans_adopted;   /* this process adopts orphans below it (a
                               subreaper), so processes_left counts those
                               that left the job's process group too */
    int driver_signal;      /* the first signal the job's processes sent this
                               one (kill(getppid(), SIGTERM)), ignored; 0: none */
    int driver_signals;     /* how many they sent */
};

/* The job runs in the child and writes into shared (shared_bytes, zeroed
 * first), then returns. After the child ends, the parent copies shared
 * into results. */
typedef void (*sandbox_job)(void *context, void *shared);

void sandbox_run(const struct sandbox_limits *limits, sandbox_job job, void *context,
                 void *results, size_t shared_bytes, struct sandbox_report *report);

/* A signal as the driver's messages name it: "15 (SIGTERM: Terminated)". */
void sandbox_name_signal(int signal_number, char *buf, size_t buf_bytes);

/* What happened to the job: "killed by signal 11 (SIGSEGV: Segmentation
 * fault)", "timed out after 60 s (the limit per trace: -s sets it)", ... */
void sandbox_describe(const struct sandbox_report *report, double time_limit_secs,
                      char *buf, size_t buf_bytes);

#endif /* DRIVER_SANDBOX_H */
