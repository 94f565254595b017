/*
 * static-pointer.c - BUG: requests of at most SMALL_REQUEST_BYTES are
 * served from a static pool in the program's data segment instead of the
 * heap that mem_sbrk manages.
 *
 * Exposed by tests/traces/static-pointer.rep line 6 (`a 1 16`, the first
 * small request): the driver must report "mm_malloc returned a bad
 * pointer: payload ... lies outside the heap".
 *
 * Otherwise the bump allocator every file in tests/broken/ shares (see
 * bump.h for the block diagram): | size (ALIGNMENT B) | payload |,
 * blocks tile [mem_heap_lo(), break) (and, by the bug, [small_pool,
 * small_pool + small_pool_used)); malloc and free O(1).
 * State (reset by mm_init): small_pool_used.
 */
#include "bump.h"

static const size_t SMALL_REQUEST_BYTES = 16;
enum { SMALL_POOL_BYTES = 4096 };

static _Alignas(ALIGNMENT) char small_pool[SMALL_POOL_BYTES];
static size_t small_pool_used;

/* BUG: a block carved from small_pool is not in the heap. */
static char *carve_small(size_t bytes)
{
    size_t needed = HEADER_BYTES + round_up(bytes);
    if (needed > SMALL_POOL_BYTES - small_pool_used)
        return NULL;
    char *block = small_pool + small_pool_used;
    small_pool_used += needed;
    return write_header(block, bytes);
}

/* new_block, but a small request is carved from small_pool while it lasts. */
static char *new_pooled_block(size_t bytes)
{
    if (request_fits(bytes) && bytes <= SMALL_REQUEST_BYTES) {
        char *small = carve_small(bytes);
        if (small != NULL)
            return small;
    }
    return new_block(bytes);
}

int mm_init(void)
{
    small_pool_used = 0;
    return 0;
}

void *mm_malloc(size_t size)
{
    return new_pooled_block(size);
}

void mm_free(void *ptr)
{
    (void)ptr;
}

void *mm_realloc(void *ptr, size_t size)
{
    return realloc_by_copy(ptr, size, new_pooled_block, copy_payload);
}
