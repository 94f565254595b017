/*
 * seeks-stdout.c - BUG, on purpose: mm_malloc of more than SEEK_ABOVE_BYTES
 * moves standard output and error back to their start with lseek, which
 * the grader's rules allow. Where either is a regular file shared with
 * the driver, everything written after would overwrite what the earlier
 * traces wrote, and the driver's final tables the start of the file.
 *
 * Exposed by tests/traces/seeks-stdout.rep line 5 (`a 0 777`), after
 * another trace, with standard output in a file: the file must hold the
 * earlier trace's narration whole, and the tables after it. The trace
 * itself passes: seeking is not wrong, only what it does to the output.
 *
 * Otherwise the bump allocator every file in tests/broken/ shares (see
 * bump.h for the block diagram): | size (ALIGNMENT B) | payload |,
 * blocks tile [mem_heap_lo(), break); malloc and free O(1).
 */
#include "bump.h"

#include <unistd.h>

static const size_t SEEK_ABOVE_BYTES = 512;

int mm_init(void)
{
    return 0;
}

void *mm_malloc(size_t size)
{
    if (size > SEEK_ABOVE_BYTES) { /* BUG */
        lseek(STDOUT_FILENO, 0, SEEK_SET);
        lseek(STDERR_FILENO, 0, SEEK_SET);
    }
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
