/*
 * series.h - what happens to the heap over a trace, for plots.
 *
 * Two recorders, both fed by the first correctness pass (so they are
 * exact, not sampled from timing) and both bounded in size whatever the
 * trace's length:
 *   the time series: op index, live payload bytes, heap bytes,
 *     utilization so far, pages touched, op kind; decimated to at most
 *     SERIES_MAX_POINTS rows by keeping, from each run of consecutive
 *     ops, the one with the most live payload, so the peak is never lost,
 *     and one more row for the last op, so the final heap is not either;
 *   the heap map: at SERIES_SNAPSHOTS evenly spaced ops, the heap cut
 *     into SERIES_BINS equal bins, each with its payload, overhead, free
 *     and unknown bytes (overhead and free come from the allocator's
 *     mm_heap_walk, every live payload in a used block counted as
 *     payload; unknown are the bytes no block of the walk covers, and
 *     without a walk every byte but the payloads'). A bin's four add up
 *     to its width: a block the walk puts out of place (walk.c) is left
 *     out, as --blocks leaves it out of the heap's bytes.
 */
#ifndef DRIVER_SERIES_H
#define DRIVER_SERIES_H

#include "oracle.h"
#include "registry.h"
#include "replay.h"
#include "trace.h"

#include <stdio.h>

enum { SERIES_MAX_POINTS = 2000, SERIES_SNAPSHOTS = 48, SERIES_BINS = 256 };

struct series_recorder;

/* Either file may be NULL (that recorder is off). progress, if not
 * NULL, says while the allocator's mm_heap_walk runs for a snapshot (a
 * crash there is the walk's). Returns NULL if both files are NULL or on
 * out of memory. */
struct series_recorder *series_create(FILE *series_out, FILE *heapmap_out,
                                      const struct allocator *allocator,
                                      const struct trace *trace, const struct oracle *oracle,
                                      struct progress *progress);

/* The replay's op observer: pass the recorder as context. */
void series_observe(void *recorder, uint64_t op_index, const struct trace_op *op,
                    uint64_t live_bytes, uint64_t heap_bytes);

/* Write what is still buffered and free the recorder. */
void series_finish(struct series_recorder *recorder);

#endif /* DRIVER_SERIES_H */
