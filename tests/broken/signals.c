/*
 * signals.c - BUG, on purpose: mm_malloc of a few odd sizes signals the
 * process group it runs in, or the driver's process, as a debugging
 * leftover or a hostile submission might (tools/grade forbids kill and
 * killpg by name; the driver must hold out all the same):
 *
 *   777  kill(getppid(), SIGTERM)   the driver's process: ignored, reported
 *   778  kill(0, SIGTERM)           its own group: the trace's process dies
 *   779  kill(0, SIGSTOP)           its own group: stopped, then killed
 *   780  kill(getppid(), SIGTSTP)   the driver's process: ignored, reported
 *   781  kill(getppid(), SIGINT)    the same
 *
 * Exposed by tests/traces/signals-*.rep (`a 0 SIZE` on line 5): each
 * fails its trace, saying how, and every other trace of the run keeps
 * its result (tests/isolation.t). Before the trace's process had a group
 * of its own, the driver stopped for good at 779 and died at 777 and 778.
 *
 * Otherwise the bump allocator every file in tests/broken/ shares (see
 * bump.h for the block diagram): | size (ALIGNMENT B) | payload |,
 * blocks tile [mem_heap_lo(), break); malloc and free O(1).
 */
#define _POSIX_C_SOURCE 200809L /* kill */
#include "bump.h"

#include <signal.h>
#include <unistd.h>

int mm_init(void)
{
    return 0;
}

/* The signal, and whom it goes to, for a request of size bytes. */
static void signal_for(size_t size)
{
    switch (size) {
    case 777: kill(getppid(), SIGTERM); break;
    case 778: kill(0, SIGTERM); break;
    case 779: kill(0, SIGSTOP); break;
    case 780: kill(getppid(), SIGTSTP); break;
    case 781: kill(getppid(), SIGINT); break;
    default: break;
    }
}

void *mm_malloc(size_t size)
{
    signal_for(size); /* BUG */
    return new_block(size);
}

void mm_free(void *ptr)
{
    (void)ptr;
}

void *mm_realloc(void *ptr, size_t size)
{
    return realloc_by_copy(ptr, size, new_block, copy_payload);
}
