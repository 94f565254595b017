/*
 * overlap.c - BUG: every third mm_malloc after mm_init steps back one
 * ALIGNMENT unit too far and returns the previous payload + ALIGNMENT, so
 * the new payload starts inside a live block and runs past its end.
 *
 * Exposed by tests/traces/overlap.rep line 7 (`a 2 32`, the third
 * request): the driver must report "payload ... overlaps live block id 1
 * ... allocated at line 6" at that line (a partial overlap, not an
 * enclosure).
 *
 * Otherwise the bump allocator every file in tests/broken/ shares (see
 * misaligned.c for the block diagram): | size (ALIGNMENT B) | payload |,
 * blocks tile [mem_heap_lo(), break); malloc and free O(1).
 * State (reset by mm_init): malloc_calls, last_payload.
 */
#include "mm.h"
#include "memlib.h"
#include "config.h"

#include <stdint.h>
#include <string.h>

_Static_assert(ALIGNMENT >= sizeof(size_t), "the header holds a size_t");

static const size_t HEADER_BYTES = ALIGNMENT;
static const size_t MAX_REQUEST_BYTES = (size_t)1 << 40;
static const unsigned BAD_STEP_EVERY = 3;

static unsigned malloc_calls;
static char *last_payload;

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
    malloc_calls = 0;
    last_payload = NULL;
    return 0;
}

void *mm_malloc(size_t size)
{
    char *payload = new_block(size);
    if (payload == NULL)
        return NULL;
    char *previous = last_payload;
    last_payload = payload;
    if (++malloc_calls % BAD_STEP_EVERY == 0 && previous != NULL)
        return previous + ALIGNMENT; /* BUG: should be payload */
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
