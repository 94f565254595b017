/*
 * libc_space.c - the space glibc's malloc takes for a trace.
 *
 * mm's heap is memlib's: its size is the break's high-water mark. For
 * glibc the driver measures the same thing from the outside, from the
 * blocks malloc hands out:
 *
 *   footprint = (highest end - lowest start of the blocks in the heap)
 *             + (the blocks glibc maps one by one with mmap, live now)
 *
 * taken at its peak over the trace; utilization is the peak payload over
 * it, as for every allocator. A block in the heap spans from its chunk
 * header (16 bytes before the payload) to the end of its usable bytes
 * (malloc_usable_size); a mapped block counts its chunk's size, whole
 * pages. The span leaves out what glibc keeps below the first block and
 * the free top of the heap it has not used yet, which is generous to
 * glibc.
 *
 * glibc's choices depend on the process's past: the driver's own data
 * sits in the heap with free holes the trace's blocks would fill, and
 * every mapped block the driver freed has raised the size from which
 * glibc maps a block on its own (its dynamic mmap threshold). So the
 * replay runs in a fresh process, the driver started again with
 * LIBC_SPACE_FLAG, which takes the ops through a pipe into mapped
 * memory and calls malloc for nothing but the trace.
 *
 * Where the figure would be wrong it is not given, and why_not says so:
 * a C library other than glibc, a replaced malloc (a sanitizer, or
 * anything in LD_PRELOAD), or a heap that is not one contiguous range
 * below the break.
 */
#define _GNU_SOURCE /* malloc_usable_size, sbrk */
#include "libc_space.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

/* Why this build cannot measure at all, if it cannot. */
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define CANNOT_MEASURE "malloc is the sanitizer's"
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer) || \
    __has_feature(memory_sanitizer)
#define CANNOT_MEASURE "malloc is the sanitizer's"
#endif
#endif
#if !defined(CANNOT_MEASURE) && !defined(__GLIBC__)
#define CANNOT_MEASURE "measured for glibc only"
#endif

#ifndef CANNOT_MEASURE

extern char **environ;

/* ---- the pipe between the driver and the fresh process -------------- */

/* What goes down the pipe before the ops (the same binary at both ends). */
struct replay_header {
    uint64_t num_ops;
    uint32_t num_ids;
};

static bool read_all(int fd, void *buffer, size_t bytes)
{
    char *at = buffer;
    while (bytes > 0) {
        ssize_t got = read(fd, at, bytes);
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0)
            return false;
        at += got;
        bytes -= (size_t)got;
    }
    return true;
}

static bool write_all(int fd, const void *buffer, size_t bytes)
{
    const char *at = buffer;
    while (bytes > 0) {
        ssize_t put = write(fd, at, bytes);
        if (put < 0 && errno == EINTR)
            continue;
        if (put <= 0)
            return false;
        at += put;
        bytes -= (size_t)put;
    }
    return true;
}

/* ---- in the fresh process ------------------------------------------- */

#include <malloc.h> /* malloc_usable_size: glibc's, so only here */

/* glibc's chunk: a size word just below the payload, whose bit 1 says
 * the chunk was mapped on its own (IS_MMAPPED in glibc's malloc.c). */
static const size_t CHUNK_HEADER_BYTES = 2 * sizeof(size_t);
static const size_t CHUNK_IS_MMAPPED = 2;
static const size_t CHUNK_FLAG_BITS = 7;

struct space_replay {
    void **payloads;      /* [num_ids] */
    size_t *mapped_bytes; /* [num_ids]: the chunk's size if mapped alone, else 0 */
    uint32_t *sizes;      /* [num_ids]: the payload bytes live now */
    uintptr_t lowest, highest; /* the span of heap chunks so far */
    uint64_t mapped_now, footprint_peak;
    uint64_t live, live_peak;
    const char *why_not;
};

