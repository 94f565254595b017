/*
 * init-past-break.c - BUG: mm_init grows the heap for a prologue word,
 * then writes an epilogue header (size 0, allocated bit set) after it,
 * where the CS:APP design puts one after growing the heap for both: the
 * heap was not grown for it, so the header lies just past the break. The
 * break's page is mapped, so the write does not fault.
 *
 * Exposed by tests/traces/init-past-break.rep before its first op
 * (line 5, `a 0 100`), whose mem_sbrk covers the byte: the driver must
 * report the write as mm_init's ("in mm_init, before this op"), not as
 * the op's, and where ("byte 1 past mem_heap_hi() is 0x01").
 *
 * Otherwise the bump allocator every file in tests/broken/ shares (see
 * bump.h for the block diagram): | size (ALIGNMENT B) | payload |,
 * blocks tile [mem_heap_lo() + ALIGNMENT, break), after the prologue
 * word; malloc and free O(1).
 */
#include "bump-but-init.h"

static const size_t EPILOGUE_HEADER = 1; /* size 0 | allocated */

int mm_init(void)
{
    if (mem_sbrk((intptr_t)HEADER_BYTES) == (void *)-1) /* the prologue */
        return -1;
    *(size_t *)((char *)mem_heap_hi() + 1) = EPILOGUE_HEADER; /* BUG: past the break */
    return 0;
}
