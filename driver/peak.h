/*
 * peak.h - the peak live payload of a trace and the utilization ceiling
 * it sets for any allocator (measure.h includes this; tools that only
 * read traces link peak.o and trace.o alone).
 */
#ifndef DRIVER_PEAK_H
#define DRIVER_PEAK_H

#include "trace.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* What the trace alone says of any allocator's heap, with payloads
 * aligned to `alignment`. */
struct trace_peak {
    uint64_t payload_bytes; /* the peak live payload: utilization's numerator */
    uint64_t span_bytes;    /* the least heap that can hold the live payloads
                               at any time, aligned and not overlapping: the
                               peak of the sum of their sizes rounded up to
                               the alignment, less the largest rounding
                               (the last payload need not be rounded) */
};

/* bytes rounded up to a multiple of alignment: what a payload of that
 * size keeps from the next one. */
uint64_t measure_aligned_bytes(uint64_t bytes, size_t alignment);

/* False if out of memory. */
bool measure_trace_peak(const struct trace *trace, size_t alignment, struct trace_peak *peak);

/* The most utilization any allocator can reach on the trace whose peak
 * this is: payload_bytes / span_bytes. < 0 if the trace holds no payload. */
double measure_util_ceiling(const struct trace_peak *peak);

#endif /* DRIVER_PEAK_H */
