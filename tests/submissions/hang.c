/*
 * hang.c - a sample submission for tools/grade: a bump allocator whose
 * free-list search never ends once anything has been freed. Every trace
 * that frees and then mallocs runs into the per-trace time limit.
 */
#include "mm.h"
#include "memlib.h"

#include <stdint.h>
#include <string.h>

#define ALIGN16(n) (((n) + 15) & ~(size_t)15)

static volatile int freed_any;

int mm_init(void)
{
    freed_any = 0;
    return 0;
}

void *mm_malloc(size_t size)
{
    if (size == 0)
        return NULL;
    while (freed_any) /* "search the free list": it is circular */
        ;
    void *p = mem_sbrk((intptr_t)ALIGN16(size));
    return p == (void *)-1 ? NULL : p;
}

void mm_free(void *ptr)
{
    if (ptr != NULL)
        freed_any = 1;
}

void *mm_realloc(void *ptr, size_t size)
{
    void *fresh = mm_malloc(size);
    if (ptr != NULL && fresh != NULL)
        memcpy(fresh, ptr, size);
    mm_free(ptr);
    return fresh;
}
