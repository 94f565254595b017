/*
 * misaligned.c - a sample submission for tools/grade: a bump allocator
 * that forgets to round sizes up, so payloads drift off the 8-byte
 * boundary. The driver's checker must fail it (not aligned) although
 * it never crashes.
 */
#include "mm.h"
#include "memlib.h"

#include <stdint.h>
#include <string.h>

int mm_init(void) { return 0; }

void *mm_malloc(size_t size)
{
    if (size == 0)
        return NULL;
    void *p = mem_sbrk((intptr_t)size);
    return p == (void *)-1 ? NULL : p;
}

void mm_free(void *ptr) { (void)ptr; }

void *mm_realloc(void *ptr, size_t size)
{
    void *fresh = mm_malloc(size);
    if (ptr != NULL && fresh != NULL)
        memmove(fresh, ptr, size);
    return fresh;
}
