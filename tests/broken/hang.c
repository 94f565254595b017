/*
 * hang.c - BUG: mm_malloc rounds each request up to a power of two in a
 * uint16_t; for a request above 32768 bytes the doubling wraps to 0 and
 * the loop never ends.
 *
 * Exposed by tests/traces/hang.rep line 6 (`a 1 40000`); traces/short1.rep
 * and short2.rep ask for at most 1000 bytes and pass. The driver, run with
 * -s 2, must report "timed out after 2 s ... during the correctness pass,
 * at op 2 of 4 (line 6: a 1 40000)".
 *
 * Otherwise the bump allocator every file in tests/broken/ shares (see
 * misaligned.c for the block diagram), with blocks rounded up to a power
 * of two: | size (ALIGNMENT B) | payload |, blocks tile
 * [mem_heap_lo(), break); malloc O(log size), free O(1).
 */
#include "mm.h"
#include "memlib.h"
#include "config.h"

#include <stdint.h>
#include <string.h>

_Static_assert(ALIGNMENT >= sizeof(size_t), "the header holds a size_t");

static const size_t HEADER_BYTES = ALIGNMENT;
static const size_t MAX_REQUEST_BYTES = (size_t)1 << 40;

/* The power of two >= bytes. BUG: class_bytes is 16 bits wide.
 * (volatile only so that no compiler may assume the loop ends: C11
 * 6.8.5p6 lets it assume that of a loop without side effects.) */
static size_t size_class(size_t bytes)
{
    volatile uint16_t class_bytes = ALIGNMENT;
    while (class_bytes < bytes)
        class_bytes = (uint16_t)(class_bytes * 2);
    return class_bytes;
}

static size_t payload_bytes(const void *payload)
{
    return *(const size_t *)((const char *)payload - HEADER_BYTES);
}

static char *new_block(size_t bytes)
{
    if (bytes == 0 || bytes > MAX_REQUEST_BYTES)
        return NULL;
    char *block = mem_sbrk((intptr_t)(HEADER_BYTES + size_class(bytes)));
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
