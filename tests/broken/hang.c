/*
 * hang.c - BUG: mm_malloc rounds each request up to a power of two in a
 * uint16_t; for a request above 32768 bytes the doubling wraps to 0 and
 * the loop never ends.
 *
 * Exposed by tests/traces/hang.rep line 6 (`a 1 40000`); traces/short1.rep
 * and short2.rep ask for at most 1000 bytes and pass. The driver, run with
 * -s 2, must report "hang.rep:6: a 1 40000: timed out after 2 s ... during
 * the correctness pass, at op 2 of 4".
 *
 * Otherwise the bump allocator every file in tests/broken/ shares (see
 * bump.h for the block diagram), with blocks rounded up to a power
 * of two: | size (ALIGNMENT B) | payload |, blocks tile
 * [mem_heap_lo(), break); malloc O(log size), free O(1).
 */
#include "bump.h"

/* The power of two >= bytes. BUG: class_bytes is 16 bits wide.
 * (volatile only so that no compiler may assume the loop ends: C11
 * 6.8.5p6 lets it assume that of a loop without side effects.) */
static size_t size_class(size_t bytes)
{
    volatile uint16_t class_bytes = ALIGNMENT;
    while (class_bytes < bytes)
        class_bytes = (uint16_t)(class_bytes * 2);
    return class_bytes;
}

/* new_block, rounded up to the size class instead of ALIGNMENT. */
static char *new_class_block(size_t bytes)
{
    if (!request_fits(bytes))
        return NULL;
    return block_at_break(HEADER_BYTES + size_class(bytes), bytes);
}

int mm_init(void)
{
    return 0;
}

void *mm_malloc(size_t size)
{
    return new_class_block(size);
}

void mm_free(void *ptr)
{
    (void)ptr;
}

void *mm_realloc(void *ptr, size_t size)
{
    return realloc_by_copy(ptr, size, new_class_block, copy_payload);
}
