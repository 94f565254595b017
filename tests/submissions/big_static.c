/*
 * big_static.c - a sample submission for tools/grade: keeps its own
 * 1 MiB heap in a static array and a 64-entry table of size classes,
 * far past the static-data limit (rule b).
 */
#include "mm.h"
#include "memlib.h"

#include <stdint.h>
#include <string.h>

static char my_heap[1 << 20];
static size_t brk_offset;
static void *class_heads[64];

int mm_init(void)
{
    brk_offset = 0;
    memset(class_heads, 0, sizeof class_heads);
    return 0;
}

void *mm_malloc(size_t size)
{
    size = (size + 15) & ~(size_t)15;
    if (size == 0 || size > sizeof my_heap - brk_offset)
        return NULL;
    void *p = my_heap + brk_offset;
    brk_offset += size;
    return p;
}

void mm_free(void *ptr) { (void)ptr; }

void *mm_realloc(void *ptr, size_t size)
{
    void *fresh = mm_malloc(size);
    if (ptr != NULL && fresh != NULL)
        memmove(fresh, ptr, size);
    return fresh;
}
