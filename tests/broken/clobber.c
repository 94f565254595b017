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
 * bump.h for the block diagram), except that the header holds the
 * rounded payload size with the flag PREV_FREE in its low bits:
 *
 *   | payload_bytes (rounded) | PREV_FREE |  payload ... |
 *
 * Blocks tile [mem_heap_lo(), break); malloc and free O(1).
 */
#include "bump.h"

static const size_t PREV_FREE = 1;
static const size_t FLAG_BITS = ALIGNMENT - 1;

static size_t *header_of(void *payload)
{
    return (size_t *)((char *)payload - HEADER_BYTES);
}

/* The rounded payload size, without the flags. */
static size_t flagged_payload_bytes(void *payload)
{
    return *header_of(payload) & ~FLAG_BITS;
}

/* new_block, but the header holds the rounded size (flags clear). */
static char *new_flagged_block(size_t bytes)
{
    if (!request_fits(bytes))
        return NULL;
    return block_at_break(HEADER_BYTES + round_up(bytes), round_up(bytes));
}

static void copy_flagged_payload(char *moved, void *old_payload, size_t new_bytes)
{
    memcpy(moved, old_payload, kept_bytes(flagged_payload_bytes(old_payload), new_bytes));
}

int mm_init(void)
{
    return 0;
}

void *mm_malloc(size_t size)
{
    return new_flagged_block(size);
}

void mm_free(void *ptr)
{
    if (ptr == NULL)
        return;
    /* BUG: the next header is at ptr + flagged_payload_bytes(ptr); this
     * adds HEADER_BYTES once more, landing on the next block's payload. */
    unsigned char *next_flags = (unsigned char *)ptr + flagged_payload_bytes(ptr) + HEADER_BYTES;
    if (next_flags <= (unsigned char *)mem_heap_hi())
        *next_flags ^= (unsigned char)PREV_FREE;
}

void *mm_realloc(void *ptr, size_t size)
{
    return realloc_by_copy(ptr, size, new_flagged_block, copy_flagged_payload);
}
