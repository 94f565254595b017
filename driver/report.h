/*
 * report.h - everything the driver prints: the text tables, and the
 * same figures as CSV and JSON.
 */
#ifndef DRIVER_REPORT_H
#define DRIVER_REPORT_H

#include "measure.h"
#include "registry.h"
#include "runner.h"

#include <stdio.h>

/* All results of one run: results[a * num_traces + t] is allocator a on
 * trace t; libc[t] (NULL if libc was not run) is libc on trace t. */
struct run_table {
    size_t num_allocators;
    size_t num_traces;
    const struct allocator **allocators;
    const char **trace_paths;
    struct trace_result *results;
    struct perf_summary *summaries; /* one per allocator */
    struct trace_result *libc;
    struct perf_summary libc_summary;
    bool reference_given; /* the index's reference is --reference-kops, not libc's run */
};

/* Summaries from the results (call after every run_trace). A positive
 * given_reference_ops_per_sec stands in for libc's measured throughput. */
void report_summarize(struct run_table *table, double given_reference_ops_per_sec);

/* -v: one allocator's per-trace table and its perf index. */
void report_trace_table(FILE *out, const struct run_table *table, size_t allocator);
void report_libc_table(FILE *out, const struct run_table *table);

/* One line per allocator: traces valid, util, throughput, perf index. */
void report_summary(FILE *out, const struct run_table *table);

/* Rows: traces; columns: util and Kops per allocator (and libc). */
void report_comparison(FILE *out, const struct run_table *table);

/* -g: the classic autograder lines for allocator 0. */
void report_autograde(FILE *out, const struct run_table *table);

/* Machine-readable: one row per trace and allocator, units in the names.
 * Return 0, or -1 on a write error. */
int report_csv(FILE *out, const struct run_table *table);
int report_json(FILE *out, const struct run_table *table);

/* "mdriver: BEFORE" PATH "AFTER" on stderr, a line, with the path shown
 * as shown_print shows it: a file name may hold any byte but '/'
 * and NUL, and an escape in it would redraw the terminal. */
void report_say_path(const char *before, const char *path, const char *after);

/* The length of a trace's file name (trace_file_name) without its
 * extension ("short1" of traces/short1.rep): what --series and --heapmap
 * files are named by. */
size_t report_trace_stem_length(const char *path);

#endif /* DRIVER_REPORT_H */
