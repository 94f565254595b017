/*
 * series.c - the per-op time series and the heap map.
 */
#include "series.h"

#include "walk.h"

#include "../memlib.h"

#include <stdlib.h>
#include <string.h>

struct bin_bytes {
    uint64_t payload, overhead, free, unknown;
};

struct series_recorder {
    FILE *series_out;
    FILE *heapmap_out;
    const struct allocator *allocator;
    const struct trace *trace;
    const struct oracle *oracle;
    struct progress *progress; /* NULL: none to tell */
    /* time series */
    uint64_t ops_per_bucket;
    uint64_t peak_so_far;
    bool bucket_has_point;
    uint64_t best_index, best_live, best_heap, best_peak;
    char best_kind;
    /* heap map */
    unsigned snapshots_taken;
    struct bin_bytes bins[SERIES_BINS];
    const char *heap_lo;
    uint64_t heap_bytes;
    uint64_t last_end; /* end offset of the last segment seen, for gaps */
    struct walk_cursor walk; /* with mm_heap_walk: where its next block may go */
};

/* ---- time series ---------------------------------------------------- */

static void write_series_header(FILE *out)
{
    fprintf(out, "op_index,op,live_bytes,heap_bytes,util_percent,pages_touched\n");
}

/* Emit the bucket's chosen op. Pages touched are read when the bucket
 * ends: they never decrease, so the figure is exact at that op. */
static void flush_bucket(struct series_recorder *recorder)
{
    if (!recorder->bucket_has_point)
        return;
    double util = recorder->best_heap ? 100.0 * (double)recorder->best_peak /
                                            (double)recorder->best_heap
                                      : 0.0;
    fprintf(recorder->series_out, "%llu,%c,%llu,%llu,%.4f,%zu\n",
            (unsigned long long)recorder->best_index, recorder->best_kind,
            (unsigned long long)recorder->best_live, (unsigned long long)recorder->best_heap,
            util, mem_pages_touched());
    /* Flushed row by row (at most SERIES_MAX_POINTS): if the allocator
     * crashes later, the file still holds the ops up to the crash. */
    fflush(recorder->series_out);
    recorder->bucket_has_point = false;
}

static void keep_point(struct series_recorder *recorder, uint64_t op_index,
                       const struct trace_op *op, uint64_t live_bytes, uint64_t heap_bytes)
{
    recorder->bucket_has_point = true;
    recorder->best_index = op_index;
    recorder->best_live = live_bytes;
    recorder->best_heap = heap_bytes;
    recorder->best_peak = recorder->peak_so_far;
    recorder->best_kind = (char)op->kind;
}

static void observe_series(struct series_recorder *recorder, uint64_t op_index,
                           const struct trace_op *op, uint64_t live_bytes, uint64_t heap_bytes)
{
    if (live_bytes > recorder->peak_so_far)
        recorder->peak_so_far = live_bytes;
    if (!recorder->bucket_has_point || live_bytes > recorder->best_live)
        keep_point(recorder, op_index, op, live_bytes, heap_bytes);
    bool last_op = op_index + 1 == recorder->trace->num_ops;
    /* The last op is always a row as well: its heap is the final heap,
     * from which the charts take the utilization the driver reports. */
    if (last_op && recorder->best_index != op_index) {
        flush_bucket(recorder);
        keep_point(recorder, op_index, op, live_bytes, heap_bytes);
    }
    if ((op_index + 1) % recorder->ops_per_bucket == 0 || last_op)
        flush_bucket(recorder);
}

/* ---- heap map ------------------------------------------------------- */

static void write_heapmap_header(FILE *out)
{
    fprintf(out, "snapshot,op_index,heap_bytes,bin_start,bin_end,payload_bytes,"
                 "overhead_bytes,free_bytes,unknown_bytes\n");
}

static uint64_t bin_start(const struct series_recorder *recorder, unsigned bin)
{
    return recorder->heap_bytes * bin / SERIES_BINS;
}

static uint64_t *kind_counter(struct bin_bytes *bin, char kind)
{
    switch (kind) {
    case 'p': return &bin->payload;
    case 'o': return &bin->overhead;
    case 'f': return &bin->free;
    default: return &bin->unknown;
    }
}

/* Spread the bytes of segment [start, end) over the bins it covers. */
static void add_segment(struct series_recorder *recorder, uint64_t start, uint64_t end,
                        char kind)
{
    if (end > recorder->heap_bytes)
        end = recorder->heap_bytes;
    if (start >= end)
        return;
    unsigned bin = (unsigned)(start * SERIES_BINS / recorder->heap_bytes);
    while (start < end && bin < SERIES_BINS) {
        uint64_t bin_end = bin_start(recorder, bin + 1);
        uint64_t piece_end = end < bin_end ? end : bin_end;
        if (piece_end > start)
            *kind_counter(&recorder->bins[bin], kind) += piece_end - start;
        start = piece_end;
        bin++;
    }
}

static uint64_t offset_of(const struct series_recorder *recorder, const void *address)
{
    return (uint64_t)((const char *)address - recorder->heap_lo);
}

/* A block of the walk: free, or used, its live payloads (a block carved
 * into slots may hold several) payload and the rest overhead; the bytes
 * before it that no block covers, unknown. A block out of place (walk.c:
 * below or inside the one before, or not inside the heap) is left out,
 * as blocks.c leaves it out of the heap's bytes: counted, it would count
 * bytes twice or outside the heap. */
