/*
 * crash3-hang5.c - BUG: the segregated allocator, wrapped so that it
 * crashes on the third trace of the default suite and hangs on the fifth.
 *
 * Each trace runs in a fresh process, so the wrapper cannot count
 * traces; it recognises them by a request size that only that trace of
 * the default suite makes (checked when this file was written):
 *   1616 bytes: only traces/coalescing.rep (3rd): NULL dereference, SIGSEGV
 *   1013 bytes: only traces/random2.rep (5th): an endless loop
 * Every other trace runs on the correct allocator and must stay valid.
 * tests/isolation.t runs the default suite once with it and checks both
 * failures are named, the other nine traces pass, and the run ends in
 * well under the sum of the time limits.
 */
#define mm_malloc correct_mm_malloc
#include "../../allocators/segregated.c"
#undef mm_malloc

static const size_t CRASH_SIZE = 1616;
static const size_t HANG_SIZE = 1013;

void *mm_malloc(size_t size);

__attribute__((noinline, no_sanitize("undefined"))) static void crash(void)
{
    volatile int *volatile nowhere = NULL; /* volatile twice: neither the load nor the store may go */
    *nowhere = 1;
}

static void hang(void)
{
    for (volatile int forever = 1; forever;)
        ;
}

void *mm_malloc(size_t size)
{
    if (size == CRASH_SIZE)
        crash();
    if (size == HANG_SIZE)
        hang();
    return correct_mm_malloc(size);
}
