/*
 * deinit.c - BUG: mm_malloc of more than RELEASE_ABOVE_BYTES "cleans up"
 * first with memlib's mem_deinit, which is the driver's: the arena is
 * released, and mem_sbrk refuses the block asked for and every one after.
 *
 * Exposed by tests/traces/deinit.rep line 6 (`a 1 777`): the driver must
 * say the allocator called mem_deinit at that line, not that mem_sbrk
 * refused to grow the heap past the arena (the trace needs a few hundred
 * bytes of it).
 *
 * Otherwise the bump allocator every file in tests/broken/ shares (see
 * bump.h for the block diagram): | size (ALIGNMENT B) | payload |,
 * blocks tile [mem_heap_lo(), break); malloc and free O(1).
 */
#include "bump.h"

static const size_t RELEASE_ABOVE_BYTES = 512;

int mm_init(void)
{
    return 0;
}

void *mm_malloc(size_t size)
{
    if (size > RELEASE_ABOVE_BYTES)
        mem_deinit(); /* BUG: memlib's set-up is the driver's */
    return new_block(size);
}

void mm_free(void *ptr)
{
    (void)ptr;
}

void *mm_realloc(void *ptr, size_t size)
{
    return realloc_by_copy(ptr, size, new_block, copy_payload);
}
