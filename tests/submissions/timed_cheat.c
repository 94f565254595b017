/*
 * timed_cheat.c - a sample submission for tools/grade: correct in the
 * replays it expects to be checked, fast and wrong in the ones it
 * expects to be timed. It counts its mm_init calls: the grader's check
 * run (phase 1, --no-timing) makes two, and its timing run (phase 2)
 * makes one for the correctness pass, then one per timed replay. From
 * the third call on, every request gets the same block, which costs
 * nothing. The driver's second correctness pass in the timing run
 * comes after at least one timed replay, so it is call 3 or later and
 * sees blocks overlap: the grader must count those traces as failed,
 * not only withhold the throughput points.
 */
#include "mm.h"
#include "memlib.h"

#include <stdint.h>
#include <string.h>

static unsigned init_calls;
static char *shared_block; /* the one block every request gets, once cheating */

int mm_init(void)
{
    init_calls++;
    shared_block = NULL;
    return 0;
}

static void *bump(size_t size)
{
    void *p = mem_sbrk((intptr_t)((size + 15) & ~(size_t)15));
    return p == (void *)-1 ? NULL : p;
}

void *mm_malloc(size_t size)
{
    if (init_calls <= 2)
        return bump(size);
    if (shared_block == NULL)
        shared_block = bump(1 << 16);
    return shared_block;
}

void mm_free(void *ptr) { (void)ptr; }

void *mm_realloc(void *ptr, size_t size)
{
    void *fresh = mm_malloc(size);
    if (ptr != NULL && fresh != NULL && fresh != ptr)
        memmove(fresh, ptr, size);
    return fresh;
}