static void visit_block(void *context, const void *block, size_t block_bytes, bool is_free)
{
    struct series_recorder *recorder = context;
    uint64_t start = 0;
    if (walk_place(&recorder->walk, block, block_bytes, &start) != WALK_IN_PLACE)
        return;
    uint64_t end = start + block_bytes;
    add_segment(recorder, recorder->last_end, start, 'u');
    recorder->last_end = end;
    if (is_free) {
        add_segment(recorder, start, end, 'f');
        return;
    }
    /* oracle_find_in gives the highest payload starting in the range, so
     * the payloads are found from the top down. */
    const char *low = block, *high = (const char *)block + block_bytes;
    uint64_t above = end; /* where the part of the block not yet counted ends */
    uint32_t id;
    while (high > low && oracle_find_in(recorder->oracle, low, high, &id)) {
        const char *payload = oracle_payload(recorder->oracle, id);
        uint64_t payload_start = offset_of(recorder, payload);
        uint64_t payload_end = payload_start + oracle_size(recorder->oracle, id);
        if (payload_end > above)
            payload_end = above; /* the rest lies past the block's end */
        add_segment(recorder, payload_end, above, 'o');
        add_segment(recorder, payload_start, payload_end, 'p');
        above = payload_start;
        high = payload;
    }
    add_segment(recorder, start, above, 'o');
}

/* Without the allocator's help: payloads, and unknown gaps between. */
static void visit_payload(void *context, uint32_t id, const void *payload, size_t size)
{
    struct series_recorder *recorder = context;
    (void)id;
    uint64_t start = offset_of(recorder, payload);
    add_segment(recorder, recorder->last_end, start, 'u');
    add_segment(recorder, start, start + size, 'p');
    recorder->last_end = start + size;
}

static void take_snapshot(struct series_recorder *recorder, uint64_t op_index)
{
    memset(recorder->bins, 0, sizeof recorder->bins);
    recorder->heap_lo = mem_heap_lo();
    recorder->heap_bytes = mem_heapsize();
    recorder->last_end = 0;
    if (recorder->heap_bytes == 0)
        return;
    if (recorder->allocator->heap_walk != NULL) {
        recorder->walk = walk_cursor_at_heap_start();
        if (recorder->progress != NULL)
            recorder->progress->in_call = CALL_WALK_MAPPING;
        recorder->allocator->heap_walk(visit_block, recorder);
        if (recorder->progress != NULL)
            recorder->progress->in_call = CALL_NONE;
    } else {
        oracle_walk(recorder->oracle, visit_payload, recorder);
    }
    add_segment(recorder, recorder->last_end, recorder->heap_bytes, 'u');
    for (unsigned bin = 0; bin < SERIES_BINS; bin++) {
        const struct bin_bytes *bytes = &recorder->bins[bin];
        fprintf(recorder->heapmap_out, "%u,%llu,%llu,%llu,%llu,%llu,%llu,%llu,%llu\n",
                recorder->snapshots_taken, (unsigned long long)op_index,
                (unsigned long long)recorder->heap_bytes,
                (unsigned long long)bin_start(recorder, bin),
                (unsigned long long)bin_start(recorder, bin + 1),
                (unsigned long long)bytes->payload, (unsigned long long)bytes->overhead,
                (unsigned long long)bytes->free, (unsigned long long)bytes->unknown);
    }
    fflush(recorder->heapmap_out); /* as flush_bucket does, once per snapshot */
    recorder->snapshots_taken++;
}

/* Snapshot k is taken after op ceil((k + 1) * n / S) - 1, so the last is
 * taken after the last op. */
static bool snapshot_due(const struct series_recorder *recorder, uint64_t op_index)
{
    uint64_t n = recorder->trace->num_ops;
    unsigned snapshots = n < SERIES_SNAPSHOTS ? (unsigned)n : SERIES_SNAPSHOTS;
    if (recorder->snapshots_taken >= snapshots)
        return false;
    uint64_t due = ((uint64_t)recorder->snapshots_taken + 1) * n / snapshots;
    return op_index + 1 >= due;
}

/* ---- the recorder --------------------------------------------------- */

struct series_recorder *series_create(FILE *series_out, FILE *heapmap_out,
                                      const struct allocator *allocator,
                                      const struct trace *trace, const struct oracle *oracle,
                                      struct progress *progress)
{
    if (series_out == NULL && heapmap_out == NULL)
        return NULL;
    struct series_recorder *recorder = calloc(1, sizeof *recorder);
    if (recorder == NULL)
        return NULL;
    recorder->series_out = series_out;
    recorder->heapmap_out = heapmap_out;
    recorder->allocator = allocator;
    recorder->trace = trace;
    recorder->oracle = oracle;
    recorder->progress = progress;
    recorder->ops_per_bucket = (trace->num_ops + SERIES_MAX_POINTS - 1) / SERIES_MAX_POINTS;
    if (recorder->ops_per_bucket == 0)
        recorder->ops_per_bucket = 1;
    if (series_out != NULL) {
        write_series_header(series_out);
        fflush(series_out);
    }
    if (heapmap_out != NULL) {
        write_heapmap_header(heapmap_out);
        fflush(heapmap_out);
    }
    return recorder;
}

void series_observe(void *context, uint64_t op_index, const struct trace_op *op,
                    uint64_t live_bytes, uint64_t heap_bytes)
{
    struct series_recorder *recorder = context;
    if (recorder->series_out != NULL)
        observe_series(recorder, op_index, op, live_bytes, heap_bytes);
    if (recorder->heapmap_out != NULL && snapshot_due(recorder, op_index))
        take_snapshot(recorder, op_index);
}

void series_finish(struct series_recorder *recorder)
{
    if (recorder == NULL)
        return;
    if (recorder->series_out != NULL)
        flush_bucket(recorder);
    free(recorder);
}
