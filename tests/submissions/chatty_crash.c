/*
 * chatty_crash.c - a sample submission for tools/grade: a bump allocator
 * that prints 2 MB of debugging output at every mm_init, more than the
 * report's 1 MB cap, and whose mm_free follows a garbage pointer, so
 * every trace that frees crashes with SIGSEGV. Its output fills the cap
 * before the driver prints which op crashed: the report must still give
 * the driver's message for each trace (it quotes them from the CSV).
 */
#include "mm.h"
#include "memlib.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define ALIGN16(n) (((n) + 15) & ~(size_t)15)

int mm_init(void)
{
    for (int line = 0; line < 32768; line++)
        printf("mm_init: debug banner line %5d ...................................\n", line);
    return 0;
}

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
