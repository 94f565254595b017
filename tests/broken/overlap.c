/*
 * overlap.c - BUG: every third mm_malloc after mm_init steps back one
 * ALIGNMENT unit too far and returns the previous payload + ALIGNMENT, so
 * the new payload starts inside a live block and runs past its end.
 *
 * Exposed by tests/traces/overlap.rep line 7 (`a 2 32`, the third
 * request): the driver must report "payload ... overlaps live block id 1
 * ... allocated at line 6" at that line (a partial overlap, not an
 * enclosure).
 *
 * Otherwise the bump allocator every file in tests/broken/ shares (see
 * bump.h for the block diagram): | size (ALIGNMENT B) | payload |,
 * blocks tile [mem_heap_lo(), break); malloc and free O(1).
 * State (reset by mm_init): malloc_calls, last_payload.
 */
#include "bump.h"

static const unsigned BAD_STEP_EVERY = 3;

static unsigned malloc_calls;
static char *last_payload;

int mm_init(void)
{
    malloc_calls = 0;
    last_payload = NULL;
    return 0;
}

void *mm_malloc(size_t size)
{
    char *payload = new_block(size);
    if (payload == NULL)
        return NULL;
    char *previous = last_payload;
    last_payload = payload;
    if (++malloc_calls % BAD_STEP_EVERY == 0 && previous != NULL)
        return previous + ALIGNMENT; /* BUG: should be payload */
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
