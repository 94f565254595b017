/*
 * crash.c - a sample submission for tools/grade: a bump allocator whose
 * mm_free follows a garbage pointer. Every trace that frees crashes with
 * SIGSEGV; the grader must report it in the notes and go on.
 */
#include "mm.h"
#include "memlib.h"

#include <stdint.h>
#include <string.h>

#define ALIGN16(n) (((n) + 15) & ~(size_t)15)

int mm_init(void) { return 0; }

void *mm_malloc(size_t size)
{
    if (size == 0)
        return NULL;
    void *p = mem_sbrk((intptr_t)ALIGN16(size));
    return p == (void *)-1 ? NULL : p;
}

void mm_free(void *ptr)
{
    if (ptr == NULL)
        return;
    /* "unlink from the free list": the link was never set */
    void **next = (void **)(uintptr_t)16;
    *next = ptr;
}

void *mm_realloc(void *ptr, size_t size)
{
    void *fresh = mm_malloc(size);
    if (ptr != NULL && fresh != NULL)
        memcpy(fresh, ptr, size);
    mm_free(ptr);
    return fresh;
}
