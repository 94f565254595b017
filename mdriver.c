/*
 * mdriver.c - the malloc lab's trace-driven grader: command line and
 * orchestration only. The work is done by the parts under driver/:
 * trace (read .rep files), replay and oracle (check every op), measure
 * (utilization, throughput, perf index), sandbox and runner (one child
 * process per trace), report (tables, CSV, JSON), registry (allocators).
 */
#define _GNU_SOURCE /* getopt_long */
#include "config.h"
#include "driver/blocks.h"
#include "driver/libc_space.h"
#include "driver/measure.h"
#include "driver/registry.h"
#include "driver/report.h"
#include "driver/runner.h"
#include "driver/series.h"
#include "driver/shown.h"
#include "driver/suite.h"
#include "driver/trace.h"
#include "memlib.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct options {
    const char **trace_files; /* from -f, or the default list under -t */
    size_t num_trace_files;
    const char *trace_dir;
    const char *allocator_names; /* comma-separated, or "all" */
    bool show_libc;
    bool verbose;
    bool narrate;
    bool draw_blocks;
    bool autograde;
    bool list_allocators;
    const char *csv_path;
    const char *json_path;
    double reference_kops; /* > 0: use as libc's throughput, do not measure it */
    bool time_limit_given;  /* -s: otherwise the default, which -d 2 raises */
    unsigned give_up_after; /* > 0: an allocator whose traces timed out this often
                               runs no more of them (--give-up) */
    struct run_settings settings;
    size_t arena_bytes;
};

/* ---- usage ---------------------------------------------------------- */

static void print_help(FILE *out)
{
    fprintf(out,
            "Usage: mdriver [-hvVlg] [-f FILE]... [-t DIR] [-a NAMES] [-d LEVEL]\n"
            "               [-s SECONDS] [-H SIZE] [--csv FILE] [--json FILE]\n"
            "Replays allocation traces against an allocator, checks every result,\n"
            "and scores space utilization and throughput.\n\n"
            "  -f FILE      replay this trace (repeatable; results name a trace by\n"
            "               its file name, so no two may share one); default: the\n"
            "               default suite from config.h, read from the trace directory\n"
            "               (a FIFO or pipe, as /dev/stdin, is waited on for at most\n"
            "               --wait at a time: a writer that never writes fails the trace)\n"
            "  -t DIR       trace directory for the default suite (default %s)\n"
            "  -a NAMES     allocators to run, comma-separated, or 'all' (default mm);\n"
            "               --list shows the names. Several allocators print a\n"
            "               comparison table.\n"
            "  -l           also show libc malloc's results, measured in the same run;\n"
            "               its util from its footprint, replayed in a fresh process\n"
            "               (glibc only, and not under valgrind or a sanitizer); with\n"
            "               one allocator and no -v, beside it in a comparison table.\n"
            "               A comparison table shows libc whenever it is timed for\n"
            "               the perf index, -l or not\n"
            "  -v           per-trace table (trace, valid, util, ceiling, ops, secs, Kops)\n"
            "  -V           -v, and narrate every op of the correctness pass\n"
            "  --blocks     -V, and draw the heap's blocks after every op (and after\n"
            "               mm_init), from the allocator's mm_heap_walk\n"
            "  -g           autograder summary lines (correct:N, perfidx:N) of one\n"
            "               allocator; what the run itself prints (-V, the allocator's\n"
            "               output, the tables of -v and -l) goes to standard error\n"
            "  -d LEVEL     0: no checks; 1: check every op, and call mm_checkheap at\n"
            "               the end of the trace (default); 2: also call mm_checkheap,\n"
            "               check mm_heap_walk's blocks (no live payload in a free\n"
            "               one) and verify every live payload after every op\n"
            "  -s SECONDS   time limit per trace (default %d; %d at -d 2); 0: none\n"
            "  --wait SECONDS  the longest wait for a FIFO's or pipe's next bytes\n"
            "               (default 10); 0: no limit\n"
            "  -H SIZE      arena size the heap may grow to, e.g. 512M, 2G\n"
            "               (default %zu MiB)\n"
            "  --csv FILE   write every figure as CSV ('-': standard output, and\n"
            "               the tables and summary go to standard error)\n"
            "  --json FILE  the same as JSON\n"
            "  --series DIR   write DIR/ALLOC.TRACE.series.csv: op index, op (a, r,\n"
            "               f), live bytes, heap bytes, utilization so far, pages\n"
            "               touched (at most %d rows; each keeps the busiest op of\n"
            "               its stretch; and one for the last op)\n"
            "  --heapmap DIR  write DIR/ALLOC.TRACE.heapmap.csv: %d snapshots of the\n"
            "               heap in %d bins of payload, overhead, free, unknown bytes\n"
            "  --no-timing  skip the timing pass (correctness and utilization only)\n"
            "  --reference-kops KOPS  use KOPS (Kops/s) as libc's throughput in the\n"
            "               perf index instead of measuring it (e.g. a grader's one\n"
            "               libc measurement); -l still measures and shows libc\n"
            "  --give-up N  once N traces of an allocator have timed out (-s), run\n"
            "               none of its remaining traces (each fails as not run)\n"
            "  --once       replay for correctness once, not twice (the second\n"
            "               replay runs at a random place among the timed ones)\n"
            "  --no-isolation  run traces in this process (for a debugger); a crash or exit()\n"
            "               then ends the run, and -s and the memory cap do not apply\n"
            "  --list       list the compiled-in allocators\n"
            "  -h           this help\n\n"
            "Each trace runs in its own child process: a crash, a hang or an exit()\n"
            "in the allocator fails that trace only. A process the allocator starts\n"
            "is ended when its trace ends, and fails the trace. Exit status: 0 when\n"
            "every trace is valid, 1 when any is not, 2 on a usage error.\n\n"
            "Utilization = peak total live payload (realloc counts the size change)\n"
            "divided by the heap size (mem_heapsize) at the end of the trace.\n"
            "Its ceiling, the most any allocator can reach on a trace: peak payload\n"
            "divided by the peak, over the trace, of the live sizes rounded up to\n"
            "ALIGNMENT less the largest padding among them (payloads cannot overlap,\n"
            "each starts aligned, and the highest need not end aligned). Headers, free\n"
            "space and fragmentation are what separate an allocator's util from it.\n"
            "%s\n",
            TRACEDIR, DEFAULT_TIME_LIMIT_SECS, DEBUG_TIME_LIMIT_SECS, DEFAULT_HEAP_BYTES >> 20, SERIES_MAX_POINTS,
            SERIES_SNAPSHOTS, SERIES_BINS, measure_formula());
    fprintf(out, "  w = %.2f, ALIGNMENT = %d\n", UTIL_WEIGHT, ALIGNMENT);
}

