/*
 * implicit_cases.c - the implicit list's mm_checkheap catches each of
 * I1..I7 (I7 with next fit only). Built once per fit policy.
 */
#include "allocators/implicit.c"
#include "tests/checkheap/cases.h"
#include "tests/checkheap/boundary_tag_cases.h"

/* A used block between two free ones marked free without merging. */
static void miss_a_coalesce(void)
{
    block_set(blocks[2], block_size(blocks[2]), false);
}

#if IMPLICIT_FIT == 2
static void rover_inside_a_block(void)
{
    rover = (block_t *)((char *)blocks[3] + ALIGNMENT);
}
#endif

static const struct corruption cases[] = {
    CORRUPTION("I1", damage_the_prologue_footer),
    CORRUPTION("I1", free_the_prologue),
    CORRUPTION("I2", free_the_epilogue),
    CORRUPTION("I2", grow_the_break),
    CORRUPTION("I3", cut_a_sliver),
    CORRUPTION("I4", footer_says_free),
    CORRUPTION("I5", miss_a_coalesce),
    CORRUPTION("I6", overrun_the_epilogue),
    CORRUPTION("I6", start_an_alignment_up),
#if IMPLICIT_FIT == 2
    CORRUPTION("I7", rover_inside_a_block),
#endif
};

void CHECKHEAP_CASES(void)
{
    run_cases(ALLOCATOR_NAME, build, mm_checkheap, cases, sizeof cases / sizeof cases[0]);
}
