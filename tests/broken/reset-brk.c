/*
 * reset-brk.c - BUG: mm_free of the last live block "gives the heap
 * back" with memlib's mem_reset_brk, which is the driver's (it resets the
 * heap between traces). The heap the driver measures at the end is then
 * only what was allocated after the last such reset, and utilization
 * (peak payload over that heap) comes out far too high.
 *
 * Exposed by tests/traces/reset-brk.rep line 8 (`f 0`, the last live
 * block): the driver must report "the heap shrank" at that line.
 *
 * Otherwise the bump allocator every file in tests/broken/ shares (see
 * bump.h for the block diagram): | size (ALIGNMENT B) | payload |,
 * blocks tile [mem_heap_lo(), break); malloc and free O(1).
 */
#include "bump.h"

static size_t live_blocks;

int mm_init(void)
{
    live_blocks = 0;
    return 0;
}

void *mm_malloc(size_t size)
{
    void *payload = new_block(size);
    if (payload != NULL)
        live_blocks++;
    return payload;
}

void mm_free(void *ptr)
{
    if (ptr != NULL && --live_blocks == 0)
        mem_reset_brk(); /* BUG: only the driver moves the break back */
}

void *mm_realloc(void *ptr, size_t size)
{
    return realloc_by_copy(ptr, size, new_block, copy_payload);
}
