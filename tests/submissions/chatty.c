/*
 * chatty.c - a sample submission for tools/grade: a correct bump
 * allocator that leaves its debugging output on: a banner of 512 KiB at
 * every mm_init and a line per call. It prints megabytes; the grader
 * must cap its report and charge the cost to this row only.
 */
#include "mm.h"
#include "memlib.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define ALIGN16(n) (((n) + 15) & ~(size_t)15)
#define HEADER 16 /* the payload size, kept for realloc */

int mm_init(void)
{
    for (int line = 0; line < 8192; line++)
        printf("mm_init: debug banner line %5d ...................................\n", line);
    return 0;
}

void *mm_malloc(size_t size)
{
    if (size == 0)
        return NULL;
    char *p = mem_sbrk((intptr_t)(HEADER + ALIGN16(size)));
    if (p == (void *)-1)
        return NULL;
    *(size_t *)p = size;
    printf("mm_malloc(%zu) = %p\n", size, (void *)(p + HEADER));
    return p + HEADER;
}

void mm_free(void *ptr)
{
    printf("mm_free(%p)\n", ptr);
}

void *mm_realloc(void *ptr, size_t size)
{
    if (ptr == NULL)
        return mm_malloc(size);
    if (size == 0) {
        mm_free(ptr);
        return NULL;
    }
    void *fresh = mm_malloc(size);
    if (fresh == NULL)
        return NULL;
    size_t old = *(size_t *)((char *)ptr - HEADER);
    memcpy(fresh, ptr, old < size ? old : size);
    return fresh;
}
