/*
 * preload.c - the malloc recorder: an LD_PRELOAD library that logs every
 * malloc, calloc, realloc, free and aligned allocation a program makes,
 * then hands the call to glibc's own allocator (tools/record drives it;
 * log2rep turns the log into a .rep trace).
 *
 * It records one process: the one whose pid MALLOC_RECORD_PID names,
 * into the file MALLOC_RECORD_LOG (truncated when it starts, that is at
 * its first call, so that of a chain of exec's, as in `env ... command`,
 * the log holds the calls of the last program that made any). Every
 * other process that loads it (a fork's child, a program it starts)
 * passes every call straight through.
 *
 * Each call and its event happen under one lock, so the log's order is
 * the order in which the calls returned, threads included: a block one
 * thread frees and another gets back is freed first in the log too. The
 * lock serializes the program's allocations; that is the price.
 *
 * It allocates nothing itself and uses no stdio (both would call back
 * into malloc): a static buffer, write(2), and glibc's exported entry
 * points (__libc_malloc, ...), which makes it glibc-only. glibc's own
 * functions (strdup, fopen) allocate through malloc, so their blocks
 * are recorded too; blocks allocated before the recorder could read its
 * environment, early in start-up, are not, and log2rep counts the frees
 * and reuses of blocks it cannot match.
 *
 * The log is the program's file descriptor as much as any other: the
 * program may close it, or put a file of its own on its number (bash's
 * `exec 3>file`, a loop that closes every descriptor). So it is kept on
 * a high number, and before each write the recorder checks that the
 * descriptor is still the log (same device and inode); if not, it
 * leaves the descriptor to the program and opens the log again by its
 * path, for appending. Writing and opening happen with thread
 * cancellation off: a thread cancelled inside write(2) would unwind
 * holding the lock, and every later call would wait for it forever.
 *
 * The log ends with an END event written at exit (a destructor), at
 * _exit and _Exit, which skip destructors (dash ends that way), and at
 * quick_exit (an at_quick_exit function: glibc's quick_exit reaches its
 * own _exit, not this one). A program that runs another with exec
 * (execve and every function of its family) has its calls written first,
 * and an EXEC event, which says whether the new program's environment
 * keeps the recorder: the buffer does not survive the exec, nor does the
 * log's descriptor (it is close-on-exec), and a new program that is
 * recorded in turn opens the log afresh, truncating it. A program that
 * ends another way (killed, a crash, or a signal handler's _exit or exit
 * while its thread was inside a call) leaves a log without an end, which
 * log2rep reports, along with the at most LOG_BUFFER_BYTES of events
 * still buffered, which are lost. Only the process recorded writes the
 * log: a child made in a way that skips the fork handlers (_Fork, a raw
 * clone, vfork) still has its parent's state, but not its pid.
 */
#define _GNU_SOURCE /* pvalloc, valloc, memalign, execvpe, RTLD_NEXT, dladdr */
#include "event.h"

#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <malloc.h>
#include <pthread.h>
#include <sched.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

/* glibc's own allocator, under the names it exports for exactly this. */
extern void *__libc_malloc(size_t size);
extern void *__libc_calloc(size_t count, size_t size);
extern void *__libc_realloc(void *ptr, size_t size);
extern void __libc_free(void *ptr);
extern void *__libc_memalign(size_t alignment, size_t size);
extern void *__libc_valloc(size_t size);
extern void *__libc_pvalloc(size_t size);

extern char **environ;

enum {
    LOG_BUFFER_BYTES = 64 * 1024,
    LOG_PATH_BYTES = 4096,
    LOG_FD_LOWEST = 200, /* where the log's descriptor is moved, out of the
                            way of programs that count on the low ones */
};

enum record_state {
    UNDECIDED, /* the environment cannot be read yet: pass calls through */
    RECORDING,
    PASSING, /* not the process to record, or recording has ended */
};

