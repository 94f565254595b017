/*
 * runner.c - run one trace in the sandbox and turn what the child
 * reports into a verdict.
 *
 * The child only measures: counts, bytes, seconds. The parent decides
 * validity and computes every ratio. The allocator shares the child's
 * address space with the shared page, so a buggy one that scribbles on
 * it breaks the finished marker or the figures of its own trace only. A
 * deliberately malicious one can overwrite the figures of every trace
 * it runs in (each runs the allocator); the parent checks what the trace
 * alone fixes (check_reported_figures), and the rest is for whoever
 * reads the allocator's code (docs/INSTRUCTORS.md).
 */
#define _POSIX_C_SOURCE 200809L /* clock_gettime */
#include "runner.h"

#include "libc_space.h"
#include "report.h"
#include "series.h"

#include "../config.h"
#include "../memlib.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const uint32_t FINISHED_MAGIC = 0x600dF00Du;

/* What the child writes into the shared page. */
struct job_shared {
    struct progress progress;
    struct check_outcome check;
    struct timing timing;
    struct libc_space libc_space; /* libc only: its footprint, from outside */
    bool checked;
    bool chart_data_lost; /* a --series or --heapmap file failed (said on stderr) */
    uint32_t finished_magic;
};

struct job {
    const struct allocator *allocator;
    const struct trace *trace;
    const struct trace_peak *peak; /* the trace's; NULL: not measured */
    const struct run_settings *settings;
    unsigned audit_before_run; /* where the second pass goes among the timed runs */
};

/* ---- in the child --------------------------------------------------- */

/* A --series or --heapmap file being written. */
struct chart_file {
    FILE *out; /* NULL: not asked for, or could not be opened */
    char path[4096];
};

/* Open DIR/ALLOC.TRACE.KIND.csv, TRACE without its extension, unless dir
 * is NULL. A file that cannot be opened is said on stderr and marked
 * lost in `shared`, so the driver exits 1 even though the trace ran. */
static void open_chart_file(struct chart_file *file, const char *dir, const struct job *job,
                            const char *kind, struct job_shared *shared)
{
    file->out = NULL;
    if (dir == NULL)
        return;
    /* One slash after the folder, however many it was given with
     * ("--series out/" names out/mm.x.series.csv, not out//mm...). */
    size_t dir_length = strlen(dir);
    while (dir_length > 0 && dir[dir_length - 1] == '/')
        dir_length--;
    int length = snprintf(file->path, sizeof file->path, "%.*s/%s.%.*s.%s.csv", (int)dir_length,
                          dir, job->allocator->name,
                          (int)report_trace_stem_length(job->trace->path),
                          trace_file_name(job->trace->path), kind);
    if (length < 0 || (size_t)length >= sizeof file->path) {
        char before[48], after[64];
        snprintf(before, sizeof before, "cannot write the %s file of ", kind);
        snprintf(after, sizeof after, ": its path is longer than %zu bytes", sizeof file->path - 1);
        report_say_path(before, job->trace->path, after);
        shared->chart_data_lost = true;
        return;
    }
    file->out = fopen(file->path, "w");
    if (file->out == NULL) {
        char why[128];
        snprintf(why, sizeof why, ": %s", strerror(errno));
        report_say_path("cannot write ", file->path, why);
        shared->chart_data_lost = true;
    }
}

/* stdio reports a failed write (a full disk, a size limit) only here. */
static void close_chart_file(struct chart_file *file, struct job_shared *shared)
{
    if (file->out == NULL)
        return;
    bool failed = ferror(file->out) != 0;
    if (fclose(file->out) != 0)
        failed = true;
    if (failed) {
        report_say_path("error writing ", file->path, "");
        shared->chart_data_lost = true;
    }
}