static void usage_error(const char *format, const char *detail)
{
    fprintf(stderr, "mdriver: ");
    fprintf(stderr, format, detail);
    fprintf(stderr, "\nTry 'mdriver -h'.\n");
    exit(2);
}

/* ---- flag values ---------------------------------------------------- */

static double parse_seconds(const char *flag, const char *text)
{
    char *end;
    errno = 0;
    double secs = strtod(text, &end);
    if (errno || end == text || *end != '\0' || !(secs >= 0 && secs <= 1e6)) { /* and not NaN */
        char message[200];
        snprintf(message, sizeof message, "%s expects seconds (a number from 0 to 1e6), got '%.80s'",
                 flag, text);
        usage_error("%s", message);
    }
    return secs;
}

static double parse_kops(const char *text)
{
    char *end;
    errno = 0;
    double kops = strtod(text, &end);
    if (errno || end == text || *end != '\0' || !(kops > 0) || kops > 1e9)
        usage_error("--reference-kops expects a positive number of Kops/s, got '%s'", text);
    return kops;
}

static size_t parse_size(const char *text)
{
    char *end;
    errno = 0;
    unsigned long long value = strtoull(text, &end, 10);
    unsigned shift = 0;
    if (*end == 'K' || *end == 'k')
        shift = 10;
    else if (*end == 'M' || *end == 'm')
        shift = 20;
    else if (*end == 'G' || *end == 'g')
        shift = 30;
    else if (*end == 'T' || *end == 't') /* the limit below is 1T: accept its unit */
        shift = 40;
    if (shift)
        end++;
    if (errno || end == text || *end != '\0' || text[0] == '-' || value == 0 ||
        value > (1ull << (40 - shift)))
        usage_error("-H expects a size like 512M or 2G (at most 1T), got '%s'", text);
    return (size_t)(value << shift);
}

static unsigned parse_give_up(const char *text)
{
    char *end;
    errno = 0;
    unsigned long count = strtoul(text, &end, 10);
    if (errno || end == text || *end != '\0' || text[0] == '-' || count == 0 || count > 1000000)
        usage_error("--give-up expects a number of timed-out traces (1 or more), got '%s'", text);
    return (unsigned)count;
}

static int parse_debug_level(const char *text)
{
    if ((text[0] == '0' || text[0] == '1' || text[0] == '2') && text[1] == '\0')
        return text[0] - '0';
    usage_error("-d expects 0, 1 or 2, got '%s'", text);
    return 1;
}

static void add_trace_file(struct options *options, const char *path)
{
    const char **grown = realloc(options->trace_files,
                                 (options->num_trace_files + 1) * sizeof *grown);
    if (grown == NULL)
        usage_error("%s", "out of memory");
    grown[options->num_trace_files++] = path;
    options->trace_files = grown;
}

enum long_only {
    OPT_CSV = 256,
    OPT_JSON,
    OPT_SERIES,
    OPT_WAIT,
    OPT_HEAPMAP,
    OPT_NO_TIMING,
    OPT_ONCE,
    OPT_NO_ISOLATION,
    OPT_LIST,
    OPT_REFERENCE_KOPS,
    OPT_GIVE_UP,
    OPT_BLOCKS
};

