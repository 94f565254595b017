/*
 * watches_clock.c - a sample submission for tools/grade: a correct bump
 * allocator that reads the clock at every mm_init, with clock_gettime
 * and, on x86, with the rdtsc instruction. That is all a cheat needs to
 * tell the driver's checked replays (slow: every result is verified)
 * from its timed ones, and so to cut corners only where nothing checks;
 * this one does nothing with the time. Reading the clock breaks no
 * rule: the grader grades it as usual and says in its notes that it
 * reads the clock, so that an instructor can read the code.
 */
#include "mm.h"
#include "memlib.h"

#include <stddef.h>
#include <stdint.h>
#include <time.h>

static uint64_t last_start; /* read, never used: the sample only watches */

static uint64_t cycle_counter(void)
{
#if defined(__x86_64__)
    uint32_t low, high;
    __asm__ volatile("rdtsc" : "=a"(low), "=d"(high));
    return ((uint64_t)high << 32) | low;
#else
    return 0;
#endif
}

int mm_init(void)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    last_start = (uint64_t)now.tv_nsec + cycle_counter();
    return 0;
}

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
