/*
 * implicit_cases.c - the implicit list's mm_checkheap catches each of
 * I1..I7 (I7 with next fit only). Built once per fit policy.
 */
#include "allocators/implicit.c"
#include "tests/checkheap/cases.h"

/* Seven blocks, used and free in turn: A b C d E f G, lower case free. */
static block_t *blocks[7];

static void build(void)
{
    static const size_t sizes[7] = {24, 520, 24, 600, 24, 40, 24};
    fresh_heap();
    mm_init();
    for (int i = 0; i < 7; i++)
        blocks[i] = block_from_payload(mm_malloc(sizes[i]));
    for (int i = 1; i < 7; i += 2)
        mm_free(block_payload(blocks[i]));
}

static void damage_the_prologue_footer(void)
{
    *block_footer(prologue) = tag_pack(PROLOGUE_BYTES, false);
}

static void free_the_epilogue(void)
{
    epilogue->header = tag_pack(0, false);
}

/* A used block cut in two with tags that agree: one of a single tag,
 * smaller than MIN_BLOCK_BYTES, and the rest. */
static void cut_a_sliver(void)
{
    block_t *block = blocks[2];
    size_t size = block_size(block);
    block_set(block, TAG_BYTES, true);
    block_set(block_next(block), size - TAG_BYTES, true);
}

static void footer_says_free(void)
{
    *block_footer(blocks[2]) = tag_pack(block_size(blocks[2]), false);
}

/* A used block between two free ones marked free without merging. */
static void miss_a_coalesce(void)
{
    block_set(blocks[2], block_size(blocks[2]), false);
}

/* The last block's header claims the epilogue's bytes too. */
static void overrun_the_epilogue(void)
{
    blocks[6]->header = tag_pack(block_size(blocks[6]) + ALIGNMENT, true);
}

#if IMPLICIT_FIT == 2
static void rover_inside_a_block(void)
{
    rover = (block_t *)((char *)blocks[3] + ALIGNMENT);
}
#endif

static const struct corruption cases[] = {
    CORRUPTION("I1", damage_the_prologue_footer),
    CORRUPTION("I2", free_the_epilogue),
    CORRUPTION("I3", cut_a_sliver),
    CORRUPTION("I4", footer_says_free),
    CORRUPTION("I5", miss_a_coalesce),
    CORRUPTION("I6", overrun_the_epilogue),
#if IMPLICIT_FIT == 2
    CORRUPTION("I7", rover_inside_a_block),
#endif
};

void CHECKHEAP_CASES(void)
{
    run_cases(ALLOCATOR_NAME, build, mm_checkheap, cases, sizeof cases / sizeof cases[0]);
}
