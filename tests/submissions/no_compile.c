/*
 * no_compile.c - a sample submission for tools/grade: a syntax error
 * and an undeclared name. The grader must say "builds: no" and show the
 * compiler's message in the report.
 */
#include "mm.h"
#include "memlib.h"

int mm_init(void) { return 0 }

void *mm_malloc(size_t size) { return mem_sbrk(size + heap_slack); }
void mm_free(void *ptr) { (void)ptr; }
void *mm_realloc(void *ptr, size_t size) { (void)ptr; return mm_malloc(size); }
