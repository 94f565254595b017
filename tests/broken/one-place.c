/*
 * one-place.c - BUG: mm_malloc hands every request the same payload, the
 * first block's, growing that block when a request is bigger; live blocks
 * all overlap.
 *
 * Exposed by tests/traces/one-place.rep (three live blocks of 5000 bytes):
 * at -d 1 the driver names the second malloc (line 6) as overlapping the
 * first; at -d 0, which checks no overlap, the heap (5000 bytes and a
 * header) is smaller than the 15000 the live payloads need, and the driver
 * must say the payloads overlap or the figures were written over, not
 * only the latter, and show no utilization (it showed 183.1%, above the
 * ceiling). tests/oracle.t checks both.
 *
 * Otherwise the bump allocator every file in tests/broken/ shares (see
 * bump.h for the block diagram): | size (ALIGNMENT B) | payload |.
 * State: none (the one block is found from the heap).
 */
#include "bump.h"

int mm_init(void)
{
    return 0;
}

void *mm_malloc(size_t size)
{
    if (mem_heapsize() == 0)
        return new_block(size);
    char *payload = (char *)mem_heap_lo() + HEADER_BYTES;
    size_t have = payload_bytes(payload);
    if (size > have) { /* BUG: grows the one block instead of making another */
        if (!request_fits(size) || mem_sbrk((intptr_t)(round_up(size) - round_up(have))) ==
                                       (void *)-1)
            return NULL;
        write_header((char *)mem_heap_lo(), size);
    }
    return payload;
}

void mm_free(void *ptr)
{
    (void)ptr;
}

void *mm_realloc(void *ptr, size_t size)
{
    return realloc_by_copy(ptr, size, new_block, copy_payload);
}
