/*
 * incbin_trace.c - a sample submission for tools/grade: has the
 * assembler embed one of the grader's read-only copies of the traces
 * (two folders up from the build folder) in its object, where an
 * allocator could read what the trace will ask for before it asks.
 * Nothing is #included for it, and the directive is spelled through an
 * assembler macro, so neither the compiler's list of the files it read
 * nor a search of the source for ".incbin" finds it: the grader must
 * read the assembler's own list (rule c). The allocator itself is a
 * bump allocator that never reads the data.
 */
#include "mm.h"
#include "memlib.h"

#include <stddef.h>
#include <stdint.h>

__asm__(".macro embed directive, file\n"
        "  .\\directive \"\\file\"\n"
        ".endm\n"
        ".pushsection .rodata\n"
        "embed incbin, ../../traces/coalescing.rep\n"
        ".popsection\n");

int mm_init(void) { return 0; }

void *mm_malloc(size_t size)
{
    size = (size + 15) & ~(size_t)15;
    void *p = mem_sbrk((intptr_t)size);
    return p == (void *)-1 ? NULL : p;
}

void mm_free(void *ptr) { (void)ptr; }

void *mm_realloc(void *ptr, size_t size)
{
    (void)ptr;
    return mm_malloc(size);
}