static void track_block(struct space_replay *replay, uint32_t id, void *payload)
{
    replay->mapped_bytes[id] = 0;
    if (payload == NULL)
        return;
    size_t size_word = ((const size_t *)payload)[-1];
    if (size_word & CHUNK_IS_MMAPPED) {
        replay->mapped_bytes[id] = size_word & ~CHUNK_FLAG_BITS;
        replay->mapped_now += replay->mapped_bytes[id];
        return;
    }
    uintptr_t start = (uintptr_t)payload - CHUNK_HEADER_BYTES;
    uintptr_t end = (uintptr_t)payload + malloc_usable_size(payload);
    if (end > (uintptr_t)sbrk(0))
        replay->why_not = "glibc's heap left the range below the break";
    if (start < replay->lowest)
        replay->lowest = start;
    if (end > replay->highest)
        replay->highest = end;
}

static void untrack_block(struct space_replay *replay, uint32_t id)
{
    replay->mapped_now -= replay->mapped_bytes[id];
    replay->mapped_bytes[id] = 0;
}

/* Memory that is not malloc's, zeroed. */
static void *mapped_zeroes(size_t bytes)
{
    void *memory = mmap(NULL, bytes ? bytes : 1, PROT_READ | PROT_WRITE,
                        MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    return memory == MAP_FAILED ? NULL : memory;
}

static void replay_op(struct space_replay *replay, const struct trace_op *op)
{
    void **slot = &replay->payloads[op->id];
    replay->live -= replay->sizes[op->id];
    replay->sizes[op->id] = op->kind == OP_FREE ? 0 : op->size;
    replay->live += replay->sizes[op->id];
    if (replay->live > replay->live_peak)
        replay->live_peak = replay->live;
    switch (op->kind) {
    case OP_ALLOC:
        *slot = malloc(op->size);
        track_block(replay, op->id, *slot);
        break;
    case OP_REALLOC:
        untrack_block(replay, op->id);
        *slot = realloc(*slot, op->size);
        track_block(replay, op->id, *slot);
        break;
    default:
        untrack_block(replay, op->id);
        free(*slot);
        *slot = NULL;
        break;
    }
    if (op->kind != OP_FREE && op->size != 0 && *slot == NULL)
        replay->why_not = "malloc returned NULL";
    uint64_t span = replay->highest > replay->lowest ? replay->highest - replay->lowest : 0;
    if (span + replay->mapped_now > replay->footprint_peak)
        replay->footprint_peak = span + replay->mapped_now;
}

int libc_space_replay_main(void)
{
    struct libc_space space;
    memset(&space, 0, sizeof space);
    const char *why_not = NULL;
    struct replay_header header;
    struct trace_op *ops = NULL;
    struct space_replay replay = {.lowest = UINTPTR_MAX};
    if (!read_all(STDIN_FILENO, &header, sizeof header))
        why_not = "the replay process got no trace";
    else if ((ops = mapped_zeroes(header.num_ops * sizeof *ops)) == NULL ||
             (replay.payloads = mapped_zeroes(header.num_ids * sizeof(void *))) == NULL ||
             (replay.mapped_bytes = mapped_zeroes(header.num_ids * sizeof(size_t))) == NULL ||
             (replay.sizes = mapped_zeroes(header.num_ids * sizeof(uint32_t))) == NULL)
        why_not = "the replay process ran out of memory";
    else if (!read_all(STDIN_FILENO, ops, header.num_ops * sizeof *ops))
        why_not = "the replay process got part of the trace";
    for (uint64_t i = 0; why_not == NULL && i < header.num_ops; i++) {
        if (ops[i].id >= header.num_ids) {
            why_not = "the replay process got a bad op";
            break;
        }
        replay_op(&replay, &ops[i]);
        why_not = replay.why_not;
    }
    /* With no payload ever live there is no utilization to give, for
     * libc as for every allocator (runner.c's collect), and nothing odd
     * to explain: not measured, with no reason. */
    if (why_not == NULL && replay.live_peak > 0) {
        space.measured = true;
        space.peak_live_bytes = replay.live_peak;
        space.heap_bytes = replay.footprint_peak;
    }
    if (why_not != NULL)
        snprintf(space.why_not, sizeof space.why_not, "%s", why_not);
    return write_all(STDOUT_FILENO, &space, sizeof space) ? 0 : 1;
}

/* ---- in the driver -------------------------------------------------- */

/* valgrind's malloc replaces glibc's through LD_PRELOAD, and so does any
 * other preloaded allocator: their blocks have no glibc chunk header. */
static const char *malloc_replaced_at_run_time(void)
{
    const char *preload = getenv("LD_PRELOAD");
    if (preload != NULL && *preload != '\0')
        return "LD_PRELOAD is set, so malloc may not be glibc's";
    return NULL;
}

static void say_why_not(struct libc_space *space, const char *why_not)
{
    space->measured = false;
    snprintf(space->why_not, sizeof space->why_not, "%s", why_not);
}

/* Start the fresh process with its stdin and stdout on the given pipe
 * ends; -1 if it did not start. */
static pid_t start_replay_process(int stdin_fd, int stdout_fd)
{
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, stdin_fd, STDIN_FILENO);
    posix_spawn_file_actions_adddup2(&actions, stdout_fd, STDOUT_FILENO);
    char *argv[] = {"mdriver", LIBC_SPACE_FLAG, NULL};
    pid_t pid;
    int spawned = posix_spawn(&pid, "/proc/self/exe", &actions, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&actions);
    return spawned == 0 ? pid : -1;
}