static void parse_options(int argc, char **argv, struct options *options)
{
    static const struct option long_options[] = {
        {"csv", required_argument, NULL, OPT_CSV},
        {"json", required_argument, NULL, OPT_JSON},
        {"series", required_argument, NULL, OPT_SERIES},
        {"wait", required_argument, NULL, OPT_WAIT},
        {"heapmap", required_argument, NULL, OPT_HEAPMAP},
        {"no-timing", no_argument, NULL, OPT_NO_TIMING},
        {"once", no_argument, NULL, OPT_ONCE},
        {"no-isolation", no_argument, NULL, OPT_NO_ISOLATION},
        {"list", no_argument, NULL, OPT_LIST},
        {"reference-kops", required_argument, NULL, OPT_REFERENCE_KOPS},
        {"give-up", required_argument, NULL, OPT_GIVE_UP},
        {"blocks", no_argument, NULL, OPT_BLOCKS},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    int flag;
    while ((flag = getopt_long(argc, argv, "f:t:a:lvVgd:s:H:h", long_options, NULL)) != -1) {
        switch (flag) {
        case 'f': add_trace_file(options, optarg); break;
        case 't': options->trace_dir = optarg; break;
        case 'a': options->allocator_names = optarg; break;
        case 'l': options->show_libc = true; break;
        case 'v': options->verbose = true; break;
        case 'V': options->verbose = options->narrate = true; break;
        case 'g': options->autograde = true; break;
        case 'd': options->settings.check.debug_level = parse_debug_level(optarg); break;
        case 's':
            options->settings.limits.time_limit_secs = parse_seconds("-s", optarg);
            options->time_limit_given = true;
            break;
        case 'H': options->arena_bytes = parse_size(optarg); break;
        case OPT_CSV: options->csv_path = optarg; break;
        case OPT_JSON: options->json_path = optarg; break;
        case OPT_SERIES: options->settings.series_dir = optarg; break;
        case OPT_WAIT: trace_set_wait(parse_seconds("--wait", optarg)); break;
        case OPT_HEAPMAP: options->settings.heapmap_dir = optarg; break;
        case OPT_NO_TIMING: options->settings.measure_time = false; break;
        case OPT_ONCE: options->settings.validate_twice = false; break;
        case OPT_NO_ISOLATION: options->settings.limits.isolate = false; break;
        case OPT_LIST: options->list_allocators = true; break;
        case OPT_REFERENCE_KOPS: options->reference_kops = parse_kops(optarg); break;
        case OPT_GIVE_UP: options->give_up_after = parse_give_up(optarg); break;
        case OPT_BLOCKS: options->verbose = options->narrate = options->draw_blocks = true; break;
        case 'h': print_help(stdout); exit(0);
        default: fprintf(stderr, "Try 'mdriver -h'.\n"); exit(2);
        }
    }
    if (optind < argc)
        usage_error("unexpected argument '%s'", argv[optind]);
    if (!options->time_limit_given && options->settings.check.debug_level >= 2)
        options->settings.limits.time_limit_secs = DEBUG_TIME_LIMIT_SECS;
    options->settings.check.narrate = options->narrate;
    options->settings.check.draw_blocks = options->draw_blocks;
}

static void default_options(struct options *options)
{
    memset(options, 0, sizeof *options);
    options->trace_dir = TRACEDIR;
    options->allocator_names = "mm";
    options->arena_bytes = DEFAULT_HEAP_BYTES;
    options->settings.check.debug_level = 1;
    options->settings.check.alignment = ALIGNMENT;
    options->settings.limits.time_limit_secs = DEFAULT_TIME_LIMIT_SECS;
    options->settings.limits.isolate = true;
    options->settings.limits.address_space_slack = DEFAULT_ADDRESS_SPACE_SLACK;
    options->settings.validate_twice = true;
    options->settings.measure_time = true;
}

/* ---- what to run ---------------------------------------------------- */

/* report_say_path with "FLAG " before the path and ": WHAT" after it. */
static void say_flag_path(const char *flag, const char *path, const char *what)
{
    char before[32], after[160];
    snprintf(before, sizeof before, "%s ", flag);
    snprintf(after, sizeof after, ": %s", what);
    report_say_path(before, path, after);
}

/* A trace given with -f that is not where its path says, but is in the
 * trace directory (-f short1.rep, or -t traces -f short1.rep, where -t
 * names the default suite's folder only): say the path that would work,
 * which a folder there (-f '', the trace directory itself) is not. */
static void suggest_trace_dir_path(const struct options *options, const char *path)
{
    if (path[0] == '/' || access(path, F_OK) == 0)
        return;
    char *candidate = suite_join_path(options->trace_dir, path);
    struct stat info;
    if (candidate != NULL && strcmp(candidate, path) != 0 && access(candidate, R_OK) == 0 &&
        stat(candidate, &info) == 0 && !S_ISDIR(info.st_mode))
        report_say_path("", candidate, " is there: -f takes a trace's path from the current "
                                     "folder (-t DIR names the default suite's folder only)");
    free(candidate);
}

/* With no -f: the driver owns these paths (free_everything frees them). */
static void use_default_traces(struct options *options)
{
    size_t count;
    char **paths = suite_default_paths(options->trace_dir, &count);
    if (paths == NULL)
        usage_error("%s", "out of memory");
    free(options->trace_files);
    options->trace_files = (const char **)paths;
    options->num_trace_files = count;
}

static size_t select_allocators(const char *names, const struct allocator ***selected)
{
    size_t registered;
    const struct allocator *all = registry_all(&registered);
    *selected = calloc(registered + 1, sizeof **selected);
    if (*selected == NULL)
        usage_error("%s", "out of memory");
    if (strcmp(names, "all") == 0) {
        for (size_t i = 0; i < registered; i++)
            (*selected)[i] = &all[i];
        return registered;
    }
    size_t count = 0;
    char *copy = strdup(names);
    if (copy == NULL)
        usage_error("%s", "out of memory");
    for (char *name = strtok(copy, ","); name != NULL; name = strtok(NULL, ",")) {
        const struct allocator *allocator = registry_find(name);
        if (allocator == NULL)
            usage_error("no allocator named '%s' (see mdriver --list)", name);
        /* Results, CSV rows and --series files name an allocator by its
         * name alone: a second run of one would be told apart nowhere. */
        for (size_t i = 0; i < count; i++)
            if ((*selected)[i] == allocator)
                usage_error("-a names an allocator twice: '%s'", names);
        (*selected)[count++] = allocator;
    }
    free(copy);
    if (count == 0)
        usage_error("-a names no allocator: '%s'", names);
    return count;
}

/* At -d 2 an allocator without mm_checkheap (a classic handout, or a
 * checker under another name) still has every payload verified after
 * every op, and its mm_heap_walk's blocks checked if it has one, but its
 * heap's invariants go unchecked: say so, once, rather than pass -d 2 in
 * silence. */
static void warn_no_checkheap(const struct allocator *const *selected, size_t count,
                              int debug_level)
{
    if (debug_level < 2)
        return;
    for (size_t i = 0; i < count; i++)
        if (selected[i]->uses_memlib && selected[i]->checkheap == NULL)
            fprintf(stderr,
                    "mdriver: %s defines no mm_checkheap: -d 2 verifies every live payload "
                    "after every op%s, but checks none of the heap's own invariants\n",
                    selected[i]->name,
                    selected[i]->heap_walk != NULL ? " and checks its mm_heap_walk's blocks"
                                                   : "");
}

static void list_allocators(void)
{
    size_t count;
    const struct allocator *all = registry_all(&count);
    for (size_t i = 0; i < count; i++)
        printf("%-16s %s%s\n", all[i].name, all[i].summary,
               all[i].checkheap ? "" : " (no mm_checkheap)");
}

/* ---- the run -------------------------------------------------------- */

static void report_failure(const struct allocator *allocator, const struct trace_result *result)
{
    if (!result->valid) {
        fprintf(stderr, "ERROR [%s]: ", allocator->name);
        shown_print(stderr, result->error);
        fputc('\n', stderr);
    }
}

/* A trace an allocator is not run on because --give-up's count of its
 * timed-out traces is reached: a hanging allocator would otherwise cost
 * the time limit once per trace (11 minutes on the default suite). */
static void give_up_on(const struct allocator *allocator, const struct options *options,
                       const char *path, struct trace_result *result)
{
    char why[160];
    snprintf(why, sizeof why, "%s: not run: %u of its traces timed out already (--give-up %u)",
             path, options->give_up_after, options->give_up_after);
    run_not_run(why, result);
    report_failure(allocator, result);
}

static void run_one(const struct allocator *allocator, const struct options *options,
                    const struct trace *trace, const struct trace_peak *peak,
                    const char *path, bool readable, const char *read_error,
                    struct trace_result *result)
{
    if (!readable) {
        run_not_run(read_error, result); /* already reported */
        return;
    }
    if (options->narrate) {
        fputs("Replaying ", stdout);
        shown_print(stdout, path); /* a name's escape would redraw the terminal */
        printf(" (%zu ops) on %s%s\n", trace->num_ops, allocator->name,
               allocator->uses_memlib ? ""
                                      : ": not narrated (its blocks are not in memlib's heap, and "
                                        "its footprint is measured from outside)");
    }
    if (options->draw_blocks && allocator->uses_memlib)
        blocks_legend(stdout, allocator);
    run_trace(allocator, trace, peak, &options->settings, result);
    report_failure(allocator, result);
}

/* How many of allocator a's traces before trace t timed out. */
static unsigned timed_out_before(const struct run_table *table, size_t a, size_t t)
{
    unsigned count = 0;
    for (size_t u = 0; u < t; u++)
        count += table->results[a * table->num_traces + u].timed_out;
    return count;
}

/* Trace by trace, every allocator and then libc back to back: a ratio
 * in the table compares replays timed seconds apart, not one allocator
 * at the start of the run and libc at its end, after the slow teaching
 * allocators, when the shared machine may be busier or quieter. The
 * trace's peak is measured once, before its replays: every allocator's
 * reported figures are checked against it, and its ceiling is the same
 * for every result on the trace, libc's included. */
static void run_everything(const struct options *options, struct trace *traces,
                           const bool *readable, const char **read_errors,
                           struct run_table *table)
{
    bool want_libc = options->show_libc || (PERF_REFERENCE_LIBC && options->reference_kops <= 0 &&
                                            options->settings.measure_time);
    if (want_libc)
        table->libc = calloc(table->num_traces, sizeof *table->libc);
    for (size_t t = 0; t < table->num_traces; t++) {
        struct trace_peak peak_bytes;
        const struct trace_peak *peak =
            readable[t] && measure_trace_peak(&traces[t], ALIGNMENT, &peak_bytes) ? &peak_bytes
                                                                                 : NULL;
        for (size_t a = 0; a < table->num_allocators; a++) {
            struct trace_result *result = &table->results[a * table->num_traces + t];
            if (options->give_up_after > 0 && readable[t] &&
                timed_out_before(table, a, t) >= options->give_up_after)
                give_up_on(table->allocators[a], options, table->trace_paths[t], result);
            else
                run_one(table->allocators[a], options, &traces[t], peak, table->trace_paths[t],
                        readable[t], read_errors[t], result);
        }
        if (table->libc != NULL)
            run_one(registry_libc(), options, &traces[t], peak, table->trace_paths[t],
                    readable[t], read_errors[t], &table->libc[t]);
        double ceiling = peak != NULL ? measure_util_ceiling(peak) : -1.0;
        for (size_t a = 0; a < table->num_allocators; a++)
            table->results[a * table->num_traces + t].util_ceiling = ceiling;
        if (table->libc != NULL)
            table->libc[t].util_ceiling = ceiling;
    }
}

/* Where --csv - or --json - writes: the process's standard output as it
 * was at start, while everything meant for a person goes to standard
 * error instead (send_reports_to_stderr), so that a program reading the
 * CSV or JSON gets nothing else. */
static FILE *machine_stdout;

/* Point standard output at standard error; returns a descriptor for
 * where it pointed before. */
static int point_stdout_at_stderr(void)
{
    fflush(stdout);
    int saved = dup(STDOUT_FILENO);
    if (saved < 0 || dup2(STDERR_FILENO, STDOUT_FILENO) < 0) {
        fprintf(stderr, "mdriver: cannot set up standard output: %s\n", strerror(errno));
        exit(2);
    }
    return saved;
}

static void send_reports_to_stderr(const struct options *options)
{
    bool csv = options->csv_path && strcmp(options->csv_path, "-") == 0;
    bool json = options->json_path && strcmp(options->json_path, "-") == 0;
    if (csv && json) {
        fprintf(stderr, "mdriver: --csv - and --json - cannot both write to standard output\n");
        exit(2);
    }
    if ((csv || json) && options->autograde) {
        fprintf(stderr, "mdriver: -g and %s cannot both write to standard output, where an "
                        "autograder reads the -g lines alone\n",
                csv ? "--csv -" : "--json -");
        exit(2);
    }
    if (!csv && !json)
        return;
    machine_stdout = fdopen(point_stdout_at_stderr(), "w");
    if (machine_stdout == NULL) {
        fprintf(stderr, "mdriver: cannot set up standard output: %s\n", strerror(errno));
        exit(2);
    }
}

/* With -g, what the run itself prints (narration, and the allocator's
 * own output, which would come first on standard output) goes to
 * standard error, so that an allocator cannot print "correct:" and
 * "perfidx:" lines of its own where an autograder reads them. Returns
 * the descriptor standard output was saved on, or -1 if not moved. */
static int divert_stdout_during_run(const struct options *options)
{
    return options->autograde ? point_stdout_at_stderr() : -1;
}

static void restore_stdout(int saved)
{
    if (saved < 0)
        return;
    fflush(stdout);
    if (dup2(saved, STDOUT_FILENO) < 0) {
        fprintf(stderr, "mdriver: cannot restore standard output: %s\n", strerror(errno));
        exit(2);
    }
    close(saved);
}

static int write_machine_output(const char *path, const struct run_table *table,
                                int (*writer)(FILE *, const struct run_table *))
{
    bool to_stdout = strcmp(path, "-") == 0;
    FILE *out = to_stdout ? machine_stdout : fopen(path, "w");
    if (out == NULL) {
        char why[128];
        snprintf(why, sizeof why, ": %s", strerror(errno));
        report_say_path("cannot write ", path, why);
        return -1;
    }
    int status = writer(out, table);
    bool failed = ferror(out) != 0;
    if (fclose(out) != 0 || failed) /* for '-', the saved standard output */
        status = -1;
    if (to_stdout)
        machine_stdout = NULL;
    if (status != 0)
        report_say_path("error writing ", to_stdout ? "standard output" : path, "");
    return status;
}

static void print_reports(const struct options *options, const struct run_table *table)
{
    /* With -g, standard output holds the autograder's lines alone: the
     * tables -v and -l ask for go where the run's narration goes. */
    FILE *tables = options->autograde ? stderr : stdout;
    if (options->verbose) {
        for (size_t a = 0; a < table->num_allocators; a++)
            report_trace_table(tables, table, a);
        if (options->show_libc)
            report_libc_table(tables, table);
    }
    /* One allocator with -l: side by side with libc too, unless -v has
     * just printed both tables. */
    if (table->num_allocators > 1 || (options->show_libc && !options->verbose))
        report_comparison(tables, table);
    if (options->autograde)
        report_autograde(stdout, table);
    else {
        printf("\n");
        report_summary(stdout, table);
    }
}

static void free_everything(struct options *options, struct run_table *table,
                            struct trace *traces, bool *readable, const char **read_errors,
                            char (*messages)[TRACE_ERROR_BYTES], bool owns_paths)
{
    for (size_t t = 0; t < table->num_traces; t++) {
        if (traces != NULL)
            trace_free(&traces[t]);
        if (owns_paths)
            free((char *)options->trace_files[t]);
    }
    free(options->trace_files);
    free(table->allocators);
    free(table->results);
    free(table->summaries);
    free(table->libc);
    free(traces);
    free(readable);
    free(read_errors);
    free(messages);
}

/* --csv and --json write a file after the run: one that cannot be
 * written stops the driver now, not after minutes of replays. Nothing is
 * created here; an existing file must be writable, a new one's folder. */
static void check_output_file(const char *flag, const char *path)
{
    if (path == NULL || strcmp(path, "-") == 0)
        return;
    struct stat info;
    const char *problem = NULL;
    if (path[0] == '\0') {
        fprintf(stderr, "mdriver: %s '': cannot write: the file name is empty\n", flag);
        exit(2);
    }
    if (stat(path, &info) == 0) {
        if (S_ISDIR(info.st_mode))
            problem = "it is a folder";
        else if (access(path, W_OK) != 0)
            problem = strerror(errno);
    } else {
        char *copy = strdup(path);
        if (copy == NULL) {
            fprintf(stderr, "mdriver: out of memory\n");
            exit(2);
        }
        char *slash = strrchr(copy, '/');
        const char *folder = slash == NULL ? "." : slash == copy ? "/" : (*slash = '\0', copy);
        if (access(folder, W_OK) != 0)
            problem = strerror(errno);
        free(copy);
    }
    if (problem != NULL) {
        char what[128];
        snprintf(what, sizeof what, "cannot write: %s", problem);
        say_flag_path(flag, path, what);
        exit(2);
    }
}

/* Whether path is a regular file and other names the same one (a link,
 * another spelling). Not for special files: /dev/stdin and /dev/stdout
 * may be one terminal, and writing one loses nothing of the other. */
static bool same_regular_file(const char *path, const char *other)
{
    struct stat path_info, other_info;
    return stat(path, &path_info) == 0 && S_ISREG(path_info.st_mode) &&
           stat(other, &other_info) == 0 && path_info.st_dev == other_info.st_dev &&
           path_info.st_ino == other_info.st_ino;
}

/* --csv and --json naming one file would leave only the one written
 * last ('-' for both is refused in send_reports_to_stderr): the same
 * path, or two paths to one regular file that exists already. Not
 * /dev/null, a FIFO or a terminal, which nothing overwrites. */
static void check_outputs_differ(const char *csv_path, const char *json_path)
{
    if (csv_path == NULL || json_path == NULL || strcmp(csv_path, "-") == 0 ||
        strcmp(json_path, "-") == 0)
        return;
    struct stat csv_info;
    if (stat(csv_path, &csv_info) == 0 && !S_ISREG(csv_info.st_mode))
        return;
    if (strcmp(csv_path, json_path) == 0 || same_regular_file(csv_path, json_path)) {
        fputs("mdriver: --csv ", stderr);
        shown_print(stderr, csv_path);
        fputs(" and --json ", stderr);
        shown_print(stderr, json_path);
        fputs(" are the same file: one would overwrite the other\n", stderr);
        exit(2);
    }
}

/* --csv and --json overwrite their file: one that is also a trace given
 * with -f would be lost, and silently, as the trace is read first. */
static void check_output_not_a_trace(const char *flag, const char *path,
                                     const char *const *trace_files, size_t num_traces)
{
    if (path == NULL || strcmp(path, "-") == 0)
        return;
    for (size_t t = 0; t < num_traces; t++) {
        if (same_regular_file(path, trace_files[t])) {
            fprintf(stderr, "mdriver: %s ", flag);
            shown_print(stderr, path);
            fputs(" is the trace ", stderr);
            shown_print(stderr, trace_files[t]);
            fputs(": writing it would overwrite the trace\n", stderr);
            exit(2);
        }
    }
}

/* Tables, CSV and JSON name a trace by its file name, and the --series
 * and --heapmap files by that name without its extension, so two traces
 * that share it (the same file twice, files of one name in two folders,
 * a.rep and a.trace) would be told apart nowhere, and the second's chart
 * data would replace the first's. */
static void check_trace_names_differ(const char *const *paths, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        size_t stem = report_trace_stem_length(paths[i]);
        const char *name_i = trace_file_name(paths[i]);
        if (strcmp(name_i, "(total)") == 0) {
            fputs("mdriver: trace ", stderr);
            shown_print(stderr, paths[i]);
            fputs(" is named (total), as the CSV's row of each allocator's totals is, which "
                  "the plot and bench tools would take it for: rename it\n",
                  stderr);
            exit(2);
        }
        for (size_t j = i + 1; j < count; j++) {
            if (stem == report_trace_stem_length(paths[j]) &&
                strncmp(name_i, trace_file_name(paths[j]), stem) == 0) {
                fputs("mdriver: traces ", stderr);
                shown_print(stderr, paths[i]);
                fputs(" and ", stderr);
                shown_print(stderr, paths[j]);
                fputs(" have the same name, ", stderr);
                shown_print_bytes(stderr, name_i, stem);
                fputs(": the results name a trace by its file name only (and its chart data "
                      "by that name without the extension), so rename one\n",
                      stderr);
                exit(2);
            }
        }
    }
}

