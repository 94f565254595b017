/*
 * seven_blocks.h - the small heap the implicit, explicit and segregated
 * cases break: seven blocks, used and free in turn, A b C d E f G (lower
 * case free), built through the allocator itself. Included after the
 * allocator's source, whose block_from_payload and block_payload it uses.
 */
#ifndef TESTS_CHECKHEAP_SEVEN_BLOCKS_H
#define TESTS_CHECKHEAP_SEVEN_BLOCKS_H

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

#endif /* TESTS_CHECKHEAP_SEVEN_BLOCKS_H */
