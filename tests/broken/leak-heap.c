/*
 * leak-heap.c - BUG: every mm_malloc asks mem_sbrk for LEAK_BYTES (16 MiB)
 * of "headroom" beyond its block and never uses it, so the heap runs into
 * the end of the arena after a few calls; mem_sbrk then refuses and
 * mm_malloc returns NULL.
 *
 * Exposed by tests/traces/leak-heap.rep run with -H 64M: line 8 (`a 3 100`,
 * the 4th request, when 3 x (16 MiB + 112) + 16 MiB > 64 MiB) must be
 * reported as "mm_malloc returned NULL, expected a pointer to 100 bytes".
 *
 * Otherwise the bump allocator every file in tests/broken/ shares (see
 * bump.h for the block diagram):
 * | size (ALIGNMENT B) | payload | LEAK_BYTES never used |;
 * blocks tile [mem_heap_lo(), break); malloc and free O(1).
 */
#include "bump.h"

static const size_t LEAK_BYTES = (size_t)16 << 20;

/* new_block, followed by LEAK_BYTES never used. */
static char *new_leaky_block(size_t bytes)
{
    if (!request_fits(bytes))
        return NULL;
    /* BUG: + LEAK_BYTES */
    return block_at_break(HEADER_BYTES + round_up(bytes) + LEAK_BYTES, bytes);
}

int mm_init(void)
{
    return 0;
}

void *mm_malloc(size_t size)
{
    return new_leaky_block(size);
}

void mm_free(void *ptr)
{
    (void)ptr;
}

void *mm_realloc(void *ptr, size_t size)
{
    return realloc_by_copy(ptr, size, new_leaky_block, copy_payload);
}
