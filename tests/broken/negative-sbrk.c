/*
 * negative-sbrk.c - BUG: mm_free of the block at the top of the heap
 * "gives the memory back" with mem_sbrk(-block_bytes). memlib refuses a
 * negative increment (the heap never shrinks); the allocator ignores the
 * refusal.
 *
 * Exposed by tests/traces/negative-sbrk.rep line 7 (`f 1`, id 1 is the top
 * block): the driver must report "the allocator called mem_sbrk with a
 * negative increment" at that line.
 *
 * Otherwise the bump allocator every file in tests/broken/ shares (see
 * bump.h for the block diagram): | size (ALIGNMENT B) | payload |,
 * blocks tile [mem_heap_lo(), break); malloc and free O(1).
 */
#include "bump.h"

int mm_init(void)
{
    return 0;
}

void *mm_malloc(size_t size)
{
    return new_block(size);
}

void mm_free(void *ptr)
{
    if (ptr == NULL)
        return;
    size_t block_bytes = HEADER_BYTES + round_up(payload_bytes(ptr));
    if ((char *)ptr - HEADER_BYTES + block_bytes == (char *)mem_sbrk(0))
        mem_sbrk(-(intptr_t)block_bytes); /* BUG: the break only moves up */
}

void *mm_realloc(void *ptr, size_t size)
{
    return realloc_by_copy(ptr, size, new_block, copy_payload);
}
