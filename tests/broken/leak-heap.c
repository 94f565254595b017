/*
 * leak-heap.c - BUG: every mm_malloc asks mem_sbrk for LEAK_BYTES (16 MiB)
 * of "headroom" beyond its block and never uses it, so the heap runs into
 * the end of the arena after a few calls; mem_sbrk then refuses and
 * mm_malloc returns NULL.
 *
 * Exposed by tests/traces/leak-heap.rep run with -H 64M: line 8 (`a 3 100`,
 * the 4th request, when 3 x (16 MiB + 112) + 16 MiB > 64 MiB) must be
 * reported as "mm_malloc returned NULL, expected a pointer to 100 bytes".
 *
 * Otherwise the bump allocator every file in tests/broken/ shares (see
 * misaligned.c for the block diagram):
 * | size (ALIGNMENT B) | payload | LEAK_BYTES never used |;
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
static const size_t LEAK_BYTES = (size_t)16 << 20;

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
    /* BUG: + LEAK_BYTES */
    char *block = mem_sbrk((intptr_t)(HEADER_BYTES + round_up(bytes) + LEAK_BYTES));
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
