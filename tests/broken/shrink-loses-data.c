/*
 * shrink-loses-data.c - BUG: a shrinking mm_realloc keeps the block in
 * place and heads the bytes it gives up as a block of their own, but puts
 * that header at the kept size rounded DOWN to ALIGNMENT, not up: when the
 * new size is not a multiple of ALIGNMENT, the header overwrites the last
 * bytes the payload keeps.
 *
 * Exposed by tests/traces/shrink-loses-data.rep line 6 (`r 0 52` on a
 * 100-byte block): the header lands at byte 48 (at ALIGNMENT 8 and 16
 * alike), so the driver must report "mm_realloc lost data: ... changed at
 * byte offset 48" at that line. A growing realloc copies correctly: only
 * the check of a shrinking one sees this.
 *
 * Otherwise the bump allocator every file in tests/broken/ shares (see
 * bump.h for the block diagram): | size (ALIGNMENT B) | payload |,
 * blocks tile [mem_heap_lo(), break); malloc and free O(1).
 */
#include "bump.h"

/* Shrink payload to size where it is: its header says size, and the tail
 * it gives up, if a header fits there, becomes a block (never reused: no
 * block in bump.h is), so the blocks still tile the heap. */
static void *shrink_in_place(char *payload, size_t size)
{
    size_t old_end = round_up(payload_bytes(payload));
    size_t kept_end = size / ALIGNMENT * ALIGNMENT; /* BUG: round_up(size) */
    write_header(payload - HEADER_BYTES, size);
    if (old_end - kept_end >= 2 * HEADER_BYTES)
        write_header(payload + kept_end, old_end - kept_end - HEADER_BYTES);
    return payload;
}

int mm_init(void)
{
    return 0;
}

void *mm_malloc(size_t size)
{
    return new_block(size);
}

void mm_free(void *ptr)
{
    (void)ptr;
}

void *mm_realloc(void *ptr, size_t size)
{
    if (ptr != NULL && size != 0 && size < payload_bytes(ptr))
        return shrink_in_place(ptr, size);
    return realloc_by_copy(ptr, size, new_block, copy_payload);
}
