/*
 * report.c - tables for people, CSV and JSON for programs.
 *
 * A figure that was not measured prints as "-" (text), an empty field
 * (CSV) or null (JSON): never as zero.
 */
#include "report.h"

#include "../config.h"
#include "shown.h"

#include <math.h>
#include <string.h>

/* ---- summaries ------------------------------------------------------ */

static void summarize(const struct trace_result *results, size_t count,
                      double reference_ops_per_sec, struct perf_summary *summary)
{
    double util_sum = 0, ceiling_sum = 0;
    unsigned util_count = 0, ceiling_count = 0;
    bool all_timed = true;
    memset(summary, 0, sizeof *summary);
    for (size_t t = 0; t < count; t++) {
        const struct trace_result *result = &results[t];
        summary->traces++;
        summary->valid_traces += result->valid;
        /* The averages and totals are over the valid traces: an invalid
         * trace's utilization is only up to where it failed (averaging it
         * in would pass a partial figure for a whole one), it has no
         * time, and its ops were not all replayed. */
        if (!result->valid)
            continue;
        if (result->util >= 0) {
            util_sum += result->util;
            util_count++;
        }
        if (result->util_ceiling >= 0) {
            ceiling_sum += result->util_ceiling;
            ceiling_count++;
        }
        summary->total_ops += (double)result->ops;
        if (result->timing.median_secs >= 0)
            summary->total_secs += result->timing.median_secs;
        else
            all_timed = false;
    }
    summary->avg_util = util_count ? util_sum / util_count : -1.0;
    summary->avg_util_ceiling = ceiling_count ? ceiling_sum / ceiling_count : -1.0;
    if (!all_timed || summary->total_secs <= 0)
        summary->total_secs = -1.0;
    summary->ops_per_sec = summary->total_secs > 0 ? summary->total_ops / summary->total_secs
                                                   : -1.0;
    summary->reference_ops_per_sec = reference_ops_per_sec;
    measure_perf_index(summary);
}

void report_summarize(struct run_table *table, double given_reference_ops_per_sec)
{
    double libc_ops_per_sec = -1.0;
    if (table->libc != NULL) {
        summarize(table->libc, table->num_traces, -1.0, &table->libc_summary);
        libc_ops_per_sec = table->libc_summary.ops_per_sec;
    }
    table->reference_given = PERF_REFERENCE_LIBC && given_reference_ops_per_sec > 0;
    if (given_reference_ops_per_sec > 0)
        libc_ops_per_sec = given_reference_ops_per_sec;
    double reference = measure_reference_ops_per_sec(libc_ops_per_sec);
    for (size_t a = 0; a < table->num_allocators; a++)
        summarize(&table->results[a * table->num_traces], table->num_traces, reference,
                  &table->summaries[a]);
}

/* ---- text ----------------------------------------------------------- */

size_t report_trace_stem_length(const char *path)
{
    const char *name = trace_file_name(path);
    const char *dot = strrchr(name, '.');
    return dot != NULL ? (size_t)(dot - name) : strlen(name);
}

/* The text tables show a trace's name as shown_print does, each control
 * character as '?' (shown.c says why); so do the ERROR lines and trace
 * errors, which quote the path, and -V's narration, which shows it whole. The
 * JSON keeps the name's bytes, escaped; the CSV too, quoted, but for a
 * line break, which it writes as a space. */
void report_say_path(const char *before, const char *path, const char *after)
{
    fprintf(stderr, "mdriver: %s", before);
    shown_print(stderr, path);
    fprintf(stderr, "%s\n", after);
}

/* The trace column is as wide as the longest name, at least `minimum`:
 * a cut name (phase-200-152.re) could be two traces. */
static int trace_column_width(const struct run_table *table, int minimum)
{
    size_t width = (size_t)minimum;
    for (size_t t = 0; t < table->num_traces; t++) {
        size_t length = shown_width(trace_file_name(table->trace_paths[t]));
        if (length > width)
            width = length;
    }
    return width > 200 ? 200 : (int)width;
}

static const struct trace_result *result_at(const struct run_table *table, size_t allocator,
                                            size_t trace)
{
    return &table->results[allocator * table->num_traces + trace];
}

