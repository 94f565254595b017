/*
 * suite.h - the default suite's paths: config.h's DEFAULT_TRACEFILES in
 * a folder (TRACEDIR, or mdriver's -t DIR).
 *
 * Apart from mdriver.c so that a tool that runs the default suite
 * (tools/placement.c) finds the same files, named the same way.
 */
#ifndef DRIVER_SUITE_H
#define DRIVER_SUITE_H

#include <stddef.h>

/* DIR/NAME with one slash between them however many DIR ends with
 * ("traces", "traces/" and "traces//" all give "traces/x.rep"), so a
 * message names a default trace as -f with that path would. NULL if out
 * of memory; the caller frees it. */
char *suite_join_path(const char *dir, const char *name);

/* Each of DEFAULT_TRACEFILES joined to dir, in config.h's order: an array
 * of *count paths, each and the array malloc'd (suite_free_paths frees
 * them). NULL if out of memory. */
char **suite_default_paths(const char *dir, size_t *count);

void suite_free_paths(char **paths, size_t count);

#endif /* DRIVER_SUITE_H */
