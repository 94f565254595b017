/*
 * heap-tell.c - a probe for a cheat, not a bug: mm_init looks at the
 * start of the heap for the mark the previous replay left there. A
 * replay that finds it would know it follows another in the same heap
 * without a reset: a timed replay, where a cheat could cut corners that
 * no check sees. This file aborts instead, so that the driver shows it.
 *
 * Run on any trace with timing (tests/traces/heap-tell.rep): the trace
 * must be valid, since every replay, timed or checked, must start from a
 * heap that reads as zeros (mem_rewind_brk zeroes what mem_reset_brk
 * discards). When the timing pass kept the last replay's contents, it
 * died of SIGABRT in the timing pass.
 *
 * Otherwise the bump allocator every file in tests/broken/ shares (see
 * bump.h for the block diagram): | size (ALIGNMENT B) | payload |,
 * blocks tile [mem_heap_lo() + ALIGNMENT, break), after the mark;
 * malloc and free O(1).
 */
#include "bump-but-init.h"

#include <stdlib.h>

static const uint64_t MARK = 0x7e11ab1e5eedc0deu;

int mm_init(void)
{
    uint64_t *first_word = mem_sbrk((intptr_t)ALIGNMENT);
    if (first_word == (void *)-1)
        return -1;
    if (*first_word == MARK)
        abort(); /* a cheat would start cutting corners here */
    *first_word = MARK;
    return 0;
}
