/*
 * no-reset.c - BUG: mm_free keeps the most recently freed block in a
 * one-entry cache for mm_malloc to reuse, and mm_init does not empty it.
 * After the heap is reset, the cache still points into the old heap.
 *
 * Exposed by replaying tests/traces/no-reset.rep twice in one process: the
 * first pass passes and ends with id 0's block cached (line 6, `f 0`); the
 * second pass's first op (line 5, `a 0 100`) gets that stale pointer, and
 * the driver must report it at line 5 of the second correctness pass as
 * "payload ... lies outside the heap".
 *
 * Otherwise the bump allocator every file in tests/broken/ shares (see
 * misaligned.c for the block diagram): | size (ALIGNMENT B) | payload |,
 * blocks tile [mem_heap_lo(), break); malloc and free O(1).
 * State: cached_payload, cached_bytes (what mm_init should reset).
 */
#include "mm.h"
#include "memlib.h"
#include "config.h"

#include <stdint.h>
#include <string.h>

_Static_assert(ALIGNMENT >= sizeof(size_t), "the header holds a size_t");

static const size_t HEADER_BYTES = ALIGNMENT;
static const size_t MAX_REQUEST_BYTES = (size_t)1 << 40;

static char *cached_payload;
static size_t cached_bytes;

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
    return 0; /* BUG: cached_payload = NULL; cached_bytes = 0; missing */
}

void *mm_malloc(size_t size)
{
    if (size != 0 && cached_payload != NULL && cached_bytes >= size) {
        char *reused = cached_payload;
        cached_payload = NULL;
        return reused;
    }
    return new_block(size);
}

void mm_free(void *ptr)
{
    if (ptr == NULL)
        return;
    cached_payload = ptr;
    cached_bytes = payload_bytes(ptr);
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
