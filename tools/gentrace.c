/*
 * gentrace.c - writes the lab's .rep traces, deterministically.
 *
 *   gentrace suite OUTDIR       the default suite, the corner cases and
 *                               the phase changes
 *   gentrace bench NOPS FILE [SEED]   one large mixed trace of exactly
 *                               NOPS ops
 *   gentrace live NLIVE FILE [SEED]   churn among NLIVE/2 scattered free
 *                               blocks (SEED 0, the default: the trace
 *                               make bench uses; others: other draws)
 *   gentrace stress SEED FILE   a short trace of every kind of op at the
 *                               size edges allocators have, one per seed
 *
 * Every trace comes from its own fixed-seed PRNG (splitmix64) and integer
 * arithmetic only, so the output is byte-for-byte the same on every
 * machine, compiler and libc. traces/README.md describes each trace.
 *
 * How a trace is made: a generator is a function that drives a
 * `struct trace` with malloc/realloc/free calls. It runs twice, because
 * the header needs num_ids and num_ops before the first op: the first
 * pass only counts, the second writes. A generator depends on nothing
 * but its seed, so both passes produce the same ops (the writer checks
 * the counts agree), and memory stays proportional to the live blocks,
 * not to the trace length. `struct trace` also enforces the rules the
 * driver's parser enforces (malloc needs an id that is not live,
 * realloc and free need a live one), so a generator bug stops here
 * instead of producing a file the driver rejects.
 *
 * Rule for generators: at most one random draw per call's arguments
 * (C leaves their evaluation order unspecified, and gcc and clang do
 * differ), so every compiler makes the same draws in the same order.
 *
 * Exit status: 0 on success, 1 on an I/O or memory error (the message
 * names the file), 2 on bad usage.
 */
#define _POSIX_C_SOURCE 200809L /* lstat, fchmod, fileno, unlink: partial-file.h */
#include "../driver/suite.h"
#include "partial-file.h"

#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* ---- constants --------------------------------------------------------- */

static const uint32_t NOT_LIVE = UINT32_MAX; /* size_of_id of a free id */
static const size_t OUTPUT_BUFFER_BYTES = (size_t)1 << 20;
static const uint32_t KIB = 1024;
static const uint32_t MIB = 1024 * 1024;

/* Command-line limits: NLIVE ids must fit the id arrays comfortably, and
 * NOPS is bounded only so that a typo does not fill the disk. */
static const uint64_t MAX_BENCH_OPS = UINT64_C(10000000000);
static const uint64_t MIN_LIVE_BLOCKS = 2;
static const uint64_t MAX_LIVE_BLOCKS = 100000000;

/* ---- errors ------------------------------------------------------------ */

static void die(const char *fmt, ...)
{
    partial_remove();
    va_list args;
    va_start(args, fmt);
    fputs("gentrace: ", stderr);
    vfprintf(stderr, fmt, args);
    fputc('\n', stderr);
    va_end(args);
    exit(1);
}

/* A generator asked for an op the driver would reject: a bug in this
 * file, not in the user's input, so stop loudly. */
static void internal_error(const char *path, uint64_t op_number, const char *what,
                           uint32_t id)
{
    partial_remove();
    fprintf(stderr, "gentrace: internal error writing %s: op %" PRIu64 ": %s (id %" PRIu32 ")\n",
            path, op_number, what, id);
    abort();
}

static void *grow_array(void *array, size_t *capacity, size_t needed, size_t element_bytes)
{
    if (needed <= *capacity)
        return array;
    size_t new_capacity = *capacity < 64 ? 64 : *capacity;
    while (new_capacity < needed)
        new_capacity *= 2;
    void *grown = realloc(array, new_capacity * element_bytes);
    if (grown == NULL)
        die("out of memory (%zu elements of %zu bytes)", new_capacity, element_bytes);
    *capacity = new_capacity;
    return grown;
}

/* ---- the PRNG: splitmix64 ---------------------------------------------- */

struct rng {
    uint64_t state;
};

static uint64_t rng_next(struct rng *rng)
{
    uint64_t z = (rng->state += UINT64_C(0x9E3779B97F4A7C15));
    z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
    return z ^ (z >> 31);
}

/* Uniform in [0, bound), bound > 0. The modulo bias is below 2^-32 for
 * every bound used here, and the result is the same everywhere. */
static uint32_t rng_below(struct rng *rng, uint32_t bound)
{
    return (uint32_t)(rng_next(rng) % bound);
}

/* Uniform in [low, high]. */
static uint32_t rng_between(struct rng *rng, uint32_t low, uint32_t high)
{
    return low + rng_below(rng, high - low + 1);
}

static bool rng_percent(struct rng *rng, uint32_t percent)
{
    return rng_below(rng, 100) < percent;
}

/* In [low, high], small values more likely (the minimum of two uniform
 * draws: density falls linearly from low to high), as object sizes in
 * real programs are. */
static uint32_t rng_skewed_low(struct rng *rng, uint32_t low, uint32_t high)
{
    uint32_t first = rng_between(rng, low, high);
    uint32_t second = rng_between(rng, low, high);
    return first < second ? first : second;
}

/* Log-uniform in [1, max_bytes), max_bytes a power of two: pick a
 * power-of-two band uniformly, then a size uniformly inside it. */
static uint32_t rng_log_uniform(struct rng *rng, uint32_t max_bytes)
{
    uint32_t bands = 0;
    while (((uint32_t)1 << bands) < max_bytes)
        bands++;
    uint32_t band_low = (uint32_t)1 << rng_below(rng, bands);
    return rng_between(rng, band_low, band_low * 2 - 1);
}

/* FNV-1a: each suite trace is seeded from its own file name, so changing
 * one generator never changes another trace. */
static uint64_t seed_from_name(const char *name)
{
    uint64_t hash = UINT64_C(0xCBF29CE484222325);
    for (const char *c = name; *c != '\0'; c++)
        hash = (hash ^ (unsigned char)*c) * UINT64_C(0x100000001B3);
    return hash;
}

/* ---- id lists: a generator's own groups of blocks ---------------------- */

struct id_list {
    uint32_t *ids;
    size_t count;
    size_t capacity;
};

static void id_list_push(struct id_list *list, uint32_t id)
{
    list->ids = grow_array(list->ids, &list->capacity, list->count + 1, sizeof *list->ids);
    list->ids[list->count++] = id;
}

/* Remove and return ids[index]; the last id takes its place (order is
 * not kept, removal is O(1)). */
static uint32_t id_list_take(struct id_list *list, size_t index)
{
    uint32_t id = list->ids[index];
    list->ids[index] = list->ids[--list->count];
    return id;
}

static uint32_t id_list_take_last(struct id_list *list)
{
    return list->ids[--list->count];
}

static uint32_t id_list_take_random(struct id_list *list, struct rng *rng)
{
    return id_list_take(list, rng_below(rng, (uint32_t)list->count));
}