/* The first pass, with the plot recorders attached when asked for. */
static bool run_first_pass(const struct job *job, struct oracle *oracle,
                           struct job_shared *shared)
{
    struct check_options options = job->settings->check;
    struct chart_file series, heapmap;
    open_chart_file(&series, job->settings->series_dir, job, "series", shared);
    open_chart_file(&heapmap, job->settings->heapmap_dir, job, "heapmap", shared);
    struct series_recorder *recorder =
        series_create(series.out, heapmap.out, job->allocator, job->trace, oracle,
                      &shared->progress);
    if (recorder != NULL) {
        options.observer = series_observe;
        options.observer_context = recorder;
    }
    bool valid = replay_check(job->allocator, job->trace, oracle, &options, "",
                              &shared->progress, &shared->check);
    series_finish(recorder);
    close_chart_file(&series, shared);
    close_chart_file(&heapmap, shared);
    return valid;
}

/* Same process, same heap: an mm_init that leaves stale state behind
 * fails here. The first pass's figures are the ones reported. */
static bool run_second_pass(const struct job *job, struct oracle *oracle,
                            struct job_shared *shared, const char *why)
{
    struct check_outcome again;
    struct check_options quiet = job->settings->check;
    quiet.narrate = false;
    quiet.observer = NULL;
    shared->progress.phase = PHASE_RECHECK;
    shared->progress.op_index = 0;
    if (replay_check(job->allocator, job->trace, oracle, &quiet, why, &shared->progress, &again))
        return true;
    shared->check.valid = false;
    memcpy(shared->check.error, again.error, sizeof again.error);
    return false;
}

static bool second_pass_wanted(const struct run_settings *settings)
{
    return settings->validate_twice && settings->check.debug_level >= 1;
}

/* With timing on, the second pass runs among the timed runs instead of
 * right after the first (audit_among_timed_runs). */
static bool second_pass_among_timed_runs(const struct run_settings *settings)
{
    return second_pass_wanted(settings) && settings->measure_time;
}

/* The first pass, then the second unless it is to run among the timed
 * runs (audit_among_timed_runs). */
static bool run_checks(const struct job *job, struct oracle *oracle, struct job_shared *shared)
{
    shared->progress.phase = PHASE_CHECK;
    shared->checked = true;
    if (!run_first_pass(job, oracle, shared))
        return false;
    if (!second_pass_wanted(job->settings) || second_pass_among_timed_runs(job->settings))
        return true;
    return run_second_pass(job, oracle, shared,
                           "second correctness pass (does mm_init reset all state?): ");
}

/* With timing on, the second pass runs at a random place among the timed
 * runs (job->audit_before_run, drawn in the parent), not right after the
 * first: an allocator that counts its mm_init calls cannot behave for
 * two of them and cut corners in the rest, which no check would see
 * (timed runs replay with no checks, or the checks would be timed). */
struct audit_context {
    const struct job *job;
    struct oracle *oracle;
    struct job_shared *shared;
};

static bool audit_among_timed_runs(void *context, unsigned timed_runs)
{
    struct audit_context *audit = context;
    char why[200];
    snprintf(why, sizeof why,
             "second correctness pass, after %u timed replays (does mm_init reset all state? "
             "does every replay behave alike?): ",
             timed_runs);
    if (!run_second_pass(audit->job, audit->oracle, audit->shared, why))
        return false;
    audit->shared->progress.phase = PHASE_TIMING;
    return true;
}

