/*
 * sbrk_mmap.c - a sample submission for tools/grade: goes around
 * memlib to the real operating system with sbrk and mmap (rule a).
 */
#define _DEFAULT_SOURCE
#include "mm.h"
#include "memlib.h"

#include <stdint.h>
#include <sys/mman.h>
#include <unistd.h>

int mm_init(void) { return 0; }

void *mm_malloc(size_t size)
{
    size = (size + 15) & ~(size_t)15;
    if (size >= 4096) {
        void *p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        return p == MAP_FAILED ? NULL : p;
    }
    void *p = sbrk((intptr_t)size);
    return p == (void *)-1 ? NULL : p;
}

void mm_free(void *ptr) { (void)ptr; }
void *mm_realloc(void *ptr, size_t size) { (void)ptr; return mm_malloc(size); }
