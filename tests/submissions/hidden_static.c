/*
 * hidden_static.c - a sample submission for tools/grade: a bump
 * allocator with a 1 MiB table in a section of its own name, outside the
 * .data and .bss where an object's static data usually lives. The table
 * is as writable as .bss, and would be memory the heap never counts:
 * rule b counts every loaded, writable section, whatever its name.
 */
#include "mm.h"
#include "memlib.h"

#include <stddef.h>
#include <stdint.h>

unsigned char size_class_of[1 << 20] __attribute__((section("myheap")));

int mm_init(void) { return 0; }

void *mm_malloc(size_t size)
{
    size = (size + 15) & ~(size_t)15;
    void *p = mem_sbrk((intptr_t)size);
    if (p == (void *)-1)
        return NULL;
    size_class_of[((uintptr_t)p >> 4) % sizeof size_class_of] = (unsigned char)(size >> 4);
    return p;
}

void mm_free(void *ptr) { (void)ptr; }

void *mm_realloc(void *ptr, size_t size)
{
    (void)ptr;
    return mm_malloc(size);
}