static void id_list_release(struct id_list *list)
{
    free(list->ids);
    *list = (struct id_list){0};
}

/* ---- the trace: the rules, the counts, the output ---------------------- */

/*
 * Invariants:
 *   size_of_id[id] != NOT_LIVE  <=>  id is live
 *   live_ids[slot_of_id[id]] == id for every live id, and live_ids[0 ..
 *   live_count) holds exactly the live ids
 *   live_bytes == sum of size_of_id over live ids
 *   ids_used == 1 + the highest id any op has named
 */
struct trace {
    const char *path;      /* for messages */
    FILE *out;             /* NULL in the counting pass */
    struct rng rng;        /* the generator's randomness */
    uint32_t *size_of_id;  /* payload bytes of a live id, NOT_LIVE otherwise */
    uint32_t *slot_of_id;  /* where a live id sits in live_ids */
    size_t id_capacity;
    uint32_t *live_ids;
    size_t live_ids_capacity;
    uint32_t live_count;
    struct id_list spare_ids; /* freed ids, reused newest first by trace_malloc */
    uint32_t ids_used;
    uint64_t op_count;
    uint64_t live_bytes;
    uint64_t peak_live_bytes;
};

/* What the counting pass learns, and the header the writing pass writes. */
struct trace_counts {
    uint64_t peak_live_bytes;
    uint32_t ids_used;
    uint64_t op_count;
};

static void trace_begin(struct trace *trace, const char *path, uint64_t seed, FILE *out)
{
    *trace = (struct trace){.path = path, .out = out, .rng = {seed}};
}

static struct trace_counts trace_end(struct trace *trace)
{
    struct trace_counts counts = {trace->peak_live_bytes, trace->ids_used, trace->op_count};
    free(trace->size_of_id);
    free(trace->slot_of_id);
    free(trace->live_ids);
    id_list_release(&trace->spare_ids);
    return counts;
}

/* Make room for id in the per-id arrays; ids never seen start free. */
static void trace_reserve_id(struct trace *trace, uint32_t id)
{
    if (id < trace->id_capacity)
        return;
    size_t old_capacity = trace->id_capacity;
    size_t sizes_capacity = old_capacity; /* grows to the same value as id_capacity */
    trace->size_of_id = grow_array(trace->size_of_id, &sizes_capacity, (size_t)id + 1,
                                   sizeof *trace->size_of_id);
    trace->slot_of_id = grow_array(trace->slot_of_id, &trace->id_capacity, (size_t)id + 1,
                                   sizeof *trace->slot_of_id);
    for (size_t fresh = old_capacity; fresh < trace->id_capacity; fresh++)
        trace->size_of_id[fresh] = NOT_LIVE;
}

static bool trace_is_live(const struct trace *trace, uint32_t id)
{
    return id < trace->id_capacity && trace->size_of_id[id] != NOT_LIVE;
}

static uint32_t trace_size_of(const struct trace *trace, uint32_t id)
{
    return trace->size_of_id[id];
}

/* Decimal, written backwards then reversed: much faster than fprintf
 * for the millions of lines a bench trace has. */
static size_t format_decimal(char *text, uint32_t value)
{
    char reversed[10];
    size_t digits = 0;
    do {
        reversed[digits++] = (char)('0' + value % 10);
        value /= 10;
    } while (value != 0);
    for (size_t i = 0; i < digits; i++)
        text[i] = reversed[digits - 1 - i];
    return digits;
}

static void trace_emit(struct trace *trace, char kind, uint32_t id, uint32_t size,
                       bool has_size)
{
    trace->op_count++;
    if (id >= trace->ids_used)
        trace->ids_used = id + 1;
    if (trace->out == NULL)
        return;
    char line[32];
    size_t length = 0;
    line[length++] = kind;
    line[length++] = ' ';
    length += format_decimal(line + length, id);
    if (has_size) {
        line[length++] = ' ';
        length += format_decimal(line + length, size);
    }
    line[length++] = '\n';
    fwrite(line, 1, length, trace->out);
}

static void trace_set_size(struct trace *trace, uint32_t id, uint32_t size)
{
    trace->live_bytes += size;
    trace->size_of_id[id] = size;
    if (trace->live_bytes > trace->peak_live_bytes)
        trace->peak_live_bytes = trace->live_bytes;
}

/* `a id size` with a caller-chosen id. Hand-written traces use this. */
static void trace_malloc_id(struct trace *trace, uint32_t id, uint32_t size)
{
    if (trace_is_live(trace, id))
        internal_error(trace->path, trace->op_count + 1, "malloc of a live id", id);
    trace_reserve_id(trace, id);
    trace->live_ids = grow_array(trace->live_ids, &trace->live_ids_capacity,
                                 (size_t)trace->live_count + 1, sizeof *trace->live_ids);
    trace->slot_of_id[id] = trace->live_count;
    trace->live_ids[trace->live_count++] = id;
    trace_set_size(trace, id, size);
    trace_emit(trace, 'a', id, size, true);
}

/* An id for a new block: the most recently freed one (as a program
 * reuses a variable), else a fresh one. Ids stay dense, so num_ids is
 * close to the peak number of live blocks. */
static uint32_t trace_unused_id(struct trace *trace)
{
    while (trace->spare_ids.count > 0) {
        uint32_t id = id_list_take_last(&trace->spare_ids);
        if (!trace_is_live(trace, id)) /* a hand-picked id may have taken it */
            return id;
    }
    return trace->ids_used; /* never named yet, so not live */
}

/* `a id size` with an id picked for the caller; returns the id. */
static uint32_t trace_malloc(struct trace *trace, uint32_t size)
{
    uint32_t id = trace_unused_id(trace);
    trace_malloc_id(trace, id, size);
    return id;
}

/* `r id size`: id must be live and stays live (with size 0 it holds no
 * block: see corner-zero.rep). */
static void trace_realloc(struct trace *trace, uint32_t id, uint32_t size)
{
    if (!trace_is_live(trace, id))
        internal_error(trace->path, trace->op_count + 1, "realloc of an id that is not live", id);
    trace->live_bytes -= trace->size_of_id[id];
    trace_set_size(trace, id, size);
    trace_emit(trace, 'r', id, size, true);
}

/* `f id`: id must be live. */
static void trace_free(struct trace *trace, uint32_t id)
{
    if (!trace_is_live(trace, id))
        internal_error(trace->path, trace->op_count + 1, "free of an id that is not live", id);
    trace->live_bytes -= trace->size_of_id[id];
    trace->size_of_id[id] = NOT_LIVE;
    uint32_t slot = trace->slot_of_id[id];
    uint32_t moved_id = trace->live_ids[--trace->live_count];
    trace->live_ids[slot] = moved_id;
    trace->slot_of_id[moved_id] = slot;
    id_list_push(&trace->spare_ids, id);
    trace_emit(trace, 'f', id, 0, false);
}

