/*
 * enclosing-overlap.c - BUG: mm_free keeps the most recently freed block in
 * a one-entry cache, and mm_malloc reuses it without checking that it is
 * big enough; a larger request then gets a payload that runs over the live
 * blocks after it, entirely enclosing a smaller one.
 *
 * Exposed by tests/traces/enclosing-overlap.rep line 10 (`a 3 100` reuses
 * id 0's 64-byte block; id 1's 8-byte payload, 72 or 80 bytes further on,
 * lies wholly inside [p, p + 100)): the driver must report "overlaps live
 * block id 1 ... allocated at line 6 (the new payload encloses it)".
 *
 * Otherwise the bump allocator every file in tests/broken/ shares (see
 * bump.h for the block diagram): | size (ALIGNMENT B) | payload |,
 * blocks tile [mem_heap_lo(), break); malloc and free O(1).
 * State (reset by mm_init): cached, a freed payload or NULL.
 */
#include "bump.h"

static char *cached;

int mm_init(void)
{
    cached = NULL;
    return 0;
}

void *mm_malloc(size_t size)
{
    if (size != 0 && cached != NULL) { /* BUG: && payload_bytes(cached) >= size */
        char *reused = cached;
        cached = NULL;
        return reused;
    }
    return new_block(size);
}

void mm_free(void *ptr)
{
    if (ptr != NULL)
        cached = ptr;
}

void *mm_realloc(void *ptr, size_t size)
{
    return realloc_by_copy(ptr, size, new_block, copy_payload);
}
