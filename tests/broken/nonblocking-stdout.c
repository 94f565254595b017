/*
 * nonblocking-stdout.c - BUG, on purpose: mm_init makes standard output
 * non-blocking and, when it is a pipe, fills it. The trace's process
 * shares the driver's open standard output, so the flag would stay set
 * for the driver too: its table, written into a pipe still full, would
 * fail with EAGAIN ("error writing standard output") and be lost.
 *
 * Exposed by any trace run with standard output a pipe read slowly:
 * the driver puts the flag back when the trace's process ends, and its
 * table gets through whole.
 *
 * Otherwise the bump allocator every file in tests/broken/ shares (see
 * bump.h for the block diagram): | size (ALIGNMENT B) | payload |,
 * blocks tile [mem_heap_lo(), break); malloc and free O(1).
 */
#include "bump-but-init.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

int mm_init(void)
{
    struct stat out;
    int flags = fcntl(STDOUT_FILENO, F_GETFL);
    if (flags < 0 || fstat(STDOUT_FILENO, &out) != 0 || !S_ISFIFO(out.st_mode))
        return 0; /* a file or a terminal: the flag would do no harm */
    fcntl(STDOUT_FILENO, F_SETFL, flags | O_NONBLOCK); /* BUG */
    static const char junk[4096] = {'x'};
    while (write(STDOUT_FILENO, junk, sizeof junk) > 0)
        continue; /* until the pipe is full */
    return 0;
}