/* Any live id, uniformly; live_count > 0. */
static uint32_t trace_random_live(struct trace *trace)
{
    return trace->live_ids[rng_below(&trace->rng, trace->live_count)];
}

/* Free every live block, in random order: the end of most traces. */
static void trace_free_all(struct trace *trace)
{
    while (trace->live_count > 0)
        trace_free(trace, trace_random_live(trace));
}

static void trace_free_list(struct trace *trace, struct id_list *list)
{
    while (list->count > 0)
        trace_free(trace, id_list_take_random(list, &trace->rng));
}

/* ---- writing a file ---------------------------------------------------- */

typedef void generator_fn(struct trace *trace, uint64_t parameter);

static void write_header(FILE *out, const struct trace_counts *counts)
{
    /* Line 1, the suggested heap size, is ignored by the driver; the
     * peak live payload is the honest figure for it. */
    fprintf(out, "%" PRIu64 "\n%" PRIu32 "\n%" PRIu64 "\n1\n", counts->peak_live_bytes,
            counts->ids_used, counts->op_count);
}

static bool same_counts(const struct trace_counts *a, const struct trace_counts *b)
{
    return a->peak_live_bytes == b->peak_live_bytes && a->ids_used == b->ids_used &&
           a->op_count == b->op_count;
}

/* Run the generator twice (count, then write) into path. Returns 0, or 1
 * after naming the file on an I/O error. */
static int write_trace(const char *path, uint64_t seed, generator_fn *generate,
                       uint64_t parameter)
{
    struct trace trace;
    trace_begin(&trace, path, seed, NULL);
    generate(&trace, parameter);
    struct trace_counts counted = trace_end(&trace);

    FILE *out = partial_open(path); /* whole or not at all: partial-file.h */
    if (out == NULL) {
        fprintf(stderr, "gentrace: %s: %s\n", path, strerror(errno));
        return 1;
    }
    char *buffer = malloc(OUTPUT_BUFFER_BYTES);
    if (buffer != NULL)
        setvbuf(out, buffer, _IOFBF, OUTPUT_BUFFER_BYTES);
    errno = 0; /* so a failed write below leaves its own cause */
    write_header(out, &counted);
    trace_begin(&trace, path, seed, out);
    generate(&trace, parameter);
    struct trace_counts written = trace_end(&trace);
    if (!same_counts(&counted, &written))
        internal_error(path, written.op_count, "generator is not deterministic", 0);

    bool failed = ferror(out) != 0;
    failed = (fclose(out) != 0) || failed;
    free(buffer);
    if (!failed && !partial_finish(path))
        failed = true;
    if (failed) {
        fprintf(stderr, "gentrace: %s: %s\n", path,
                errno != 0 ? strerror(errno) : "write error");
        partial_remove();
        return 1;
    }
    return 0;
}

/* ---- object sizes ------------------------------------------------------ */

/* A struct in a real program: 16..128 bytes in steps of 8, mostly small. */
static uint32_t small_object_size(struct rng *rng)
{
    return rng_skewed_low(rng, 2, 16) * 8;
}

/* A string: strlen + 1, any byte count, mostly short. */
static uint32_t string_size(struct rng *rng, uint32_t longest)
{
    return rng_skewed_low(rng, 2, longest);
}

/* ---- program1: a compiler's pattern ------------------------------------ */

/* Each function compiled allocates many short-lived nodes and strings
 * (some dropped at once, like tokens, the rest freed together when the
 * function is done) while a slowly changing set of medium tables lives
 * across functions and is sometimes grown by realloc. */
static void gen_program1(struct trace *trace, uint64_t unused)
{
    (void)unused;
    struct rng *rng = &trace->rng;
    struct id_list tables = {0};
    struct id_list nodes = {0};
    for (int function = 0; function < 40; function++) {
        uint32_t statements = rng_between(rng, 100, 200);
        for (uint32_t statement = 0; statement < statements; statement++) {
            uint32_t size = rng_percent(rng, 65) ? small_object_size(rng) : string_size(rng, 48);
            id_list_push(&nodes, trace_malloc(trace, size));
            if (rng_percent(rng, 30))
                trace_free(trace, id_list_take_random(&nodes, rng));
            if (rng_percent(rng, 4))
                id_list_push(&tables, trace_malloc(trace, rng_skewed_low(rng, 16, 256) * 16));
            if (rng_percent(rng, 1) && tables.count > 0) {
                uint32_t table = tables.ids[rng_below(rng, (uint32_t)tables.count)];
                uint32_t grown = trace_size_of(trace, table) * 2;
                if (grown <= 16 * KIB)
                    trace_realloc(trace, table, grown);
            }
            if (rng_percent(rng, 2) && tables.count > 16)
                trace_free(trace, id_list_take_random(&tables, rng));
        }
        /* The function's tree goes, newest node first, as a recursive
         * teardown frees it. */
        while (nodes.count > 0)
            trace_free(trace, id_list_take_last(&nodes));
    }
    trace_free_list(trace, &tables);
    id_list_release(&tables);
    id_list_release(&nodes);
}

/* ---- program2: build, tear down, build something else ------------------ */

/* Records are two blocks (a node and what it points to), kept as pairs. */
struct record_list {
    struct id_list nodes;
    struct id_list payloads;
};

static void record_add(struct trace *trace, struct record_list *records, uint32_t node_bytes,
                       uint32_t payload_bytes)
{
    id_list_push(&records->nodes, trace_malloc(trace, node_bytes));
    id_list_push(&records->payloads, trace_malloc(trace, payload_bytes));
}

/* Free records picked at random until only keep_percent of them remain. */
static void record_tear_down(struct trace *trace, struct record_list *records,
                             uint32_t keep_percent)
{
    size_t keep = records->nodes.count * keep_percent / 100;
    while (records->nodes.count > keep) {
        size_t index = rng_below(&trace->rng, (uint32_t)records->nodes.count);
        trace_free(trace, id_list_take(&records->nodes, index));
        trace_free(trace, id_list_take(&records->payloads, index));
    }
}

static void record_list_release(struct record_list *records)
{
    id_list_release(&records->nodes);
    id_list_release(&records->payloads);
}

/* An array of pointers grown by realloc to hold `count` entries, at
 * `factor_percent` growth, as a vector or hash table does. */
static void pointer_array_fit(struct trace *trace, uint32_t array, uint32_t count,
                              uint32_t factor_percent)
{
    uint32_t bytes = trace_size_of(trace, array);
    if (count * 8 <= bytes)
        return;
    while (count * 8 > bytes)
        bytes = bytes * factor_percent / 100;
    trace_realloc(trace, array, bytes);
}

