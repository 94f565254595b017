/*
 * globals.c - a correct, deliberately plain allocator for tests/variants.t
 * whose helper and state are global, as in many a student's mm.c: two
 * copies of it link into one driver only if make MM_VARIANTS keeps each
 * file's own names to itself. A bump allocator: every block is a size
 * header (ALIGNMENT bytes) and the payload rounded up; free forgets the
 * block, realloc copies. Invariant: the blocks tile the heap up to the
 * break; malloc and free are O(1).
 */
#include "mm.h"
#include "memlib.h"
#include "config.h"

#include <string.h>

size_t blocks_made; /* global on purpose: the name clashes between copies */

void *make_block(size_t payload_bytes)
{
    size_t rounded = (payload_bytes + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
    char *block = mem_sbrk((intptr_t)(ALIGNMENT + rounded));
    if (block == (void *)-1)
        return NULL;
    *(size_t *)block = payload_bytes;
    blocks_made++;
    return block + ALIGNMENT;
}

int mm_init(void)
{
    blocks_made = 0;
    return 0;
}

void *mm_malloc(size_t size)
{
    return make_block(size);
}

void mm_free(void *ptr)
{
    (void)ptr;
}

void *mm_realloc(void *ptr, size_t size)
{
    if (ptr == NULL)
        return make_block(size);
    if (size == 0)
        return NULL;
    size_t old_bytes = *(size_t *)((char *)ptr - ALIGNMENT);
    void *moved = make_block(size);
    if (moved != NULL)
        memcpy(moved, ptr, old_bytes < size ? old_bytes : size);
    return moved;
}
