/*
 * misaligned.c - BUG: an odd-sized request gets a payload 4 bytes into its
 * block (block + 4) instead of after the ALIGNMENT-byte header, so the
 * pointer is 4 bytes off alignment.
 *
 * Exposed by tests/traces/misaligned.rep line 7 (`a 2 13`, the first odd
 * size): the driver must report "mm_malloc returned a bad pointer: payload
 * ... is not aligned to ALIGNMENT bytes" at that line.
 *
 * The shape every file in tests/broken/ shares: a bump allocator, correct
 * but for its one bug. Each block is a header holding the payload size, then
 * the payload rounded up to ALIGNMENT; mm_malloc moves the break, mm_free
 * forgets the block, mm_realloc copies into a new block.
 *
 *   block ->+------------------------------+
 *           | payload_bytes (ALIGNMENT B)  |
 * payload ->+------------------------------+
 *           | payload, rounded up          |
 *           +------------------------------+  <- the next block, or the break
 *
 * Invariant: the blocks tile [mem_heap_lo(), break); malloc, free O(1).
 */
#include "mm.h"
#include "memlib.h"
#include "config.h"

#include <stdint.h>
#include <string.h>

_Static_assert(ALIGNMENT >= sizeof(size_t), "the header holds a size_t");

static const size_t HEADER_BYTES = ALIGNMENT;
static const size_t MAX_REQUEST_BYTES = (size_t)1 << 40;
static const size_t MISALIGNMENT = 4;

static size_t round_up(size_t bytes)
{
    return (bytes + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
}

static size_t payload_bytes(const void *payload)
{
    return *(const size_t *)((const char *)payload - HEADER_BYTES);
}

/* A fresh block at the break: its payload, or NULL if the heap cannot grow. */
static char *new_block(size_t bytes)
{
    if (bytes == 0 || bytes > MAX_REQUEST_BYTES)
        return NULL;
    char *block = mem_sbrk((intptr_t)(HEADER_BYTES + round_up(bytes)));
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
    char *payload = new_block(size);
    if (payload != NULL && size % 2 == 1)
        return payload - HEADER_BYTES + MISALIGNMENT; /* BUG: block + 4 */
    return payload;
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