static void gen_program2(struct trace *trace, uint64_t unused)
{
    (void)unused;
    struct rng *rng = &trace->rng;
    struct record_list list = {0}, tree = {0}, table = {0};

    /* Phase 1: a linked list of 24-byte cells holding strings, indexed by
     * a hash table that doubles. Most of it is then dropped. */
    uint32_t buckets = trace_malloc(trace, 64);
    for (uint32_t i = 1; i <= 1200; i++) {
        record_add(trace, &list, 24, string_size(rng, 64));
        pointer_array_fit(trace, buckets, i, 200);
    }
    record_tear_down(trace, &list, 15);

    /* Phase 2: a binary tree of 48-byte nodes, each with a 16..200-byte
     * value: other sizes, so phase 1's holes fit badly. */
    for (uint32_t i = 0; i < 1500; i++)
        record_add(trace, &tree, 48, rng_skewed_low(rng, 16, 200));
    record_tear_down(trace, &tree, 10);
    trace_free(trace, buckets);

    /* Phase 3: a table of 72..136-byte records with 8..24-byte keys, in
     * a vector grown by half each time. */
    uint32_t vector = trace_malloc(trace, 128);
    for (uint32_t i = 1; i <= 1000; i++) {
        /* Separate statements: the order in which a call's arguments are
         * evaluated is unspecified, and each draw must come in a fixed
         * order for the output to be the same under every compiler. */
        uint32_t record_bytes = rng_between(rng, 9, 17) * 8;
        uint32_t key_bytes = rng_between(rng, 8, 24);
        record_add(trace, &table, record_bytes, key_bytes);
        pointer_array_fit(trace, vector, i, 150);
    }
    trace_free_all(trace);
    record_list_release(&list);
    record_list_release(&tree);
    record_list_release(&table);
}

/* ---- coalescing: free runs in every order, then need the merged space -- */

enum free_order { FORWARD, BACKWARD, INTERLEAVED, SHUFFLED, FREE_ORDERS };

static void free_run(struct trace *trace, const uint32_t *run, uint32_t length,
                     enum free_order order)
{
    switch (order) {
    case FORWARD: /* each block merges with the one before it */
        for (uint32_t i = 0; i < length; i++)
            trace_free(trace, run[i]);
        break;
    case BACKWARD: /* each block merges with the one after it */
        for (uint32_t i = length; i-- > 0;)
            trace_free(trace, run[i]);
        break;
    case INTERLEAVED: /* evens leave isolated holes; each odd then joins
                         both neighbours at once */
        for (uint32_t i = 0; i < length; i += 2)
            trace_free(trace, run[i]);
        for (uint32_t i = 1; i < length; i += 2)
            trace_free(trace, run[i]);
        break;
    default: { /* every case, mixed */
        struct id_list left = {0};
        for (uint32_t i = 0; i < length; i++)
            id_list_push(&left, run[i]);
        trace_free_list(trace, &left);
        id_list_release(&left);
        break;
    }
    }
}

static void gen_coalescing(struct trace *trace, uint64_t unused)
{
    (void)unused;
    struct rng *rng = &trace->rng;
    /* The last three merged blocks stay live; the oldest is freed each
     * round, leaving a big hole for later runs to split. */
    uint32_t merged_blocks[3] = {NOT_LIVE, NOT_LIVE, NOT_LIVE};
    uint32_t run[96];
    for (uint32_t round = 0; round < 100; round++) {
        uint32_t length = rng_between(rng, 32, 96);
        uint32_t block_bytes = rng_between(rng, 1, 8) * 16;
        for (uint32_t i = 0; i < length; i++)
            run[i] = trace_malloc(trace, block_bytes);
        /* A small live block after the run keeps it from merging with
         * whatever follows, so the big request below measures this run. */
        trace_malloc(trace, 16);
        free_run(trace, run, length, (enum free_order)(round % FREE_ORDERS));
        uint32_t *oldest = &merged_blocks[round % 3];
        if (*oldest != NOT_LIVE)
            trace_free(trace, *oldest);
        /* Fits in the run's space only if all of it was merged. */
        *oldest = trace_malloc(trace, length * block_bytes - 64);
    }
    trace_free_all(trace);
}

/* ---- random and random2: independent sizes, about half the ids live ---- */

typedef uint32_t size_fn(struct rng *rng);

static uint32_t uniform_1k(struct rng *rng)
{
    return rng_between(rng, 1, 1024);
}

static uint32_t log_uniform_64k(struct rng *rng)
{
    return rng_log_uniform(rng, 64 * KIB);
}

/* Malloc with probability (pool - live) / pool, else free a random live
 * block: the live count settles around pool / 2. */
static void random_churn(struct trace *trace, uint32_t pool, uint32_t steps, size_fn *draw_size)
{
    for (uint32_t step = 0; step < steps; step++) {
        if (rng_below(&trace->rng, pool) >= trace->live_count)
            trace_malloc(trace, draw_size(&trace->rng));
        else
            trace_free(trace, trace_random_live(trace));
    }
    trace_free_all(trace);
}

static void gen_random(struct trace *trace, uint64_t unused)
{
    (void)unused;
    random_churn(trace, 2000, 11000, uniform_1k);
}

static void gen_random2(struct trace *trace, uint64_t unused)
{
    (void)unused;
    random_churn(trace, 800, 9000, log_uniform_64k);
}

/* ---- binary and binary2: the fragmenting pattern ----------------------- */

/* Alternate small and large blocks, free every block of free_bytes, then
 * ask for blocks of new_bytes, slightly larger than the holes left. */
static void binary_pattern(struct trace *trace, uint32_t pairs, uint32_t first_bytes,
                           uint32_t second_bytes, uint32_t free_bytes, uint32_t new_bytes)
{
    struct id_list doomed = {0};
    for (uint32_t pair = 0; pair < pairs; pair++) {
        uint32_t first = trace_malloc(trace, first_bytes);
        uint32_t second = trace_malloc(trace, second_bytes);
        id_list_push(&doomed, first_bytes == free_bytes ? first : second);
    }
    for (size_t i = 0; i < doomed.count; i++)
        trace_free(trace, doomed.ids[i]);
    for (uint32_t i = 0; i < pairs; i++)
        trace_malloc(trace, new_bytes);
    trace_free_all(trace);
    id_list_release(&doomed);
}

static void gen_binary(struct trace *trace, uint64_t unused)
{
    (void)unused;
    binary_pattern(trace, 2000, 64, 448, 448, 512);
}

static void gen_binary2(struct trace *trace, uint64_t unused)
{
    (void)unused;
    binary_pattern(trace, 2400, 16, 112, 16, 128);
}

/* ---- realloc: growing buffers among small blocks ----------------------- */

struct growing_buffer {
    uint32_t id;
    uint32_t limit_bytes; /* when it passes this, the buffer is done */
};

static void buffer_start(struct trace *trace, struct growing_buffer *buffer)
{
    buffer->id = trace_malloc(trace, rng_between(&trace->rng, 16, 128));
    buffer->limit_bytes = rng_between(&trace->rng, 4, 24) * KIB;
}

