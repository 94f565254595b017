/*
 * fakes_clock.c - a sample submission for tools/grade: a bump allocator
 * that also defines clock_gettime, the driver's timer, and so makes
 * every timed run take a few nanoseconds. Linked into the driver, it
 * would replace libc's for the whole program and earn full throughput
 * points: the grader must flag the name the driver calls (rules, all)
 * and not run it.
 */
#define _POSIX_C_SOURCE 200809L /* clockid_t */
#include "mm.h"
#include "memlib.h"

#include <stdint.h>
#include <string.h>
#include <time.h>

int mm_init(void) { return 0; }

void *mm_malloc(size_t size)
{
    void *p = mem_sbrk((intptr_t)((size + 15) & ~(size_t)15));
    return p == (void *)-1 ? NULL : p;
}

void mm_free(void *ptr) { (void)ptr; }

void *mm_realloc(void *ptr, size_t size)
{
    void *fresh = mm_malloc(size);
    if (ptr != NULL && fresh != NULL)
        memmove(fresh, ptr, size);
    return fresh;
}

int clock_gettime(clockid_t clock, struct timespec *now)
{
    static long ticks;
    (void)clock;
    now->tv_sec = 0;
    now->tv_nsec = ++ticks;
    return 0;
}
