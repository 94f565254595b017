/*
 * negative-sbrk.c - BUG: mm_free of the block at the top of the heap
 * "gives the memory back" with mem_sbrk(-block_bytes). memlib refuses a
 * negative increment (the heap never shrinks); the allocator ignores the
 * refusal.
 *
 * Exposed by tests/traces/negative-sbrk.rep line 7 (`f 1`, id 1 is the top
 * block): the driver must report "the allocator called mem_sbrk with a
 * negative increment" at that line.
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
    size_t block_bytes = HEADER_BYTES + round_up(payload_bytes(ptr));
    if ((char *)ptr - HEADER_BYTES + block_bytes == (char *)mem_sbrk(0))
        mem_sbrk(-(intptr_t)block_bytes); /* BUG: the break only moves up */
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
