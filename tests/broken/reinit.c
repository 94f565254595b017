/*
 * reinit.c - BUG: mm_malloc of more than REINIT_ABOVE_BYTES starts the
 * heap over with memlib's mem_init, which is the driver's: the break goes
 * back to the start of the arena under the live blocks, and the new
 * block is put where the first live one is.
 *
 * Exposed by tests/traces/reinit.rep line 6 (`a 1 777`): the driver must
 * say the allocator called mem_init at that line, not that the new
 * payload overlaps (encloses) a live one, which is only what it led to.
 *
 * Otherwise the bump allocator every file in tests/broken/ shares (see
 * bump.h for the block diagram): | size (ALIGNMENT B) | payload |,
 * blocks tile [mem_heap_lo(), break); malloc and free O(1).
 */
#include "bump.h"

static const size_t REINIT_ABOVE_BYTES = 512;

int mm_init(void)
{
    return 0;
}

void *mm_malloc(size_t size)
{
    if (size > REINIT_ABOVE_BYTES)
        mem_init(); /* BUG: memlib's set-up is the driver's */
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