static atomic_flag lock = ATOMIC_FLAG_INIT;
static enum record_state state = UNDECIDED;
static pid_t recording_pid;     /* the process recorded: only it writes */
static char log_path[LOG_PATH_BYTES];
static int log_fd = -1;
static dev_t log_device;        /* what log_fd must still be to be the log */
static ino_t log_inode;
static size_t buffered_bytes;
static unsigned char buffer[LOG_BUFFER_BYTES];

/* ---- the lock ----------------------------------------------------------- */

/* Whether this thread holds the lock, or is about to. A signal handler
 * that ends the process (_exit, or exit and so the destructor) may run
 * while its own thread is inside a call, holding the lock: waiting for
 * it then would wait forever. The flag is set before the lock is taken,
 * so that no instant between the two escapes it. initial-exec keeps it
 * in static TLS, which this library, loaded at start-up, has: the
 * general model may call malloc on a thread's first use. */
static __thread bool holding_lock __attribute__((tls_model("initial-exec")));

static void lock_take(void)
{
    holding_lock = true;
    atomic_signal_fence(memory_order_seq_cst); /* set before the lock, for a handler */
    while (atomic_flag_test_and_set_explicit(&lock, memory_order_acquire))
        sched_yield();
}

static void lock_release(void)
{
    atomic_flag_clear_explicit(&lock, memory_order_release);
    atomic_signal_fence(memory_order_seq_cst); /* cleared after the lock, for a handler */
    holding_lock = false;
}

/* ---- writing the log ---------------------------------------------------- */

/* A message on stderr, without stdio. */
static void say(const char *message)
{
    static const char prefix[] = "malloc recorder: ";
    if (write(STDERR_FILENO, prefix, sizeof prefix - 1) < 0 ||
        write(STDERR_FILENO, message, strlen(message)) < 0)
        return;
}

static bool write_all(int fd, const void *data, size_t bytes)
{
    const unsigned char *next = data;
    while (bytes > 0) {
        ssize_t written = write(fd, next, bytes);
        if (written < 0 && errno == EINTR)
            continue;
        if (written <= 0)
            return false;
        next += written;
        bytes -= (size_t)written;
    }
    return true;
}

/* Stop recording for good: the log keeps what was written. */
static void stop_recording(void)
{
    if (log_fd >= 0)
        close(log_fd);
    log_fd = -1;
    buffered_bytes = 0;
    state = PASSING;
}

/* Open the log by its path, on a high descriptor, and remember which
 * file it is; false if it cannot be opened. */
static bool open_log(int flags)
{
    int fd = open(log_path, flags | O_WRONLY | O_CLOEXEC, 0644);
    if (fd < 0)
        return false;
    int high = fcntl(fd, F_DUPFD_CLOEXEC, LOG_FD_LOWEST);
    if (high >= 0) {
        close(fd);
        fd = high;
    }
    struct stat info;
    if (fstat(fd, &info) != 0) {
        close(fd);
        return false;
    }
    log_fd = fd;
    log_device = info.st_dev;
    log_inode = info.st_ino;
    return true;
}

/* True if log_fd is still the log, not closed nor another file the
 * program put on its number. */
static bool log_fd_is_the_log(void)
{
    struct stat info;
    return log_fd >= 0 && fstat(log_fd, &info) == 0 && info.st_dev == log_device &&
           info.st_ino == log_inode;
}

static void write_buffer(void)
{
    if (!log_fd_is_the_log()) {
        log_fd = -1; /* the number is the program's now: not ours to close */
        if (!open_log(O_APPEND)) {
            say("the program closed the log and it cannot be opened again: recording "
                "stopped, the log is cut short\n");
            stop_recording();
            return;
        }
    }
    if (!write_all(log_fd, buffer, buffered_bytes)) {
        say("cannot write the log (disk full?): recording stopped, the log is cut short\n");
        stop_recording();
    }
}

