/*
 * calls_malloc.c - a sample submission for tools/grade: hands every
 * request to libc. It would "work", but it is not an allocator: the
 * grader must flag malloc/free/realloc (rule a) and not run it.
 */
#include "mm.h"
#include "memlib.h"

#include <stdlib.h>

int mm_init(void) { return 0; }
void *mm_malloc(size_t size) { return malloc(size); }
void mm_free(void *ptr) { free(ptr); }
void *mm_realloc(void *ptr, size_t size) { return realloc(ptr, size); }
