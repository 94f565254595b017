/*
 * null-success.c - BUG: mm_malloc gives up on any request above
 * GIVE_UP_BYTES and returns NULL, as if the heap could not grow, although
 * mem_sbrk would succeed.
 *
 * Exposed by tests/traces/null-success.rep line 6 (`a 1 5000`): the driver
 * must report "mm_malloc returned NULL, expected a pointer to 5000 bytes".
 *
 * Otherwise the bump allocator every file in tests/broken/ shares (see
 * bump.h for the block diagram): | size (ALIGNMENT B) | payload |,
 * blocks tile [mem_heap_lo(), break); malloc and free O(1).
 */
#include "bump.h"

static const size_t GIVE_UP_BYTES = 4000;

int mm_init(void)
{
    return 0;
}

void *mm_malloc(size_t size)
{
    if (size > GIVE_UP_BYTES)
        return NULL; /* BUG: the heap can grow; call new_block */
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
