/*
 * hangs_when_timed.c - a sample submission for tools/grade: correct for
 * its first two mm_init calls, the two the grader's check run makes
 * (phase 1, --no-timing), then stuck in an endless loop from the third,
 * the timing run's first (phase 2). The timing run gives up after
 * give_up_after_timeouts traces have timed out, as the check run does:
 * without that, such a submission costs trace_timeout on every trace
 * of the serial timing phase.
 *
 * Otherwise a bump allocator: blocks of 16-byte multiples at the break,
 * never reused; realloc copies.
 */
#include "mm.h"
#include "memlib.h"

#include <stdint.h>
#include <string.h>

static unsigned init_calls;
/* volatile so that the compiler must really loop on it */
static volatile int stuck = 1;

int mm_init(void)
{
    if (++init_calls > 2)
        while (stuck)
            continue;
    return 0;
}

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
