/*
 * mm_cases.c - mm.c's mm_checkheap catches each of its invariants:
 * T1 (the tables), H1..H5 (blocks), B1..B6 (bins), R1..R4 (runs), F1..F3 (fixed runs),
 * M1..M7 (mixed runs), E1 (the small cluster's edge).
 */
#include "mm.c"
#include "tests/checkheap/cases.h"

/* The heap the cases break: a mixed run (slots of 3, 5 and 3 granules:
 * m0 m2 used, m1 free), a fixed run (one-granule slots: s0 s2 used, s1
 * free), then ordinary blocks A b C d E f G h, lower case free, h the
 * wilderness. (At ALIGNMENT 16, A and b go in the hole below the first
 * run, so only the blocks from C up are neighbours at both alignments.) */
static block_t *blocks[8];
static run_t *fixed_run;
static void *fixed_slots[3];
static run_t *mixed_run;

static void build(void)
{
    static const size_t sizes[8] = {300, 400, 300, 400, 300, 500, 300, 600};
    fresh_heap();
    mm_init();
    /* The mixed run first: in a new heap, a small request finds the free
     * block below the first run a quarter of the heap, and only a mixed
     * one is then given a block there instead (hole_serves_instead). */
    void *mixed_slots[3] = {mm_malloc(3 * ALIGNMENT), mm_malloc(5 * ALIGNMENT),
                            mm_malloc(3 * ALIGNMENT)};
    for (int i = 0; i < 3; i++)
        fixed_slots[i] = mm_malloc(ALIGNMENT);
    for (int i = 0; i < 8; i++)
        blocks[i] = block_from_payload(mm_malloc(sizes[i]));
    for (int i = 1; i < 8; i += 2)
        mm_free(block_payload(blocks[i]));
    mm_free(fixed_slots[1]);
    mm_free(mixed_slots[1]);
    fixed_run = run_of(fixed_slots[0]);
    mixed_run = run_of(mixed_slots[0]);
}

static mixed_run_t *mixed(void)
{
    return (mixed_run_t *)mixed_run;
}

/* ---- the tables ------------------------------------------------------ */

/* One row of bins fewer than the heap needs; the area keeps its place. */
static void drop_a_bin_row(void)
{
    bin_rows--;
}

/* ---- blocks ---------------------------------------------------------- */

/* The heap grows behind the allocator's back. */
static void grow_the_break(void)
{
    mem_sbrk(ALIGNMENT);
}

static void zero_a_size(void)
{
    blocks[0]->header &= FLAG_BITS;
}

static void damage_a_footer(void)
{
    *block_footer(blocks[1]) += ALIGNMENT;
}

/* E, between the free d and f, freed without merging; every tag, bit
 * and list agrees. */
static void miss_a_coalesce(void)
{
    block_t *block = blocks[4];
    block->header = (tag_t)block_size(block) | FREE_BIT | PREV_FREE_BIT;
    *block_footer(block) = (tag_t)block_size(block);
    block_set_prev_free(blocks[5], true);
    bin_insert(block);
}

/* E's header forgets that d below it is free. */
static void lose_a_prev_free_bit(void)
{
    block_set_prev_free(blocks[4], false);
}

/* ---- bins ------------------------------------------------------------ */

static void unlist_a_free_block(void)
{
    bin_remove(blocks[1]);
}

/* The wilderness pushed onto its bin as bin_insert would any other. */
static void list_the_wilderness(void)
{
    block_t *block = blocks[7];
    struct bin_index bin = bin_for_size(block_size(block));
    uint32_t old_first = bins[bin.fl][bin.sl];
    block->next_free = old_first;
    block->prev_free = 0;
    if (old_first != 0)
        block_at(old_first)->prev_free = offset_of(block);
    bins[bin.fl][bin.sl] = offset_of(block);
    sl_bitmap[bin.fl] |= (uint32_t)1 << bin.sl;
    fl_bitmap |= (uint32_t)1 << bin.fl;
    listed_bytes += block_size(block);
}

/* b's links both point at b: it is still linked from its prev (itself),
 * but the bin it is on no longer links back and forth with it. */
static void break_a_back_link(void)
{
    blocks[1]->prev_free = offset_of(blocks[1]);
    blocks[1]->next_free = offset_of(blocks[1]);
}

/* A link far past the heap: reported, not followed. */
static void point_a_link_past_the_heap(void)
{
    blocks[1]->prev_free = UINT32_C(0x40000000);
}

