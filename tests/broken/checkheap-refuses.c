/*
 * checkheap-refuses.c - BUG: mm_checkheap refuses any heap of two or
 * more blocks, saying so on stderr with the lineno it was given. The
 * allocator itself is correct: only its check fails, which the driver
 * runs once at the end of a trace (-d 1, with lineno 0) and after every
 * op (-d 2, with the op's line).
 *
 * Exposed by tests/traces/walk-lies.rep (two mallocs): at -d 1 the
 * driver's message must say the refusal came at the end of the trace,
 * from mm_checkheap(0) (it read "end of trace: ... after this op", and
 * the allocator's own "checkheap(0)" matched no line the driver named);
 * at -d 2, after line 6, from mm_checkheap(6). tests/oracle.t checks both.
 *
 * Otherwise the bump allocator every file in tests/broken/ shares (see
 * bump.h for the block diagram): | size (ALIGNMENT B) | payload |,
 * blocks tile [mem_heap_lo(), break); malloc and free O(1).
 * State: none (every block is found from the heap).
 */
#include <stdio.h>

#include "bump-but-init.h"

int mm_init(void)
{
    return 0;
}

bool mm_checkheap(int lineno)
{
    char *brk = (char *)mem_heap_hi() + 1;
    unsigned visited = 0;
    for (char *block = mem_heap_lo(); mem_heapsize() > 0 && block < brk;
         block += block_bytes_at(block))
        visited++;
    if (visited < 2)
        return true;
    fprintf(stderr, "checkheap(%d): %u blocks\n", lineno, visited); /* BUG: refuses a fine heap */
    return false;
}