static void job_main(void *context, void *shared_page)
{
    const struct job *job = context;
    struct job_shared *shared = shared_page;
    const struct trace *trace = job->trace;
    shared->timing.median_secs = -1.0;
    shared->progress.phase = PHASE_SETUP;
    struct oracle *oracle = oracle_create(trace->num_ids, trace->trace_ids);
    void **slots = calloc(trace->num_ids ? trace->num_ids : 1, sizeof *slots);
    if (oracle == NULL || slots == NULL) {
        snprintf(shared->check.error, sizeof shared->check.error,
                 "%s: the driver ran out of memory for %lu ids", trace->path,
                 (unsigned long)trace->num_ids);
        shared->checked = true;
        shared->finished_magic = FINISHED_MAGIC;
        return;
    }
    bool valid = true;
    if (job->allocator->uses_memlib)
        valid = run_checks(job, oracle, shared);
    else {
        shared->progress.phase = PHASE_LIBC_SPACE;
        libc_space_measure(trace, &shared->libc_space);
    }
    if (valid && job->settings->measure_time) {
        shared->progress.phase = PHASE_TIMING;
        struct audit_context context = {job, oracle, shared};
        struct timing_audit audit = {job->audit_before_run, audit_among_timed_runs, &context};
        bool audited = job->allocator->uses_memlib && second_pass_among_timed_runs(job->settings);
        measure_throughput(job->allocator, trace, slots, &shared->progress, &shared->timing,
                           audited ? &audit : NULL);
    }
    shared->progress.phase = PHASE_FINISHED;
    oracle_destroy(oracle);
    free(slots);
    shared->finished_magic = FINISHED_MAGIC;
}

/* ---- in the parent -------------------------------------------------- */

/* Where in the trace's replay a crash or hang came, in two parts. The
 * place leads the message as the checks' own messages begin: "PATH:LINE:
 * OP" for the op under way in a correctness pass (the one after the last
 * completed), "PATH:LINE: end of trace" for the checks after its last
 * op, else "PATH". The rest follows what happened: the phase, and
 * mm_init, or how far into the trace the op was. The allocator is not
 * named: the ERROR line and the CSV's row do that. */
static void describe_where(const struct trace *trace, const struct progress *progress,
                           char *place, size_t place_size, char *where, size_t size)
{
    const char *phase = replay_phase_name(progress->phase);
    uint64_t done = progress->op_index;
    if (done > trace->num_ops)
        done = trace->num_ops; /* the shared page was overwritten */
    bool checking = progress->phase == PHASE_CHECK || progress->phase == PHASE_RECHECK;
    snprintf(place, place_size, "%s", trace->path);
    if (progress->in_call == CALL_INIT) {
        snprintf(where, size, " during %s, in mm_init%s", phase,
                 checking ? ", before the first op" : "");
    } else if (!checking) {
        snprintf(where, size, " during %s", phase);
    } else if (done == trace->num_ops && trace->num_ops == 0) {
        snprintf(where, size, " during %s, at the end of the trace (it has no ops)", phase);
    } else if (done == trace->num_ops && progress->line != 0) {
        snprintf(place, place_size, "%s:%lu: end of trace", trace->path,
                 (unsigned long)trace->ops[trace->num_ops - 1].line);
        snprintf(where, size, " during %s", phase);
    } else if (progress->line == 0) {
        snprintf(where, size, " during %s, before the first op", phase);
    } else {
        char op_text[48];
        trace_op_format(trace, &trace->ops[done], op_text, sizeof op_text);
        snprintf(place, place_size, "%s:%lu: %s", trace->path,
                 (unsigned long)trace->ops[done].line, op_text);
        snprintf(where, size, " during %s, at op %llu of %zu", phase,
                 (unsigned long long)done + 1, trace->num_ops);
    }
}

/* Which of the allocator's routines besides the op's was under way. */
static void describe_call(const struct trace *trace, const struct progress *progress,
                          char *call, size_t size)
{
    bool at_end = progress->op_index >= trace->num_ops;
    bool after_init = progress->line == 0; /* no op started yet */
    const char *after = at_end ? "" : after_init ? " after mm_init" : " after the op";
    switch (progress->in_call) {
    case CALL_CHECKHEAP:
        snprintf(call, size, ", in the allocator's mm_checkheap, checking the heap%s", after);
        break;
    case CALL_WALK_DRAWING:
        snprintf(call, size, ", in the allocator's mm_heap_walk, drawing the heap%s", after);
        break;
    case CALL_WALK_CHECKING:
        snprintf(call, size, ", in the allocator's mm_heap_walk, checking the heap%s (-d 2)",
                 after);
        break;
    case CALL_WALK_MAPPING:
        snprintf(call, size, ", in the allocator's mm_heap_walk, mapping the heap%s (--heapmap)",
                 after);
        break;
    default:
        call[0] = '\0';
        break;
    }
}

