/*
 * init-deinit.c - BUG: mm_init "starts clean" with memlib's mem_deinit,
 * which is the driver's: the arena is released before the first op, and
 * mem_sbrk refuses every request after it.
 *
 * Exposed by tests/traces/init-deinit.rep, before its first op (line 5,
 * `a 0 100`): the driver must say that mm_init called mem_deinit, not
 * that mem_sbrk refused to grow the heap past the arena (the trace needs
 * a few hundred bytes of it).
 *
 * Otherwise the bump allocator every file in tests/broken/ shares (see
 * bump.h for the block diagram): | size (ALIGNMENT B) | payload |,
 * blocks tile [mem_heap_lo(), break); malloc and free O(1).
 */
#include "bump-but-init.h"

int mm_init(void)
{
    mem_deinit(); /* BUG: memlib's set-up is the driver's */
    return 0;
}
