/*
 * exits.c - a sample submission for tools/grade: "handles" a double
 * free by calling exit(), which it mistakes for one on the first free.
 * The driver must report the trace as failed (the process exited), not
 * stop the whole run.
 */
#include "mm.h"
#include "memlib.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
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
    if (ptr != NULL) {
        fprintf(stderr, "mm_free: double free of %p\n", ptr);
        exit(0);
    }
}

void *mm_realloc(void *ptr, size_t size)
{
    void *fresh = mm_malloc(size);
    if (ptr != NULL && fresh != NULL)
        memcpy(fresh, ptr, size);
    return fresh;
}
