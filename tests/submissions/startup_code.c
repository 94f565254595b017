/*
 * startup_code.c - a sample submission for tools/grade: code that runs
 * when the driver starts, outside any mm_* call. Its constructor asks
 * to run in every child process the driver forks. The driver forks one
 * child per trace for mm, then, under libc_reference = each, one per
 * trace for libc; from the fork past the mm children (this sample
 * assumes tests/grade.t's three traces) it arms a timer whose handler
 * spins through most of every 200 microseconds. libc then replays the
 * traces tens of times slower (measured: 690 Kops/s, against about
 * 70000 without the constructor), and the submission's ratio to it
 * earns full throughput points. None of the names it uses is
 * forbidden: the grader must flag the constructor itself (its
 * .init_array section), and not run the submission.
 */
#define _POSIX_C_SOURCE 200809L /* sigaction, setitimer, clock_gettime */

#include "mm.h"
#include "memlib.h"

#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>

enum { MM_CHILDREN = 3 };
static int forks_seen;

static void spin_most_of_a_tick(int signal_number)
{
    (void)signal_number;
    struct timespec start, now;
    clock_gettime(CLOCK_MONOTONIC, &start);
    do
        clock_gettime(CLOCK_MONOTONIC, &now);
    while ((now.tv_sec - start.tv_sec) * 1000000000L + (now.tv_nsec - start.tv_nsec) < 150000L);
}

static void count_fork(void) { forks_seen++; }

static void slow_libc_children(void)
{
    if (forks_seen <= MM_CHILDREN)
        return;
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = spin_most_of_a_tick;
    sigaction(SIGALRM, &action, NULL);
    struct itimerval every_200us = {{0, 200}, {0, 200}};
    setitimer(ITIMER_REAL, &every_200us, NULL);
}

__attribute__((constructor)) static void at_start(void)
{
    pthread_atfork(count_fork, NULL, slow_libc_children);
}

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
