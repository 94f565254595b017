/*
 * explicit_cases.c - the explicit list's mm_checkheap catches each of
 * I1..I6 and L1..L5 (L5 in address order only). Built once per order.
 */
#include "allocators/explicit.c"
#include "tests/checkheap/cases.h"
#include "tests/checkheap/boundary_tag_cases.h"

/* The heap is boundary_tag_cases.h's A b C d E f G, whose list holds
 * b, d and f (in LIFO order f d b). */

/* A used block between two free ones freed onto the list, unmerged. */
static void miss_a_coalesce(void)
{
    block_set(blocks[2], block_size(blocks[2]), false);
    list_insert(blocks[2]);
}

static void head_has_a_prev(void)
{
    free_head->prev_free = free_head->next_free;
}

/* The head kept across mm_init, as an mm_init that forgot to reset it
 * would leave it: the new heap has no blocks yet, so the old head lies
 * past its break, and must be refused before a link is read there. */
static void keep_the_head_across_mm_init(void)
{
    block_t *stale_head = free_head;
    fresh_heap();
    mm_init();
    free_head = stale_head;
}

/* The list's last block links on to the epilogue, past the last block;
 * every free block is still linked in by its prev link. */
static void link_the_last_to_the_epilogue(void)
{
    block_t *last = free_head;
    while (last->next_free != NULL)
        last = last->next_free;
    last->next_free = epilogue;
}

/* The list's first block is marked used (tags agree; nothing else moves). */
static void list_a_used_block(void)
{
    block_set(free_head, block_size(free_head), true);
}

/* As an allocation that forgot to unlink would leave it: the head used,
 * and its prev link overwritten by the new owner's data. Still L2's, not
 * the head's prev link's (L1). */
static void list_a_used_block_written_over(void)
{
    block_set(free_head, block_size(free_head), true);
    memset(&free_head->prev_free, 0x5a, sizeof free_head->prev_free);
}

static void unlink_a_free_block(void)
{
    list_remove(free_head->next_free);
}

/* The second and third blocks of the list link only to each other: each
 * is still linked in, but the head's next no longer links back to it. */
static void break_a_back_link(void)
{
    block_t *second = free_head->next_free, *third = second->next_free;
    second->prev_free = third;
    third->next_free = second;
}

/* Every free block stays linked in (b->prev_free->next_free == b), but
 * in a ring that the head does not lead to. */
static void detach_the_list_as_a_ring(void)
{
    block_t *last = free_head;
    while (last->next_free != NULL)
        last = last->next_free;
    last->next_free = free_head;
    free_head->prev_free = last;
    free_head = NULL;
}

/* The heap grown by one used block to end on a page, and the list's
 * last block linked to the header-sized slot just under the epilogue: a
 * free block there would have its links past the break, in memory that
 * is not mapped, so the link must be refused before it is followed. If
 * the heap cannot be made to end on a page, nothing is broken, and the
 * case fails as a clean heap. */
static void link_the_last_to_just_under_a_page_end_epilogue(void)
{
    size_t page = mem_pagesize();
    size_t bytes = page - mem_heapsize() % page;
    if (bytes < MIN_BLOCK_BYTES)
        bytes += page;
    block_t *filler = epilogue;
    if (bytes % ALIGNMENT != 0 || mem_sbrk((intptr_t)bytes) == (void *)-1)
        return;
    block_set(filler, bytes, true);
    epilogue = block_next(filler);
    epilogue->header = tag_pack(0, true);
    block_t *last = free_head;
    while (last->next_free != NULL)
        last = last->next_free;
    last->next_free = (block_t *)((char *)epilogue - TAG_BYTES);
}

/* d and f taken off the list, and in their place two stale nodes inside
 * d, placed so that their addresses sum to d's and f's; d and f still
 * look linked in, each through another stale node whose next is it.
 * Count, links, tags and the plain sum of addresses all agree. */
static void list_two_stale_nodes_summing_to_d_and_f(void)
{
    block_t *d = blocks[3], *f = blocks[5];
    block_t *first = (block_t *)((char *)d + 10 * ALIGNMENT);
    block_t *second = (block_t *)((char *)f - 10 * ALIGNMENT);
    block_t *links_f = (block_t *)((char *)d + 16 * ALIGNMENT);
    block_t *links_d = (block_t *)((char *)d + 20 * ALIGNMENT);
    list_remove(d);
    list_remove(f);
    block_set(first, MIN_BLOCK_BYTES, false);
    block_set(second, MIN_BLOCK_BYTES, false);
    list_insert(first);
    list_insert(second);
    links_f->next_free = f;
    f->prev_free = links_f;
    links_d->next_free = d;
    d->prev_free = links_d;
}

/* Stale nodes, as a merge that forgot to unlink would leave: in d's
 * place on the list, a free block's tags and links written inside b's
 * payload; and d, on no list now, still looks linked in through another
 * such node whose next is d. Count, links and tags all agree: only the
 * addresses say that the list is not the heap's free blocks. */
static void list_stale_blocks_for_d(void)
{
    block_t *d = blocks[3];
    block_t *stale = (block_t *)((char *)blocks[1] + 4 * ALIGNMENT);
    block_t *stale_prev = (block_t *)((char *)stale + 4 * ALIGNMENT);
    block_set(stale, MIN_BLOCK_BYTES, false);
    list_replace(d, stale);
    stale_prev->next_free = d;
    d->prev_free = stale_prev;
}

/* A stale node as well, as a split that put its tail on the list and
 * then forgot it had: a free block's tags and links inside b's payload,
 * on the list beside b, d and f. Every listed block looks free and every
 * link agrees: only the count says the list holds more than the heap. */
static void list_a_stale_block_too(void)
{
    block_t *stale = (block_t *)((char *)blocks[1] + 4 * ALIGNMENT);
    block_set(stale, MIN_BLOCK_BYTES, false);
    list_insert(stale);
}

#if EXPLICIT_ORDER == 2
/* The first two blocks of the list change places, links intact. */
static void swap_the_first_two(void)
{
    block_t *first = free_head, *second = first->next_free, *third = second->next_free;
    free_head = second;
    second->prev_free = NULL;
    second->next_free = first;
    first->prev_free = second;
    first->next_free = third;
    if (third != NULL)
        third->prev_free = first;
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
    CORRUPTION("L1", head_has_a_prev),
    CORRUPTION("L2", list_a_used_block),
    CORRUPTION("L2", list_a_used_block_written_over),
    CORRUPTION("L2", keep_the_head_across_mm_init),
    CORRUPTION("L2", link_the_last_to_the_epilogue),
    CORRUPTION("L2", link_the_last_to_just_under_a_page_end_epilogue),
    CORRUPTION("L3", unlink_a_free_block),
    CORRUPTION("L3", break_a_back_link),
    CORRUPTION("L4", detach_the_list_as_a_ring),
    CORRUPTION("L4", list_stale_blocks_for_d),
    CORRUPTION("L4", list_a_stale_block_too),
    CORRUPTION("L4", list_two_stale_nodes_summing_to_d_and_f),
#if EXPLICIT_ORDER == 2
    CORRUPTION("L5", swap_the_first_two),
#endif
};

void CHECKHEAP_CASES(void)
{
    run_cases(ALLOCATOR_NAME, build, mm_checkheap, cases, sizeof cases / sizeof cases[0]);
}
