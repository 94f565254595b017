/*
 * table.h - the parts of a table with one row a trace that the ideal-heap
 * tools print: the default suite's paths, a trace's short name, and
 * percent columns with their means. tools/offline.c uses them;
 * tools/placement.c still has the copies they were taken from.
 */
#ifndef TOOLS_TABLE_H
#define TOOLS_TABLE_H

#include <stddef.h>

/* What a column's mean needs: the sum and count of its printed figures. */
struct column {
    double sum;
    unsigned count;
};

/* Print " 12.3%", added to the column; or " -" for a figure that could
 * not be had (a negative fraction), left out of the mean. Each 9 wide. */
void table_print_percent(double fraction, struct column *column);

/* The column's mean, as table_print_percent prints a figure. */
void table_print_mean(const struct column *column);

/* The path after its last '/'. */
const char *table_base_name(const char *path);

/* TRACEDIR + each of config.h's DEFAULT_TRACEFILES, *num_paths of them;
 * NULL if out of memory. Freed by table_free_paths. */
char **table_default_paths(size_t *num_paths);
void table_free_paths(char **paths, size_t num_paths);

#endif /* TOOLS_TABLE_H */
