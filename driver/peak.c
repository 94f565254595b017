/*
 * peak.c - what a trace alone says of any allocator's heap: its peak live
 * payload (utilization's numerator) and the utilization ceiling.
 *
 * Apart from measure.c (timing and scoring) so that a tool that reads
 * traces (tools/placement.c) links it with trace.o alone, without the
 * replay, memlib and the allocators that timing needs.
 */
#include "peak.h"

#include <stdlib.h>
#include <string.h>

/* Payloads do not overlap and every payload starts on an alignment
 * boundary, so a live block of n bytes keeps the next payload at least
 * align_up(n) bytes away: at every moment the heap spans at least the
 * sum of align_up(size) over the live blocks, less the padding of the
 * highest one, which is at most the largest padding of a live block
 * (not ALIGNMENT - 1 whatever the sizes: one live 8-byte block needs 8
 * bytes, not 1). The break never goes down, so the heap at the end is at
 * least the peak of that, and no allocator's utilization can exceed peak
 * payload / it. Headers, free space and fragmentation only add to the
 * heap. */
uint64_t measure_aligned_bytes(uint64_t bytes, size_t alignment)
{
    return (bytes + alignment - 1) / alignment * alignment;
}

/* The largest padding align_up(n) - n over the live blocks of size n > 0,
 * from the count of live blocks with each padding. */
static uint64_t largest_live_padding(const uint32_t *blocks_with_padding, size_t alignment)
{
    for (size_t padding = alignment - 1; padding > 0; padding--)
        if (blocks_with_padding[padding] != 0)
            return padding;
    return 0;
}

static void count_live_block(uint32_t *blocks_with_padding, uint32_t size, size_t alignment,
                             int change)
{
    if (size != 0) /* an empty payload occupies no bytes */
        blocks_with_padding[measure_aligned_bytes(size, alignment) - size] += (uint32_t)change;
}

bool measure_trace_peak(const struct trace *trace, size_t alignment, struct trace_peak *peak)
{
    memset(peak, 0, sizeof *peak);
    uint32_t *sizes = calloc(trace->num_ids ? trace->num_ids : 1, sizeof *sizes);
    uint32_t *blocks_with_padding = calloc(alignment, sizeof *blocks_with_padding);
    if (sizes == NULL || blocks_with_padding == NULL) {
        free(sizes);
        free(blocks_with_padding);
        return false;
    }
    uint64_t payload = 0, footprint = 0;
    for (size_t i = 0; i < trace->num_ops; i++) {
        const struct trace_op *op = &trace->ops[i];
        uint32_t old_size = sizes[op->id];
        uint32_t new_size = op->kind == OP_FREE ? 0 : op->size;
        payload = payload - old_size + new_size;
        footprint = footprint - measure_aligned_bytes(old_size, alignment) +
                    measure_aligned_bytes(new_size, alignment);
        count_live_block(blocks_with_padding, old_size, alignment, -1);
        count_live_block(blocks_with_padding, new_size, alignment, +1);
        sizes[op->id] = new_size;
        uint64_t span = footprint - largest_live_padding(blocks_with_padding, alignment);
        if (payload > peak->payload_bytes)
            peak->payload_bytes = payload;
        if (span > peak->span_bytes)
            peak->span_bytes = span;
    }
    free(sizes);
    free(blocks_with_padding);
    return true;
}

double measure_util_ceiling(const struct trace_peak *peak)
{
    if (peak->span_bytes == 0)
        return -1.0;
    return (double)peak->payload_bytes / (double)peak->span_bytes;
}