/* --series and --heapmap write into a folder: make it now, or stop
 * before any trace runs. */
static void prepare_output_dir(const char *flag, const char *dir)
{
    struct stat info;
    if (dir == NULL)
        return;
    if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
        char what[128];
        snprintf(what, sizeof what, "cannot create the folder: %s", strerror(errno));
        say_flag_path(flag, dir, what);
        exit(2);
    }
    if (stat(dir, &info) != 0 || !S_ISDIR(info.st_mode) || access(dir, W_OK) != 0) {
        say_flag_path(flag, dir, "not a writable folder");
        exit(2);
    }
}

/* Started with standard input, output or error closed (`>&-`), the
 * driver would have the next file it opens take that number: a --series
 * CSV opened as descriptor 1 would begin with the -V narration. Each one
 * closed is held by /dev/null opened the wrong way for it (0 for
 * writing, 1 and 2 for reading), so that no file lands there and using
 * it still fails as on a closed descriptor: a write to standard output
 * still sets the error 'error writing standard output' reports. */
static void hold_closed_standard_descriptors(void)
{
    for (int fd = STDIN_FILENO; fd <= STDERR_FILENO; fd++) {
        if (fcntl(fd, F_GETFD) >= 0 || errno != EBADF)
            continue;
        /* The lower ones are open by now, so open takes fd itself. */
        int held = open("/dev/null", fd == STDIN_FILENO ? O_WRONLY : O_RDONLY);
        if (held != fd) {
            fprintf(stderr, "mdriver: descriptor %d is closed and cannot be held with "
                            "/dev/null: %s\n",
                    fd, held < 0 ? strerror(errno) : "another descriptor was opened");
            exit(2);
        }
    }
}