static void flush_buffer(void)
{
    int saved_errno = errno; /* a malloc must not change errno on success */
    int cancel_state;
    pthread_setcancelstate(PTHREAD_CANCEL_DISABLE, &cancel_state);
    if (getpid() != recording_pid) {
        /* a child that skipped the fork handlers: the log is not its */
        log_fd = -1;
        buffered_bytes = 0;
        state = PASSING;
    } else if (buffered_bytes > 0) {
        write_buffer();
    }
    buffered_bytes = 0;
    pthread_setcancelstate(cancel_state, NULL);
    errno = saved_errno;
}

static void log_event(uint32_t kind, const void *in, const void *out, uint64_t size)
{
    struct record_event event = {kind, 0, (uint64_t)(uintptr_t)in, (uint64_t)(uintptr_t)out, size};
    if (buffered_bytes + sizeof event > sizeof buffer)
        flush_buffer();
    if (state != RECORDING)
        return;
    memcpy(buffer + buffered_bytes, &event, sizeof event);
    buffered_bytes += sizeof event;
}

/* ---- which process records ---------------------------------------------- */

static long parse_pid(const char *text)
{
    long pid = 0;
    for (; *text >= '0' && *text <= '9'; text++)
        pid = pid * 10 + (*text - '0');
    return *text == '\0' ? pid : -1;
}

/* Under the lock, on the first call that can read the environment:
 * record if this is the process named, else pass calls through. */
static void decide(void)
{
    if (environ == NULL)
        return; /* too early in start-up: decide on a later call */
    const char *path = getenv("MALLOC_RECORD_LOG");
    const char *pid = getenv("MALLOC_RECORD_PID");
    state = PASSING;
    if (path == NULL || pid == NULL || parse_pid(pid) != (long)getpid())
        return;
    int saved_errno = errno;
    int cancel_state;
    pthread_setcancelstate(PTHREAD_CANCEL_DISABLE, &cancel_state);
    size_t path_bytes = strlen(path);
    struct record_header header = {RECORD_MAGIC, (uint64_t)getpid()};
    if (path_bytes >= sizeof log_path) {
        say("the log's path in MALLOC_RECORD_LOG is too long: not recording\n");
    } else {
        memcpy(log_path, path, path_bytes + 1); /* the program may change its environment */
        if (!open_log(O_CREAT | O_TRUNC) || !write_all(log_fd, &header, sizeof header)) {
            say("cannot open or write the log named by MALLOC_RECORD_LOG: not recording\n");
            stop_recording();
        } else {
            recording_pid = getpid();
            state = RECORDING;
        }
    }
    pthread_setcancelstate(cancel_state, NULL);
    errno = saved_errno;
}

/* How a call goes: recorded or not, and whether it took the lock. */
struct call {
    bool record;
    bool locked;
};

/* Take the lock, and say whether this call is to be recorded. A call
 * made while this thread holds the lock already (from a signal handler
 * that interrupted a call: an atexit function that frees, after the
 * handler called exit) neither waits for it, which would be forever,
 * nor is recorded: it goes straight to glibc, as it would unrecorded. */
static struct call begin_call(void)
{
    if (holding_lock)
        return (struct call){false, false};
    lock_take();
    if (state == UNDECIDED)
        decide();
    return (struct call){state == RECORDING, true};
}

/* After fork(), only the calling thread exists in the child, and the
 * child is not the process being recorded: it drops the parent's log
 * and buffer, and frees the lock, which a thread of the parent may have
 * held at the fork, with an event half written, and which no thread of
 * the child will release.
 *
 * The lock is not taken before the fork to spare that: fork runs the
 * handlers that do it before it takes stdio's lock on the list of
 * files, so a thread inside fflush(NULL), holding that lock while it
 * waits for a file's lock, whose holder waits in malloc for this lock,
 * waited for the forking thread, which waited for the list lock: a
 * program that runs fine alone hung under the recorder. */
static void after_fork_in_child(void)
{
    /* the parent's: its buffer is the parent's to write. Closed only if
     * it is still the log: a number the program took over is its own. */
    if (log_fd_is_the_log())
        close(log_fd);
    log_fd = -1;
    buffered_bytes = 0;
    state = PASSING;
    lock_release();
}

