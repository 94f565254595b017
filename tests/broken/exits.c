/*
 * exits.c - BUG: a debugging leftover: mm_malloc calls exit(0) on any
 * request above EXIT_ABOVE_BYTES, ending the process in the middle of a
 * trace.
 *
 * Exposed by tests/traces/exits.rep line 6 (`a 1 8000`): the driver must
 * report that the process exited (status 0) before the trace finished,
 * during the correctness pass at that line.
 *
 * Otherwise the bump allocator every file in tests/broken/ shares (see
 * bump.h for the block diagram): | size (ALIGNMENT B) | payload |,
 * blocks tile [mem_heap_lo(), break); malloc and free O(1).
 */
#include "bump.h"

#include <stdlib.h>

static const size_t EXIT_ABOVE_BYTES = 4096;

int mm_init(void)
{
    return 0;
}

void *mm_malloc(size_t size)
{
    if (size > EXIT_ABOVE_BYTES)
        exit(0); /* BUG */
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