static void describe_crash(const struct job *job, const struct job_shared *shared,
                           const struct sandbox_report *report, struct trace_result *result)
{
    char how[160];
    sandbox_describe(report, job->settings->limits.time_limit_secs, how, sizeof how);
    if (report->status == SANDBOX_COMPLETED) /* ended as if done, but left no results */
        snprintf(how, sizeof how, "the process ended without leaving its results (the "
                                  "allocator wrote into the driver's results pipe or page?)");
    char where[160], call[96];
    describe_where(job->trace, &shared->progress, result->error, sizeof result->error, where,
                   sizeof where);
    describe_call(job->trace, &shared->progress, call, sizeof call);
    size_t used = strlen(result->error);
    snprintf(result->error + used, sizeof result->error - used, ": %s%s%s", how, where, call);
}

/* Fail the trace for what, after any failure it has already. */
static void add_failure(const struct job *job, const char *what, struct trace_result *result)
{
    if (!result->valid) {
        size_t used = strlen(result->error);
        snprintf(result->error + used, sizeof result->error - used, "; %s", what);
        return;
    }
    result->valid = false;
    snprintf(result->error, sizeof result->error, "%s: %s", job->trace->path, what);
}

/* A trace whose allocator started processes that outlived it fails: they
 * ran beside its replay (and would have run beside the next traces' had
 * the sandbox not ended them), so nothing measured is the allocator's
 * alone. A failure the trace already has comes first. */
static void fail_for_leftover_processes(const struct job *job,
                                        const struct sandbox_report *report,
                                        struct trace_result *result)
{
    char what[200];
    if (report->processes_unended)
        snprintf(what, sizeof what, "the allocator started processes that are still running "
                                    "(the driver could not list them to end them)");
    else
        snprintf(what, sizeof what, "the allocator left %d process%s running after the trace "
                                    "(the driver ended %s)",
                 report->processes_left, report->processes_left == 1 ? "" : "es",
                 report->processes_left == 1 ? "it" : "them");
    add_failure(job, what, result);
}

/* A trace whose allocator signalled the driver's own process (kill(
 * getppid(), SIGTERM)) fails: the sandbox ignored the signal, but it
 * would have ended or stopped the run, the other traces' results with
 * it. */
static void fail_for_signalling_driver(const struct job *job, const struct sandbox_report *report,
                                       struct trace_result *result)
{
    char what[320], signal_name[80];
    sandbox_name_signal(report->driver_signal, signal_name, sizeof signal_name);
    char count[48] = "";
    if (report->driver_signals > 1)
        snprintf(count, sizeof count, " (the first of %d)", report->driver_signals);
    snprintf(what, sizeof what,
             "the allocator sent the driver's process signal %s%s, which the driver ignored "
             "(kill(getppid(), ...) in the allocator?)",
             signal_name, count);
    add_failure(job, what, result);
}

/* libc's utilization, when libc_space.c could measure it; why not, said
 * once per run (it is the same for every trace). */
static void collect_libc_space(const struct libc_space *space, struct trace_result *result)
{
    static bool said_why_not;
    if (space->measured && space->heap_bytes > 0) {
        result->heap_measured = true;
        result->peak_live_bytes = space->peak_live_bytes;
        result->heap_bytes = space->heap_bytes;
        result->util = (double)space->peak_live_bytes / (double)space->heap_bytes;
        return;
    }
    if (!said_why_not && space->why_not[0] != '\0') {
        fprintf(stderr, "mdriver: libc's utilization is not measured: %.*s\n",
                (int)sizeof space->why_not, space->why_not);
        said_why_not = true;
    }
}