static void clear_a_bin_bit(void)
{
    struct bin_index bin = bin_for_size(block_size(blocks[1]));
    sl_bitmap[bin.fl] &= ~((uint32_t)1 << bin.sl);
}

/* A bit for a bin that does not exist: malloc would read past the row. */
_Static_assert(SL_COUNT < 32, "sl_bitmap has bits past the bins");
static void set_a_bit_past_the_bins(void)
{
    sl_bitmap[0] |= UINT32_C(1) << 31;
}

static void set_an_empty_level_bit(void)
{
    fl_bitmap |= (uint32_t)1 << (FL_COUNT - 1);
}

/* d moves to f's bin, after f (so not first there: the walk over the
 * blocks finds it linked from its prev), links, bitmaps and listed_bytes
 * all right for the lists as they now are: only its size says that it
 * is in the wrong bin. */
static void move_a_block_to_another_bin(void)
{
    block_t *moved = blocks[3], *host = blocks[5];
    uint32_t edge = small_edge;
    bin_remove(moved);
    small_edge = edge; /* d is still listed */
    listed_bytes += block_size(moved);
    moved->prev_free = offset_of(host);
    moved->next_free = host->next_free;
    *prev_link_or_scratch(host->next_free) = offset_of(moved);
    host->next_free = offset_of(moved);
}

/* The used C listed in d's stead, at the head of its own size's bin, so
 * that only its header says it is not free. d, free, looks linked in to
 * the walk over the blocks through a stale node in A's payload whose
 * next is d (as a merge that forgot to unlink leaves one); the counts
 * and listed_bytes agree. */
static void list_a_used_block(void)
{
    block_t *used = blocks[2], *d = blocks[3];
    block_t *stale = (block_t *)((char *)blocks[0] + 4 * ALIGNMENT);
    uint32_t edge = small_edge;
    bin_remove(d);
    small_edge = edge == offset_of(d) ? 0 : edge;
    struct bin_index bin = bin_for_size(block_size(used));
    uint32_t old_first = bins[bin.fl][bin.sl];
    used->next_free = old_first;
    used->prev_free = 0;
    *prev_link_or_scratch(old_first) = offset_of(used);
    bins[bin.fl][bin.sl] = offset_of(used);
    sl_bitmap[bin.fl] |= (uint32_t)1 << bin.sl;
    fl_bitmap |= (uint32_t)1 << bin.fl;
    listed_bytes += block_size(used);
    stale->next_free = offset_of(d);
    d->prev_free = offset_of(stale);
    d->next_free = 0;
}

static void miscount_listed_bytes(void)
{
    listed_bytes += ALIGNMENT;
}

/* ---- runs ------------------------------------------------------------ */

static void mark_an_ordinary_block_a_run(void)
{
    run_map_set(block_payload(blocks[0]), true);
}

static void stretch_a_run_block(void)
{
    run_block(fixed_run)->header += MIN_BLOCK_BYTES;
}

/* Every slot of the fixed run freed as slab_free would, but the run kept. */
static void keep_an_empty_run(void)
{
    for (int i = 0; i < 3; i += 2) {
        *(uint16_t *)fixed_slots[i] = fixed_of(fixed_run)->free_slot;
        fixed_of(fixed_run)->free_slot = (uint16_t)((char *)fixed_slots[i] - (char *)fixed_run);
        fixed_run->used_slots--;
    }
}

static void break_a_run_list_last(void)
{
    partial_runs[slab_class(fixed_run->slot_bytes)].last = 0;
}

/* The fixed run's first link back points at the mixed run, though it
 * is the first of its list; the list's last is untouched. */
static void break_a_run_list_back_link(void)
{
    fixed_run->prev_partial = run_link(mixed_run);
}

static void give_a_fixed_run_a_list(void)
{
    fixed_run->list = 1;
}

/* Three granules: a multiple of ALIGNMENT, but a mixed run's size, no
 * fixed run's class. */
static void give_a_fixed_run_a_mixed_slot_size(void)
{
    fixed_run->slot_bytes = 3 * ALIGNMENT;
}

static void miscount_used_slots(void)
{
    fixed_run->used_slots++;
}

static void misalign_the_bump(void)
{
    fixed_of(fixed_run)->bump++;
}

static void unlist_a_fixed_run(void)
{
    list_remove(run_list(fixed_run), fixed_run);
}

