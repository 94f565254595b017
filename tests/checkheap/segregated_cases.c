/*
 * segregated_cases.c - the segregated lists' mm_checkheap catches each
 * of I1..I6 and L1..L6.
 */
#include "allocators/segregated.c"
#include "tests/checkheap/cases.h"
#include "tests/checkheap/seven_blocks.h"

/* In seven_blocks.h's A b C d E f G, b and d (528 and 608 bytes at
 * ALIGNMENT 8) share the class from 512, in size order; f is alone in a
 * small class. */

static block_t **head_of(block_t *block)
{
    return &class_head[class_of(block_size(block))];
}

static void free_the_epilogue(void)
{
    epilogue->header &= ~ALLOCATED;
}

/* The heap grows behind the allocator's back: every tag as it was, but
 * the epilogue is no longer just below the break. */
static void grow_the_break(void)
{
    mem_sbrk(ALIGNMENT);
}

/* A used block cut in two: one of a single tag, smaller than
 * MIN_BLOCK_BYTES, and the rest (whose P bit says the sliver is used). */
static void cut_a_sliver(void)
{
    block_t *block = blocks[2];
    size_t size = block_size(block);
    block_write(block, TAG_BYTES, true, false);
    block_write(block_next(block), size - TAG_BYTES, true, true);
}

static void footer_loses_its_p_bit(void)
{
    *block_footer(blocks[1]) &= ~PREV_ALLOCATED;
}

/* c's P bit says b is allocated; b is free. */
static void p_bit_says_allocated(void)
{
    blocks[2]->header |= PREV_ALLOCATED;
}

/* A used block between two free ones freed onto its list, unmerged, its
 * successor told (so the P bits all agree). */
static void miss_a_coalesce(void)
{
    block_write(blocks[2], block_size(blocks[2]), false, false);
    block_set_prev_allocated(blocks[3], false);
    list_insert(blocks[2]);
}

/* The epilogue's P bit says G, the last block, is free: what an
 * allocation that forgot to tell its successor would leave. */
static void epilogue_p_bit_says_free(void)
{
    block_set_prev_allocated(epilogue, false);
}

/* The last block's header claims the epilogue's bytes too. */
static void overrun_the_epilogue(void)
{
    blocks[6]->header += ALIGNMENT;
}

/* The heads said to be where block c is: a table the blocks overlap. */
static void heads_inside_the_blocks(void)
{
    class_head = (block_t **)blocks[2];
}

static void head_has_a_prev(void)
{
    (*head_of(blocks[1]))->prev_free = blocks[5];
}

/* f's class head, in a new heap that has no blocks yet, still names f,
 * a block of the last heap: the head lies past the break, and must be
 * refused before a link is read there. */
static void keep_a_head_across_mm_init(void)
{
    block_t *stale_head = blocks[5];
    size_t class_index = class_of(block_size(stale_head));
    fresh_heap();
    mm_init();
    class_head[class_index] = stale_head;
}

/* d, the last of b's list, links on to the epilogue, past the last
 * block; every free block is still linked in by its prev link. */
static void link_the_last_to_the_epilogue(void)
{
    blocks[3]->next_free = epilogue;
}

/* The heap grown by one used block to end on a page, and f's next_free
 * (f is alone in its class) pointed at the header-sized slot just under
 * the epilogue: a free block there would have its links past the break,
 * in memory that is not mapped, so the link must be refused before it is
 * followed. The block is the allocator's own, bigger than any free one
 * so that it extends the heap; if the heap does not then end on a page,
 * nothing is broken, and the case fails as a clean heap. */
static void link_f_to_just_under_a_page_end_epilogue(void)
{
    size_t page = mem_pagesize();
    size_t bytes = page - mem_heapsize() % page;
    while (bytes < 2 * SMALL_LIMIT_BYTES)
        bytes += page;
    if (mm_malloc(bytes - TAG_BYTES) == NULL || mem_heapsize() % page != 0)
        return;
    blocks[5]->next_free = (block_t *)((char *)epilogue - TAG_BYTES);
}

/* b, the first of its list, marked used and its successor told. */
static void list_a_used_block(void)
{
    block_write(blocks[1], block_size(blocks[1]), true, true);
    block_set_prev_allocated(blocks[2], true);
}

/* As an allocation that forgot to unlink would leave it: b used, its
 * successor told, and its prev link overwritten by the new owner's data.
 * Still L2's, not the head's prev link's (L1). */
