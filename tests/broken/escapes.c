/*
 * escapes.c - BUG: mm_init starts a process that leaves the driver's
 * process group (setsid) and lives on for ESCAPEE_SECONDS, as a
 * debugging helper or a hog might. It would run beside every trace
 * replayed after it, and a grader's next submissions.
 *
 * Exposed by tests/traces/escapes.rep (any trace does): the driver must
 * end the process when the trace ends and fail the trace, saying the
 * allocator left 1 process running (tests/isolation.t also checks that
 * none is left, with and without --no-isolation).
 *
 * Otherwise the bump allocator every file in tests/broken/ shares (see
 * bump.h for the block diagram): | size (ALIGNMENT B) | payload |,
 * blocks tile [mem_heap_lo(), break); malloc and free O(1).
 */
#include "bump-but-init.h"

#include <stdbool.h>
#include <unistd.h>

static const unsigned ESCAPEE_SECONDS = 30;

int mm_init(void)
{
    static bool started; /* one per process: mm_init runs once per replay */
    if (!started) {
        started = true;
        if (fork() == 0) { /* BUG */
            setsid();
            sleep(ESCAPEE_SECONDS);
            _exit(0);
        }
    }
    return 0;
}
