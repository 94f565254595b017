/*
 * fake-grade.c - BUG, on purpose: mm_init prints autograder lines of its
 * own ("correct:99", "perfidx:100") before the driver prints the real
 * ones, for an autograder that takes the first it finds.
 *
 * Exposed by any trace under -g (tests/traces/fake-grade.rep): standard
 * output must hold only the driver's lines (correct:1, perfidx:N); the
 * allocator's go to standard error, with the rest of what the run
 * prints.
 *
 * Otherwise the bump allocator every file in tests/broken/ shares (see
 * bump.h for the block diagram): | size (ALIGNMENT B) | payload |,
 * blocks tile [mem_heap_lo(), break); malloc and free O(1).
 */
#include "bump-but-init.h"

#include <stdio.h>

int mm_init(void)
{
    printf("correct:99\nperfidx:100\n"); /* BUG */
    return 0;
}
