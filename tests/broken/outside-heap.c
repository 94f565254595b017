/*
 * outside-heap.c - BUG: the large-request path moves the break by the
 * header only, forgetting the payload, so the payload it returns starts at
 * the break: past mem_heap_hi().
 *
 * Exposed by tests/traces/outside-heap.rep line 6 (`a 1 2000`, the first
 * request above LARGE_REQUEST_BYTES): the driver must report "mm_malloc
 * returned a bad pointer: payload ... lies outside the heap" at that line.
 *
 * Otherwise the bump allocator every file in tests/broken/ shares (see
 * misaligned.c for the block diagram): | size (ALIGNMENT B) | payload |,
 * blocks tile [mem_heap_lo(), break); malloc and free O(1).
 */
#include "mm.h"
#include "memlib.h"
#include "config.h"

#include <stdint.h>
#include <string.h>

_Static_assert(ALIGNMENT >= sizeof(size_t), "the header holds a size_t");

static const size_t HEADER_BYTES = ALIGNMENT;
static const size_t MAX_REQUEST_BYTES = (size_t)1 << 40;
static const size_t LARGE_REQUEST_BYTES = 1024;

static size_t round_up(size_t bytes)
{
    return (bytes + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
}

static size_t payload_bytes(const void *payload)
{
    return *(const size_t *)((const char *)payload - HEADER_BYTES);
}

/* Bytes to move the break by for a request of bytes. */
static size_t block_bytes(size_t bytes)
{
    if (bytes > LARGE_REQUEST_BYTES)
        return HEADER_BYTES; /* BUG: HEADER_BYTES + round_up(bytes) */
    return HEADER_BYTES + round_up(bytes);
}

static char *new_block(size_t bytes)
{
    if (bytes == 0 || bytes > MAX_REQUEST_BYTES)
        return NULL;
    char *block = mem_sbrk((intptr_t)block_bytes(bytes));
    if (block == (void *)-1)
        return NULL;
    *(size_t *)block = bytes;
    return block + HEADER_BYTES;
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
