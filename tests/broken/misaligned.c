/*
 * misaligned.c - BUG: an odd-sized request gets a payload 4 bytes into its
 * block (block + 4) instead of after the ALIGNMENT-byte header, so the
 * pointer is 4 bytes off alignment.
 *
 * Exposed by tests/traces/misaligned.rep line 7 (`a 2 13`, the first odd
 * size): the driver must report "mm_malloc returned a bad pointer: payload
 * ... is not aligned to ALIGNMENT bytes" at that line.
 *
 * Otherwise the bump allocator every file in tests/broken/ shares (see
 * bump.h for the block diagram): | size (ALIGNMENT B) | payload |,
 * blocks tile [mem_heap_lo(), break); malloc and free O(1).
 */
#include "bump.h"

static const size_t MISALIGNMENT = 4;

int mm_init(void)
{
    return 0;
}

void *mm_malloc(size_t size)
{
    char *payload = new_block(size);
    if (payload != NULL && size % 2 == 1)
        return payload - HEADER_BYTES + MISALIGNMENT; /* BUG: block + 4 */
    return payload;
}

void mm_free(void *ptr)
{
    (void)ptr;
}

void *mm_realloc(void *ptr, size_t size)
{
    return realloc_by_copy(ptr, size, new_block, copy_payload);
}
