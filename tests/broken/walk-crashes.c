/*
 * walk-crashes.c - BUG: mm_heap_walk reads through a NULL pointer once
 * the heap holds two blocks. The allocator itself is correct: only
 * `mdriver --blocks` and `mdriver -d 2`, which call the walk after every
 * op, meet the bug.
 *
 * Exposed by `mdriver --blocks` on tests/traces/walk-lies.rep: the trace
 * fails at its second op (line 6), and the message must say the crash
 * was in mm_heap_walk, not in the op, while the first op's narration
 * and drawing are still printed; and by `mdriver -d 2` on the same
 * trace, whose message must say the crash was in the walk, checking the
 * heap (this allocator has no mm_checkheap, and -d 2 walks its heap
 * all the same); tests/blocks.t checks both.
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

void mm_heap_walk(mm_block_visitor visit, void *context)
{
    char *brk = (char *)mem_heap_hi() + 1;
    unsigned visited = 0;
    for (char *block = mem_heap_lo(); mem_heapsize() > 0 && block < brk;
         block += block_bytes_at(block)) {
        if (++visited == 2)
            block = read_stray_pointer();
        visit(context, block, block_bytes_at(block), false);
    }
}
