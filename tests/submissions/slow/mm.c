/*
 * slow/mm.c - a sample submission for tools/grade (the folder form: a
 * folder with mm.c, here next to a stale mm.h that must be ignored).
 *
 * A correct but quadratic allocator: an implicit list with first fit
 * and no coalescing, that also walks the whole heap on every call "to
 * be safe" (a debugging check left on). Every call costs O(blocks), so
 * a trace costs O(ops x blocks): it passes, with a low throughput score.
 *
 * Block: an 8-byte header (size | allocated), then the payload; sizes
 * are multiples of 16 and payloads sit at 8 mod 16 + 8 = 16-aligned.
 */
#include "mm.h"
#include "memlib.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

static char *heap_start; /* the first header */

static size_t header_size(const char *block) { return *(const size_t *)block & ~(size_t)15; }
static int header_used(const char *block) { return (int)(*(const size_t *)block & 1); }
static char *heap_end(void) { return (char *)mem_heap_hi() + 1; }

/* The check left on: walk every block and verify sizes add up. */
static void walk_heap(void)
{
    size_t total = 0;
    for (char *b = heap_start; b < heap_end(); b += header_size(b))
        total += header_size(b);
    if (total != (size_t)(heap_end() - heap_start))
        fprintf(stderr, "slow: heap sizes do not add up\n");
}

int mm_init(void)
{
    char *start = mem_sbrk(8); /* pad: headers at 8 mod 16 */
    if (start == (void *)-1)
        return -1;
    heap_start = start + 8;
    return 0;
}

void *mm_malloc(size_t size)
{
    if (size == 0)
        return NULL;
    walk_heap();
    size_t need = (size + 8 + 15) & ~(size_t)15;
    for (char *b = heap_start; b < heap_end(); b += header_size(b)) {
        if (!header_used(b) && header_size(b) >= need) {
            *(size_t *)b |= 1;
            return b + 8;
        }
    }
    char *b = mem_sbrk((intptr_t)need);
    if (b == (void *)-1)
        return NULL;
    *(size_t *)b = need | 1;
    return b + 8;
}

void mm_free(void *ptr)
{
    if (ptr == NULL)
        return;
    walk_heap();
    *(size_t *)((char *)ptr - 8) &= ~(size_t)1;
}

void *mm_realloc(void *ptr, size_t size)
{
    if (ptr == NULL)
        return mm_malloc(size);
    if (size == 0) {
        mm_free(ptr);
        return NULL;
    }
    size_t have = header_size((char *)ptr - 8) - 8;
    if (size <= have)
        return ptr;
    void *fresh = mm_malloc(size);
    if (fresh == NULL)
        return NULL;
    memcpy(fresh, ptr, have);
    mm_free(ptr);
    return fresh;
}
