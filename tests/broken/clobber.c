/*
 * clobber.c - BUG: mm_free tells the next block that its predecessor is
 * free by flipping PREV_FREE in the next block's header, but computes that
 * header's address one header too far on: it flips a bit of the first byte
 * of the next block's payload, which may be live.
 *
 * Exposed by tests/traces/clobber.rep: line 7 (`f 0`) flips byte 0 of
 * id 1's payload; line 8 (`f 1`) must then be reported as "before mm_free:
 * payload of id 1 (allocated at line 6 ...) changed at byte offset 0".
 *
 * Otherwise the bump allocator every file in tests/broken/ shares (see
 * misaligned.c for the block diagram), except that the header holds the
 * rounded payload size with the flag PREV_FREE in its low bits:
 *
 *   | payload_bytes (rounded) | PREV_FREE |  payload ... |
 *
 * Blocks tile [mem_heap_lo(), break); malloc and free O(1).
 */
#include "mm.h"
#include "memlib.h"
#include "config.h"

#include <stdint.h>
#include <string.h>

_Static_assert(ALIGNMENT >= sizeof(size_t), "the header holds a size_t");

static const size_t HEADER_BYTES = ALIGNMENT;
static const size_t MAX_REQUEST_BYTES = (size_t)1 << 40;
static const size_t PREV_FREE = 1;
static const size_t FLAG_BITS = ALIGNMENT - 1;

static size_t round_up(size_t bytes)
{
    return (bytes + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
}

static size_t *header_of(void *payload)
{
    return (size_t *)((char *)payload - HEADER_BYTES);
}

static size_t payload_bytes(void *payload)
{
    return *header_of(payload) & ~FLAG_BITS;
}

static char *new_block(size_t bytes)
{
    if (bytes == 0 || bytes > MAX_REQUEST_BYTES)
        return NULL;
    char *block = mem_sbrk((intptr_t)(HEADER_BYTES + round_up(bytes)));
    if (block == (void *)-1)
        return NULL;
    *(size_t *)block = round_up(bytes);
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
    if (ptr == NULL)
        return;
    /* BUG: the next header is at ptr + payload_bytes(ptr); this adds
     * HEADER_BYTES once more, landing on the next block's payload. */
    unsigned char *next_flags = (unsigned char *)ptr + payload_bytes(ptr) + HEADER_BYTES;
    if (next_flags <= (unsigned char *)mem_heap_hi())
        *next_flags ^= (unsigned char)PREV_FREE;
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