/* glibc's exec functions, the ones this library stands in front of
 * (below, "exec"), and this library's file name, to find in LD_PRELOAD.
 * Looked up once at start-up: dlsym and dladdr take the dynamic linker's
 * lock, which a thread inside dlopen holds while it waits for this
 * library's lock in malloc; under this lock, at exec, they could wait
 * for each other forever. */
typedef int execve_function(const char *path, char *const argv[], char *const envp[]);
typedef int fexecve_function(int fd, char *const argv[], char *const envp[]);
typedef int execveat_function(int dir_fd, const char *path, char *const argv[], char *const envp[],
                              int flags);
static execve_function *glibc_execve, *glibc_execvpe;
static fexecve_function *glibc_fexecve;
static execveat_function *glibc_execveat;
static char library_name[256];

static void find_glibc_functions(void)
{
    glibc_execve = (execve_function *)dlsym(RTLD_NEXT, "execve");
    glibc_execvpe = (execve_function *)dlsym(RTLD_NEXT, "execvpe");
    glibc_fexecve = (fexecve_function *)dlsym(RTLD_NEXT, "fexecve");
    glibc_execveat = (execveat_function *)dlsym(RTLD_NEXT, "execveat");
    Dl_info self;
    if (dladdr((void *)find_glibc_functions, &self) != 0 && self.dli_fname != NULL) {
        const char *slash = strrchr(self.dli_fname, '/');
        const char *name = slash != NULL ? slash + 1 : self.dli_fname;
        if (strlen(name) < sizeof library_name)
            memcpy(library_name, name, strlen(name) + 1);
    }
}

static void end_log(void);

__attribute__((constructor)) static void recorder_start(void)
{
    pthread_atfork(NULL, NULL, after_fork_in_child);
    /* Registered first, so run last: after the program's own
     * at_quick_exit functions, whose calls are recorded too. */
    at_quick_exit(end_log);
    find_glibc_functions();
}

/* Write the END event and what is buffered, and stop: calls after this
 * (other destructors) pass through. Not in a child that shares the
 * recorded process's memory (vfork) or a copy of it (_Fork). Nor from a
 * signal handler that interrupted this thread in the middle of a call:
 * the buffer may be half-written, so the log is left without its end,
 * as if the process had been killed there. */
static void end_log(void)
{
    if (state != RECORDING || getpid() != recording_pid || holding_lock)
        return;
    lock_take();
    int cancel_state;
    pthread_setcancelstate(PTHREAD_CANCEL_DISABLE, &cancel_state);
    if (state == RECORDING) {
        log_event(RECORD_END, NULL, NULL, 0);
        flush_buffer();
        stop_recording(); /* also when the flush already stopped it: no harm */
    }
    pthread_setcancelstate(cancel_state, NULL);
    lock_release();
}

__attribute__((destructor)) static void recorder_end(void)
{
    end_log();
}

/* _exit and _Exit end the process without destructors: the log is ended
 * first, then the process, as glibc's _exit does (exit_group). */
void _exit(int status)
{
    end_log();
    syscall(SYS_exit_group, status);
    __builtin_unreachable();
}

void _Exit(int status)
{
    _exit(status);
}

/* ---- exec ---------------------------------------------------------------- */

/* The value of NAME in the environment ENVP, or NULL. */
static const char *value_in(char *const envp[], const char *name)
{
    size_t name_bytes = strlen(name);
    for (; envp != NULL && *envp != NULL; envp++)
        if (strncmp(*envp, name, name_bytes) == 0 && (*envp)[name_bytes] == '=')
            return *envp + name_bytes + 1;
    return NULL;
}

/* Whether a program started with ENVP would be recorded: it names this
 * log and this process (exec keeps the pid), and preloads this library
 * (by its file name: the folder may be spelt another way). */
