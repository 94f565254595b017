/*
 * writes-fds.c - BUG, on purpose: mm_init writes autograder lines
 * ("correct:99", "perfidx:100") to every descriptor from 3 to 63, which
 * in the trace's process reaches whatever the driver left open there: its
 * saved standard output under -g and --csv - among them, where the lines
 * would come before the driver's own.
 *
 * Exposed by any trace under -g or --csv - (tests/traces/fake-grade.rep),
 * with isolation (without it the allocator runs in the driver's own
 * process, which promises nothing of the kind): standard output must
 * hold only the driver's lines, as for fake-grade.c.
 *
 * Otherwise the bump allocator every file in tests/broken/ shares (see
 * bump.h for the block diagram): | size (ALIGNMENT B) | payload |,
 * blocks tile [mem_heap_lo(), break); malloc and free O(1).
 */
#include "bump-but-init.h"

#include <unistd.h>

int mm_init(void)
{
    static const char lines[] = "correct:99\nperfidx:100\n";
    for (int fd = 3; fd < 64; fd++) /* BUG */
        if (write(fd, lines, sizeof lines - 1) < 0)
            continue; /* not open: the next */
    return 0;
}