static void gen_realloc(struct trace *trace, uint64_t unused)
{
    (void)unused;
    struct rng *rng = &trace->rng;
    struct growing_buffer buffers[4];
    struct id_list smalls = {0};
    for (size_t b = 0; b < 4; b++)
        buffer_start(trace, &buffers[b]);
    for (uint32_t growth = 0; growth < 4500; growth++) {
        struct growing_buffer *buffer = &buffers[rng_below(rng, 4)];
        uint32_t size = trace_size_of(trace, buffer->id) + rng_between(rng, 32, 512);
        if (size > buffer->limit_bytes) {
            trace_free(trace, buffer->id); /* string done; start the next */
            buffer_start(trace, buffer);
        } else {
            trace_realloc(trace, buffer->id, size);
        }
        /* Small blocks land after the buffer, so it is rarely at the
         * heap's end and cannot simply extend into fresh space. */
        if (rng_percent(rng, 50))
            id_list_push(&smalls, trace_malloc(trace, rng_skewed_low(rng, 16, 128)));
        if (rng_percent(rng, 40) && smalls.count > 50)
            trace_free(trace, id_list_take_random(&smalls, rng));
    }
    trace_free_all(trace);
    id_list_release(&smalls);
}

/* ---- realloc2: many blocks resized up and down ------------------------- */

static uint32_t resized(struct rng *rng, uint32_t old_bytes)
{
    uint32_t new_bytes;
    if (rng_percent(rng, 50)) /* grow to 1.25x..2x */
        new_bytes = old_bytes + old_bytes / 4 + rng_between(rng, 0, old_bytes * 3 / 4);
    else /* shrink to 0.5x..0.8x: the same spread in log scale */
        new_bytes = old_bytes / 2 + rng_between(rng, 0, old_bytes * 3 / 10);
    if (new_bytes < 1)
        return 1;
    return new_bytes > 16 * KIB ? 16 * KIB : new_bytes;
}

static void gen_realloc2(struct trace *trace, uint64_t unused)
{
    (void)unused;
    struct rng *rng = &trace->rng;
    for (uint32_t i = 0; i < 400; i++)
        trace_malloc(trace, rng_log_uniform(rng, 1024));
    for (uint32_t step = 0; step < 10000; step++) {
        uint32_t id = trace_random_live(trace);
        if (rng_percent(rng, 90)) {
            trace_realloc(trace, id, resized(rng, trace_size_of(trace, id)));
        } else {
            trace_free(trace, id);
            trace_malloc(trace, rng_log_uniform(rng, 1024));
        }
    }
    trace_free_all(trace);
}

/* ---- tiny: per-block overhead ------------------------------------------ */

static void gen_tiny(struct trace *trace, uint64_t unused)
{
    (void)unused;
    struct rng *rng = &trace->rng;
    for (uint32_t i = 0; i < 16000; i++)
        trace_malloc(trace, rng_between(rng, 1, 16));
    for (uint32_t i = 0; i < 1000; i++) {
        trace_free(trace, trace_random_live(trace));
        trace_malloc(trace, rng_between(rng, 1, 16));
    }
    trace_free_all(trace);
}

/* ---- bigsmall: a few huge blocks among many small ones ----------------- */

static uint32_t large_size(struct rng *rng)
{
    return rng_between(rng, 256 * KIB, 3 * MIB);
}

static void gen_bigsmall(struct trace *trace, uint64_t unused)
{
    (void)unused;
    struct rng *rng = &trace->rng;
    uint32_t large[4];
    struct id_list smalls = {0};
    for (size_t slot = 0; slot < 4; slot++) {
        for (int i = 0; i < 20; i++)
            id_list_push(&smalls, trace_malloc(trace, rng_skewed_low(rng, 16, 256)));
        large[slot] = trace_malloc(trace, large_size(rng));
    }
    for (uint32_t step = 0; step < 10000; step++) {
        if (rng_below(rng, 1000) < 3) {
            uint32_t *slot = &large[rng_below(rng, 4)];
            if (rng_percent(rng, 67)) {
                trace_free(trace, *slot);
                *slot = trace_malloc(trace, large_size(rng));
            } else {
                trace_realloc(trace, *slot, large_size(rng));
            }
        } else if (rng_below(rng, 2400) >= smalls.count) {
            id_list_push(&smalls, trace_malloc(trace, rng_skewed_low(rng, 16, 256)));
        } else {
            trace_free(trace, id_list_take_random(&smalls, rng));
        }
    }
    trace_free_all(trace);
    id_list_release(&smalls);
}

/* ---- phase-*: one phase's survivors, then another size ----------------- */

/* A program phase allocates many blocks of one size and frees all but a
 * tenth of them in random order (what the phase keeps: a cache, a result
 * list); the next phase allocates as many blocks of another size. An
 * allocator that keeps sizes apart (size classes, runs of equal slots)
 * finds the survivors pinning space the new size cannot use, so the heap
 * grows: the classic weakness of size classes. Not in the default suite
 * (see traces/README.md). */
static void phase_change(struct trace *trace, uint32_t first_bytes, uint32_t next_bytes)
{
    enum { PHASE_BLOCKS = 3000, SURVIVORS = PHASE_BLOCKS / 10 };
    struct id_list first_phase = {0};
    for (uint32_t i = 0; i < PHASE_BLOCKS; i++)
        id_list_push(&first_phase, trace_malloc(trace, first_bytes));
    while (first_phase.count > SURVIVORS)
        trace_free(trace, id_list_take_random(&first_phase, &trace->rng));
    for (uint32_t i = 0; i < PHASE_BLOCKS; i++)
        trace_malloc(trace, next_bytes);
    trace_free_all(trace);
    id_list_release(&first_phase);
}

/* The phase-S1-S2.rep traces, S1 then S2 bytes: across the kinds of
 * space an allocator may keep apart (the smallest sizes and small ones,
 * small blocks and mid-size ones, two mid sizes of different size
 * classes), and last, second sizes that are not a multiple of 8 (28,
 * 12, 100), which an allocator may serve apart from the first size's
 * space for that alone. write_suite names each file after its sizes. */
static const uint32_t PHASE_SIZES[][2] = {
    {16, 48}, {48, 16}, {64, 128}, {128, 64}, {200, 152}, {200, 296},
    {16, 28}, {56, 12}, {32, 100},
};

static void gen_phase(struct trace *trace, uint64_t shape)
{
    phase_change(trace, PHASE_SIZES[shape][0], PHASE_SIZES[shape][1]);
}

/* ---- hand-written traces ------------------------------------------------ */

struct scripted_op {
    char kind; /* 'a', 'r' or 'f' */
    uint32_t id;
    uint32_t size;
};

static void run_script(struct trace *trace, const struct scripted_op *ops, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        if (ops[i].kind == 'a')
            trace_malloc_id(trace, ops[i].id, ops[i].size);
        else if (ops[i].kind == 'r')
            trace_realloc(trace, ops[i].id, ops[i].size);
        else
            trace_free(trace, ops[i].id);
    }
}

#define RUN_SCRIPT(trace, ops) run_script((trace), (ops), sizeof(ops) / sizeof((ops)[0]))

