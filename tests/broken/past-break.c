/*
 * past-break.c - BUG: after each new block, mm_malloc writes an epilogue
 * header (size 0, allocated bit set) just past the break, where the
 * CS:APP design keeps one inside the heap: the heap was not grown to
 * hold it. The rest of the break's page is mapped, so the write does not
 * fault; the data is written outside the heap.
 *
 * Exposed by tests/traces/past-break.rep line 5 (`a 0 100`, the first
 * block): the driver must report that the allocator wrote past the
 * break, and where ("byte 1 past mem_heap_hi() is 0x01").
 *
 * Otherwise the bump allocator every file in tests/broken/ shares (see
 * bump.h for the block diagram): | size (ALIGNMENT B) | payload |,
 * blocks tile [mem_heap_lo(), break); malloc and free O(1).
 */
#include "bump.h"

static const size_t EPILOGUE_HEADER = 1; /* size 0 | allocated */

static char *block_with_epilogue(size_t bytes)
{
    char *payload = new_block(bytes);
    if (payload != NULL)
        *(size_t *)((char *)mem_heap_hi() + 1) = EPILOGUE_HEADER; /* BUG: past the break */
    return payload;
}

int mm_init(void)
{
    return 0;
}

void *mm_malloc(size_t size)
{
    return block_with_epilogue(size);
}

void mm_free(void *ptr)
{
    (void)ptr;
}

void *mm_realloc(void *ptr, size_t size)
{
    return realloc_by_copy(ptr, size, block_with_epilogue, copy_payload);
}