static bool environment_keeps_recorder(char *const envp[])
{
    const char *path = value_in(envp, "MALLOC_RECORD_LOG");
    const char *pid = value_in(envp, "MALLOC_RECORD_PID");
    const char *preload = value_in(envp, "LD_PRELOAD");
    return path != NULL && strcmp(path, log_path) == 0 && pid != NULL &&
           parse_pid(pid) == (long)recording_pid && preload != NULL && library_name[0] != '\0' &&
           strstr(preload, library_name) != NULL;
}

/* Before an exec in the process recorded: its calls so far are written,
 * with an EXEC event, since the buffer does not survive the exec. The
 * lock is kept through the exec, so that no other thread's call falls
 * between the write and the new program (exec ends the other threads);
 * if the exec fails, exec_failed gives it back and recording goes on.
 * True if the lock was taken. Not in a vfork child (it shares this
 * memory, not this pid), nor from a signal handler that interrupted this
 * thread in the middle of a call (the buffer may be half-written).
 *
 * Every exec wrapper calls this before it reads the C library's exec
 * function, which is looked up here if this library's constructor has
 * not run yet: another library's constructor may exec before it (a
 * preloaded library's runs last), and must reach the real exec. Before
 * the lock is taken, as find_glibc_functions must be. */
static bool exec_begin(char *const envp[])
{
    if (glibc_execve == NULL)
        find_glibc_functions();
    if (state != RECORDING || holding_lock || getpid() != recording_pid)
        return false;
    lock_take();
    if (state == RECORDING) {
        log_event(RECORD_EXEC, NULL, NULL, environment_keeps_recorder(envp));
        flush_buffer();
    }
    return true;
}

/* After an exec that failed (exec returns only then): -1, errno kept. */
static int exec_failed(bool locked)
{
    int saved_errno = errno;
    if (locked)
        lock_release();
    errno = saved_errno;
    return -1;
}

/* execve, or (search_path) execvpe, which looks for FILE on PATH as
 * execvp does. */
static int exec_as(bool search_path, const char *file, char *const argv[], char *const envp[])
{
    bool locked = exec_begin(envp);
    execve_function *next = search_path ? glibc_execvpe : glibc_execve;
    if (next != NULL)
        next(file, argv, envp);
    else
        errno = ENOSYS;
    return exec_failed(locked);
}

int execve(const char *path, char *const argv[], char *const envp[])
{
    return exec_as(false, path, argv, envp);
}

int execv(const char *path, char *const argv[])
{
    return exec_as(false, path, argv, environ);
}

int execvpe(const char *file, char *const argv[], char *const envp[])
{
    return exec_as(true, file, argv, envp);
}

int execvp(const char *file, char *const argv[])
{
    return exec_as(true, file, argv, environ);
}

int fexecve(int fd, char *const argv[], char *const envp[])
{
    bool locked = exec_begin(envp);
    if (glibc_fexecve != NULL)
        glibc_fexecve(fd, argv, envp);
    else
        errno = ENOSYS;
    return exec_failed(locked);
}

int execveat(int dir_fd, const char *path, char *const argv[], char *const envp[], int flags)
{
    bool locked = exec_begin(envp);
    if (glibc_execveat != NULL)
        glibc_execveat(dir_fd, path, argv, envp, flags);
    else
        errno = ENOSYS; /* a glibc older than 2.34 */
    return exec_failed(locked);
}

/* execl, execle, execlp: how many arguments from FIRST to the NULL that
 * ends them (the NULL not counted), */
static size_t count_arguments(const char *first, va_list rest)
{
    size_t count = 0;
    for (const char *arg = first; arg != NULL; arg = va_arg(rest, const char *))
        count++;
    return count;
}

/* ... and the same arguments as an argv of COUNT + 1 (NULL last). */
static void collect_arguments(char **argv, size_t count, const char *first, va_list rest)
{
    for (size_t i = 0; i < count; i++)
        argv[i] = (char *)(i == 0 ? first : va_arg(rest, const char *));
    argv[count] = NULL;
}

/* execl, execlp (search_path) and execle (environment_follows: its
 * environment comes after the NULL that ends the arguments), given the
 * arguments after FIRST. */
