/*
 * init-crashes.c - BUG: mm_init reads through a NULL pointer, every time.
 *
 * Exposed by any trace: the message must say the crash came in mm_init,
 * before the first op (it named the first op, as if mm_malloc had
 * crashed). tests/isolation.t checks it on traces/short1.rep.
 *
 * Otherwise the bump allocator every file in tests/broken/ shares (see
 * bump.h for the block diagram): | size (ALIGNMENT B) | payload |,
 * blocks tile [mem_heap_lo(), break); malloc and free O(1).
 */
#include "bump-but-init.h"

/* BUG: a stray pointer. (Under -fsanitize=undefined the load must still
 * fault, as in crash.c, so that sanitizer builds test the driver on a
 * real SIGSEGV, not on UBSan's exit(1); noinline because gcc drops
 * no_sanitize from a function it inlines.) */
__attribute__((noinline, no_sanitize("undefined"))) static int read_stray_pointer(void)
{
    return *(int *volatile *)NULL != 0;
}

int mm_init(void)
{
    return read_stray_pointer();
}