/* Kops/s over all of a summary's traces, < 0 if not measured. */
static double summary_kops(const struct perf_summary *summary)
{
    return summary->ops_per_sec > 0 ? summary->ops_per_sec / 1000 : -1.0;
}

static void print_percent(FILE *out, int width, double fraction)
{
    if (fraction < 0)
        fprintf(out, "%*s", width, "-");
    else
        fprintf(out, "%*.1f%%", width - 1, 100.0 * fraction);
}

static void print_number(FILE *out, int width, int precision, double value)
{
    if (value < 0)
        fprintf(out, "%*s", width, "-");
    else
        fprintf(out, "%*.*f", width, precision, value);
}

/* Seconds to 3 significant digits: a 14-op trace takes 2e-07 s, which a
 * fixed 6 decimals would print as a misleading 0.000000. */
static void print_seconds(FILE *out, double secs)
{
    if (secs < 0)
        fprintf(out, "%11s", "-");
    else
        fprintf(out, "%11.3g", secs);
}

static void print_trace_row(FILE *out, int name_width, const char *name,
                            const struct trace_result *result, bool show_util)
{
    shown_print_padded(out, name, (size_t)name_width);
    fprintf(out, " %5s", result->valid ? "yes" : "no");
    print_percent(out, 8, show_util ? result->util : -1.0);
    print_percent(out, 9, show_util ? result->util_ceiling : -1.0);
    print_number(out, 11, 0, result->not_run ? -1.0 : (double)result->ops);
    print_seconds(out, result->timing.median_secs);
    print_number(out, 10, 0, result_kops(result));
    fputc('\n', out);
}

static void print_total_row(FILE *out, int name_width, const struct perf_summary *summary,
                            bool show_util)
{
    fprintf(out, "%-*s %5s", name_width, "Total", "");
    print_percent(out, 8, show_util ? summary->avg_util : -1.0);
    print_percent(out, 9, show_util ? summary->avg_util_ceiling : -1.0);
    fprintf(out, " %10.0f", summary->total_ops);
    print_seconds(out, summary->total_secs);
    print_number(out, 10, 0, summary_kops(summary));
    fputc('\n', out);
}

/* Why a summary has no perf index (perf_index < 0). */
static void print_why_no_perf_index(FILE *out, const struct perf_summary *summary)
{
    if (summary->valid_traces != summary->traces)
        fprintf(out, "%u of %u traces invalid", summary->traces - summary->valid_traces,
                summary->traces);
    else if (summary->avg_util < 0)
        fprintf(out, "no trace has a utilization (none ever has a byte live)");
    else
        fprintf(out, "throughput not measured (or no reference)");
}

static void print_perf_index(FILE *out, const struct perf_summary *summary)
{
    if (summary->perf_index >= 0) {
        fprintf(out, "Perf index = %.1f (util) + %.1f (thru) = %.1f/100", summary->util_points,
                summary->thru_points, summary->perf_index);
        fprintf(out, "   [throughput %.2fx the reference]\n",
                summary->ops_per_sec / summary->reference_ops_per_sec);
        return;
    }
    fprintf(out, "Perf index: not computed: ");
    print_why_no_perf_index(out, summary);
    fputc('\n', out);
}

static void print_table_header(FILE *out, int name_width)
{
    fprintf(out, "%-*s %5s %8s %8s %10s %11s %10s\n", name_width, "trace", "valid", "util",
            "ceiling", "ops", "secs", "Kops");
}

void report_trace_table(FILE *out, const struct run_table *table, size_t allocator)
{
    fprintf(out, "\nResults for %s (%s):\n", table->allocators[allocator]->name,
            table->allocators[allocator]->summary);
    int name_width = trace_column_width(table, 22);
    print_table_header(out, name_width);
    for (size_t t = 0; t < table->num_traces; t++)
        print_trace_row(out, name_width, trace_file_name(table->trace_paths[t]),
                        result_at(table, allocator, t), true);
    print_total_row(out, name_width, &table->summaries[allocator], true);
    print_perf_index(out, &table->summaries[allocator]);
}

