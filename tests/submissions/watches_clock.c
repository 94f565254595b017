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
#include <string.h>
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

/* Each block starts with a 16-byte header holding its size, so that
 * realloc knows how much to copy (16 keeps payloads aligned for
 * ALIGNMENT 8 and 16 alike). */
enum { HEADER = 16 };

void *mm_malloc(size_t size)
{
    size_t bytes = HEADER + ((size + 15) & ~(size_t)15);
    char *block = mem_sbrk((intptr_t)bytes);
    if (block == (void *)-1)
        return NULL;
    *(size_t *)block = size;
    return block + HEADER;
}

void mm_free(void *ptr) { (void)ptr; }

void *mm_realloc(void *ptr, size_t size)
{
    void *moved = mm_malloc(size);
    if (ptr == NULL || moved == NULL)
        return moved;
    size_t old = *(size_t *)((char *)ptr - HEADER);
    memcpy(moved, ptr, old < size ? old : size);
    return moved;
}
