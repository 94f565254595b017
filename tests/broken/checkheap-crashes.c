/*
 * checkheap-crashes.c - BUG: mm_checkheap reads through a NULL pointer
 * once the heap holds two blocks. The allocator itself is correct: only
 * its checks meet the bug, which the driver runs once at the end of a
 * trace (-d 1) and after every op (-d 2).
 *
 * Exposed by tests/traces/walk-lies.rep (two mallocs): at -d 1 the
 * message must say the crash came at the end of the trace ("walk-lies.rep:6:
 * end of trace: ..."), in mm_checkheap (it once read "at op 3 of 2 (line
 * 0: )"); at -d 2, after op 2 ("walk-lies.rep:6: a 1 56: ... at op 2 of
 * 2"), in mm_checkheap. tests/isolation.t checks both.
 *
 * Otherwise the bump allocator every file in tests/broken/ shares (see
 * bump.h for the block diagram): | size (ALIGNMENT B) | payload |,
 * blocks tile [mem_heap_lo(), break); malloc and free O(1).
 * State: none (every block is found from the heap).
 */
#include "bump-but-init.h"

int mm_init(void)
{
    return 0;
}

/* BUG: a stray pointer. (Under -fsanitize=undefined the load must still
 * fault, as in crash.c, so that sanitizer builds test the driver on a
 * real SIGSEGV, not on UBSan's exit(1); noinline because gcc drops
 * no_sanitize from a function it inlines.) */
__attribute__((noinline, no_sanitize("undefined"))) static char *read_stray_pointer(void)
{
    return *(char *volatile *)NULL;
}

bool mm_checkheap(int lineno)
{
    (void)lineno;
    char *brk = (char *)mem_heap_hi() + 1;
    unsigned visited = 0;
    for (char *block = mem_heap_lo(); mem_heapsize() > 0 && block < brk;
         block += block_bytes_at(block))
        if (++visited == 2)
            block = read_stray_pointer();
    return true;
}