/* Standard output and error, when they are regular files, are shared
 * with every trace's process: an allocator's lseek(1, 0, SEEK_SET) (no
 * rule forbids it) would have all that is written after it, the final
 * tables included, overwrite what the earlier traces wrote. With
 * O_APPEND every write lands at the end, wherever the offset was moved.
 * The flag is on the open file, so whatever shares it (the shell that
 * opened it) appends too; a file opened with 1<> at its start is then
 * added to, not overwritten. The allocator could clear the flag with
 * fcntl (a rule forbids it), but only for its own trace's writes: the
 * sandbox puts the flags back after each trace. The flags the caller
 * gave are put back at exit, so that its own later writes to the file
 * (a seek back to fill in a header) land where it puts them. */
static int standard_file_flags[STDERR_FILENO + 1] = {-1, -1, -1};

static void restore_standard_file_flags(void)
{
    for (int fd = STDOUT_FILENO; fd <= STDERR_FILENO; fd++)
        if (standard_file_flags[fd] >= 0)
            fcntl(fd, F_SETFL, standard_file_flags[fd]);
}

static void append_to_standard_files(void)
{
    for (int fd = STDOUT_FILENO; fd <= STDERR_FILENO; fd++) {
        struct stat info;
        int flags = fcntl(fd, F_GETFL);
        if (flags >= 0 && !(flags & O_APPEND) && fstat(fd, &info) == 0 &&
            S_ISREG(info.st_mode) && fcntl(fd, F_SETFL, flags | O_APPEND) == 0)
            standard_file_flags[fd] = flags;
    }
    atexit(restore_standard_file_flags);
}