void report_libc_table(FILE *out, const struct run_table *table)
{
    if (table->libc == NULL)
        return;
    fprintf(out, "\nResults for libc malloc (util: its peak footprint measured from the "
                 "blocks it returns, see README):\n");
    int name_width = trace_column_width(table, 22);
    print_table_header(out, name_width);
    for (size_t t = 0; t < table->num_traces; t++)
        print_trace_row(out, name_width, trace_file_name(table->trace_paths[t]),
                        &table->libc[t], true);
    print_total_row(out, name_width, &table->libc_summary, true);
}

void report_summary(FILE *out, const struct run_table *table)
{
    for (size_t a = 0; a < table->num_allocators; a++) {
        const struct perf_summary *summary = &table->summaries[a];
        fprintf(out, "%s: %u/%u traces valid, avg util ", table->allocators[a]->name,
                summary->valid_traces, summary->traces);
        print_percent(out, 0, summary->avg_util);
        bool some_invalid = summary->valid_traces < summary->traces;
        if (some_invalid && summary->avg_util >= 0)
            fprintf(out, " over the valid ones");
        if (summary->avg_util_ceiling >= 0) {
            fprintf(out, " (ceiling ");
            print_percent(out, 0, summary->avg_util_ceiling);
            fputc(')', out);
        }
        fprintf(out, ", ");
        if (summary->ops_per_sec > 0)
            fprintf(out, "%.0f Kops/s%s", summary->ops_per_sec / 1000,
                    some_invalid ? " over the valid ones" : "");
        else
            fprintf(out, "throughput not measured");
        fprintf(out, "; ");
        print_perf_index(out, summary);
    }
}

/* One allocator's column of a ratio row: "   3.18x", or "-". */
static void print_ratio_cell(FILE *out, double ratio)
{
    fprintf(out, " %6s", "");
    if (ratio < 0)
        fprintf(out, "%9s", "-");
    else
        fprintf(out, "%8.2fx", ratio);
}

/* The geometric mean over traces of (allocator Kops / libc Kops): unlike
 * the ratio of totals, one slow trace does not decide it. Not computed
 * (-1) if any trace is invalid on either side, even one whose replays
 * were timed before it failed (a process left running, say): a mean
 * over the traces that happened to pass compares no two allocators. */
static double geomean_ratio_to_libc(const struct run_table *table, size_t allocator)
{
    double log_sum = 0;
    unsigned count = 0;
    for (size_t t = 0; t < table->num_traces; t++) {
        const struct trace_result *mine_result = result_at(table, allocator, t);
        if (!mine_result->valid || !table->libc[t].valid)
            return -1.0;
        double mine = result_kops(mine_result);
        double libc = result_kops(&table->libc[t]);
        if (mine <= 0 || libc <= 0)
            return -1.0;
        log_sum += log(mine / libc);
        count++;
    }
    return count ? exp(log_sum / count) : -1.0;
}

/* The allocator's total Kops/s over libc's, < 0 unless both are valid on
 * every trace: a total leaves out the traces that failed, so with one
 * side's failures left out the two totals would be over different
 * traces (and one slow trace of libc's can dominate its total). */
static double total_ratio_to_libc(const struct run_table *table, size_t allocator)
{
    const struct perf_summary *mine = &table->summaries[allocator];
    const struct perf_summary *libc = &table->libc_summary;
    if (mine->valid_traces != mine->traces || libc->valid_traces != libc->traces)
        return -1.0;
    if (mine->ops_per_sec <= 0 || libc->ops_per_sec <= 0)
        return -1.0;
    return mine->ops_per_sec / libc->ops_per_sec;
}

/* An allocator that failed some trace: its averages leave the trace out,
 * so they are over fewer traces than those of the others. */
static bool summary_over_fewer(const struct perf_summary *summary)
{
    return summary->valid_traces != summary->traces;
}

/* One column of the comparison: " util%  Kops", each "-" if not measured. */
static void print_util_kops_cell(FILE *out, double util, double kops)
{
    fputc(' ', out);
    print_percent(out, 6, util);
    print_number(out, 9, 0, kops);
}

/* One trace's cell: INVALID for a replay that failed, libc's included
 * (whose figures are then absent, not a measurement of nothing). */
