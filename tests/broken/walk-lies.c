/*
 * walk-lies.c - BUG: mm_heap_walk does not describe the heap. It calls
 * the first block free though its payload is live, visits that block a
 * second time, and then visits a block past the break. The allocator
 * itself is correct: at -d 0 and -d 1 the driver's checks pass on every
 * trace, since they do not use the walk; -d 2 checks the walk after
 * every op, and fails the trace at its first lie.
 *
 * Exposed by `mdriver --blocks` on tests/traces/walk-lies.rep, whose
 * drawing must show each lie for what it is ("free ..., yet #0 live in
 * it", "overlaps the block before", "not inside the heap") and not
 * crash, and by `mdriver -d 2` on the same trace, which must fail at
 * line 5 (`a 0 40`), where the walk first calls the block of id 0 free;
 * tests/blocks.t checks both. (tests/test_walk.c checks each lie's
 * message at -d 2 on walks of its own.)
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

void mm_heap_walk(mm_block_visitor visit, void *context)
{
    char *first = mem_heap_lo();
    char *brk = (char *)mem_heap_hi() + 1;
    if (mem_heapsize() == 0)
        return;
    visit(context, first, block_bytes_at(first), true); /* BUG: it is in use */
    visit(context, first, block_bytes_at(first), false); /* BUG: visited twice */
    for (char *block = first + block_bytes_at(first); block < brk;
         block += block_bytes_at(block))
        visit(context, block, block_bytes_at(block), false);
    visit(context, brk + ALIGNMENT, ALIGNMENT, false); /* BUG: past the break */
}