/* The figures come from the child, where the allocator runs and could
 * overwrite them; what the trace alone fixes is checked here. The peak
 * payload is the trace's, whatever the allocator; and no heap is smaller
 * than the least span the trace's live payloads need (aligned, not
 * overlapping), so no utilization is above the trace's ceiling. */
static void check_reported_figures(const struct job *job, const struct check_outcome *check,
                                   struct trace_result *result)
{
    const struct trace_peak *peak = job->peak;
    if (peak == NULL)
        return; /* out of memory: nothing to check against */
    const char *forged_figures = "the figures the trace's process reported are not the "
                                 "driver's (the allocator wrote over them?)";
    if (check->peak_live_bytes != peak->payload_bytes) {
        result->valid = false;
        snprintf(result->error, sizeof result->error,
                 "%s: %s: a peak payload of %llu bytes, where the trace's is %llu",
                 job->trace->path, forged_figures,
                 (unsigned long long)check->peak_live_bytes,
                 (unsigned long long)peak->payload_bytes);
    } else if (check->heap_bytes < peak->span_bytes) {
        /* At -d 0 payloads are not checked for overlap, nor results for
         * NULL, and overlapping payloads, or requests that got NULL, fit
         * a heap smaller than the trace's: the likelier stories, and its
         * utilization (above the ceiling) is no figure. */
        bool unchecked = job->settings->check.debug_level == 0;
        result->valid = false;
        result->util = -1.0;
        snprintf(result->error, sizeof result->error,
                 "%s: a heap of %llu bytes, where the trace's payloads need at least %llu: %s",
                 job->trace->path, (unsigned long long)check->heap_bytes,
                 (unsigned long long)peak->span_bytes,
                 unchecked ? "payloads overlap (-d 0 does not check; -d 1 names the op), or "
                             "requests of a nonzero size got NULL (nor that), or the allocator "
                             "wrote over the figures"
                           : forged_figures);
    }
}

/* What a trace's process may map beyond what it starts with (0: no cap).
 * libc's process starts with the arena mapped too, which libc cannot
 * use: it gets the arena's size on top, the room the arena gives the
 * other allocators. */
static size_t process_room(const struct allocator *allocator, const struct sandbox_limits *limits)
{
    if (limits->address_space_slack == 0 || allocator->uses_memlib)
        return limits->address_space_slack;
    return limits->address_space_slack + mem_arena_size();
}

/* A valid trace whose timing measured nothing: mm_init failed in a timed
 * run, or a request got NULL there. libc cannot get NULL in its checked
 * replay, which runs in a fresh process of its own (libc_space.c), but
 * can here, under the cap on what the trace's process may map. */
static void fail_timing(const struct job *job, const struct timing *timing,
                        struct trace_result *result)
{
    result->valid = false;
    if (timing->failed_requests == 0) {
        snprintf(result->error, sizeof result->error, "%s: mm_init failed in the timing pass",
                 job->trace->path);
        return;
    }
    size_t room = process_room(job->allocator, &job->settings->limits);
    char cap[120] = "";
    if (room > 0)
        snprintf(cap, sizeof cap, " (its process may map %zu MiB beyond what it starts with)",
                 room >> 20);
    snprintf(result->error, sizeof result->error,
             "%s: %llu requests got NULL in the timing pass%s, so its time is not that of "
             "allocating",
             job->trace->path, (unsigned long long)timing->failed_requests,
             cap);
}

