/*
 * suite.c - the default suite's paths.
 */
#include "suite.h"

#include "../config.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const DEFAULT_NAMES[] = {DEFAULT_TRACEFILES};

char *suite_join_path(const char *dir, const char *name)
{
    size_t dir_length = strlen(dir);
    while (dir_length > 1 && dir[dir_length - 1] == '/' && dir[dir_length - 2] == '/')
        dir_length--;
    bool needs_slash = dir_length > 0 && dir[dir_length - 1] != '/';
    char *path = malloc(dir_length + strlen(name) + 2);
    if (path != NULL)
        sprintf(path, "%.*s%s%s", (int)dir_length, dir, needs_slash ? "/" : "", name);
    return path;
}

char **suite_default_paths(const char *dir, size_t *count)
{
    size_t num_names = sizeof DEFAULT_NAMES / sizeof DEFAULT_NAMES[0];
    char **paths = calloc(num_names, sizeof *paths);
    for (size_t t = 0; paths != NULL && t < num_names; t++) {
        paths[t] = suite_join_path(dir, DEFAULT_NAMES[t]);
        if (paths[t] == NULL) {
            suite_free_paths(paths, t);
            return NULL;
        }
    }
    if (paths != NULL)
        *count = num_names;
    return paths;
}

void suite_free_paths(char **paths, size_t count)
{
    for (size_t t = 0; paths != NULL && t < count; t++)
        free(paths[t]);
    free(paths);
}
