/*
 * realloc-loses-data.c - BUG: when mm_realloc moves a block it copies one
 * byte fewer than it should (min(old, new) - 1), so the last kept byte is
 * lost.
 *
 * Exposed by tests/traces/realloc-loses-data.rep line 6 (`r 0 100` on a
 * 40-byte block): the driver must report "mm_realloc lost data: payload of
 * id 0 ... changed at byte offset 39".
 *
 * Otherwise the bump allocator every file in tests/broken/ shares (see
 * bump.h for the block diagram): | size (ALIGNMENT B) | payload |,
 * blocks tile [mem_heap_lo(), break); malloc and free O(1).
 */
#include "bump.h"

/* copy_payload, one byte short. */
static void copy_all_but_last(char *moved, void *old_payload, size_t new_bytes)
{
    size_t kept = kept_bytes(payload_bytes(old_payload), new_bytes);
    memcpy(moved, old_payload, kept - 1); /* BUG: should copy kept */
}

int mm_init(void)
{
    return 0;
}

void *mm_malloc(size_t size)
{
    return new_block(size);
}

void mm_free(void *ptr)
{
    (void)ptr;
}

void *mm_realloc(void *ptr, size_t size)
{
    return realloc_by_copy(ptr, size, new_block, copy_all_but_last);
}
