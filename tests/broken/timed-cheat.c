/*
 * timed-cheat.c - BUG, on purpose: behaves in the replays it expects to
 * be checked and cuts a corner in the ones it expects to be timed. It
 * counts its mm_init calls; from the third on, mm_realloc returns a new
 * block without copying the payload (a realloc-heavy trace runs faster
 * for it). The driver's first correctness pass is call 1; if the second
 * pass always came next, as call 2, no check would ever see the cheat.
 *
 * Exposed by timing tests/traces/realloc-loses-data.rep (the second
 * pass runs after at least one timed replay, so it is call 3 or later):
 * the driver must report "second correctness pass, after N timed
 * replays" and "mm_realloc lost data". With --no-timing the two passes
 * are calls 1 and 2, and the trace passes.
 *
 * Otherwise the bump allocator every file in tests/broken/ shares (see
 * bump.h for the block diagram): | size (ALIGNMENT B) | payload |,
 * blocks tile [mem_heap_lo(), break); malloc and free O(1).
 */
#include "bump.h"

static unsigned init_calls;

/* copy_payload, in the replays the allocator hopes are only timed. */
static void copy_unless_timed(char *moved, void *old_payload, size_t new_bytes)
{
    if (init_calls <= 2)
        copy_payload(moved, old_payload, new_bytes); /* BUG: skipped from call 3 */
}

int mm_init(void)
{
    init_calls++;
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
    return realloc_by_copy(ptr, size, new_block, copy_unless_timed);
}
