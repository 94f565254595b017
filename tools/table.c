/*
 * table.c - the ideal-heap tools' command line and table (table.h).
 */
#include "table.h"

#include "../config.h"
#include "../driver/shown.h"
#include "../driver/suite.h"

#include <stdlib.h>
#include <string.h>

/* A name column at least this wide, wider for a longer name. */
static const size_t MIN_NAME_WIDTH = 20;

/* What parse_options returns when no traces are to be read. */
enum { HELP_GIVEN = -1, BAD_USAGE = -2 };

/* ---- the command line ----------------------------------------------- */

/* "usage: TOOL SYNOPSIS [TRACE...]" and the tool's description. */
static void print_usage(const struct table *table, FILE *stream)
{
    fprintf(stream, "usage: %s %s [TRACE...]\n", table->tool, table->synopsis);
    fprintf(stream, table->description, TRACEDIR, ALIGNMENT);
}

bool table_choose(struct choices *choices, const char *name)
{
    for (unsigned n = 0; n < choices->num_names; n++)
        if (strcmp(name, choices->names[n]) == 0) {
            for (size_t c = 0; c < choices->count; c++)
                if (choices->chosen[c] == n)
                    return false;
            choices->chosen[choices->count++] = n;
            return true;
        }
    return false;
}

/* The index of the first trace in argv; HELP_GIVEN after the help;
 * BAD_USAGE after a bad option, with the usage on stderr. */
static int parse_options(int argc, char **argv, const struct table *table)
{
    int arg = 1;
    while (arg < argc && argv[arg][0] == '-' && argv[arg][1] != '\0') {
        if (strcmp(argv[arg], "-h") == 0 || strcmp(argv[arg], "--help") == 0) {
            print_usage(table, stdout);
            return HELP_GIVEN;
        }
        if (strcmp(argv[arg], "--") == 0)
            return arg + 1;
        const char *value = arg + 1 < argc ? argv[arg + 1] : NULL;
        struct refusal refusal = {.show_value = false};
        int taken = table->option(argv[arg], value, table->context, &refusal);
        if (taken == 0) {
            fprintf(stderr, "%s: bad argument: %s%s%s%s\n", table->tool, argv[arg],
                    refusal.show_value ? " " : "", refusal.show_value ? value : "",
                    refusal.hint != NULL ? refusal.hint : "");
            print_usage(table, stderr);
            return BAD_USAGE;
        }
        arg += taken;
    }
    return arg;
}

/* ---- the table ------------------------------------------------------ */

void table_print_percent(double fraction, struct column *column)
{
    if (fraction < 0) {
        printf(" %8s", "-");
        return;
    }
    printf(" %7.1f%%", 100.0 * fraction);
    column->sum += fraction;
    column->count++;
}

void table_say_path(const char *tool, const char *path, const char *after)
{
    fprintf(stderr, "%s: ", tool);
    shown_print(stderr, path);
    fprintf(stderr, "%s\n", after);
}

bool table_has_summary(const struct table *table)
{
    return table->summary_title != NULL && table->choices->count > 1;
}

/* The columns after the ceiling: the chosen ones and the summary. */
static size_t figure_columns(const struct table *table)
{
    return table->choices->count + table_has_summary(table);
}

/* One row; columns[0] is the ceiling's. False if the trace could not be
 * read or its figures failed. */
static bool print_row(const struct table *table, const char *path, size_t name_width,
                      struct column *columns)
{
    struct trace trace;
    char error[TRACE_ERROR_BYTES];
    struct trace_peak peak;
    /* No arena to cap a block: the model's heap is as big as it needs
     * (the driver's default arena refused a recorded 200 MB block here,
     * and advised an -H these tools do not have). */
    bool read = trace_read(path, UINT32_MAX, &trace, error) == 0;
    bool ok = read;
    if (!read)
        table_say_path(table->tool, error, "");
    else if (!measure_trace_peak(&trace, ALIGNMENT, &peak)) {
        table_say_path(table->tool, path, ": out of memory");
        ok = false;
    }
    shown_print_padded(stdout, trace_file_name(path), name_width);
    table_print_percent(ok ? measure_util_ceiling(&peak) : -1.0, &columns[0]);
    if (ok)
        ok = table->print_figures(table, &trace, &peak, &columns[1]);
    else
        for (size_t c = 1; c <= figure_columns(table); c++)
            table_print_percent(-1.0, &columns[c]);
    printf("\n");
    if (read)
        trace_free(&trace);
    return ok;
}