/* Split a hole, then merge three blocks into one that a request needs. */
static const struct scripted_op SHORT1[] = {
    {'a', 0, 100},  {'a', 1, 200}, {'a', 2, 300}, {'a', 3, 400},
    {'f', 1, 0},    /* a hole between 0 and 2 */
    {'a', 4, 120},  /* fits in it, leaving a remainder */
    {'f', 2, 0},    /* merges with that remainder */
    {'f', 0, 0},    /* block 0 is now alone before 4 */
    {'f', 4, 0},    /* 0, 4, the remainder and 2 become one block */
    {'a', 5, 600},  /* fits there only if they merged */
    {'a', 6, 50},   {'f', 3, 0}, {'f', 5, 0}, {'f', 6, 0},
};

/* Grow with a live neighbour, grow into a freed neighbour, shrink, grow
 * at the heap's end. */
static const struct scripted_op SHORT2[] = {
    {'a', 0, 64},   {'a', 1, 32},
    {'r', 0, 128},  /* neighbour 1 is live: must move or copy */
    {'f', 1, 0},
    {'r', 0, 200},  {'a', 2, 16},
    {'r', 0, 40},   /* shrink: data kept */
    {'r', 2, 1000}, /* 2 may be last in the heap: can extend in place */
    {'a', 3, 100},  {'f', 0, 0}, {'r', 3, 300}, {'f', 2, 0}, {'f', 3, 0},
};

/* The cases an allocator with boundary tags handles, one after another,
 * for `mdriver --blocks` to draw: the four cases of freeing (no
 * neighbour free, the one below, the one above, both), a split, and
 * realloc growing in place, shrinking in place and moving. */
static const struct scripted_op CASES[] = {
    {'a', 0, 48}, {'a', 1, 48}, {'a', 2, 48}, {'a', 3, 48},
    {'a', 4, 48}, {'a', 5, 48}, {'a', 6, 48}, /* 6 keeps the top of the heap */
    {'f', 1, 0},   /* neither neighbour free */
    {'f', 2, 0},   /* the one below free */
    {'f', 5, 0},   /* neither */
    {'f', 4, 0},   /* the one above free */
    {'f', 3, 0},   /* both: 1 to 5 become one block */
    {'a', 7, 100}, /* split: the fit is bigger than the request */
    {'r', 7, 160}, /* grow into the free block above */
    {'r', 7, 64},  /* shrink: the tail goes back */
    {'r', 0, 200}, /* grow with a used block above: move */
    {'f', 7, 0},   {'f', 0, 0},
};

/* Size 0 everywhere it is legal: malloc(0), realloc to 0 (the block may
 * be freed and NULL returned; the id then holds no block and its free is
 * free(NULL)), and realloc of a 0-byte block up. */
static const struct scripted_op CORNER_ZERO[] = {
    {'a', 0, 0},  {'a', 1, 0},  {'a', 2, 16}, {'f', 1, 0},  {'a', 1, 0},
    {'r', 2, 0},  {'f', 2, 0},  {'a', 3, 8},  {'r', 3, 0},  {'f', 3, 0},
    {'r', 0, 24}, {'a', 2, 0},  {'f', 0, 0},  {'f', 1, 0},  {'a', 4, 32},
    {'f', 2, 0},  {'a', 0, 0},  {'f', 4, 0},  {'f', 0, 0},
};

static void gen_short1(struct trace *trace, uint64_t unused)
{
    (void)unused;
    RUN_SCRIPT(trace, SHORT1);
}

static void gen_short2(struct trace *trace, uint64_t unused)
{
    (void)unused;
    RUN_SCRIPT(trace, SHORT2);
}

static void gen_cases(struct trace *trace, uint64_t unused)
{
    (void)unused;
    RUN_SCRIPT(trace, CASES);
}

static void gen_corner_zero(struct trace *trace, uint64_t unused)
{
    (void)unused;
    RUN_SCRIPT(trace, CORNER_ZERO);
}

/* ---- corner cases ------------------------------------------------------- */

/* Size 1: the smallest real request, all overhead. */
static void gen_corner_one(struct trace *trace, uint64_t unused)
{
    (void)unused;
    for (uint32_t i = 0; i < 2000; i++)
        trace_malloc(trace, 1);
    for (uint32_t id = 0; id < 2000; id += 2)
        trace_free(trace, id);
    for (uint32_t i = 0; i < 1000; i++)
        trace_malloc(trace, 1);
    trace_free_all(trace);
}

/* Shrinking reallocs, down to 1 byte and back up: the driver checks the
 * kept prefix of each block's data survives. Small blocks allocated
 * between rounds may land in the tails the shrinking gave back. */
static void gen_corner_shrink(struct trace *trace, uint64_t unused)
{
    (void)unused;
    struct rng *rng = &trace->rng;
    uint32_t blocks[64];
    for (size_t i = 0; i < 64; i++)
        blocks[i] = trace_malloc(trace, rng_between(rng, 1024, 8192));
    for (int round = 0; round < 14; round++) {
        for (size_t i = 0; i < 64; i++) {
            uint32_t size = trace_size_of(trace, blocks[i]);
            trace_realloc(trace, blocks[i], size > 1 ? size / 2 : 64);
        }
        for (int i = 0; i < 16; i++)
            trace_malloc(trace, rng_between(rng, 8, 64));
    }
    for (size_t i = 0; i < 64; i++)
        trace_realloc(trace, blocks[i], rng_between(rng, 1, 7));
    trace_free_all(trace);
}

/* More than 128 (and 256) ids: catches a driver or allocator that keeps
 * ids or indexes in a byte. */
static void gen_corner_bigid(struct trace *trace, uint64_t unused)
{
    (void)unused;
    struct rng *rng = &trace->rng;
    const uint32_t id_count = 300;
    for (uint32_t id = 0; id < id_count; id++)
        trace_malloc_id(trace, id, rng_between(rng, 8, 256));
    for (uint32_t i = 0; i < 3 * (id_count - 128); i++) {
        uint32_t id = rng_between(rng, 128, id_count - 1);
        trace_realloc(trace, id, rng_between(rng, 8, 512));
    }
    for (uint32_t id = id_count; id-- > 0;)
        trace_free(trace, id);
}

/* A few ids, each allocated, freed and allocated again many times with
 * different sizes (some reallocated in between). */
static void gen_corner_reuse(struct trace *trace, uint64_t unused)
{
    (void)unused;
    struct rng *rng = &trace->rng;
    for (uint32_t step = 0; step < 400; step++) {
        uint32_t id = rng_below(rng, 8);
        if (!trace_is_live(trace, id))
            trace_malloc_id(trace, id, rng_between(rng, 1, 512));
        else if (rng_percent(rng, 20))
            trace_realloc(trace, id, rng_between(rng, 1, 512));
        else
            trace_free(trace, id);
    }
    for (uint32_t id = 0; id < 8; id++)
        if (trace_is_live(trace, id))
            trace_free(trace, id);
}

