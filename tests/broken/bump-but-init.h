/*
 * bump-but-init.h - the bump allocator's malloc, free and realloc (bump.h),
 * for the files in tests/broken/ whose bug is in mm_init or mm_heap_walk
 * alone: each defines its own mm_init (and walk) and includes this for
 * the rest.
 */
#ifndef BROKEN_BUMP_BUT_INIT_H
#define BROKEN_BUMP_BUT_INIT_H

#include "bump.h"

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
    return realloc_by_copy(ptr, size, new_block, copy_payload);
}

#endif /* BROKEN_BUMP_BUT_INIT_H */
