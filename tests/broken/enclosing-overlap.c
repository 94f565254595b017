/*
 * enclosing-overlap.c - BUG: mm_free keeps the most recently freed block in
 * a one-entry cache, and mm_malloc reuses it without checking that it is
 * big enough; a larger request then gets a payload that runs over the live
 * blocks after it, entirely enclosing a smaller one.
 *
 * Exposed by tests/traces/enclosing-overlap.rep line 10 (`a 3 100` reuses
 * id 0's 64-byte block; id 1's 8-byte payload, 72 or 80 bytes further on,
 * lies wholly inside [p, p + 100)): the driver must report "overlaps live
 * block id 1 ... allocated at line 6 (the new payload encloses it)".
 *
 * Otherwise the bump allocator every file in tests/broken/ shares (see
 * misaligned.c for the block diagram): | size (ALIGNMENT B) | payload |,
 * blocks tile [mem_heap_lo(), break); malloc and free O(1).
 * State (reset by mm_init): cached, a freed payload or NULL.
 */
#include "mm.h"
#include "memlib.h"
#include "config.h"

#include <stdint.h>
#include <string.h>

_Static_assert(ALIGNMENT >= sizeof(size_t), "the header holds a size_t");

static const size_t HEADER_BYTES = ALIGNMENT;
static const size_t MAX_REQUEST_BYTES = (size_t)1 << 40;

static char *cached;

static size_t round_up(size_t bytes)
{
    return (bytes + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
}

static size_t payload_bytes(const void *payload)
{
    return *(const size_t *)((const char *)payload - HEADER_BYTES);
}

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
    cached = NULL;
    return 0;
}

void *mm_malloc(size_t size)
{
    if (size != 0 && cached != NULL) { /* BUG: && payload_bytes(cached) >= size */
        char *reused = cached;
        cached = NULL;
        return reused;
    }
    return new_block(size);
}

void mm_free(void *ptr)
{
    if (ptr != NULL)
        cached = ptr;
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
