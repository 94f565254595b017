/*
 * zero-shared.c - BUG: every mm_malloc(0) returns the same pointer, a
 * block made at the first such request. C asks a non-NULL pointer to zero
 * bytes to be unique, as if the size were not zero: with two ids holding
 * it, freeing one frees what the other holds.
 *
 * Exposed by tests/traces/zero-shared.rep line 6 (`a 1 0`, the second
 * zero-byte request while the first is live): the driver must report
 * "mm_malloc returned a bad pointer: ... overlaps live block id 0".
 *
 * Otherwise the bump allocator every file in tests/broken/ shares (see
 * bump.h for the block diagram): | size (ALIGNMENT B) | payload |,
 * blocks tile [mem_heap_lo(), break); malloc and free O(1).
 * State (reset by mm_init): shared_empty.
 */
#include "bump.h"

static char *shared_empty; /* the payload every malloc(0) returns, once made */

int mm_init(void)
{
    shared_empty = NULL;
    return 0;
}

void *mm_malloc(size_t size)
{
    if (size != 0)
        return new_block(size);
    if (shared_empty == NULL) /* BUG: a zero-byte block needs a block of its own */
        shared_empty = block_at_break(HEADER_BYTES + ALIGNMENT, 0);
    return shared_empty;
}

void mm_free(void *ptr)
{
    (void)ptr;
}

void *mm_realloc(void *ptr, size_t size)
{
    return realloc_by_copy(ptr, size, new_block, copy_payload);
}
