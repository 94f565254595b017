/*
 * slows_libc.c - a sample submission for tools/grade: a bump allocator
 * whose constructor tells libc's malloc to mmap every block. Under
 * libc_reference = each, libc is timed in the submission's own driver,
 * which it would slow a hundredfold, and the ratio to it would give full
 * throughput points. mallopt is libc's allocator too (rule a): the
 * grader must flag it and not run it.
 */
#include "mm.h"
#include "memlib.h"

#include <malloc.h>
#include <stdint.h>
#include <string.h>

__attribute__((constructor)) static void slow_down_libc(void)
{
    mallopt(M_MMAP_THRESHOLD, 0);
}

int mm_init(void) { return 0; }

void *mm_malloc(size_t size)
{
    void *p = mem_sbrk((intptr_t)((size + 15) & ~(size_t)15));
    return p == (void *)-1 ? NULL : p;
}

void mm_free(void *ptr) { (void)ptr; }

void *mm_realloc(void *ptr, size_t size)
{
    void *fresh = mm_malloc(size);
    if (ptr != NULL && fresh != NULL)
        memmove(fresh, ptr, size);
    return fresh;
}
