/*
 * test_mm.c - mm.c's behaviour where a trace cannot show it: the driver
 * fails a trace at the first NULL, so what mm.c leaves behind after a
 * request it must refuse is tested here, through its interface, in an
 * arena too small for the request.
 */
#include "memlib.h"
#include "mm.h"
#include "tests/tap.h"

#include <string.h>

static const size_t ARENA_BYTES = 400 << 10;

/* A realloc that would have to grow the heap past the arena fails; the
 * free block at the top of the heap, which the block could have grown
 * into, must still be free afterwards: the block keeps its size and a
 * later request that fits that free block gets it without growing the
 * heap. (mm.c's block_grow_in_place took the free block into the block
 * before asking for the rest, and kept it when the heap would not grow.) */
static void test_failed_realloc_keeps_the_top_free(void)
{
    mem_init();
    mm_init();
    unsigned char *block = mm_malloc(100000);
    void *top = mm_malloc(200000);
    tap_ok(block != NULL && top != NULL, "failed realloc: the two blocks fit the arena");
    if (block == NULL || top == NULL)
        return;
    memset(block, 0x5a, 100000);
    mm_free(top); /* the free block at the top, just above `block` */
    size_t heap_bytes = mem_heapsize();
    tap_ok(mm_realloc(block, 4 * ARENA_BYTES) == NULL,
           "failed realloc: a block bigger than the arena is refused");
    bool intact = true;
    for (size_t i = 0; i < 100000; i++)
        intact &= block[i] == 0x5a;
    tap_ok(intact, "failed realloc: the block keeps its data");
    tap_ok(mm_checkheap(__LINE__), "failed realloc: the heap passes mm_checkheap");
    void *fits_top = mm_malloc(150000);
    tap_ok(fits_top != NULL && mem_heapsize() == heap_bytes,
           "failed realloc: the free block at the top still serves a request it fits, "
           "without growing the heap");
    mm_free(fits_top);
    mm_free(block);
    tap_ok(mm_checkheap(__LINE__), "failed realloc: the heap passes mm_checkheap after the frees");
    mem_deinit();
}

int main(void)
{
    mem_set_arena_size(ARENA_BYTES);
    test_failed_realloc_keeps_the_top_free();
    return tap_done();
}
