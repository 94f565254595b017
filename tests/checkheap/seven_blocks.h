/*
 * seven_blocks.h - the small heap the implicit, explicit and segregated
 * cases break: seven blocks, used and free in turn, A b C d E f G (lower
 * case free), built through the allocator itself. Included after the
 * allocator's source, whose block_from_payload and block_payload it uses.
 */
#ifndef TESTS_CHECKHEAP_SEVEN_BLOCKS_H
#define TESTS_CHECKHEAP_SEVEN_BLOCKS_H

static block_t *blocks[7];

/* The seven blocks, with the heap's first lead bytes taken before
 * mm_init: 0 for the heap mm_init is promised (mm.h). */
static void build_after(size_t lead)
{
    static const size_t sizes[7] = {24, 520, 24, 600, 24, 40, 24};
    fresh_heap();
    if (lead > 0)
        mem_sbrk((intptr_t)lead);
    mm_init();
    for (int i = 0; i < 7; i++)
        blocks[i] = block_from_payload(mm_malloc(sizes[i]));
    for (int i = 1; i < 7; i += 2)
        mm_free(block_payload(blocks[i]));
}

static void build(void)
{
    build_after(0);
}

/* Every tag and link consistent, but the whole layout ALIGNMENT bytes
 * above the heap's start: what an mm_init whose lead pad is one
 * ALIGNMENT too big leaves (I6 counts the lead in the heap's size). */
static void start_an_alignment_up(void)
{
    build_after(ALIGNMENT);
}

#endif /* TESTS_CHECKHEAP_SEVEN_BLOCKS_H */
