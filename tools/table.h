/*
 * table.h - what the ideal-heap tools (tools/placement.c, tools/offline.c)
 * share: their command line (options, then traces or the default suite)
 * and their table: one row a trace, its name shown as the driver shows it
 * (driver/shown.h), its utilization ceiling, then one percent column for
 * each policy or order chosen, and a row of means.
 *
 * One copy for both, so that they read the same default suite, name
 * traces the same way and line their tables up the same way.
 */
#ifndef TOOLS_TABLE_H
#define TOOLS_TABLE_H

#include "../driver/peak.h"
#include "../driver/trace.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

enum { TABLE_MAX_CHOICES = 8 };

/* The columns the command line chose (placement's -p, offline's -o), in
 * the order given: indexes into names. None chosen: the first num_default
 * names (all if num_default is 0), in names' order.
 * count <= num_names <= TABLE_MAX_CHOICES; num_default <= num_names. */
struct choices {
    const char *const *names; /* every name a column may have */
    unsigned num_names;
    unsigned num_default; /* 0: all */
    unsigned chosen[TABLE_MAX_CHOICES];
    size_t count;
};

/* Append name's index to the choices; false if it names none, or one
 * already chosen (its column would say nothing new). */
bool table_choose(struct choices *choices, const char *name);

/* What a column's mean needs: the sum and count of its printed figures. */
struct column {
    double sum;
    unsigned count;
};

/* Print " 12.3%", added to the column; or " -" for a figure that could
 * not be had (a negative fraction), left out of the mean. Each 9 wide. */
void table_print_percent(double fraction, struct column *column);

/* Why a tool refused an option: "TOOL: bad argument: FLAG", then " VALUE"
 * if show_value, then the hint (" (once)"), if any. */
struct refusal {
    bool show_value;
    const char *hint;
};

/* A tool: its messages' name, its options and its columns. */
struct table {
    const char *tool;     /* messages start "TOOL: ", the usage "usage: TOOL" */
    const char *synopsis; /* the options, in the usage's first line */
    /* The rest of the usage, lines of two spaces and text: a printf
     * format given the default suite's folder (%s, TRACEDIR) and
     * ALIGNMENT (%d), in that order. */
    const char *description;
    /* The tool's option flag, value the word after it (NULL if none):
     * how many of the two words it took (1 or 2), or 0 with why in
     * *refusal (zeroed before the call). */
    int (*option)(const char *flag, const char *value, void *context, struct refusal *refusal);
    struct choices *choices; /* the columns after the ceiling */
    /* NULL, or the title of one more column after the chosen ones when
     * more than one is chosen (offline's best of them). */
    const char *summary_title;
    /* The row's figures for a trace that was read: one for each chosen
     * column and the summary's (table_has_summary), each printed by
     * table_print_percent into columns[c], "-" for one that could not be
     * had; false if one failed (said on stderr). */
    bool (*print_figures)(const struct table *table, const struct trace *trace,
                          const struct trace_peak *peak, struct column *columns);
    void *context; /* option's and print_figures' */
};

/* The tool's whole run: the options (-h or --help: the usage; "--" ends
 * them; "-" alone is a trace), then the table of the traces after them,
 * or of the default suite in TRACEDIR if none. A trace that cannot be
 * read is said on stderr (file and line) and its row is all "-"; the
 * others are still reported. Returns the exit status: 0; 1 if a trace
 * could not be read or its figures failed; 2 on bad usage. */
int table_main(int argc, char **argv, const struct table *table);

/* Whether the summary column is shown: more than one column chosen. */
bool table_has_summary(const struct table *table);

/* "TOOL: " PATH AFTER on stderr, a line, with the path shown as the
 * driver shows it: an escape in a file name would redraw the terminal.
 * A trace error, which starts with the path, is a PATH. */
void table_say_path(const char *tool, const char *path, const char *after);

#endif /* TOOLS_TABLE_H */