/* ---- bench: one large mixed trace -------------------------------------- */

/* Mostly small, some medium, a few up to 64 KiB. */
static uint32_t bench_size(struct rng *rng)
{
    uint32_t band = rng_below(rng, 1000);
    if (band < 940)
        return rng_skewed_low(rng, 1, 64) * 8;
    if (band < 998)
        return rng_between(rng, 513, 4096);
    return rng_between(rng, 4097, 64 * KIB);
}

static uint32_t bench_resize(struct rng *rng, uint32_t old_bytes)
{
    if (rng_percent(rng, 50))
        return bench_size(rng);
    uint32_t grown = old_bytes + 1 + rng_below(rng, old_bytes + 64);
    return grown > 64 * KIB ? 64 * KIB : grown;
}

/* The live count drifts toward a target that jumps every eighth of the
 * trace, so the driver sees the heap grow and shrink between a fifth of
 * max_live and max_live. Near the end only frees are allowed, so the
 * trace has exactly nops ops and ends empty, but for one block when the
 * heap empties with one op left (an empty heap always takes a malloc:
 * `gentrace bench 1` is one malloc). */
static void gen_bench(struct trace *trace, uint64_t nops)
{
    struct rng *rng = &trace->rng;
    uint64_t max_live = nops / 50;
    if (max_live < 16)
        max_live = 16;
    if (max_live > 100000)
        max_live = 100000;
    uint64_t phase_ops = nops / 8 > 1000 ? nops / 8 : 1000;
    uint64_t target = max_live;
    for (uint64_t done = 0; done < nops; done++) {
        if (done % phase_ops == 0)
            target = max_live / 5 + rng_below(rng, (uint32_t)(max_live * 4 / 5 + 1));
        uint64_t left_after = nops - done - 1;
        uint64_t live = trace->live_count;
        bool may_malloc = left_after >= live + 1 && live < max_live;
        bool may_realloc = live > 0 && left_after >= live;
        uint32_t roll = rng_below(rng, 100);
        if (may_realloc && roll < 10) {
            uint32_t id = trace_random_live(trace);
            trace_realloc(trace, id, bench_resize(rng, trace_size_of(trace, id)));
        } else if (live == 0 || (may_malloc && roll < (live < target ? 68u : 42u))) {
            trace_malloc(trace, bench_size(rng));
        } else {
            trace_free(trace, trace_random_live(trace));
        }
    }
}

/* ---- live: cost against the number of free blocks ---------------------- */

/*
 * NLIVE blocks of 8..64 bytes, then every other one freed: NLIVE/2 holes,
 * none adjacent to another. Then churn in pairs (free a random live
 * block, malloc one), so the live count and the number of holes stay
 * about where they are. Three requests in four fit a typical hole; one
 * in four (72..128 bytes) fits none of the original holes, so a
 * first-fit list walks all of them: cost grows with the free blocks
 * unless the allocator indexes them by size.
 */
static void gen_live(struct trace *trace, uint64_t live_blocks)
{
    struct rng *rng = &trace->rng;
    uint32_t count = (uint32_t)live_blocks;
    for (uint32_t i = 0; i < count; i++)
        trace_malloc_id(trace, i, rng_between(rng, 8, 64));
    for (uint32_t id = 1; id < count; id += 2)
        trace_free(trace, id);
    uint64_t churn_ops = 2 * live_blocks > 200000 ? 2 * live_blocks : 200000;
    for (uint64_t pair = 0; pair < churn_ops / 2; pair++) {
        trace_free(trace, trace_random_live(trace));
        uint32_t size = rng_percent(rng, 75) ? rng_between(rng, 8, 64) : rng_between(rng, 72, 128);
        trace_malloc(trace, size);
    }
    trace_free_all(trace);
}

/* ---- stress: every kind of op at every size boundary ------------------- */

/* Sizes where allocators change behaviour: a power of two from 1 byte to
 * 128 KiB or one byte either side (size classes, run sizes, bin edges;
 * 0 from the power 1), the small sizes one by one, sizes spread evenly
 * in log scale, and now and then a block that dwarfs the heap. */
static uint32_t stress_size(struct rng *rng)
{
    uint32_t band = rng_below(rng, 100);
    if (band < 45) {
        uint32_t power = (uint32_t)1 << rng_below(rng, 18);
        return power - 1 + rng_below(rng, 3);
    }
    if (band < 75)
        return rng_between(rng, 0, 128);
    if (band < 98)
        return rng_log_uniform(rng, 128 * KIB);
    return rng_between(rng, 128 * KIB, 1 * MIB);
}

/* A new size for a block: a little bigger (a growing buffer), half
 * (down to 0: realloc to 0 frees), one byte less, or any size. */
static uint32_t stress_resize(struct rng *rng, uint32_t old_bytes)
{
    uint32_t kind = rng_below(rng, 10);
    if (kind < 4)
        return old_bytes + rng_between(rng, 1, 600);
    if (kind < 6)
        return old_bytes / 2;
    if (kind < 7)
        return old_bytes > 0 ? old_bytes - 1 : 0;
    return stress_size(rng);
}

/*
 * Not a program's pattern but a test's: 300 to 3000 ops, each a malloc
 * (48%), a realloc (25%), a free (26.5%) or a burst that frees half the
 * live blocks at once (0.5%; about 90 blocks are live between bursts),
 * with sizes at the edges allocators have (stress_size). Realloc to 0
 * leaves the id live with no block, as in corner-zero.rep, and a later
 * realloc of it is realloc(NULL, size). `gentrace stress SEED FILE`
 * writes one; every seed is another trace (tests/stress.t, make stress).
 */
static void gen_stress(struct trace *trace, uint64_t unused)
{
    (void)unused;
    struct rng *rng = &trace->rng;
    uint32_t ops = rng_between(rng, 300, 3000);
    for (uint32_t op = 0; op < ops; op++) {
        uint32_t roll = rng_below(rng, 1000);
        if (trace->live_count == 0 || roll < 480) {
            trace_malloc(trace, stress_size(rng));
        } else if (roll < 730) {
            uint32_t id = trace_random_live(trace);
            trace_realloc(trace, id, stress_resize(rng, trace_size_of(trace, id)));
        } else if (roll < 995) {
            trace_free(trace, trace_random_live(trace));
        } else {
            for (uint32_t freed = trace->live_count / 2; freed > 0; freed--)
                trace_free(trace, trace_random_live(trace));
        }
    }
    trace_free_all(trace);
}

/* ---- the suite ---------------------------------------------------------- */

struct suite_entry {
    const char *file_name;
    generator_fn *generate;
};

