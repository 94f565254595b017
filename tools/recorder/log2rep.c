/*
 * log2rep.c - turns a malloc recorder log (preload.c, event.h) into a
 * .rep trace the driver replays.
 *
 *   log2rep LOG OUT.rep
 *
 * Each block the program got becomes an id, from malloc (or calloc, or
 * an aligned call: the alignment is not kept) to free; realloc keeps the
 * id. Ids are reused once free, so the trace needs as many as the program
 * had blocks live at once. The header's first line, as in the generated
 * traces, is the peak of the live payload.
 *
 * What cannot be a trace op is counted and said, never guessed at:
 *   - a free (or realloc) of a block the log never saw allocated: it was
 *     allocated before recording began (early in start-up), or it was
 *     too big for a trace (below); a realloc of one is recorded as a
 *     malloc of its new size, since the block's history is unknown, and
 *     a realloc of one to 0 bytes, which frees it, as nothing;
 *   - a block handed out again while the log still has it live: glibc
 *     freed it inside one of its own functions (fclose frees the buffer
 *     setvbuf was given); it is freed in the trace just before;
 *   - failed calls (NULL), which change nothing;
 *   - blocks of more than UINT32_MAX bytes, which a trace cannot hold.
 *
 * A log that ends with an exec (an EXEC event) is whole: the program ran
 * another, which made no malloc call the recorder saw (a program the
 * recorder follows and that allocates starts a log of its own). If the
 * new program's environment did not keep the recorder (env -i cleared
 * it), the program wanted was not recorded at all, only what ran it:
 * no trace is written.
 *
 * Exit status: 0 on success, 1 if a file cannot be read or written or the
 * log is not one, 2 on bad usage, 3 if the log ends with an exec into an
 * environment without the recorder (no trace written).
 */
#define _POSIX_C_SOURCE 200809L /* lstat, fchmod, fileno, unlink: partial-file.h */
#include "../partial-file.h"
#include "event.h"

#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const uint32_t NO_ID = UINT32_MAX;

/* ---- errors ------------------------------------------------------------- */

static void die(int status, const char *fmt, ...)
{
    partial_remove();
    va_list args;
    va_start(args, fmt);
    fputs("log2rep: ", stderr);
    vfprintf(stderr, fmt, args);
    fputc('\n', stderr);
    va_end(args);
    exit(status);
}

static void *grow_array(void *array, size_t *capacity, size_t element_bytes)
{
    size_t new_capacity = *capacity ? *capacity * 2 : 1024;
    void *grown = realloc(array, new_capacity * element_bytes);
    if (grown == NULL)
        die(1, "out of memory");
    *capacity = new_capacity;
    return grown;
}

/* ---- live blocks: pointer -> id (open addressing, linear probing) ------- */

struct live_map {
    uint64_t *pointers; /* 0: empty slot (a live block is never at 0) */
    uint32_t *ids;
    size_t capacity; /* a power of two */
    size_t count;
};

static size_t slot_of(const struct live_map *map, uint64_t pointer)
{
    uint64_t hash = pointer * UINT64_C(0x9E3779B97F4A7C15);
    return (size_t)(hash >> 20) & (map->capacity - 1);
}

static uint32_t map_find(const struct live_map *map, uint64_t pointer)
{
    if (map->count == 0)
        return NO_ID;
    for (size_t i = slot_of(map, pointer);; i = (i + 1) & (map->capacity - 1)) {
        if (map->pointers[i] == pointer)
            return map->ids[i];
        if (map->pointers[i] == 0)
            return NO_ID;
    }
}

static void map_put(struct live_map *map, uint64_t pointer, uint32_t id);

static void map_grow(struct live_map *map)
{
    struct live_map old = *map;
    map->capacity = old.capacity ? old.capacity * 2 : 4096;
    map->count = 0;
    map->pointers = calloc(map->capacity, sizeof *map->pointers);
    map->ids = calloc(map->capacity, sizeof *map->ids);
    if (map->pointers == NULL || map->ids == NULL)
        die(1, "out of memory");
    for (size_t i = 0; i < old.capacity; i++)
        if (old.pointers[i] != 0)
            map_put(map, old.pointers[i], old.ids[i]);
    free(old.pointers);
    free(old.ids);
}

