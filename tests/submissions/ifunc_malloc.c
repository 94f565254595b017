/*
 * ifunc_malloc.c - a sample submission for tools/grade: defines malloc
 * as a GNU indirect function, which nm lists as 'i', not 'T'. It is a
 * definition all the same (it would replace libc's malloc for the whole
 * driver): the grader must flag it like a plain one (rules, all).
 */
#include "mm.h"
#include "memlib.h"

#include <stdint.h>

int mm_init(void) { return 0; }

void *mm_malloc(size_t size)
{
    void *p = mem_sbrk((intptr_t)((size + 15) & ~(size_t)15));
    return p == (void *)-1 ? NULL : p;
}

void mm_free(void *ptr) { (void)ptr; }

void *mm_realloc(void *ptr, size_t size)
{
    (void)ptr;
    return mm_malloc(size);
}

static void *(*resolve_malloc(void))(size_t) { return mm_malloc; }
void *malloc(size_t size) __attribute__((ifunc("resolve_malloc")));
