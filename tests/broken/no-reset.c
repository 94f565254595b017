/*
 * no-reset.c - BUG: mm_free keeps the most recently freed block in a
 * one-entry cache for mm_malloc to reuse, and mm_init does not empty it.
 * After the heap is reset, the cache still points into the old heap.
 *
 * Exposed by replaying tests/traces/no-reset.rep twice in one process: the
 * first pass passes and ends with id 0's block cached (line 6, `f 0`); the
 * second pass's first op (line 5, `a 0 100`) gets that stale pointer, and
 * the driver must report it at line 5 of the second correctness pass as
 * "payload ... lies outside the heap".
 *
 * Otherwise the bump allocator every file in tests/broken/ shares (see
 * bump.h for the block diagram): | size (ALIGNMENT B) | payload |,
 * blocks tile [mem_heap_lo(), break); malloc and free O(1).
 * State: cached_payload, cached_bytes (what mm_init should reset).
 */
#include "bump.h"

static char *cached_payload;
static size_t cached_bytes;

int mm_init(void)
{
    return 0; /* BUG: cached_payload = NULL; cached_bytes = 0; missing */
}

void *mm_malloc(size_t size)
{
    if (size != 0 && cached_payload != NULL && cached_bytes >= size) {
        char *reused = cached_payload;
        cached_payload = NULL;
        return reused;
    }
    return new_block(size);
}

void mm_free(void *ptr)
{
    if (ptr == NULL)
        return;
    cached_payload = ptr;
    cached_bytes = payload_bytes(ptr);
}

void *mm_realloc(void *ptr, size_t size)
{
    return realloc_by_copy(ptr, size, new_block, copy_payload);
}