static int exec_listed(bool search_path, const char *file, const char *first, va_list rest,
                       bool environment_follows)
{
    va_list counting;
    va_copy(counting, rest);
    size_t count = count_arguments(first, counting);
    va_end(counting);
    char *argv[count + 1];
    collect_arguments(argv, count, first, rest);
    char *const *envp = environ;
    if (environment_follows) {
        if (count > 0)
            (void)va_arg(rest, const char *); /* the NULL */
        envp = va_arg(rest, char *const *);
    }
    return exec_as(search_path, file, argv, envp);
}

int execl(const char *path, const char *arg, ...)
{
    va_list rest;
    va_start(rest, arg);
    int status = exec_listed(false, path, arg, rest, false);
    va_end(rest);
    return status;
}

int execlp(const char *file, const char *arg, ...)
{
    va_list rest;
    va_start(rest, arg);
    int status = exec_listed(true, file, arg, rest, false);
    va_end(rest);
    return status;
}

int execle(const char *path, const char *arg, ...)
{
    va_list rest;
    va_start(rest, arg);
    int status = exec_listed(false, path, arg, rest, true);
    va_end(rest);
    return status;
}

/* ---- the allocator's entry points --------------------------------------- */

/* The end of a call begun with begin_call: its event, if it is
 * recorded, then the lock given back. Returns `out`. */
static void *end_call(struct call call, uint32_t kind, const void *in, void *out, uint64_t size)
{
    if (call.record)
        log_event(kind, in, out, size);
    if (call.locked)
        lock_release();
    return out;
}

void *malloc(size_t size)
{
    struct call call = begin_call();
    return end_call(call, RECORD_MALLOC, NULL, __libc_malloc(size), size);
}

void *calloc(size_t count, size_t size)
{
    size_t bytes;
    if (__builtin_mul_overflow(count, size, &bytes))
        bytes = SIZE_MAX; /* glibc fails it: log2rep counts a failed call */
    struct call call = begin_call();
    return end_call(call, RECORD_CALLOC, NULL, __libc_calloc(count, size), bytes);
}

void *realloc(void *ptr, size_t size)
{
    struct call call = begin_call();
    return end_call(call, RECORD_REALLOC, ptr, __libc_realloc(ptr, size), size);
}

void *reallocarray(void *ptr, size_t count, size_t size)
{
    size_t bytes;
    if (__builtin_mul_overflow(count, size, &bytes)) {
        errno = ENOMEM;
        return NULL;
    }
    return realloc(ptr, bytes);
}

void free(void *ptr)
{
    if (ptr == NULL)
        return;
    struct call call = begin_call();
    __libc_free(ptr);
    end_call(call, RECORD_FREE, ptr, NULL, 0);
}

void *memalign(size_t alignment, size_t size)
{
    struct call call = begin_call();
    return end_call(call, RECORD_ALIGNED, NULL, __libc_memalign(alignment, size), size);
}

void *aligned_alloc(size_t alignment, size_t size)
{
    struct call call = begin_call();
    return end_call(call, RECORD_ALIGNED, NULL, __libc_memalign(alignment, size), size);
}

void *valloc(size_t size)
{
    struct call call = begin_call();
    return end_call(call, RECORD_ALIGNED, NULL, __libc_valloc(size), size);
}

void *pvalloc(size_t size)
{
    struct call call = begin_call();
    return end_call(call, RECORD_ALIGNED, NULL, __libc_pvalloc(size), size);
}

int posix_memalign(void **out, size_t alignment, size_t size)
{
    /* glibc's checks: a power of two, a multiple of sizeof(void *) */
    if (alignment % sizeof(void *) != 0 || (alignment & (alignment - 1)) != 0 || alignment == 0)
        return EINVAL;
    struct call call = begin_call();
    void *block = end_call(call, RECORD_ALIGNED, NULL, __libc_memalign(alignment, size), size);
    if (block == NULL)
        return ENOMEM;
    *out = block;
    return 0;
}