static void print_result_cell(FILE *out, const struct trace_result *result)
{
    if (!result->valid)
        fprintf(out, " %15s", "INVALID");
    else
        print_util_kops_cell(out, result->util, result_kops(result));
}

/* The mean of the traces' ceilings. A ceiling belongs to the trace (the
 * driver measures it once per trace and gives it to every allocator's
 * result), so it is read from the first allocator's results, valid or
 * not: an allocator that failed a trace does not take the trace's
 * ceiling out of the mean. */
static double mean_trace_ceiling(const struct run_table *table)
{
    double sum = 0;
    unsigned count = 0;
    for (size_t t = 0; table->num_allocators > 0 && t < table->num_traces; t++) {
        double ceiling = result_at(table, 0, t)->util_ceiling;
        if (ceiling >= 0) {
            sum += ceiling;
            count++;
        }
    }
    return count ? sum / count : -1.0;
}

static bool libc_was_timed(const struct run_table *table)
{
    for (size_t t = 0; table->libc != NULL && t < table->num_traces; t++)
        if (table->libc[t].timing.median_secs >= 0)
            return true;
    return false;
}

/* libc's util is measured only where malloc is glibc's own (not under
 * valgrind, a sanitizer or LD_PRELOAD: libc_space.c). */
static bool libc_util_was_measured(const struct run_table *table)
{
    for (size_t t = 0; table->libc != NULL && t < table->num_traces; t++)
        if (table->libc[t].util >= 0)
            return true;
    return false;
}

void report_comparison(FILE *out, const struct run_table *table)
{
    static const char *const libc_notes[2][2] = {
        /* [timed][util measured] */
        {"; libc: neither timed nor its util measured", "; libc: util from a fresh process, not timed"},
        {"; libc: timed in this run, util not measured", "; libc: timed in this run, util from a fresh process"},
    };
    const char *libc_note = table->libc == NULL
                                ? ""
                                : libc_notes[libc_was_timed(table)][libc_util_was_measured(table)];
    fprintf(out, "\nComparison (util %%, Kops/s%s;\n"
                 "ceiling: the most util any allocator can reach at ALIGNMENT %d):\n",
            libc_note, ALIGNMENT);
    int name_width = trace_column_width(table, 16);
    fprintf(out, "%-*s %8s", name_width, "trace", "ceiling");
    for (size_t a = 0; a < table->num_allocators; a++)
        fprintf(out, " %15.15s", table->allocators[a]->name);
    if (table->libc != NULL)
        fprintf(out, " %15s", "libc");
    fputc('\n', out);
    for (size_t t = 0; t < table->num_traces; t++) {
        shown_print_padded(out, trace_file_name(table->trace_paths[t]), (size_t)name_width);
        fputc(' ', out);
        print_percent(out, 8, table->num_allocators ? result_at(table, 0, t)->util_ceiling
                                                    : -1.0);
        for (size_t a = 0; a < table->num_allocators; a++)
            print_result_cell(out, result_at(table, a, t));
        if (table->libc != NULL)
            print_result_cell(out, &table->libc[t]);
        fputc('\n', out);
    }
    fprintf(out, "%-*s ", name_width, "avg util/Kops");
    print_percent(out, 8, mean_trace_ceiling(table));
    bool some_over_fewer = false;
    for (size_t a = 0; a < table->num_allocators; a++) {
        const struct perf_summary *summary = &table->summaries[a];
        if (summary_over_fewer(summary)) {
            /* Over fewer traces than the others': marked, said below. */
            fputc(' ', out);
            print_percent(out, 6, summary->avg_util);
            fputc(summary->avg_util >= 0 ? '*' : ' ', out);
            print_number(out, 8, 0, summary_kops(summary));
            some_over_fewer = true;
        } else {
            print_util_kops_cell(out, summary->avg_util, summary_kops(summary));
        }
    }
    if (table->libc != NULL)
        print_util_kops_cell(out, table->libc_summary.avg_util, summary_kops(&table->libc_summary));
    fputc('\n', out);
    if (table->libc != NULL) {
        fprintf(out, "%-*s %8s", name_width, "total/libc", "");
        for (size_t a = 0; a < table->num_allocators; a++)
            print_ratio_cell(out, total_ratio_to_libc(table, a));
        fputc('\n', out);
        fprintf(out, "%-*s %8s", name_width, "geomean/libc", "");
        for (size_t a = 0; a < table->num_allocators; a++)
            print_ratio_cell(out, geomean_ratio_to_libc(table, a));
        fputc('\n', out);
    }
    fprintf(out, "%-*s %8s", name_width, "perf index", "");
    for (size_t a = 0; a < table->num_allocators; a++)
        print_number(out, 16, 1, table->summaries[a].perf_index);
    fputc('\n', out);
    fprintf(out, "(avg util/Kops: the mean util over the traces, and total ops / total secs;\n"
                 " ceiling: the mean of the traces' ceilings%s)\n",
            table->libc == NULL ? ""
                                : ";\n total/libc: that Kops over libc's; geomean/libc: the geometric"
                                  " mean of the\n traces' Kops ratios to libc's. Both need every"
                                  " trace valid on both sides");
    if (some_over_fewer) {
        fprintf(out, "(*: over its valid traces only, not those of the others:");
        const char *separator = " ";
        for (size_t a = 0; a < table->num_allocators; a++) {
            const struct perf_summary *summary = &table->summaries[a];
            if (!summary_over_fewer(summary))
                continue;
            fprintf(out, "%s%s %u of %u", separator, table->allocators[a]->name,
                    summary->valid_traces, summary->traces);
            separator = ", ";
        }
        fprintf(out, ")\n");
    }
}

