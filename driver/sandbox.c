/*
 * sandbox.c - fork, limit, wait, and say what happened.
 *
 * The parent waits on a pipe whose write end only the child holds: the
 * pipe reads end-of-file the moment the child ends, however it ends, and
 * poll(2) on it gives the time limit for free. A process the allocator
 * starts holds the write end too and may outlive the child, so the wait
 * also ends at the byte the child writes when its job returns, and, for a
 * child that dies first, at a look every CHILD_CHECK_MS at whether it has.
 * The child's exit is then waited for against the same time limit: the
 * allocator can write that byte, or close the pipe, and go on running.
 *
 * Such a process must not outlive the job either: it would run on
 * through the traces timed after it, another student's under a grader.
 * The driver asks to adopt every orphan below it (a child subreaper), so
 * a process the allocator starts stays the driver's descendant even if
 * it leaves the process group (setsid) and its parent dies; once the job
 * is over, nothing else of the driver's runs, so every child the driver
 * then has is one the allocator started, and end_leftover_processes
 * kills it, round after round, until none is left.
 */
#define _GNU_SOURCE /* strsignal, sigabbrev_np */
#include "sandbox.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#if defined(__SANITIZE_ADDRESS__)
#define RUNNING_UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define RUNNING_UNDER_ASAN 1
#endif
#endif
#ifndef RUNNING_UNDER_ASAN
#define RUNNING_UNDER_ASAN 0
#endif

