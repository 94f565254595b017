/*
 * outside-heap.c - BUG: the large-request path moves the break by the
 * header only, forgetting the payload, so the payload it returns starts at
 * the break: past mem_heap_hi().
 *
 * Exposed by tests/traces/outside-heap.rep line 6 (`a 1 2000`, the first
 * request above LARGE_REQUEST_BYTES): the driver must report "mm_malloc
 * returned a bad pointer: payload ... lies outside the heap" at that line.
 *
 * Otherwise the bump allocator every file in tests/broken/ shares (see
 * bump.h for the block diagram): | size (ALIGNMENT B) | payload |,
 * blocks tile [mem_heap_lo(), break); malloc and free O(1).
 */
#include "bump.h"

static const size_t LARGE_REQUEST_BYTES = 1024;

/* Bytes to move the break by for a request of bytes. */
static size_t block_bytes(size_t bytes)
{
    if (bytes > LARGE_REQUEST_BYTES)
        return HEADER_BYTES; /* BUG: HEADER_BYTES + round_up(bytes) */
    return HEADER_BYTES + round_up(bytes);
}

/* new_block, with the break moved by block_bytes(). */
static char *new_short_block(size_t bytes)
{
    if (!request_fits(bytes))
        return NULL;
    return block_at_break(block_bytes(bytes), bytes);
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