void report_autograde(FILE *out, const struct run_table *table)
{
    if (table->num_allocators == 0)
        return;
    const struct perf_summary *summary = &table->summaries[0];
    fprintf(out, "correct:%u\n", summary->valid_traces);
    fprintf(out, "perfidx:%.0f\n", summary->perf_index >= 0 ? summary->perf_index : 0.0);
    /* An autograder expects the line, as the classic driver prints it,
     * with 0 for an index not computed; a person reading it is told. */
    if (summary->perf_index < 0) {
        fprintf(stderr, "mdriver: perfidx:0 is not a score: the perf index is not computed: ");
        print_why_no_perf_index(stderr, summary);
        fputc('\n', stderr);
    }
}

/* ---- CSV ------------------------------------------------------------ */

static void csv_string(FILE *out, const char *text)
{
    fputc('"', out);
    for (const char *c = text; *c; c++) {
        if (*c == '"')
            fputc('"', out);
        fputc(*c == '\n' ? ' ' : *c, out);
    }
    fputc('"', out);
}

static void csv_number(FILE *out, const char *format, double value)
{
    fputc(',', out);
    if (value >= 0)
        fprintf(out, format, value);
}

static void csv_row(FILE *out, const char *allocator, const char *trace,
                    const struct trace_result *result)
{
    csv_string(out, allocator);
    fputc(',', out);
    csv_string(out, trace);
    fprintf(out, ",%d", result->valid ? 1 : 0);
    csv_number(out, "%.4f", result->util >= 0 ? 100.0 * result->util : -1.0);
    csv_number(out, "%.0f", result->not_run ? -1.0 : (double)result->ops);
    csv_number(out, "%.9f", result->timing.median_secs);
    csv_number(out, "%.1f", result_kops(result));
    fprintf(out, ",%u", result->timing.runs);
    if (result->heap_measured)
        fprintf(out, ",%llu,%llu", (unsigned long long)result->peak_live_bytes,
                (unsigned long long)result->heap_bytes);
    else
        fprintf(out, ",,");
    if (result->pages_measured)
        fprintf(out, ",%llu,%llu,", (unsigned long long)result->pages_mapped,
                (unsigned long long)result->pages_touched);
    else
        fprintf(out, ",,,");
    csv_string(out, result->error);
    fputc(',', out); /* perf_index: totals only */
    csv_number(out, "%.4f", result->util_ceiling >= 0 ? 100.0 * result->util_ceiling : -1.0);
    fputc('\n', out);
}

