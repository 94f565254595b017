/*
 * boundary_tag_cases.h - the heap and the corruptions that implicit.c and
 * explicit.c share: both lay blocks out with a prologue, header == footer
 * tags and an epilogue, through the same helpers (block_set, tag_pack,
 * block_footer). Included by their cases files after the allocator's
 * source; each adds the cases its own invariants need.
 */
#ifndef TESTS_CHECKHEAP_BOUNDARY_TAG_CASES_H
#define TESTS_CHECKHEAP_BOUNDARY_TAG_CASES_H

#include "tests/checkheap/seven_blocks.h"

static void damage_the_prologue_footer(void)
{
    *block_footer(prologue) = tag_pack(PROLOGUE_BYTES, false);
}

/* Both tags free, so they still agree, as an mm_init that wrote the
 * prologue free would leave them: I1 checks what they say, not only that
 * they match. */
static void free_the_prologue(void)
{
    prologue->header = tag_pack(PROLOGUE_BYTES, false);
    *block_footer(prologue) = prologue->header;
}

static void free_the_epilogue(void)
{
    epilogue->header = tag_pack(0, false);
}

/* The heap grows behind the allocator's back: every tag as it was, but
 * the epilogue is no longer just below the break. */
static void grow_the_break(void)
{
    mem_sbrk(ALIGNMENT);
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

/* The last block's header claims the epilogue's bytes too. */
static void overrun_the_epilogue(void)
{
    blocks[6]->header = tag_pack(block_size(blocks[6]) + ALIGNMENT, true);
}

#endif /* TESTS_CHECKHEAP_BOUNDARY_TAG_CASES_H */