/* Column c's title: the ceiling's, a chosen one's, then the summary's. */
static const char *column_title(const struct table *table, size_t c)
{
    if (c == 0)
        return "ceiling";
    if (c <= table->choices->count)
        return table->choices->names[table->choices->chosen[c - 1]];
    return table->summary_title;
}

static void print_titles(const struct table *table, size_t num_columns, size_t name_width)
{
    printf("%-*s", (int)name_width, "trace");
    for (size_t c = 0; c < num_columns; c++)
        printf(" %8s", column_title(table, c));
    printf("\n");
}

static void print_means(const struct column *columns, size_t num_columns, size_t name_width)
{
    printf("%-*s", (int)name_width, "mean");
    for (size_t c = 0; c < num_columns; c++) {
        struct column unused = {0};
        table_print_percent(columns[c].count ? columns[c].sum / columns[c].count : -1.0, &unused);
    }
    printf("\n");
}

/* A column's mean leaves out the traces with no figure in it, so it is
 * over fewer traces than the table shows: say how many, per column, on
 * stderr (the mean row keeps its name: bench.sh part 1d reads it). */
static void say_short_means(const struct table *table, const struct column *columns,
                            size_t num_columns, size_t num_paths)
{
    bool short_mean = false;
    for (size_t c = 0; c < num_columns; c++)
        short_mean = short_mean || columns[c].count < num_paths;
    if (!short_mean)
        return;
    fprintf(stderr, "%s: the means are over fewer than the table's %zu traces:", table->tool, num_paths);
    for (size_t c = 0; c < num_columns; c++)
        fprintf(stderr, "%s %s %u", c > 0 ? "," : "", column_title(table, c), columns[c].count);
    fprintf(stderr, "\n");
}

/* The exit status: 0, or 1 if a row failed. */
static int print_table(const struct table *table, const char *const *paths, size_t num_paths)
{
    size_t num_columns = 1 + figure_columns(table);
    struct column *columns = calloc(num_columns, sizeof *columns);
    if (columns == NULL) {
        fprintf(stderr, "%s: out of memory\n", table->tool);
        return 1;
    }
    size_t name_width = MIN_NAME_WIDTH;
    for (size_t t = 0; t < num_paths; t++)
        if (shown_width(trace_file_name(paths[t])) > name_width)
            name_width = shown_width(trace_file_name(paths[t]));
    print_titles(table, num_columns, name_width);
    int exit_status = 0;
    for (size_t t = 0; t < num_paths; t++)
        if (!print_row(table, paths[t], name_width, columns))
            exit_status = 1;
    print_means(columns, num_columns, name_width);
    say_short_means(table, columns, num_columns, num_paths);
    free(columns);
    return exit_status;
}

int table_main(int argc, char **argv, const struct table *table)
{
    int arg = parse_options(argc, argv, table);
    if (arg < 0)
        return arg == HELP_GIVEN ? 0 : 2;
    struct choices *choices = table->choices;
    unsigned num_default = choices->num_default ? choices->num_default : choices->num_names;
    if (choices->count == 0)
        for (unsigned n = 0; n < num_default; n++)
            choices->chosen[choices->count++] = n;
    size_t num_paths = (size_t)(argc - arg);
    if (num_paths > 0)
        return print_table(table, (const char *const *)&argv[arg], num_paths);
    char **defaults = suite_default_paths(TRACEDIR, &num_paths);
    if (defaults == NULL) {
        fprintf(stderr, "%s: out of memory\n", table->tool);
        return 1;
    }
    int exit_status = print_table(table, (const char *const *)defaults, num_paths);
    suite_free_paths(defaults, num_paths);
    return exit_status;
}
