/*
 * corrupt-driver.c - BUG: there is no prologue block. mm_free sets
 * NEXT_FREE in the previous block's footer, the byte just before the freed
 * block's header; for the first block in the heap that byte is
 * mem_heap_lo() - 1, outside the arena (in memlib's guard region), and the
 * write must fault instead of corrupting the driver.
 *
 * Exposed by tests/traces/corrupt-driver.rep line 8 (`f 0`, the first
 * block; line 7 frees the second block, whose write lands legitimately in
 * id 0's footer): the driver must report "killed by signal 11 (SIGSEGV
 * ...) during the correctness pass, at op 4 of 4 (line 8: f 0)".
 *
 * Otherwise the bump allocator every file in tests/broken/ shares (see
 * misaligned.c), with a footer after each payload whose last byte holds
 * flags about the next block:
 *
 *   | size (ALIGNMENT B) | payload, rounded up | footer (ALIGNMENT B) |
 *                                                           flags ^
 * Blocks tile [mem_heap_lo(), break); malloc and free O(1).
 */
#include "mm.h"
#include "memlib.h"
#include "config.h"

#include <stdint.h>
#include <string.h>

_Static_assert(ALIGNMENT >= sizeof(size_t), "the header holds a size_t");

static const size_t HEADER_BYTES = ALIGNMENT;
static const size_t FOOTER_BYTES = ALIGNMENT;
static const size_t MAX_REQUEST_BYTES = (size_t)1 << 40;
static const unsigned char NEXT_FREE = 1;

static size_t round_up(size_t bytes)
{
    return (bytes + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
}

static size_t payload_bytes(const void *payload)
{
    return *(const size_t *)((const char *)payload - HEADER_BYTES);
}

/* The flags byte of the block before the one whose payload this is.
 * BUG: the first block has no predecessor (no prologue was made). */
static unsigned char *previous_footer_flags(void *payload)
{
    return (unsigned char *)payload - HEADER_BYTES - 1;
}

static char *new_block(size_t bytes)
{
    if (bytes == 0 || bytes > MAX_REQUEST_BYTES)
        return NULL;
    size_t block_bytes = HEADER_BYTES + round_up(bytes) + FOOTER_BYTES;
    char *block = mem_sbrk((intptr_t)block_bytes);
    if (block == (void *)-1)
        return NULL;
    *(size_t *)block = bytes;
    block[block_bytes - 1] = 0; /* the flags: the next block is not free */
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
    if (ptr != NULL)
        *previous_footer_flags(ptr) |= NEXT_FREE;
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
