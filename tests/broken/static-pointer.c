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
 * misaligned.c for the block diagram): | size (ALIGNMENT B) | payload |,
 * blocks tile [mem_heap_lo(), break) (and, by the bug, [small_pool,
 * small_pool + small_pool_used)); malloc and free O(1).
 * State (reset by mm_init): small_pool_used.
 */
#include "mm.h"
#include "memlib.h"
#include "config.h"

#include <stdint.h>
#include <string.h>

_Static_assert(ALIGNMENT >= sizeof(size_t), "the header holds a size_t");

static const size_t HEADER_BYTES = ALIGNMENT;
static const size_t MAX_REQUEST_BYTES = (size_t)1 << 40;
static const size_t SMALL_REQUEST_BYTES = 16;
enum { SMALL_POOL_BYTES = 4096 };

static _Alignas(ALIGNMENT) char small_pool[SMALL_POOL_BYTES];
static size_t small_pool_used;

static size_t round_up(size_t bytes)
{
    return (bytes + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
}

static size_t payload_bytes(const void *payload)
{
    return *(const size_t *)((const char *)payload - HEADER_BYTES);
}

/* BUG: a block carved from small_pool is not in the heap. */
static char *carve_small(size_t bytes)
{
    size_t needed = HEADER_BYTES + round_up(bytes);
    if (needed > SMALL_POOL_BYTES - small_pool_used)
        return NULL;
    char *block = small_pool + small_pool_used;
    small_pool_used += needed;
    *(size_t *)block = bytes;
    return block + HEADER_BYTES;
}

static char *new_block(size_t bytes)
{
    if (bytes == 0 || bytes > MAX_REQUEST_BYTES)
        return NULL;
    if (bytes <= SMALL_REQUEST_BYTES) {
        char *small = carve_small(bytes);
        if (small != NULL)
            return small;
    }
    char *block = mem_sbrk((intptr_t)(HEADER_BYTES + round_up(bytes)));
    if (block == (void *)-1)
        return NULL;
    *(size_t *)block = bytes;
    return block + HEADER_BYTES;
}

int mm_init(void)
{
    small_pool_used = 0;
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
    if (ptr == NULL)
        return mm_malloc(size);
    if (size == 0) {
        mm_free(ptr);
        return NULL;
    }
    char *moved = new_block(size);
    if (moved != NULL) {
        size_t old_bytes = payload_bytes(ptr);
        memcpy(moved, ptr, old_bytes < size ? old_bytes : size);
    }
    return moved;
}