static void csv_total_row(FILE *out, const char *allocator, const struct perf_summary *summary)
{
    csv_string(out, allocator);
    fprintf(out, ",\"(total)\",%d", summary->valid_traces == summary->traces);
    csv_number(out, "%.4f", summary->avg_util >= 0 ? 100.0 * summary->avg_util : -1.0);
    fprintf(out, ",%.0f", summary->total_ops);
    csv_number(out, "%.9f", summary->total_secs);
    csv_number(out, "%.1f", summary_kops(summary));
    fprintf(out, ",,,,,,");
    csv_number(out, "%.2f", summary->perf_index);
    csv_number(out, "%.4f",
               summary->avg_util_ceiling >= 0 ? 100.0 * summary->avg_util_ceiling : -1.0);
    fputc('\n', out);
}

int report_csv(FILE *out, const struct run_table *table)
{
    fprintf(out, "allocator,trace,valid,util_percent,ops,secs,kops_per_sec,timing_runs,"
                 "peak_live_bytes,heap_bytes,pages_mapped,pages_touched,error,perf_index,"
                 "util_ceiling_percent\n");
    for (size_t a = 0; a < table->num_allocators; a++) {
        for (size_t t = 0; t < table->num_traces; t++)
            csv_row(out, table->allocators[a]->name, trace_file_name(table->trace_paths[t]),
                    result_at(table, a, t));
        csv_total_row(out, table->allocators[a]->name, &table->summaries[a]);
    }
    if (table->libc != NULL) {
        for (size_t t = 0; t < table->num_traces; t++)
            csv_row(out, "libc", trace_file_name(table->trace_paths[t]), &table->libc[t]);
        csv_total_row(out, "libc", &table->libc_summary);
    }
    return ferror(out) ? -1 : 0;
}

/* ---- JSON ----------------------------------------------------------- */

/* The length of the well-formed UTF-8 sequence at `c` (RFC 3629: no
 * overlong forms, no surrogates, nothing past U+10FFFF), or 0 if the
 * bytes there are not one. */
static size_t utf8_sequence_length(const unsigned char *c)
{
    size_t length;
    unsigned min_second = 0x80, max_second = 0xbf;
    if (c[0] < 0x80)
        return 1;
    if (c[0] >= 0xc2 && c[0] <= 0xdf)
        length = 2;
    else if (c[0] >= 0xe0 && c[0] <= 0xef) {
        length = 3;
        if (c[0] == 0xe0)
            min_second = 0xa0; /* overlong below U+0800 */
        else if (c[0] == 0xed)
            max_second = 0x9f; /* the surrogates U+D800..U+DFFF */
    } else if (c[0] >= 0xf0 && c[0] <= 0xf4) {
        length = 4;
        if (c[0] == 0xf0)
            min_second = 0x90; /* overlong below U+10000 */
        else if (c[0] == 0xf4)
            max_second = 0x8f; /* past U+10FFFF */
    } else
        return 0;
    if (c[1] < min_second || c[1] > max_second)
        return 0;
    for (size_t i = 2; i < length; i++)
        if (c[i] < 0x80 || c[i] > 0xbf)
            return 0;
    return length;
}

/* A JSON string must be Unicode, and a file name is any bytes: a byte
 * that is not part of well-formed UTF-8 is written as U+FFFD, the
 * replacement character, so the document stays valid JSON. */
static void json_string(FILE *out, const char *text)
{
    fputc('"', out);
    for (const unsigned char *c = (const unsigned char *)text; *c;) {
        size_t length = utf8_sequence_length(c);
        if (length == 0) {
            fputs("\\ufffd", out);
            c++;
        } else if (*c == '"' || *c == '\\') {
            fprintf(out, "\\%c", *c++);
        } else if (*c < 0x20) {
            fprintf(out, "\\u%04x", *c++);
        } else {
            fwrite(c, 1, length, out);
            c += length;
        }
    }
    fputc('"', out);
}

static void json_number(FILE *out, const char *key, const char *format, double value)
{
    fprintf(out, ", \"%s\": ", key);
    if (value >= 0)
        fprintf(out, format, value);
    else
        fprintf(out, "null");
}