static void map_put(struct live_map *map, uint64_t pointer, uint32_t id)
{
    if (2 * (map->count + 1) > map->capacity)
        map_grow(map);
    size_t i = slot_of(map, pointer);
    while (map->pointers[i] != 0)
        i = (i + 1) & (map->capacity - 1);
    map->pointers[i] = pointer;
    map->ids[i] = id;
    map->count++;
}

/* Remove a present pointer, shifting later entries of its probe chain
 * back so that no lookup stops early at the hole. */
static void map_remove(struct live_map *map, uint64_t pointer)
{
    size_t mask = map->capacity - 1, hole = slot_of(map, pointer);
    while (map->pointers[hole] != pointer)
        hole = (hole + 1) & mask;
    for (size_t i = (hole + 1) & mask; map->pointers[i] != 0; i = (i + 1) & mask) {
        size_t home = slot_of(map, map->pointers[i]);
        /* the entry at i may move to the hole if its home is not in (hole, i] */
        if (((i - home) & mask) >= ((i - hole) & mask)) {
            map->pointers[hole] = map->pointers[i];
            map->ids[hole] = map->ids[i];
            hole = i;
        }
    }
    map->pointers[hole] = 0;
    map->count--;
}

/* ---- the trace being built ---------------------------------------------- */

struct op {
    char kind; /* 'a', 'r', 'f' */
    uint32_t id;
    uint32_t size;
};

struct trace {
    struct live_map live;
    struct op *ops;
    size_t op_count, op_capacity;
    uint32_t *sizes; /* live size of each id */
    size_t id_capacity;
    uint32_t id_count;   /* ids used so far: the header's id count */
    uint32_t *free_ids; /* ids to reuse, last freed first */
    size_t free_id_count, free_id_capacity;
    uint64_t live_bytes, peak_bytes;
};

struct counts {
    uint64_t events, mallocs, reallocs, frees, aligned;
    uint64_t unknown_frees, unknown_reallocs, freed_inside_libc, failed, too_big;
    uint64_t marks;      /* END and EXEC events: not calls */
    uint32_t last_kind;  /* of the last event read; 0 before the first */
    uint64_t last_size;  /* its size: for an EXEC, whether the recorder was kept */
    bool ended;          /* an END was read: nothing may follow it */
};

static void add_op(struct trace *trace, char kind, uint32_t id, uint32_t size)
{
    if (trace->op_count == trace->op_capacity)
        trace->ops = grow_array(trace->ops, &trace->op_capacity, sizeof *trace->ops);
    trace->ops[trace->op_count++] = (struct op){kind, id, size};
}

static uint32_t take_id(struct trace *trace)
{
    if (trace->free_id_count > 0)
        return trace->free_ids[--trace->free_id_count];
    if (trace->id_count == NO_ID - 1)
        die(1, "more than %" PRIu32 " blocks live at once: a trace cannot hold them", NO_ID - 1);
    if (trace->id_count == trace->id_capacity)
        trace->sizes = grow_array(trace->sizes, &trace->id_capacity, sizeof *trace->sizes);
    trace->sizes[trace->id_count] = 0; /* a free id holds no bytes */
    return trace->id_count++;
}

static void set_live_size(struct trace *trace, uint32_t id, uint32_t size)
{
    trace->live_bytes = trace->live_bytes - trace->sizes[id] + size;
    if (trace->live_bytes > trace->peak_bytes)
        trace->peak_bytes = trace->live_bytes;
    trace->sizes[id] = size;
}

static void trace_free(struct trace *trace, uint64_t pointer, uint32_t id)
{
    add_op(trace, 'f', id, 0);
    set_live_size(trace, id, 0);
    map_remove(&trace->live, pointer);
    if (trace->free_id_count == trace->free_id_capacity)
        trace->free_ids = grow_array(trace->free_ids, &trace->free_id_capacity, sizeof *trace->free_ids);
    trace->free_ids[trace->free_id_count++] = id;
}

/* A block at `pointer` is handed out: if the log still has a block live
 * there, glibc freed that one itself, so the trace frees it first. */
static void forget_reused(struct trace *trace, struct counts *counts, uint64_t pointer)
{
    uint32_t stale = map_find(&trace->live, pointer);
    if (stale != NO_ID) {
        trace_free(trace, pointer, stale);
        counts->freed_inside_libc++;
    }
}

