/*
 * calls_driver.c - a sample submission for tools/grade: a bump allocator
 * that calls memlib's mem_reset_brk, the driver's, not the student's,
 * whenever no block is live, so each phase of a trace starts again from
 * an empty heap, and the heap the driver measures at the end is the last
 * phase's rather than the whole trace's (utilization is peak payload over
 * the final heap). It uses no libc name at all: the grader must refuse
 * the call into the driver itself (only memlib's heap, mem_sbrk and its
 * queries, is a submission's to call), and not run the submission.
 */
#include "mm.h"
#include "memlib.h"

#include <stddef.h>
#include <stdint.h>

static size_t live_blocks;

int mm_init(void)
{
    live_blocks = 0;
    return 0;
}

void *mm_malloc(size_t size)
{
    size = (size + 15) & ~(size_t)15;
    void *p = mem_sbrk((intptr_t)size);
    if (p == (void *)-1)
        return NULL;
    live_blocks++;
    return p;
}

void mm_free(void *ptr)
{
    if (ptr != NULL && --live_blocks == 0)
        mem_reset_brk();
}

void *mm_realloc(void *ptr, size_t size)
{
    (void)ptr;
    return mm_malloc(size);
}