static void json_result(FILE *out, const char *trace, const struct trace_result *result)
{
    fprintf(out, "{\"trace\": ");
    json_string(out, trace);
    fprintf(out, ", \"valid\": %s", result->valid ? "true" : "false");
    json_number(out, "util_percent", "%.4f", result->util >= 0 ? 100.0 * result->util : -1.0);
    json_number(out, "util_ceiling_percent", "%.4f",
                result->util_ceiling >= 0 ? 100.0 * result->util_ceiling : -1.0);
    json_number(out, "ops", "%.0f", result->not_run ? -1.0 : (double)result->ops);
    json_number(out, "secs", "%.9f", result->timing.median_secs);
    json_number(out, "kops_per_sec", "%.1f", result_kops(result));
    fprintf(out, ", \"timing_runs\": %u", result->timing.runs);
    double unmeasured = -1.0;
    json_number(out, "peak_live_bytes", "%.0f",
                result->heap_measured ? (double)result->peak_live_bytes : unmeasured);
    json_number(out, "heap_bytes", "%.0f",
                result->heap_measured ? (double)result->heap_bytes : unmeasured);
    json_number(out, "pages_mapped", "%.0f",
                result->pages_measured ? (double)result->pages_mapped : unmeasured);
    json_number(out, "pages_touched", "%.0f",
                result->pages_measured ? (double)result->pages_touched : unmeasured);
    fprintf(out, ", \"error\": ");
    json_string(out, result->error);
    fputc('}', out);
}

static void json_summary(FILE *out, const struct perf_summary *summary)
{
    fprintf(out, "{\"traces\": %u, \"valid_traces\": %u", summary->traces,
            summary->valid_traces);
    json_number(out, "avg_util_percent", "%.4f",
                summary->avg_util >= 0 ? 100 * summary->avg_util : -1.0);
    json_number(out, "avg_util_ceiling_percent", "%.4f",
                summary->avg_util_ceiling >= 0 ? 100 * summary->avg_util_ceiling : -1.0);
    fprintf(out, ", \"total_ops\": %.0f", summary->total_ops);
    json_number(out, "total_secs", "%.9f", summary->total_secs);
    json_number(out, "ops_per_sec", "%.1f", summary->ops_per_sec);
    json_number(out, "reference_ops_per_sec", "%.1f", summary->reference_ops_per_sec);
    json_number(out, "util_points", "%.2f", summary->util_points);
    json_number(out, "thru_points", "%.2f", summary->thru_points);
    json_number(out, "perf_index", "%.2f", summary->perf_index);
    fputc('}', out);
}

static void json_results(FILE *out, const struct run_table *table,
                         const struct trace_result *results)
{
    fprintf(out, "[");
    for (size_t t = 0; t < table->num_traces; t++) {
        fprintf(out, "%s\n      ", t ? "," : "");
        json_result(out, trace_file_name(table->trace_paths[t]), &results[t]);
    }
    fprintf(out, "]");
}

int report_json(FILE *out, const struct run_table *table)
{
    const char *reference = !PERF_REFERENCE_LIBC   ? "AVG_LIBC_THRUPUT"
                            : table->reference_given ? "reference-kops"
                                                     : "libc";
    fprintf(out, "{\"alignment\": %d, \"util_weight\": %.2f, \"reference\": \"%s\",\n",
            ALIGNMENT, UTIL_WEIGHT, reference);
    fprintf(out, " \"allocators\": [");
    for (size_t a = 0; a < table->num_allocators; a++) {
        fprintf(out, "%s\n  {\"name\": ", a ? "," : "");
        json_string(out, table->allocators[a]->name);
        fprintf(out, ", \"summary\": ");
        json_summary(out, &table->summaries[a]);
        fprintf(out, ",\n   \"traces\": ");
        json_results(out, table, &table->results[a * table->num_traces]);
        fprintf(out, "}");
    }
    fprintf(out, "],\n \"libc\": ");
    if (table->libc == NULL) {
        fprintf(out, "null");
    } else {
        fprintf(out, "{\"summary\": ");
        json_summary(out, &table->libc_summary);
        fprintf(out, ",\n   \"traces\": ");
        json_results(out, table, table->libc);
        fprintf(out, "}");
    }
    fprintf(out, "}\n");
    return ferror(out) ? -1 : 0;
}
