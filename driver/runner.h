/*
 * runner.h - one trace on one allocator, start to finish: the
 * correctness pass (twice), utilization, throughput, all inside the
 * sandbox, and the verdict.
 */
#ifndef DRIVER_RUNNER_H
#define DRIVER_RUNNER_H

#include "measure.h"
#include "registry.h"
#include "replay.h"
#include "sandbox.h"
#include "trace.h"

#include <stdbool.h>
#include <stdint.h>

struct run_settings {
    struct check_options check;
    struct sandbox_limits limits;
    bool validate_twice; /* replay for correctness twice per process */
    bool measure_time;   /* run the timing pass */
    const char *series_dir;  /* write ALLOC.TRACE.series.csv here; NULL: no */
    const char *heapmap_dir; /* write ALLOC.TRACE.heapmap.csv here; NULL: no */
};

enum { RESULT_ERROR_BYTES = REPLAY_ERROR_BYTES + 256 };

struct trace_result {
    bool valid;
    double util;              /* peak_live_bytes / heap_bytes; < 0: not measured */
    double util_ceiling;      /* the most any allocator could reach on this
                                 trace (measure_util_ceiling, filled in by
                                 the caller from the trace's one peak); < 0:
                                 none */
    uint64_t ops;
    bool not_run;             /* run_not_run: the trace was not replayed (ops
                                 then print as "-", not as 0) */
    bool heap_measured;       /* the figures below come from a replay */
    bool pages_measured;      /* and the page counts too (memlib's; not libc's) */
    uint64_t peak_live_bytes;
    uint64_t heap_bytes;
    uint64_t pages_mapped;
    uint64_t pages_touched;
    struct timing timing;     /* median_secs < 0: not measured */
    double elapsed_secs;      /* wall time of the whole job, for the record */
    bool timed_out;           /* the job was killed at the time limit (-s) */
    bool chart_data_lost;     /* a --series or --heapmap file could not be
                                 written (said on stderr; the driver exits 1) */
    char error[RESULT_ERROR_BYTES]; /* empty when valid */
};

/* Run trace on allocator (libc: timing only). peak is the trace's
 * (measure_trace_peak, computed once per trace by the caller), which the
 * figures the allocator's process reports are checked against; NULL if
 * it could not be measured (then they are not). */
void run_trace(const struct allocator *allocator, const struct trace *trace,
               const struct trace_peak *peak, const struct run_settings *settings,
               struct trace_result *result);

/* Mark result invalid, with message as its error, for a trace that is
 * not run: it could not be read, or the allocator's earlier traces timed
 * out (--give-up). */
void run_not_run(const char *message, struct trace_result *result);

/* Kops/s of a result, < 0 if not measured. */
double result_kops(const struct trace_result *result);

#endif /* DRIVER_RUNNER_H */