static void collect(const struct job *job, const struct job_shared *shared,
                    struct trace_result *result)
{
    const struct check_outcome *check = &shared->check;
    result->valid = !shared->checked || check->valid;
    /* Bounded: the child, where the allocator runs, wrote the text, and
     * an allocator can leave it without its NUL (what follows it in the
     * shared page happens to start with one, which no test can undo). */
    if (!result->valid)
        snprintf(result->error, sizeof result->error, "%.*s", (int)sizeof check->error,
                 check->error);
    result->heap_measured = result->pages_measured = shared->checked;
    /* A trace that never has a byte live has no utilization: 0 / heap
     * would score an allocator whose mm_init takes space at 0% and one
     * whose heap stays empty at "-", and average them differently. */
    if (shared->checked && check->heap_bytes > 0 && check->peak_live_bytes > 0)
        result->util = (double)check->peak_live_bytes / (double)check->heap_bytes;
    result->peak_live_bytes = check->peak_live_bytes;
    result->heap_bytes = check->heap_bytes;
    result->pages_mapped = check->pages_mapped;
    result->pages_touched = check->pages_touched;
    result->timing = shared->timing;
    if (result->valid && shared->checked && job->allocator->uses_memlib)
        check_reported_figures(job, check, result);
    if (!job->allocator->uses_memlib)
        collect_libc_space(&shared->libc_space, result);
    if (result->valid && job->settings->measure_time && result->timing.median_secs < 0)
        fail_timing(job, &result->timing, result);
}

/* Where the audit goes: 1 .. TIMING_MAX_RUNS timed runs before it (at
 * least one, or it would be the old second pass; TIMING_MAX_RUNS or
 * past the last run: after all of them). Drawn here, in the parent,
 * from the clock: nothing the allocator sees says where it will be
 * until it happens. */
static unsigned draw_audit_position(void)
{
    static uint64_t state;
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    state += 0x9e3779b97f4a7c15u ^ (uint64_t)now.tv_nsec ^ ((uint64_t)now.tv_sec << 32);
    uint64_t mixed = state; /* splitmix64's finalizer */
    mixed = (mixed ^ (mixed >> 30)) * 0xbf58476d1ce4e5b9u;
    mixed = (mixed ^ (mixed >> 27)) * 0x94d049bb133111ebu;
    mixed ^= mixed >> 31;
    return 1 + (unsigned)(mixed % TIMING_MAX_RUNS);
}

void run_trace(const struct allocator *allocator, const struct trace *trace,
               const struct trace_peak *peak, const struct run_settings *settings,
               struct trace_result *result)
{
    struct job job = {allocator, trace, peak, settings, draw_audit_position()};
    struct job_shared shared;
    struct sandbox_report report;
    memset(&shared, 0, sizeof shared);
    memset(result, 0, sizeof *result);
    result->util = result->util_ceiling = -1.0;
    result->timing.median_secs = -1.0;
    result->ops = trace->num_ops;
    struct sandbox_limits limits = settings->limits;
    limits.address_space_slack = process_room(allocator, &settings->limits);
    sandbox_run(&limits, job_main, &job, &shared, sizeof shared, &report);
    result->elapsed_secs = report.elapsed_secs;
    if (report.status == SANDBOX_COMPLETED && shared.finished_magic == FINISHED_MAGIC) {
        collect(&job, &shared, result);
    } else {
        result->valid = false;
        result->timed_out = report.status == SANDBOX_TIMED_OUT;
        describe_crash(&job, &shared, &report, result);
    }
    if (report.processes_left > 0 || report.processes_unended)
        fail_for_leftover_processes(&job, &report, result);
    if (report.driver_signals > 0)
        fail_for_signalling_driver(&job, &report, result);
    result->chart_data_lost = shared.chart_data_lost;
}

void run_not_run(const char *message, struct trace_result *result)
{
    memset(result, 0, sizeof *result);
    result->util = result->util_ceiling = -1.0;
    result->timing.median_secs = -1.0;
    result->valid = false;
    result->not_run = true;
    snprintf(result->error, sizeof result->error, "%s", message);
}

double result_kops(const struct trace_result *result)
{
    /* A trace of no ops times only mm_init: no rate, rather than 0. */
    if (result->timing.median_secs <= 0 || result->ops == 0)
        return -1.0;
    return (double)result->ops / result->timing.median_secs / 1000.0;
}
