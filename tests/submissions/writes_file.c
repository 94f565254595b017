/*
 * writes_file.c - a sample submission for tools/grade: logs every call
 * to a file, and peeks at the trace being replayed. Both are forbidden
 * (rule c: fopen/open), so the grader flags it and never runs it.
 */
#include "mm.h"
#include "memlib.h"

#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <unistd.h>

static FILE *log_file;

int mm_init(void)
{
    log_file = fopen("../../../mm-debug.log", "a");
    int trace = open("traces/short1.rep", O_RDONLY);
    if (trace >= 0)
        close(trace);
    return 0;
}

void *mm_malloc(size_t size)
{
    size = (size + 15) & ~(size_t)15;
    if (log_file)
        fprintf(log_file, "malloc %zu\n", size);
    void *p = mem_sbrk((intptr_t)size);
    return p == (void *)-1 ? NULL : p;
}

void mm_free(void *ptr) { (void)ptr; }
void *mm_realloc(void *ptr, size_t size) { (void)ptr; return mm_malloc(size); }