static double now_secs(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* ---- the child ------------------------------------------------------ */

/* Bytes of address space this process maps now (from /proc). */
static size_t current_address_space(void)
{
    FILE *statm = fopen("/proc/self/statm", "r");
    unsigned long pages = 0;
    if (statm == NULL)
        return 0;
    if (fscanf(statm, "%lu", &pages) != 1)
        pages = 0;
    fclose(statm);
    return (size_t)pages * (size_t)sysconf(_SC_PAGESIZE);
}

static void limit_address_space(size_t slack)
{
    /* ASan reserves terabytes of shadow memory: a cap would kill it. */
    if (slack == 0 || RUNNING_UNDER_ASAN)
        return;
    size_t now = current_address_space();
    if (now == 0)
        return;
    struct rlimit limit = {.rlim_cur = now + slack, .rlim_max = now + slack};
    setrlimit(RLIMIT_AS, &limit);
}

/* Close what the child inherits that is none of the allocator's
 * business, keeping standard input, output and error and `keep` (the
 * results pipe): above all the driver's saved standard output under -g
 * and --csv -, where a write of the allocator's would come before the
 * driver's own lines. Read from /proc/self/fd, up to the descriptor
 * limit: what lies above it is valgrind's own. Without /proc, the low
 * numbers the driver's few descriptors have. */
static void close_inherited_descriptors(int keep)
{
    struct rlimit files;
    long limit = getrlimit(RLIMIT_NOFILE, &files) == 0 && files.rlim_cur < 1024 * 1024
                     ? (long)files.rlim_cur
                     : 1024 * 1024;
    int fds[256], count;
    do { /* a listing at a time, closed once it is read */
        DIR *listing = opendir("/proc/self/fd");
        if (listing == NULL) {
            for (int fd = 3; fd < 256 && fd < limit; fd++)
                if (fd != keep)
                    close(fd);
            return;
        }
        count = 0;
        struct dirent *entry;
        while (count < 256 && (entry = readdir(listing)) != NULL) {
            long fd = strtol(entry->d_name, NULL, 10);
            if (entry->d_name[0] >= '0' && entry->d_name[0] <= '9' && fd > 2 && fd < limit &&
                fd != keep && fd != dirfd(listing))
                fds[count++] = (int)fd;
        }
        closedir(listing);
        for (int i = 0; i < count; i++)
            close(fds[i]);
    } while (count == 256);
}

/* The child's exit status when its job returned but the results pipe
 * was gone (the allocator closed it), for sandbox_describe to say so. */
enum { PIPE_LOST_EXIT = 125 };

static void run_child(const struct sandbox_limits *limits, sandbox_job job, void *context,
                      void *shared, int write_end)
{
    close_inherited_descriptors(write_end);
    limit_address_space(limits->address_space_slack);
    job(context, shared);
    fflush(stdout);
    fflush(stderr);
    /* Tell the parent the job returned: an exit(0) from inside the
     * allocator ends the child just as cleanly, but never says this. */
    if (write(write_end, "J", 1) != 1)
        _exit(PIPE_LOST_EXIT);
    close(write_end);
    _exit(0);
}

/* ---- what the job leaves running --------------------------------- */

enum { LEFTOVER_ROUNDS = 1000 }; /* each kills every child there is then */

/* Become the parent of every orphan among this process's descendants
 * (Linux 3.4 and later); false if the system refuses. */
static bool adopt_orphans(void)
{
    static int adopting = -1;
    if (adopting < 0)
        adopting = prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0;
    return adopting == 1;
}

/* Reap every child that has ended; true if some are still running. */
static bool reap_ended_children(void)
{
    for (;;) {
        pid_t pid = waitpid(-1, NULL, WNOHANG);
        if (pid > 0)
            continue;
        if (pid < 0 && errno == EINTR)
            continue;
        return pid == 0; /* 0: children, none ended; -1 (ECHILD): none */
    }
}

/* True if /proc numbers processes as this process sees them: not so in
 * a PID namespace whose /proc is the parent namespace's (unshare --pid
 * without a /proc of its own), where a number read there names some
 * other process here. */
static bool proc_is_this_namespace(void)
{
    char target[32];
    ssize_t got = readlink("/proc/self", target, sizeof target - 1);
    if (got <= 0)
        return false;
    target[got] = '\0';
    char own[32];
    snprintf(own, sizeof own, "%ld", (long)getpid());
    return strcmp(target, own) == 0;
}

/* The parent's pid in /proc/PID/stat: "pid (comm) state ppid ...", where
 * comm may hold spaces and parentheses; -1 if unreadable. */
static pid_t parent_of(const char *pid_text)
{
    char path[64], line[512];
    snprintf(path, sizeof path, "/proc/%s/stat", pid_text);
    FILE *stat = fopen(path, "r");
    if (stat == NULL)
        return -1;
    bool read_line = fgets(line, sizeof line, stat) != NULL;
    fclose(stat);
    char *comm_end = read_line ? strrchr(line, ')') : NULL;
    long parent = -1;
    if (comm_end == NULL || sscanf(comm_end + 1, " %*c %ld", &parent) != 1)
        return -1;
    return (pid_t)parent;
}

/* SIGKILL every child of this process and wait for it to end (a killed
 * process can start no other); how many, or -1 if /proc cannot be read. */
static int kill_children(void)
{
    DIR *proc = opendir("/proc");
    if (proc == NULL)
        return -1;
    pid_t self = getpid();
    int killed = 0;
    struct dirent *entry;
    while ((entry = readdir(proc)) != NULL) {
        if (entry->d_name[0] < '1' || entry->d_name[0] > '9' || parent_of(entry->d_name) != self)
            continue;
        pid_t child = (pid_t)atol(entry->d_name);
        if (kill(child, SIGKILL) != 0)
            continue;
        killed++;
        while (waitpid(child, NULL, 0) < 0 && errno == EINTR)
            continue;
    }
    closedir(proc);
    return killed;
}

/* End every process the job left running below this one (see the top);
 * report how many there were, and whether any could not be ended. */
static void end_leftover_processes(struct sandbox_report *report)
{
    for (int round = 0; round < LEFTOVER_ROUNDS; round++) {
        if (!reap_ended_children())
            return;
        int killed = proc_is_this_namespace() ? kill_children() : -1;
        if (killed < 0)
            break;
        report->processes_left += killed;
        if (killed == 0) /* a child between fork and /proc: look again */
            sched_yield();
    }
    report->processes_unended = reap_ended_children();
}

/* ---- the parent ----------------------------------------------------- */

enum { CHILD_CHECK_MS = 100 };

/* True if the child has ended; it stays waitable (WNOWAIT), for reap. */
static bool child_has_ended(pid_t child)
{
    siginfo_t info;
    memset(&info, 0, sizeof info);
    return waitid(P_PID, (id_t)child, &info, WEXITED | WNOHANG | WNOWAIT) == 0 &&
           info.si_pid == child;
}

/* Wait until the pipe closes, the child says its job returned, the child
 * ends, or the deadline passes; true unless the deadline passed.
 * *job_returned is set if the child wrote its "job returned" byte: then
 * only its _exit is left (reap waits for that), whoever else still holds
 * the pipe. */
static bool wait_for_end(pid_t child, int read_end, double deadline, bool *job_returned)
{
    for (;;) {
        int timeout_ms = CHILD_CHECK_MS;
        if (deadline > 0) {
            double left = deadline - now_secs();
            if (left <= 0)
                return false;
            if (left * 1000.0 < CHILD_CHECK_MS)
                timeout_ms = (int)(left * 1000.0) + 1;
        }
        struct pollfd poll_fd = {.fd = read_end, .events = POLLIN};
        int ready = poll(&poll_fd, 1, timeout_ms);
        if (ready < 0 && errno == EINTR)
            continue;
        if (ready == 0) {
            if (child_has_ended(child))
                return true;
            continue; /* the deadline is checked above */
        }
        if (ready < 0)
            return true; /* a poll error: fall through to waitpid */
        char bytes[256];
        ssize_t got = read(read_end, bytes, sizeof bytes);
        if (got > 0 && memchr(bytes, 'J', (size_t)got) != NULL) {
            *job_returned = true;
            return true;
        }
        if (got == 0 || (got < 0 && errno != EINTR && errno != EAGAIN))
            return true;
    }
}

static void record_status(int status, struct sandbox_report *report)
{
    if (WIFSIGNALED(status)) {
        report->status = SANDBOX_SIGNALLED;
        report->signal_number = WTERMSIG(status);
    } else if (WIFEXITED(status)) {
        report->exit_code = WEXITSTATUS(status);
        report->status = SANDBOX_EXITED; /* the caller upgrades it if the job finished */
    }
}

static void reap(pid_t child, struct sandbox_report *report)
{
    int status = 0;
    while (waitpid(child, &status, 0) < 0 && errno == EINTR)
        ;
    record_status(status, report);
}

/* Reap the child if it ends before the deadline (0: none); false, the
 * child still running, if it does not. The end of the wait says only
 * that the job returned or the pipe closed, and the allocator can write
 * that byte or close that pipe itself and go on running: so the exit is
 * waited for against the time limit too. */
static bool reap_by(pid_t child, double deadline, struct sandbox_report *report)
{
    if (deadline <= 0) {
        reap(child, report);
        return true;
    }
    long pause_ns = 100000; /* 0.1 ms, doubling to 10 ms: an exit is quick */
    for (;;) {
        int status = 0;
        pid_t got = waitpid(child, &status, WNOHANG);
        if (got == child) {
            record_status(status, report);
            return true;
        }
        if (got < 0 && errno != EINTR)
            return true; /* not our child: nothing to wait for */
        if (now_secs() >= deadline)
            return false;
        struct timespec pause = {0, pause_ns};
        nanosleep(&pause, NULL);
        if (pause_ns < 10000000)
            pause_ns *= 2;
    }
}

/* Put a descriptor's status flags back as they were (-1: unknown). */
static void restore_flags(int fd, int flags)
{
    if (flags >= 0 && fcntl(fd, F_GETFL) != flags)
        fcntl(fd, F_SETFL, flags);
}

static void run_in_process(sandbox_job job, void *context, void *results, size_t shared_bytes,
                           struct sandbox_report *report)
{
    memset(results, 0, shared_bytes);
    /* A process the job forks gets a copy of what stdio holds unwritten */
    fflush(stdout);
    fflush(stderr);
    job(context, results);
    report->status = SANDBOX_COMPLETED;
}

void sandbox_run(const struct sandbox_limits *limits, sandbox_job job, void *context,
                 void *results, size_t shared_bytes, struct sandbox_report *report)
{
    memset(report, 0, sizeof *report);
    double start = now_secs();
    report->orphans_adopted = adopt_orphans();
    if (!limits->isolate) {
        run_in_process(job, context, results, shared_bytes, report);
        end_leftover_processes(report);
        report->elapsed_secs = now_secs() - start;
        return;
    }
    report->status = SANDBOX_NOT_STARTED;
    void *shared = mmap(NULL, shared_bytes, PROT_READ | PROT_WRITE,
                        MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (shared == MAP_FAILED) {
        report->start_errno = errno;
        return;
    }
    int pipe_ends[2];
    if (pipe(pipe_ends) != 0) {
        report->start_errno = errno;
        munmap(shared, shared_bytes);
        return;
    }
    fflush(stdout);
    fflush(stderr);
    /* The child shares the open standard output and error: a flag the
     * allocator sets on them (O_NONBLOCK) would stay set for the driver
     * and the traces after, so the parent puts them back. */
    int output_flags = fcntl(STDOUT_FILENO, F_GETFL), error_flags = fcntl(STDERR_FILENO, F_GETFL);
    pid_t child = fork();
    if (child < 0)
        report->start_errno = errno;
    if (child == 0) {
        close(pipe_ends[0]);
        run_child(limits, job, context, shared, pipe_ends[1]);
    }
    close(pipe_ends[1]);
    if (child > 0) {
        double deadline = limits->time_limit_secs > 0 ? start + limits->time_limit_secs : 0;
        bool job_returned = false;
        bool ended = wait_for_end(child, pipe_ends[0], deadline, &job_returned) &&
                     reap_by(child, deadline, report);
        if (!ended) {
            kill(child, SIGKILL);
            reap(child, report);
        }
        end_leftover_processes(report);
        restore_flags(STDOUT_FILENO, output_flags);
        restore_flags(STDERR_FILENO, error_flags);
        if (!ended)
            report->status = SANDBOX_TIMED_OUT;
        else if (report->status == SANDBOX_EXITED && report->exit_code == 0 && job_returned)
            report->status = SANDBOX_COMPLETED;
        memcpy(results, shared, shared_bytes);
    }
    close(pipe_ends[0]);
    munmap(shared, shared_bytes);
    report->elapsed_secs = now_secs() - start;
}

void sandbox_describe(const struct sandbox_report *report, double time_limit_secs,
                      char *buf, size_t buf_bytes)
{
    switch (report->status) {
    case SANDBOX_COMPLETED:
        snprintf(buf, buf_bytes, "completed");
        break;
    case SANDBOX_SIGNALLED: {
        const char *abbrev = sigabbrev_np(report->signal_number);
        snprintf(buf, buf_bytes, "killed by signal %d (SIG%s: %s)", report->signal_number,
                 abbrev ? abbrev : "?", strsignal(report->signal_number));
        break;
    }
    case SANDBOX_TIMED_OUT:
        snprintf(buf, buf_bytes, "timed out after %g s (limit set with -s)", time_limit_secs);
        break;
    case SANDBOX_EXITED:
        if (report->exit_code == PIPE_LOST_EXIT)
            snprintf(buf, buf_bytes, "the process exited with status %d: its results pipe "
                                     "was closed (by the allocator?), or it called exit(%d)",
                     PIPE_LOST_EXIT, PIPE_LOST_EXIT);
        else
            snprintf(buf, buf_bytes, "the process exited with status %d before the trace "
                                     "finished (exit() called from the allocator?)",
                     report->exit_code);
        break;
    default:
        snprintf(buf, buf_bytes, "could not start a child process: %s",
                 strerror(report->start_errno));
        break;
    }
}