/* Send the trace's ops; a process that died early must not take the
 * driver with it by SIGPIPE. */
static bool send_trace(int fd, const struct trace *trace)
{
    struct sigaction ignore = {.sa_handler = SIG_IGN}, old;
    sigemptyset(&ignore.sa_mask);
    sigaction(SIGPIPE, &ignore, &old);
    struct replay_header header = {trace->num_ops, trace->num_ids};
    bool sent = write_all(fd, &header, sizeof header) &&
                write_all(fd, trace->ops, trace->num_ops * sizeof *trace->ops);
    sigaction(SIGPIPE, &old, NULL);
    return sent;
}

void libc_space_measure(const struct trace *trace, struct libc_space *space)
{
    memset(space, 0, sizeof *space);
    const char *replaced = malloc_replaced_at_run_time();
    if (replaced != NULL) {
        say_why_not(space, replaced);
        return;
    }
    int to_child[2], from_child[2];
    if (pipe2(to_child, O_CLOEXEC) != 0) {
        say_why_not(space, "no pipe for the replay process");
        return;
    }
    if (pipe2(from_child, O_CLOEXEC) != 0) {
        close(to_child[0]);
        close(to_child[1]);
        say_why_not(space, "no pipe for the replay process");
        return;
    }
    pid_t pid = start_replay_process(to_child[0], from_child[1]);
    close(to_child[0]);
    close(from_child[1]);
    bool sent = pid > 0 && send_trace(to_child[1], trace);
    close(to_child[1]);
    bool answered = pid > 0 && read_all(from_child[0], space, sizeof *space);
    close(from_child[0]);
    int status;
    while (pid > 0 && waitpid(pid, &status, 0) < 0 && errno == EINTR)
        continue;
    if (pid <= 0)
        say_why_not(space, "the replay process did not start");
    else if (!sent || !answered)
        say_why_not(space, "the replay process did not answer");
    space->why_not[sizeof space->why_not - 1] = '\0';
}

#else /* CANNOT_MEASURE */

int libc_space_replay_main(void)
{
    return 1; /* never started: libc_space_measure says why */
}

void libc_space_measure(const struct trace *trace, struct libc_space *space)
{
    (void)trace;
    memset(space, 0, sizeof *space);
    snprintf(space->why_not, sizeof space->why_not, "%s", CANNOT_MEASURE);
}

#endif