/* The fixed run moves to the next class's list, links intact. */
static void list_a_fixed_run_in_the_wrong_class(void)
{
    list_remove(run_list(fixed_run), fixed_run);
    list_push(&partial_runs[slab_class(fixed_run->slot_bytes) + 1], fixed_run);
}

static void free_a_sentinel(void)
{
    map_flip_bit(mixed()->alloc, MIXED_GRANULES);
}

/* m1's first granule (3), free, ends a slot. */
static void end_a_slot_on_a_free_granule(void)
{
    map_flip_bit(mixed()->ends, 3);
}

/* m0's last granule (2), before the free m1, ends no slot. */
static void leave_a_slot_unended(void)
{
    map_flip_bit(mixed()->ends, 2);
}

static void miscount_used_granules(void)
{
    mixed_run->used_slots++;
}

/* The run's list says a gap one granule shorter than its longest. */
static void understate_the_longest_gap(void)
{
    mixed_set_list(mixed_run, mixed_run->list - 1u);
}

static void unlist_a_mixed_run(void)
{
    mixed_list_remove(mixed_run, mixed_run->list);
}

static void set_an_empty_mixed_list_bit(void)
{
    mixed_nonempty |= (uint64_t)1 << 1;
}

/* A bit for a mixed list that does not exist. */
_Static_assert(MIXED_LISTS < 64, "mixed_nonempty has bits past the mixed lists");
static void set_a_bit_past_the_mixed_lists(void)
{
    mixed_nonempty |= (uint64_t)1 << 63;
}

/* ---- the small cluster's edge --------------------------------------- */

/* The edge left pointing at a block that was put to use (bin_remove not
 * told), and at the wilderness, which no bin holds. */
static void point_the_edge_at_a_used_block(void)
{
    small_edge = offset_of(blocks[2]);
}

static void point_the_edge_at_the_wilderness(void)
{
    small_edge = offset_of(blocks[7]);
}

static const struct corruption cases[] = {
    CORRUPTION("T1", drop_a_bin_row),
    CORRUPTION("H1", grow_the_break),
    CORRUPTION("H2", zero_a_size),
    CORRUPTION("H3", damage_a_footer),
    CORRUPTION("H4", miss_a_coalesce),
    CORRUPTION("H5", lose_a_prev_free_bit),
    CORRUPTION("B1", unlist_a_free_block),
    CORRUPTION("B1", move_a_block_to_another_bin),
    CORRUPTION("B1", list_a_used_block),
    CORRUPTION("B2", list_the_wilderness),
    CORRUPTION("B3", break_a_back_link),
    CORRUPTION("B3", point_a_link_past_the_heap),
    CORRUPTION("B4", clear_a_bin_bit),
    CORRUPTION("B4", set_a_bit_past_the_bins),
    CORRUPTION("B5", set_an_empty_level_bit),
    CORRUPTION("B6", miscount_listed_bytes),
    CORRUPTION("R1", mark_an_ordinary_block_a_run),
    CORRUPTION("R2", stretch_a_run_block),
    CORRUPTION("R3", keep_an_empty_run),
    CORRUPTION("R4", break_a_run_list_last),
    CORRUPTION("R4", break_a_run_list_back_link),
    CORRUPTION("F1", give_a_fixed_run_a_list),
    CORRUPTION("F1", give_a_fixed_run_a_mixed_slot_size),
    CORRUPTION("F2", miscount_used_slots),
    CORRUPTION("F2", misalign_the_bump),
    CORRUPTION("F3", unlist_a_fixed_run),
    CORRUPTION("F3", list_a_fixed_run_in_the_wrong_class),
    CORRUPTION("M1", free_a_sentinel),
    CORRUPTION("M2", end_a_slot_on_a_free_granule),
    CORRUPTION("M3", leave_a_slot_unended),
    CORRUPTION("M4", miscount_used_granules),
    CORRUPTION("M5", understate_the_longest_gap),
    CORRUPTION("M6", unlist_a_mixed_run),
    CORRUPTION("M7", set_an_empty_mixed_list_bit),
    CORRUPTION("M7", set_a_bit_past_the_mixed_lists),
    CORRUPTION("E1", point_the_edge_at_a_used_block),
    CORRUPTION("E1", point_the_edge_at_the_wilderness),
};

void CHECKHEAP_CASES(void)
{
    run_cases("mm", build, mm_checkheap, cases, sizeof cases / sizeof cases[0]);
}