int main(int argc, char **argv)
{
    /* First, before anything is allocated: the fresh process in which
     * libc_space.c measures glibc's footprint. */
    if (argc == 2 && strcmp(argv[1], LIBC_SPACE_FLAG) == 0)
        return libc_space_replay_main();
    hold_closed_standard_descriptors();
    append_to_standard_files();
    struct options options;
    default_options(&options);
    parse_options(argc, argv, &options);
    if (options.list_allocators) {
        list_allocators();
        free(options.trace_files);
        return 0;
    }
    send_reports_to_stderr(&options);
    check_output_file("--csv", options.csv_path);
    check_output_file("--json", options.json_path);
    check_outputs_differ(options.csv_path, options.json_path);
    prepare_output_dir("--series", options.settings.series_dir);
    prepare_output_dir("--heapmap", options.settings.heapmap_dir);
    bool owns_paths = options.num_trace_files == 0;
    if (owns_paths)
        use_default_traces(&options);
    check_trace_names_differ(options.trace_files, options.num_trace_files);
    check_output_not_a_trace("--csv", options.csv_path, options.trace_files,
                             options.num_trace_files);
    check_output_not_a_trace("--json", options.json_path, options.trace_files,
                             options.num_trace_files);
    mem_set_arena_size(options.arena_bytes);
    mem_init();

    struct run_table table = {0};
    table.num_traces = options.num_trace_files;
    table.trace_paths = options.trace_files;
    table.num_allocators = select_allocators(options.allocator_names, &table.allocators);
    if (options.autograde && table.num_allocators > 1)
        usage_error("-g prints the autograder lines of one allocator, and -a names several: "
                    "'%s'",
                    options.allocator_names);
    warn_no_checkheap(table.allocators, table.num_allocators, options.settings.check.debug_level);
    table.results = calloc(table.num_allocators * table.num_traces, sizeof *table.results);
    table.summaries = calloc(table.num_allocators, sizeof *table.summaries);
    struct trace *traces = calloc(table.num_traces, sizeof *traces);
    bool *readable = calloc(table.num_traces, sizeof *readable);
    const char **read_errors = calloc(table.num_traces, sizeof *read_errors);
    char (*messages)[TRACE_ERROR_BYTES] = calloc(table.num_traces, sizeof *messages);
    int exit_status = 0;
    if (!table.results || !table.summaries || !traces || !readable || !read_errors ||
        !messages) {
        fprintf(stderr, "mdriver: out of memory\n");
        exit_status = 1;
        table.num_traces = 0;
    }
    bool default_suite_unread = false;
    for (size_t t = 0; t < table.num_traces; t++) {
        readable[t] = trace_read(options.trace_files[t], mem_arena_size(), &traces[t],
                                 messages[t]) == 0;
        read_errors[t] = messages[t];
        if (!readable[t]) {
            fputs("mdriver: ", stderr);
            shown_print(stderr, messages[t]);
            fputc('\n', stderr);
            exit_status = 1;
            default_suite_unread = owns_paths;
            if (!owns_paths)
                suggest_trace_dir_path(&options, options.trace_files[t]);
        }
    }
    if (default_suite_unread) /* most likely run from another folder */
        report_say_path("the default suite is read from ", options.trace_dir,
                      "; -t DIR names the folder that holds it");
    if (table.num_traces > 0) {
        int saved_stdout = divert_stdout_during_run(&options);
        run_everything(&options, traces, readable, read_errors, &table);
        restore_stdout(saved_stdout);
        report_summarize(&table, options.reference_kops * 1000.0);
        print_reports(&options, &table);
    }
    if (options.csv_path && write_machine_output(options.csv_path, &table, report_csv) != 0)
        exit_status = 1;
    if (options.json_path && write_machine_output(options.json_path, &table, report_json) != 0)
        exit_status = 1;
    for (size_t a = 0; a < table.num_allocators; a++)
        if (table.summaries[a].valid_traces != table.summaries[a].traces)
            exit_status = 1;
    /* libc's rows too: one it could not replay (NULLs under the cap on
     * what its process may map) leaves the comparison and the perf index
     * short, which a script must not read as a whole run. */
    if (table.libc != NULL && table.libc_summary.valid_traces != table.libc_summary.traces)
        exit_status = 1;
    for (size_t r = 0; r < table.num_allocators * table.num_traces; r++)
        if (table.results[r].chart_data_lost)
            exit_status = 1;
    /* The results go to standard output: a full disk must not pass for a
     * clean run with exit status 0 (stdio only reports it on a flush). */
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "mdriver: error writing standard output\n");
        exit_status = 1;
    }
    free_everything(&options, &table, traces, readable, read_errors, messages, owns_paths);
    mem_deinit();
    return exit_status;
}