static void trace_malloc(struct trace *trace, struct counts *counts, uint64_t pointer, uint64_t size)
{
    if (pointer == 0) {
        counts->failed++;
        return;
    }
    forget_reused(trace, counts, pointer);
    if (size > UINT32_MAX) {
        counts->too_big++;
        return;
    }
    uint32_t id = take_id(trace);
    add_op(trace, 'a', id, (uint32_t)size);
    set_live_size(trace, id, (uint32_t)size);
    map_put(&trace->live, pointer, id);
}

static void trace_realloc(struct trace *trace, struct counts *counts, const struct record_event *event)
{
    uint32_t id = event->in ? map_find(&trace->live, event->in) : NO_ID;
    if (id == NO_ID) {
        /* realloc(NULL, n) is malloc(n); a block the log never saw is
         * new to the trace */
        if (event->in != 0 && event->out == 0 && event->size == 0) {
            counts->unknown_frees++; /* glibc's realloc(p, 0) frees p */
            return;
        }
        if (event->in != 0 && event->out != 0)
            counts->unknown_reallocs++;
        trace_malloc(trace, counts, event->out, event->size);
        return;
    }
    if (event->out == 0) {
        if (event->size == 0)
            trace_free(trace, event->in, id); /* glibc's realloc(p, 0) frees p */
        else
            counts->failed++; /* the block is unchanged */
        return;
    }
    if (event->size > UINT32_MAX) {
        /* the block outgrew what a trace can hold: it ends here */
        counts->too_big++;
        trace_free(trace, event->in, id);
        return;
    }
    map_remove(&trace->live, event->in);
    forget_reused(trace, counts, event->out);
    add_op(trace, 'r', id, (uint32_t)event->size);
    set_live_size(trace, id, (uint32_t)event->size);
    map_put(&trace->live, event->out, id);
}

static void trace_event(const char *path, struct trace *trace, struct counts *counts,
                        const struct record_event *event)
{
    counts->events++;
    switch (event->kind) {
    case RECORD_MALLOC:
    case RECORD_CALLOC:
        counts->mallocs++;
        trace_malloc(trace, counts, event->out, event->size);
        break;
    case RECORD_ALIGNED:
        counts->aligned++;
        trace_malloc(trace, counts, event->out, event->size);
        break;
    case RECORD_REALLOC:
        counts->reallocs++;
        trace_realloc(trace, counts, event);
        break;
    case RECORD_FREE: {
        counts->frees++;
        uint32_t id = map_find(&trace->live, event->in);
        if (id == NO_ID)
            counts->unknown_frees++;
        else
            trace_free(trace, event->in, id);
        break;
    }
    case RECORD_END:
        counts->marks++;
        counts->ended = true;
        break;
    case RECORD_EXEC: /* whole up to here; events after it: the exec failed */
        counts->marks++;
        break;
    default:
        die(1, "%s: event %" PRIu64 " has an unknown kind %" PRIu32 ": not a recorder log, or a damaged one",
            path, counts->events, event->kind);
    }
}

/* ---- files -------------------------------------------------------------- */

static void read_log(const char *path, struct trace *trace, struct counts *counts)
{
    FILE *log = fopen(path, "rb");
    if (log == NULL)
        die(1, "%s: cannot open: %s", path, strerror(errno));
    struct record_header header;
    errno = 0;
    size_t headers = fread(&header, sizeof header, 1, log);
    if (headers != 1 && ferror(log)) /* a folder: EISDIR, not a log of the wrong kind */
        die(1, "%s: cannot read: %s", path, strerror(errno));
    if (headers != 1 || memcmp(header.magic, RECORD_MAGIC, 8) != 0)
        die(1, "%s: not a malloc recorder log (it does not start with the recorder's header)", path);
    struct record_event event;
    size_t got;
    while ((got = fread(&event, 1, sizeof event, log)) == sizeof event) {
        if (counts->ended)
            die(1, "%s: events after the end of the log: a damaged log", path);
        trace_event(path, trace, counts, &event);
        counts->last_kind = event.kind;
        counts->last_size = event.size;
    }
    if (ferror(log))
        die(1, "%s: read error: %s", path, strerror(errno));
    if (got != 0)
        fprintf(stderr, "log2rep: %s: the last event is cut short (%zu of %zu bytes): ignored\n", path, got,
                sizeof event);
    fclose(log);
}

