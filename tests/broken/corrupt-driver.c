/*
 * corrupt-driver.c - BUG: there is no prologue block. mm_free sets
 * NEXT_FREE in the previous block's footer, the byte just before the freed
 * block's header; for the first block in the heap that byte is
 * mem_heap_lo() - 1, outside the arena (in memlib's guard region), and the
 * write must fault instead of corrupting the driver.
 *
 * Exposed by tests/traces/corrupt-driver.rep line 8 (`f 0`, the first
 * block; line 7 frees the second block, whose write lands legitimately in
 * id 0's footer): the driver must report "corrupt-driver.rep:8: f 0:
 * killed by signal 11 (SIGSEGV ...) during the correctness pass, at op 4
 * of 4".
 *
 * Otherwise the bump allocator every file in tests/broken/ shares (see
 * bump.h), with a footer after each payload whose last byte holds
 * flags about the next block:
 *
 *   | size (ALIGNMENT B) | payload, rounded up | footer (ALIGNMENT B) |
 *                                                           flags ^
 * Blocks tile [mem_heap_lo(), break); malloc and free O(1).
 */
#include "bump.h"

static const size_t FOOTER_BYTES = ALIGNMENT;
static const unsigned char NEXT_FREE = 1;

/* The flags byte of the block before the one whose payload this is.
 * BUG: the first block has no predecessor (no prologue was made). */
static unsigned char *previous_footer_flags(void *payload)
{
    return (unsigned char *)payload - HEADER_BYTES - 1;
}

/* new_block, with a footer after the payload. */
static char *new_footed_block(size_t bytes)
{
    if (!request_fits(bytes))
        return NULL;
    char *payload = block_at_break(HEADER_BYTES + round_up(bytes) + FOOTER_BYTES, bytes);
    if (payload != NULL)
        payload[round_up(bytes) + FOOTER_BYTES - 1] = 0; /* the flags: the next block is not free */
    return payload;
}

int mm_init(void)
{
    return 0;
}

void *mm_malloc(size_t size)
{
    return new_footed_block(size);
}

void mm_free(void *ptr)
{
    if (ptr != NULL)
        *previous_footer_flags(ptr) |= NEXT_FREE;
}

void *mm_realloc(void *ptr, size_t size)
{
    return realloc_by_copy(ptr, size, new_footed_block, copy_payload);
}
