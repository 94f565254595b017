/*
 * table.c - the parts of a table with one row a trace (table.h).
 */
#include "table.h"

#include "../config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

void table_print_mean(const struct column *column)
{
    struct column unused = {0};
    table_print_percent(column->count ? column->sum / column->count : -1.0, &unused);
}

const char *table_base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

void table_free_paths(char **paths, size_t num_paths)
{
    for (size_t t = 0; paths != NULL && t < num_paths; t++)
        free(paths[t]);
    free(paths);
}

char **table_default_paths(size_t *num_paths)
{
    static const char *const names[] = {DEFAULT_TRACEFILES};
    size_t count = sizeof names / sizeof names[0];
    char **paths = calloc(count, sizeof *paths);
    for (size_t t = 0; paths != NULL && t < count; t++) {
        size_t bytes = strlen(TRACEDIR) + strlen(names[t]) + 1;
        paths[t] = malloc(bytes);
        if (paths[t] == NULL) {
            table_free_paths(paths, t);
            return NULL;
        }
        snprintf(paths[t], bytes, "%s%s", TRACEDIR, names[t]);
    }
    *num_paths = count;
    return paths;
}
