/*
 * measure.h - throughput (timed replays with no checking) and the
 * perf index.
 */
#ifndef DRIVER_MEASURE_H
#define DRIVER_MEASURE_H

#include "registry.h"
#include "replay.h"
#include "peak.h"
#include "trace.h"

#include <stdbool.h>
#include <stdint.h>

struct timing {
    double median_secs; /* < 0: not measured */
    unsigned runs;
    uint64_t failed_requests; /* requests that got NULL in a timed run, which
                                 ends the timing with nothing measured */
};

/* A correctness replay among the timed ones, so that an allocator cannot
 * tell its checked replays from its timed ones by counting mm_init calls
 * (runner.c). check runs before timed run number before_run (0 = before
 * the first), or after the last one if there are fewer; it gets the
 * number of timed runs so far and returns false if the replay failed,
 * which ends the timing with nothing measured. */
struct timing_audit {
    unsigned before_run;
    bool (*check)(void *context, unsigned timed_runs);
    void *context;
};

/* Replay the trace repeatedly without checks and report the median run
 * (see TIMING_* in config.h). slots holds trace->num_ids pointers.
 * A trace must have passed replay_check before it is timed. audit may
 * be NULL. */
void measure_throughput(const struct allocator *allocator, const struct trace *trace,
                        void **slots, struct progress *progress, struct timing *timing,
                        const struct timing_audit *audit);

/* Per-allocator summary over a set of traces. */
struct perf_summary {
    unsigned traces;
    unsigned valid_traces;
    double avg_util;          /* mean utilization of the valid traces, 0..1; < 0 if none */
    double avg_util_ceiling;  /* mean of the same traces' ceilings; < 0 if none */
    double total_ops;
    double total_secs;        /* < 0 if any valid trace was not timed */
    double ops_per_sec;       /* total_ops / total_secs, < 0 if not measured */
    double reference_ops_per_sec; /* libc's, or the classic constant; < 0 if none */
    double util_points;       /* 100 * UTIL_WEIGHT * avg_util */
    double thru_points;       /* 100 * (1 - UTIL_WEIGHT) * min(1, ops/s / reference) */
    double perf_index;        /* the sum; < 0 if it cannot be computed */
};

/* Throughput reference for the index: libc_ops_per_sec when
 * PERF_REFERENCE_LIBC, else AVG_LIBC_THRUPUT. */
double measure_reference_ops_per_sec(double libc_ops_per_sec);

/* Fill in the points and perf_index from the other fields. */
void measure_perf_index(struct perf_summary *summary);

/* A human-readable statement of the formula, for -h and the README. */
const char *measure_formula(void);

#endif /* DRIVER_MEASURE_H */