static void write_rep(const char *path, const struct trace *trace)
{
    FILE *out = partial_open(path); /* whole or not at all: partial-file.h */
    if (out == NULL)
        die(1, "%s: cannot create: %s", path, strerror(errno));
    errno = 0; /* so a failed write below leaves its own cause */
    fprintf(out, "%" PRIu64 "\n%" PRIu32 "\n%zu\n1\n", trace->peak_bytes, trace->id_count, trace->op_count);
    for (size_t i = 0; i < trace->op_count; i++) {
        const struct op *op = &trace->ops[i];
        if (op->kind == 'f')
            fprintf(out, "f %" PRIu32 "\n", op->id);
        else
            fprintf(out, "%c %" PRIu32 " %" PRIu32 "\n", op->kind, op->id, op->size);
    }
    bool failed = ferror(out) != 0;
    failed = (fclose(out) != 0) || failed;
    if (failed)
        die(1, "%s: write error: %s", path, errno != 0 ? strerror(errno) : "unknown cause");
    if (!partial_finish(path))
        die(1, "%s: cannot put the trace in place: %s", path, strerror(errno));
}

/* One line of what the trace leaves out or changes, if it happened. */
static void say_count(uint64_t count, const char *what)
{
    if (count != 0)
        fprintf(stderr, "  %" PRIu64 " %s\n", count, what);
}

static void print_summary(const char *path, const struct trace *trace, const struct counts *counts)
{
    fprintf(stderr, "%s: %zu ops on %" PRIu32 " ids, peak payload %" PRIu64 " bytes, from %" PRIu64
           " calls (%" PRIu64 " malloc/calloc, %" PRIu64 " aligned, %" PRIu64 " realloc, %" PRIu64 " free)\n",
           path, trace->op_count, trace->id_count, trace->peak_bytes, counts->events - counts->marks,
           counts->mallocs, counts->aligned, counts->reallocs, counts->frees);
    say_count(counts->aligned, "aligned allocations are plain mallocs in the trace (the alignment is not kept)");
    say_count(counts->unknown_frees, "frees of blocks the log never saw allocated (allocated before recording "
                                     "began, or too big for a trace, below): left out");
    say_count(counts->unknown_reallocs, "reallocs of such blocks: mallocs of the new size in the trace");
    say_count(counts->freed_inside_libc, "blocks glibc freed inside its own functions: freed in the trace when "
                                         "their address was handed out again");
    say_count(counts->failed, "failed calls (NULL): left out");
    say_count(counts->too_big, "blocks of 4 GiB or more, more than a trace can hold: left out");
    if (counts->last_kind == RECORD_EXEC)
        fprintf(stderr, "  the program ran another with exec, which made no malloc call the recorder saw (or "
                        "ignores LD_PRELOAD: a static or setuid program): the trace holds the calls before "
                        "the exec\n");
    else if (!counts->ended)
        fprintf(stderr, "  the log has no end: the program did not exit normally (killed, a crash, or an exit "
                        "from a signal handler in the middle of a call), so up to 64 KiB of its last calls "
                        "were not written\n");
}

/* A log that ends with an exec into an environment without the
 * recorder holds what ran the program wanted (env -i's own calls), not
 * that program: no trace of it. */
static void refuse_lost_exec(const char *path, const struct counts *counts)
{
    if (counts->last_kind == RECORD_EXEC && counts->last_size == 0)
        die(3, "%s: the program cleared the recorder's variables from the environment (as env -i does) "
               "and ran another with exec, which cannot be recorded: no trace written", path);
}

static void trace_release(struct trace *trace)
{
    free(trace->live.pointers);
    free(trace->live.ids);
    free(trace->ops);
    free(trace->sizes);
    free(trace->free_ids);
}

int main(int argc, char **argv)
{
    if (argc != 3)
        die(2, "usage: log2rep LOG OUT.rep");
    struct trace trace = {0};
    struct counts counts = {0};
    read_log(argv[1], &trace, &counts);
    refuse_lost_exec(argv[1], &counts);
    write_rep(argv[2], &trace);
    print_summary(argv[2], &trace, &counts);
    trace_release(&trace);
    return 0;
}