static const struct suite_entry SUITE[] = {
    {"program1.rep", gen_program1},
    {"program2.rep", gen_program2},
    {"coalescing.rep", gen_coalescing},
    {"random.rep", gen_random},
    {"random2.rep", gen_random2},
    {"binary.rep", gen_binary},
    {"binary2.rep", gen_binary2},
    {"realloc.rep", gen_realloc},
    {"realloc2.rep", gen_realloc2},
    {"tiny.rep", gen_tiny},
    {"bigsmall.rep", gen_bigsmall},
    {"short1.rep", gen_short1},
    {"short2.rep", gen_short2},
    {"cases.rep", gen_cases},
    {"corner-zero.rep", gen_corner_zero},
    {"corner-one.rep", gen_corner_one},
    {"corner-shrink.rep", gen_corner_shrink},
    {"corner-bigid.rep", gen_corner_bigid},
    {"corner-reuse.rep", gen_corner_reuse},
};

/* The driver's join (driver/suite.c), so a folder given as DIR// names
 * the files as the driver's -t DIR// does. */
static char *join_path(const char *directory, const char *file_name)
{
    char *path = suite_join_path(directory, file_name);
    if (path == NULL)
        die("out of memory");
    return path;
}

/* A name's seed with a variant number mixed in. For the suite, variant 0
 * is traces/ and variant k > 0 the same generators with other seeds: the
 * same patterns, other random choices, so an allocator tuned to the
 * numbers of one suite shows it on the others. `gentrace stress SEED`
 * numbers its traces the same way. */
static uint64_t seed_with_variant(const char *name, uint64_t variant)
{
    return seed_from_name(name) ^ (variant * 0x9e3779b97f4a7c15u);
}

/* One trace of the suite, into directory/file_name, seeded by its name. */
static int write_suite_trace(const char *directory, const char *file_name, uint64_t variant,
                             generator_fn *generate, uint64_t parameter)
{
    char *path = join_path(directory, file_name);
    int status = write_trace(path, seed_with_variant(file_name, variant), generate, parameter);
    free(path);
    return status;
}

/* Stops at the first file that cannot be written: the rest would fail
 * the same way and bury the cause. */
static int write_suite(const char *directory, uint64_t variant)
{
    /* The folder is made if it is not there (not its parents: a
     * mistyped path should fail, not grow a tree). */
    if (mkdir(directory, 0777) != 0 && errno != EEXIST) {
        fprintf(stderr, "gentrace: cannot create the folder %s: %s\n", directory, strerror(errno));
        return 1;
    }
    for (size_t i = 0; i < sizeof SUITE / sizeof SUITE[0]; i++) {
        int status = write_suite_trace(directory, SUITE[i].file_name, variant,
                                       SUITE[i].generate, 0);
        if (status != 0)
            return status;
    }
    for (size_t shape = 0; shape < sizeof PHASE_SIZES / sizeof PHASE_SIZES[0]; shape++) {
        char file_name[64];
        snprintf(file_name, sizeof file_name, "phase-%" PRIu32 "-%" PRIu32 ".rep",
                 PHASE_SIZES[shape][0], PHASE_SIZES[shape][1]);
        int status = write_suite_trace(directory, file_name, variant, gen_phase, shape);
        if (status != 0)
            return status;
    }
    return 0;
}

/* ---- command line ------------------------------------------------------- */

static int usage_to(FILE *out, int status)
{
    fputs("usage: gentrace suite OUTDIR [VARIANT]  (VARIANT 0, the default: traces/ as\n"
          "                                       shipped; 1, 2, ...: other seeds)\n"
          "       gentrace bench NOPS FILE [SEED]  (NOPS >= 1: one mixed trace of NOPS ops)\n"
          "       gentrace live NLIVE FILE [SEED]  (NLIVE >= 2: churn among NLIVE/2 free\n"
          "                                   blocks; SEED 0, the default: make bench's\n"
          "                                   trace; 1, 2, ...: other draws)\n"
          "       gentrace stress SEED FILE   (SEED >= 0: a short trace of every kind of op\n"
          "                                   at size edges, for testing allocators)\n",
          out);
    return status;
}

static int usage(void)
{
    return usage_to(stderr, 2);
}

/* Decimal digits only (strtoull would take "-1" and " 5"). */
static bool parse_count(const char *text, uint64_t low, uint64_t high, uint64_t *value)
{
    uint64_t parsed = 0;
    if (*text == '\0')
        return false;
    for (const char *c = text; *c != '\0'; c++) {
        if (*c < '0' || *c > '9')
            return false;
        uint32_t digit = (uint32_t)(*c - '0');
        if (parsed > (UINT64_MAX - digit) / 10)
            return false;
        parsed = parsed * 10 + digit;
    }
    if (parsed < low || parsed > high)
        return false;
    *value = parsed;
    return true;
}

/* A numeric argument (a count, VARIANT or SEED), or a message and false. */
static bool count_argument(const char *name, const char *text, uint64_t low, uint64_t high,
                           uint64_t *value)
{
    if (parse_count(text, low, high, value))
        return true;
    fprintf(stderr, "gentrace: %s must be a whole number from %" PRIu64 " to %" PRIu64
                    ", not '%s'\n",
            name, low, high, text);
    return false;
}

/* `gentrace COMMAND COUNT FILE [SEED]` for bench and live: COUNT (named
 * count_name, from low to high) is the generator's parameter, and the
 * seed is the command's name with SEED mixed in (0, the default: the
 * trace make bench uses) and COUNT. */
static int write_sized(int argc, char **argv, const char *count_name, uint64_t low, uint64_t high,
                       generator_fn *generate)
{
    uint64_t count, seed = 0;
    if (!count_argument(count_name, argv[2], low, high, &count) ||
        (argc == 5 && !count_argument("SEED", argv[4], 0, UINT32_MAX, &seed)))
        return usage();
    return write_trace(argv[3], seed_with_variant(argv[1], seed) ^ count, generate, count);
}

int main(int argc, char **argv)
{
    const char *command = argc > 1 ? argv[1] : "";
    uint64_t count;
    if (argc == 2 && (strcmp(command, "-h") == 0 || strcmp(command, "--help") == 0))
        return usage_to(stdout, 0);
    if (argc == 3 && strcmp(command, "suite") == 0)
        return write_suite(argv[2], 0);
    if (argc == 4 && strcmp(command, "suite") == 0) {
        if (!count_argument("VARIANT", argv[3], 0, UINT32_MAX, &count))
            return usage();
        return write_suite(argv[2], count);
    }
    if ((argc == 4 || argc == 5) && strcmp(command, "bench") == 0)
        return write_sized(argc, argv, "NOPS", 1, MAX_BENCH_OPS, gen_bench);
    if ((argc == 4 || argc == 5) && strcmp(command, "live") == 0)
        return write_sized(argc, argv, "NLIVE", MIN_LIVE_BLOCKS, MAX_LIVE_BLOCKS, gen_live);
    if (argc == 4 && strcmp(command, "stress") == 0) {
        if (!count_argument("SEED", argv[2], 0, UINT32_MAX, &count))
            return usage();
        return write_trace(argv[3], seed_with_variant("stress", count), gen_stress, count);
    }
    return usage();
}
