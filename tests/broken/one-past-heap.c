/*
 * one-past-heap.c - BUG: a request is rounded up to ALIGNMENT from one
 * byte less than it asks for, so a request of k * ALIGNMENT + 1 bytes
 * gets a block one byte short: the last byte of the payload it returns is
 * the first byte past mem_heap_hi().
 *
 * Exposed by tests/traces/one-past-heap.rep line 6 (`a 1 17`, which is
 * k * ALIGNMENT + 1 at ALIGNMENT 8 and 16 alike, and is the last block,
 * so it ends at the break): the driver must report "mm_malloc returned a
 * bad pointer: payload ... lies outside the heap" at that line. Only the
 * last byte is out: an off-by-one in the driver's bound lets it through.
 *
 * Otherwise the bump allocator every file in tests/broken/ shares (see
 * bump.h for the block diagram): | size (ALIGNMENT B) | payload |,
 * blocks tile [mem_heap_lo(), break); malloc and free O(1).
 */
#include "bump.h"

/* new_block, with the payload rounded up from one byte less. */
static char *new_short_block(size_t bytes)
{
    if (!request_fits(bytes))
        return NULL;
    return block_at_break(HEADER_BYTES + round_up(bytes - 1), bytes); /* BUG: round_up(bytes) */
}

int mm_init(void)
{
    return 0;
}

void *mm_malloc(size_t size)
{
    return new_short_block(size);
}

void mm_free(void *ptr)
{
    (void)ptr;
}

void *mm_realloc(void *ptr, size_t size)
{
    return realloc_by_copy(ptr, size, new_short_block, copy_payload);
}
