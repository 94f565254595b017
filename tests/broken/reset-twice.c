/*
 * reset-twice.c - BUG: mm_malloc of more than RESET_ABOVE_BYTES "starts
 * over" with memlib's mem_reset_brk, which is the driver's, and calls it
 * twice (once more to be sure): the heap is emptied under the live
 * blocks.
 *
 * Exposed by tests/traces/reset-twice.rep line 6 (`a 1 777`): the driver
 * must say that the allocator called memlib's set-up functions during
 * that op, the last of them mem_reset_brk, not that the new block
 * overlaps a live one.
 *
 * Otherwise the bump allocator every file in tests/broken/ shares (see
 * bump.h for the block diagram): | size (ALIGNMENT B) | payload |,
 * blocks tile [mem_heap_lo(), break); malloc and free O(1).
 */
#include "bump.h"

static const size_t RESET_ABOVE_BYTES = 512;

int mm_init(void)
{
    return 0;
}

void *mm_malloc(size_t size)
{
    if (size > RESET_ABOVE_BYTES) {
        mem_reset_brk(); /* BUG: only the driver moves the break back */
        mem_reset_brk();
    }
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