static void list_a_used_block_written_over(void)
{
    list_a_used_block();
    memset(&blocks[1]->prev_free, 0x5a, sizeof blocks[1]->prev_free);
}

static void unlink_a_free_block(void)
{
    list_remove(blocks[3]);
}

/* d, b's next, becomes a ring of its own: still linked in
 * (d->prev_free->next_free == d), but it no longer links back to b. */
static void break_a_back_link(void)
{
    blocks[3]->prev_free = blocks[3];
    blocks[3]->next_free = blocks[3];
}

/* Every free block stays linked in (b->prev_free->next_free == b), but
 * in a ring that no class head leads to. */
static void detach_the_lists_as_a_ring(void)
{
    *head_of(blocks[1]) = NULL;
    *head_of(blocks[5]) = NULL;
    for (int i = 1; i < 7; i += 2) {
        block_t *next = blocks[(i + 2) % 6];
        blocks[i]->next_free = next;
        next->prev_free = blocks[i];
    }
}

/* Stale nodes, as a merge that forgot to unlink would leave: in d's
 * place on its list, a free block of d's size whose tags and links are
 * written inside b's payload; and d, on no list now, still looks linked
 * in through another such node whose next is d. Count, classes, order,
 * links and tags all agree: only the addresses say that the lists are
 * not the heap's free blocks. */
static void list_stale_blocks_for_d(void)
{
    block_t *d = blocks[3];
    block_t *stale = (block_t *)((char *)blocks[1] + 4 * ALIGNMENT);
    block_t *stale_prev = (block_t *)((char *)stale + 4 * ALIGNMENT);
    block_write(stale, block_size(d), false, true);
    list_remove(d);
    list_insert(stale);
    stale_prev->next_free = d;
    d->prev_free = stale_prev;
}

/* A stale node as well, as a split that put its tail on a list and then
 * forgot it had: a free block of f's size whose tags and links are inside
 * b's payload, on f's list. Every listed block looks free and every link
 * agrees: only the count says the lists hold more than the heap. */
static void list_a_stale_block_too(void)
{
    block_t *stale = (block_t *)((char *)blocks[1] + 4 * ALIGNMENT);
    block_write(stale, block_size(blocks[5]), false, true);
    list_insert(stale);
}

/* d moves to the end of f's list, in size order, links intact. */
static void list_in_the_wrong_class(void)
{
    list_remove(blocks[3]);
    blocks[5]->next_free = blocks[3];
    blocks[3]->prev_free = blocks[5];
    blocks[3]->next_free = NULL;
}

/* b and d change places on their list, links intact. */
static void swap_a_list(void)
{
    *head_of(blocks[1]) = blocks[3];
    blocks[3]->prev_free = NULL;
    blocks[3]->next_free = blocks[1];
    blocks[1]->prev_free = blocks[3];
    blocks[1]->next_free = NULL;
}

static const struct corruption cases[] = {
    CORRUPTION("I1", free_the_epilogue),
    CORRUPTION("I1", grow_the_break),
    CORRUPTION("I2", cut_a_sliver),
    CORRUPTION("I3", footer_loses_its_p_bit),
    CORRUPTION("I4", p_bit_says_allocated),
    CORRUPTION("I4", epilogue_p_bit_says_free),
    CORRUPTION("I5", miss_a_coalesce),
    CORRUPTION("I6", overrun_the_epilogue),
    CORRUPTION("I6", heads_inside_the_blocks),
    CORRUPTION("I6", start_an_alignment_up),
    CORRUPTION("L1", head_has_a_prev),
    CORRUPTION("L2", list_a_used_block),
    CORRUPTION("L2", list_a_used_block_written_over),
    CORRUPTION("L2", keep_a_head_across_mm_init),
    CORRUPTION("L2", link_the_last_to_the_epilogue),
    CORRUPTION("L2", link_f_to_just_under_a_page_end_epilogue),
    CORRUPTION("L3", unlink_a_free_block),
    CORRUPTION("L3", break_a_back_link),
    CORRUPTION("L4", detach_the_lists_as_a_ring),
    CORRUPTION("L4", list_stale_blocks_for_d),
    CORRUPTION("L4", list_a_stale_block_too),
    CORRUPTION("L5", list_in_the_wrong_class),
    CORRUPTION("L6", swap_a_list),
};

void CHECKHEAP_CASES(void)
{
    run_cases(ALLOCATOR_NAME, build, mm_checkheap, cases, sizeof cases / sizeof cases[0]);
}
