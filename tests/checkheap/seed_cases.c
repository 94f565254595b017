/*
 * seed_cases.c - the seed's mm_checkheap catches each of I1..I4.
 */
#include "allocators/seed.c"
#include "tests/checkheap/cases.h"

/* Three blocks, the middle one free (the seed never merges or splits). */
static void build(void)
{
    fresh_heap();
    mm_init();
    mm_malloc(24);
    void *middle = mm_malloc(40);
    mm_malloc(8);
    mm_free(middle);
}

static struct block *second_block(void)
{
    return first_block->next;
}

static void lose_the_list(void)
{
    first_block = NULL;
}

static void start_at_the_second_block(void)
{
    first_block = second_block();
}

/* The list skips the middle block. */
static void skip_a_block(void)
{
    first_block->next = second_block()->next;
}

/* The heap grows behind the allocator's back: the last block no longer
 * ends at the break. */
static void grow_the_break(void)
{
    mem_sbrk(ALIGNMENT);
}

/* The heap filled to a page boundary, and the last block's link points
 * at the break: the checker must say so without reading a header there,
 * past the heap (the page after the break is not mapped). */
static void link_to_the_break(void)
{
    size_t to_page_end = mem_pagesize() - mem_heapsize() % mem_pagesize();
    mm_malloc(to_page_end - header_bytes());
    last_block->next = (struct block *)((char *)mem_heap_hi() + 1);
}

/* The middle block's size claims the rest of the heap and more: its
 * end, where its next block should start, lies past the break. */
static void oversize_a_block(void)
{
    second_block()->size += mem_heapsize();
}

/* last_block moved to where the last block ends, as an extend_heap that
 * set it from block_end would: the list ends at a block that is not
 * last_block, and last_block is no block on the list. */
static void move_last_block_to_the_break(void)
{
    last_block = (struct block *)((char *)mem_heap_hi() + 1);
}

/* last_block left on the middle block, as an extend_heap that forgot to
 * move it would: the list ends at a block that is not last_block. */
static void leave_last_block_behind(void)
{
    last_block = second_block();
}

/* The last block links back to the first, as an extend_heap that linked
 * the new block in at the wrong end would leave it: a ring, each link
 * to a block start, but the list no longer ends (I3, not I2, which
 * holds for every block but the last). */
static void link_the_last_block_to_the_first(void)
{
    last_block->next = first_block;
}

/* A size one byte off: the middle block is no longer a multiple. */
static void misalign_a_size(void)
{
    second_block()->size += 1;
}

static const struct corruption cases[] = {
    CORRUPTION("I1", lose_the_list),
    CORRUPTION("I1", start_at_the_second_block),
    CORRUPTION("I2", skip_a_block),
    CORRUPTION("I3", grow_the_break),
    CORRUPTION("I3", link_to_the_break),
    CORRUPTION("I3", oversize_a_block),
    CORRUPTION("I3", move_last_block_to_the_break),
    CORRUPTION("I3", leave_last_block_behind),
    CORRUPTION("I3", link_the_last_block_to_the_first),
    CORRUPTION("I4", misalign_a_size),
};

void CHECKHEAP_CASES(void)
{
    run_cases("seed", build, mm_checkheap, cases, sizeof cases / sizeof cases[0]);
}
