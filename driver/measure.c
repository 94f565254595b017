/*
 * measure.c - timing and scoring.
 *
 * Timing replays the trace with no checks at all, so the oracle's cost
 * never pollutes throughput. One run is noisy on a shared machine: we
 * repeat and report the median.
 */
#define _POSIX_C_SOURCE 200809L /* clock_gettime */
#include "measure.h"

#include "../config.h"
#include "../memlib.h"

#include <stdlib.h>
#include <time.h>

/* Once the runs add up to this, no more are made, even before
 * TIMING_MIN_RUNS (a single run this long is not repeated at all). */
static const double TIMING_BUDGET_SECS = 3.0;

static double now_secs(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* ---- one timed run -------------------------------------------------- */

/* Replays the trace unchecked; returns how many requests of a nonzero
 * size got NULL. A checked allocator cannot fail in a timed run unless
 * it behaves unlike its checked replay; libc can, when its process may
 * not map the memory (the sandbox's cap): its time would then be the
 * time of failing, not of allocating. */
static uint64_t run_ops(const struct allocator *allocator, const struct trace *trace,
                        void **slots, struct progress *progress)
{
    uint64_t failed = 0;
    for (size_t i = 0; i < trace->num_ops; i++) {
        const struct trace_op *op = &trace->ops[i];
        switch (op->kind) {
        case OP_ALLOC:
            slots[op->id] = allocator->malloc(op->size);
            failed += slots[op->id] == NULL && op->size != 0;
            break;
        case OP_REALLOC: {
            void *moved = allocator->realloc(slots[op->id], op->size);
            if (moved != NULL || op->size == 0)
                slots[op->id] = moved;
            else
                failed++; /* the old block is still the id's, to be freed */
            break;
        }
        default:
            allocator->free(slots[op->id]);
            slots[op->id] = NULL;
            break;
        }
    }
    progress->op_index = trace->num_ops;
    return failed;
}

/* libc's heap outlives a run: give back what the trace left live, off
 * the clock, so every run starts from the same state. */
static void release_leftovers(const struct allocator *allocator, const struct trace *trace,
                              void **slots)
{
    for (uint32_t id = 0; id < trace->num_ids; id++) {
        if (!allocator->uses_memlib)
            allocator->free(slots[id]);
        slots[id] = NULL;
    }
}

/* Seconds, or < 0 if mm_init failed or some request got NULL (counted
 * in timing->failed_requests). */
static double timed_run(const struct allocator *allocator, const struct trace *trace,
                        void **slots, struct progress *progress, struct timing *timing)
{
    if (allocator->uses_memlib)
        mem_rewind_brk(); /* pages stay warm between runs, as libc's do */
    if (replay_call_init(allocator, progress) < 0)
        return -1.0;
    progress->op_index = 0;
    double start = now_secs();
    uint64_t failed = run_ops(allocator, trace, slots, progress);
    double secs = now_secs() - start;
    release_leftovers(allocator, trace, slots);
    timing->failed_requests += failed;
    return failed == 0 ? secs : -1.0;
}

/* ---- repeats -------------------------------------------------------- */

static int compare_doubles(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static bool enough_runs(unsigned runs, double total_secs)
{
    if (runs >= TIMING_MAX_RUNS)
        return true;
    if (runs >= TIMING_MIN_RUNS && total_secs >= TIMING_MIN_SECS)
        return true;
    return runs >= 1 && total_secs >= TIMING_BUDGET_SECS;
}

void measure_throughput(const struct allocator *allocator, const struct trace *trace,
                        void **slots, struct progress *progress, struct timing *timing,
                        const struct timing_audit *audit)
{
    double secs[TIMING_MAX_RUNS];
    double total = 0;
    unsigned runs = 0;
    timing->median_secs = -1.0;
    timing->runs = 0;
    timing->failed_requests = 0;
    for (uint32_t id = 0; id < trace->num_ids; id++)
        slots[id] = NULL;
    bool audited = audit == NULL;
    while (!enough_runs(runs, total)) {
        if (!audited && runs == audit->before_run) {
            audited = true;
            /* The check leaves the caches cold and its own pages
             * touched: warm up again with a replay that is not kept,
             * as the first timed run follows the correctness pass. */
            if (!audit->check(audit->context, runs) ||
                timed_run(allocator, trace, slots, progress, timing) < 0)
                return;
        }
        double run = timed_run(allocator, trace, slots, progress, timing);
        if (run < 0)
            return;
        secs[runs++] = run;
        total += run;
    }
    if (!audited && !audit->check(audit->context, runs))
        return;
    qsort(secs, runs, sizeof secs[0], compare_doubles);
    timing->runs = runs;
    timing->median_secs = runs % 2 ? secs[runs / 2] : (secs[runs / 2 - 1] + secs[runs / 2]) / 2;
}

/* ---- scoring -------------------------------------------------------- */

double measure_reference_ops_per_sec(double libc_ops_per_sec)
{
    return PERF_REFERENCE_LIBC ? libc_ops_per_sec : AVG_LIBC_THRUPUT;
}

void measure_perf_index(struct perf_summary *summary)
{
    summary->util_points = summary->thru_points = summary->perf_index = -1.0;
    if (summary->traces == 0 || summary->valid_traces != summary->traces)
        return;
    if (summary->avg_util < 0 || summary->ops_per_sec <= 0 ||
        summary->reference_ops_per_sec <= 0)
        return;
    double ratio = summary->ops_per_sec / summary->reference_ops_per_sec;
    summary->util_points = 100.0 * UTIL_WEIGHT * summary->avg_util;
    summary->thru_points = 100.0 * (1.0 - UTIL_WEIGHT) * (ratio < 1.0 ? ratio : 1.0);
    summary->perf_index = summary->util_points + summary->thru_points;
}

const char *measure_formula(void)
{
#if PERF_REFERENCE_LIBC
    return "perf index = 100 * (w * U + (1 - w) * min(1, T / T_libc)), w = UTIL_WEIGHT\n"
           "  U = mean utilization over the traces (peak live payload / final heap size)\n"
           "  T = total ops / total seconds; T_libc = the same for libc malloc, measured\n"
           "  in this run on the same traces. Computed only when every trace is valid.";
#else
    return "perf index = 100 * (w * U + (1 - w) * min(1, T / AVG_LIBC_THRUPUT)), w = UTIL_WEIGHT\n"
           "  U = mean utilization over the traces (peak live payload / final heap size)\n"
           "  T = total ops / total seconds; AVG_LIBC_THRUPUT is the classic constant in\n"
           "  config.h. Computed only when every trace is valid.";
#endif
}
