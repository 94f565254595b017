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
 *
 * The child leads a process group of its own: the allocator's kill(0,
 * SIGSTOP) or kill(0, SIGTERM) reaches the job's processes, not the
 * driver, which would otherwise stop for good (the time limit is the
 * driver's to enforce) or die with every result not yet printed. What
 * the job sends the driver itself (kill(getppid(), ...)) is caught and
 * ignored while it runs, and reported against the trace. The same
 * signals from anyone else keep their effect: Ctrl-C, which now reaches
 * the driver's group only, or a kill from the shell, first ends the
 * job's group, then ends the driver; Ctrl-Z stops the job's group with
 * the driver and continues it with it. The child also dies with the
 * driver (PR_SET_PDEATHSIG), even one killed outright.
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

/* ---- signals while a job runs ---------------------------------------- */

/* What would end or stop the driver if sent to it: not the faults
 * (SIGSEGV, ...), which are the driver's own bugs and must not be
 * returned from, nor SIGKILL and SIGSTOP, which cannot be caught. The
 * real-time signals are added at run time (SIGRTMIN is not a constant). */
static const int CAUGHT_SIGNALS[] = {
    SIGHUP,  SIGINT,  SIGQUIT, SIGTERM, SIGUSR1, SIGUSR2, SIGALRM, SIGVTALRM, SIGPROF, SIGIO,
    SIGPWR,  SIGXCPU, SIGXFSZ, SIGPIPE, SIGTSTP, SIGTTIN, SIGTTOU,
#ifdef SIGSTKFLT
    SIGSTKFLT,
#endif
};
enum { FIXED_CAUGHT = sizeof CAUGHT_SIGNALS / sizeof CAUGHT_SIGNALS[0], MAX_CAUGHT = 64 };

struct caught_signals {
    int numbers[MAX_CAUGHT];
    struct sigaction before[MAX_CAUGHT]; /* the disposition each had */
    int count;
    sigset_t set;
};

/* The job's process group while its signals are caught (the child's pid),
 * and what the handler learnt; written by the handler, read after. */
static volatile sig_atomic_t job_group;
static volatile sig_atomic_t first_signal_from_job;
static volatile sig_atomic_t signals_from_job;
static volatile sig_atomic_t signal_to_take; /* from someone else: its effect is due */
static volatile sig_atomic_t stopped_ms;     /* time the driver spent stopped (Ctrl-Z) */

static bool is_stop_signal(int signal_number)
{
    return signal_number == SIGTSTP || signal_number == SIGTTIN || signal_number == SIGTTOU;
}

/* Sent by kill, sigqueue or tgkill (not by the kernel: a terminal's
 * Ctrl-C is SI_KERNEL) from a process of the job's group: the child, or
 * a process it started that is still in its group. */
static bool sent_by_job(const siginfo_t *info, pid_t group)
{
    if (group <= 0 || info == NULL || info->si_code > 0 || info->si_pid <= 0)
        return false;
    return info->si_pid == group || getpgid(info->si_pid) == group;
}

static long monotonic_ms(void)
{
    return (long)(now_secs() * 1000.0);
}

/* End the job's whole group (what it forked and left in it too), and the
 * job's process itself, in case it has not set its group yet. Only kill:
 * safe in a signal handler. */
static void kill_job_group(pid_t job)
{
    kill(-job, SIGKILL);
    kill(job, SIGKILL);
}

/* Ctrl-Z and the like: the job's group stops with the driver and goes on
 * with it; the signal's own default action stops the driver (or does
 * nothing, in an orphaned process group, as for any process). */
static void stop_with_job(int signal_number, const siginfo_t *info, pid_t group)
{
    struct sigaction handler, default_action = {.sa_handler = SIG_DFL};
    sigemptyset(&default_action.sa_mask);
    if (group > 0)
        kill(-group, SIGSTOP);
    long stopped_at = monotonic_ms();
    sigaction(signal_number, &default_action, &handler);
    sigset_t just_this;
    sigemptyset(&just_this);
    sigaddset(&just_this, signal_number);
    kill(getpid(), signal_number); /* pending while blocked: delivered below */
    sigprocmask(SIG_UNBLOCK, &just_this, NULL);
    /* here after SIGCONT */
    sigprocmask(SIG_BLOCK, &just_this, NULL);
    sigaction(signal_number, &handler, NULL);
    stopped_ms += (sig_atomic_t)(monotonic_ms() - stopped_at);
    if (group > 0)
        kill(-group, SIGCONT);
    (void)info;
}

static void on_signal(int signal_number, siginfo_t *info, void *context)
{
    (void)context;
    int saved_errno = errno;
    pid_t group = (pid_t)job_group;
    if (sent_by_job(info, group)) {
        if (signals_from_job++ == 0)
            first_signal_from_job = signal_number;
    } else if (is_stop_signal(signal_number)) {
        stop_with_job(signal_number, info, group);
    } else {
        /* Ended now, so nothing of the job outlives the driver; the
         * signal is taken once the sandbox has reaped what is left. */
        if (group > 0)
            kill_job_group(group);
        if (signal_to_take == 0)
            signal_to_take = signal_number;
    }
    errno = saved_errno;
}

/* Catch every signal in the list that is not ignored now (an ignored one,
 * nohup's SIGHUP or the grader's SIGXFSZ, stays ignored), blocked until
 * the child's pid is known. */
static void catch_signals(struct caught_signals *caught, sigset_t *mask_before)
{
    struct sigaction handler = {.sa_sigaction = on_signal, .sa_flags = SA_SIGINFO | SA_RESTART};
    sigfillset(&handler.sa_mask); /* one handler at a time */
    caught->count = 0;
    sigemptyset(&caught->set);
    job_group = first_signal_from_job = signals_from_job = signal_to_take = stopped_ms = 0;
    int total = FIXED_CAUGHT + (SIGRTMAX - SIGRTMIN + 1);
    for (int i = 0; i < total && caught->count < MAX_CAUGHT; i++) {
        int number = i < FIXED_CAUGHT ? CAUGHT_SIGNALS[i] : SIGRTMIN + (i - FIXED_CAUGHT);
        struct sigaction *before = &caught->before[caught->count];
        if (sigaction(number, NULL, before) != 0 || before->sa_handler == SIG_IGN)
            continue;
        if (sigaction(number, &handler, NULL) != 0)
            continue;
        caught->numbers[caught->count++] = number;
        sigaddset(&caught->set, number);
    }
    sigprocmask(SIG_BLOCK, &caught->set, mask_before);
}

/* Put back what catch_signals changed (in the child, before the job). */
static void release_signals(const struct caught_signals *caught, const sigset_t *mask_before)
{
    for (int i = 0; i < caught->count; i++)
        sigaction(caught->numbers[i], &caught->before[i], NULL);
    sigprocmask(SIG_SETMASK, mask_before, NULL);
}

/* After the job: say what it sent, put the signals back, and take the
 * effect of one someone else sent meanwhile (the driver ends here). */
static void finish_signals(const struct caught_signals *caught, const sigset_t *mask_before,
                           struct sandbox_report *report)
{
    sigprocmask(SIG_BLOCK, &caught->set, NULL);
    report->driver_signal = first_signal_from_job;
    report->driver_signals = signals_from_job;
    int to_take = signal_to_take;
    job_group = 0;
    release_signals(caught, mask_before);
    if (to_take != 0) {
        fflush(stdout);
        fflush(stderr);
        raise(to_take);
        /* Still here: the driver is process 1 of a PID namespace (the
         * grader's unshare, a container), where a signal left to its
         * default action is dropped. End as the signal would have. */
        _exit(128 + to_take);
    }
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

/* No core file when the allocator crashes: the driver reports the crash
 * itself, and a class of crashing submissions would otherwise leave a
 * core (the arena's touched pages and more) in the grader's working
 * directory for each one, under a shell that allows them. A learner
 * who wants one runs --no-isolation, in the driver's own process. */
static void refuse_core_dumps(void)
{
    struct rlimit limit;
    if (getrlimit(RLIMIT_CORE, &limit) != 0)
        return;
    limit.rlim_cur = 0;
    setrlimit(RLIMIT_CORE, &limit);
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

/* Its own process group (see the top), death with the driver, and the
 * signals as they were before the driver caught them. A background
 * group that writes to the terminal under `stty tostop` would be stopped
 * by SIGTTOU (the -V narration is written here), and one that reads it,
 * by SIGTTIN: ignored, the write goes through and the read fails. */
static void set_up_child(pid_t driver, const struct caught_signals *caught,
                         const sigset_t *mask_before)
{
    setpgid(0, 0);
    prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);
    if (getppid() != driver) /* it died before the line above */
        _exit(EXIT_FAILURE);
    release_signals(caught, mask_before);
    signal(SIGTTOU, SIG_IGN);
    signal(SIGTTIN, SIG_IGN);
}

static void run_child(const struct sandbox_limits *limits, sandbox_job job, void *context,
                      void *shared, int write_end)
{
    close_inherited_descriptors(write_end);
    limit_address_space(limits->address_space_slack);
    refuse_core_dumps();
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

enum child_state { CHILD_RUNNING, CHILD_ENDED, CHILD_STOPPED };

/* Whether the child has ended (it stays waitable, WNOWAIT, for reap) or
 * is stopped: by a signal from its own group (kill(0, SIGSTOP) in the
 * allocator), since a stop the driver makes (Ctrl-Z) is undone before
 * its handler returns. A stopped child would never go on. */
static enum child_state child_state(pid_t child, int *stop_signal)
{
    siginfo_t info;
    memset(&info, 0, sizeof info);
    if (waitid(P_PID, (id_t)child, &info, WEXITED | WSTOPPED | WNOHANG | WNOWAIT) != 0 ||
        info.si_pid != child)
        return CHILD_RUNNING;
    if (info.si_code == CLD_STOPPED) {
        *stop_signal = info.si_status;
        return CHILD_STOPPED;
    }
    return CHILD_ENDED;
}

/* The deadline (0: none), moved on by the time the driver spent stopped
 * (Ctrl-Z): the job was stopped with it, and that time is not its. */
static double deadline_now(double deadline)
{
    return deadline > 0 ? deadline + (double)stopped_ms / 1000.0 : 0;
}

enum wait_outcome { WAIT_ENDED, WAIT_TIMED_OUT, WAIT_STOPPED };

/* Wait until the pipe closes, the child says its job returned, the child
 * ends or stops, or the deadline passes. *job_returned is set if the
 * child wrote its "job returned" byte: then only its _exit is left (reap
 * waits for that), whoever else still holds the pipe. */
static enum wait_outcome wait_for_end(pid_t child, int read_end, double deadline,
                                      bool *job_returned, int *stop_signal)
{
    for (;;) {
        int timeout_ms = CHILD_CHECK_MS;
        if (deadline > 0) {
            double left = deadline_now(deadline) - now_secs();
            if (left <= 0)
                return WAIT_TIMED_OUT;
            if (left * 1000.0 < CHILD_CHECK_MS)
                timeout_ms = (int)(left * 1000.0) + 1;
        }
        struct pollfd poll_fd = {.fd = read_end, .events = POLLIN};
        int ready = poll(&poll_fd, 1, timeout_ms);
        if (ready < 0 && errno == EINTR)
            continue;
        if (ready == 0) {
            enum child_state state = child_state(child, stop_signal);
            if (state == CHILD_ENDED)
                return WAIT_ENDED;
            if (state == CHILD_STOPPED)
                return WAIT_STOPPED;
            continue; /* the deadline is checked above */
        }
        if (ready < 0)
            return WAIT_ENDED; /* a poll error: fall through to waitpid */
        char bytes[256];
        ssize_t got = read(read_end, bytes, sizeof bytes);
        if (got > 0 && memchr(bytes, 'J', (size_t)got) != NULL) {
            *job_returned = true;
            return WAIT_ENDED;
        }
        if (got == 0 || (got < 0 && errno != EINTR && errno != EAGAIN))
            return WAIT_ENDED;
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

/* Reap the child if it ends before the deadline (0: none). The end of
 * the wait says only that the job returned or the pipe closed, and the
 * allocator can write that byte or close that pipe itself and go on
 * running, or stop: so the exit is waited for against the time limit
 * too, and a stop ends the wait. */
static enum wait_outcome reap_by(pid_t child, double deadline, struct sandbox_report *report,
                                 int *stop_signal)
{
    long pause_ns = 100000; /* 0.1 ms, doubling to 10 ms: an exit is quick */
    for (;;) {
        int status = 0;
        pid_t got = waitpid(child, &status, WNOHANG | WUNTRACED);
        if (got == child && WIFSTOPPED(status)) {
            *stop_signal = WSTOPSIG(status);
            return WAIT_STOPPED;
        }
        if (got == child) {
            record_status(status, report);
            return WAIT_ENDED;
        }
        if (got < 0 && errno != EINTR)
            return WAIT_ENDED; /* not our child: nothing to wait for */
        if (deadline > 0 && now_secs() >= deadline_now(deadline))
            return WAIT_TIMED_OUT;
        struct timespec pause = {0, pause_ns};
        nanosleep(&pause, NULL);
        if (pause_ns < 10000000)
            pause_ns *= 2;
    }
}

/* End the child's whole group (what it forked and left in it too, which
 * must not linger past its trace), then the child, and reap it. */
static void kill_job(pid_t child, struct sandbox_report *report)
{
    kill_job_group(child);
    reap(child, report);
}

/* Put a descriptor's status flags back as they were (-1: unknown). */
static void restore_flags(int fd, int flags)
{
    if (flags >= 0 && fcntl(fd, F_GETFL) != flags)
        fcntl(fd, F_SETFL, flags);
}

/* Under --no-isolation the job runs in the driver's own process, so an
 * exit() in the allocator ends the run; with exit(0) it ended it with
 * status 0 and no word, as if every trace had passed. */
static volatile pid_t job_in_process; /* the driver's pid while a job runs in it */

static void exit_inside_job(void)
{
    if (job_in_process != getpid())
        return; /* no job (0), or a process the job forked */
    static const char message[] =
        "mdriver: the process exited in the middle of a trace (exit() called by the "
        "allocator?); with --no-isolation that ends the run, with no results: run "
        "without it to see which trace and op\n";
    fflush(stdout);
    if (write(STDERR_FILENO, message, sizeof message - 1) < 0) {
        /* nothing left to tell it with */
    }
    _exit(1);
}

static void run_in_process(sandbox_job job, void *context, void *results, size_t shared_bytes,
                           struct sandbox_report *report)
{
    static bool hook_set;
    if (!hook_set)
        hook_set = atexit(exit_inside_job) == 0;
    memset(results, 0, shared_bytes);
    /* A process the job forks gets a copy of what stdio holds unwritten */
    fflush(stdout);
    fflush(stderr);
    job_in_process = getpid();
    job(context, results);
    job_in_process = 0;
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
    struct caught_signals caught;
    sigset_t mask_before;
    catch_signals(&caught, &mask_before);
    pid_t driver = getpid();
    pid_t child = fork();
    if (child < 0)
        report->start_errno = errno;
    if (child == 0) {
        close(pipe_ends[0]);
        set_up_child(driver, &caught, &mask_before);
        run_child(limits, job, context, shared, pipe_ends[1]);
    }
    close(pipe_ends[1]);
    if (child > 0) {
        setpgid(child, child); /* as the child does: whichever runs first */
        job_group = child;
        sigprocmask(SIG_SETMASK, &mask_before, NULL);
        double deadline = limits->time_limit_secs > 0 ? start + limits->time_limit_secs : 0;
        bool job_returned = false;
        int stop_signal = 0;
        enum wait_outcome outcome =
            wait_for_end(child, pipe_ends[0], deadline, &job_returned, &stop_signal);
        if (outcome == WAIT_ENDED)
            outcome = reap_by(child, deadline, report, &stop_signal);
        if (outcome != WAIT_ENDED)
            kill_job(child, report);
        end_leftover_processes(report);
        finish_signals(&caught, &mask_before, report);
        restore_flags(STDOUT_FILENO, output_flags);
        restore_flags(STDERR_FILENO, error_flags);
        if (outcome == WAIT_TIMED_OUT) {
            report->status = SANDBOX_TIMED_OUT;
        } else if (outcome == WAIT_STOPPED) {
            report->status = SANDBOX_STOPPED;
            report->signal_number = stop_signal;
        } else if (report->status == SANDBOX_EXITED && report->exit_code == 0 && job_returned) {
            report->status = SANDBOX_COMPLETED;
        }
        memcpy(results, shared, shared_bytes);
    } else {
        release_signals(&caught, &mask_before);
    }
    close(pipe_ends[0]);
    munmap(shared, shared_bytes);
    report->elapsed_secs = now_secs() - start;
}

void sandbox_name_signal(int signal_number, char *buf, size_t buf_bytes)
{
    const char *abbrev = sigabbrev_np(signal_number);
    snprintf(buf, buf_bytes, "%d (SIG%s: %s)", signal_number, abbrev ? abbrev : "?",
             strsignal(signal_number));
}

void sandbox_describe(const struct sandbox_report *report, double time_limit_secs,
                      char *buf, size_t buf_bytes)
{
    char signal_name[80];
    switch (report->status) {
    case SANDBOX_COMPLETED:
        snprintf(buf, buf_bytes, "completed");
        break;
    case SANDBOX_SIGNALLED:
        sandbox_name_signal(report->signal_number, signal_name, sizeof signal_name);
        snprintf(buf, buf_bytes, "killed by signal %s", signal_name);
        break;
    case SANDBOX_TIMED_OUT:
        snprintf(buf, buf_bytes, "timed out after %g s (the limit per trace: -s sets it)",
                 time_limit_secs);
        break;
    case SANDBOX_STOPPED:
        sandbox_name_signal(report->signal_number, signal_name, sizeof signal_name);
        snprintf(buf, buf_bytes, "stopped by signal %s, which its own process group was sent "
                                 "(kill(0, SIGSTOP) in the allocator?), and killed",
                 signal_name);
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
