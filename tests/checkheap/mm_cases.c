/*
 * mm_cases.c - mm.c's mm_checkheap catches each of its invariants:
 * T1 (the tables), H1..H5 (blocks), B1..B6 (bins), R1..R4 (runs), F1..F3 (fixed runs),
 * M1..M7 (mixed runs), E1 (the small cluster's edge), G1 (the growers). Every test in
 * mm_checkheap has a case that reaches it (at the default ALIGNMENT).
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

/* The bins a row off where the area puts them: sized right, misplaced. */
static void misplace_the_bins(void)
{
    bins++;
}

/* ---- blocks ---------------------------------------------------------- */

/* The heap grows behind the allocator's back. */
static void grow_the_break(void)
{
    mem_sbrk(ALIGNMENT);
}

/* The epilogue and the tables moved up past the break, as a heap_extend
 * that skipped its mem_sbrk would leave them (only the pointers: nothing
 * is written past the break). Refused before any block or table is read
 * there. */
static void extend_past_the_break(void)
{
    block_t *moved = (block_t *)((char *)epilogue + RUN_BYTES);
    unsigned rows = rows_for_heap((size_t)((char *)moved - heap_base));
    unsigned words = map_words_for_heap(moved);
    tables_use(tables_at((char *)moved + TAG_BYTES, rows, words), rows, words);
    epilogue = moved;
}

/* heap_base 4 bytes off its aligned place, as an mm_init that padded the
 * break wrongly would leave it: the first payload, and so every one, is
 * not aligned. */
static void misalign_the_heap_base(void)
{
    heap_base += TAG_BYTES;
}

static void zero_a_size(void)
{
    blocks[0]->header &= FLAG_BITS;
}

/* G (used) says it reaches past the epilogue. */
static void overstate_a_size(void)
{
    block_t *block = blocks[6];
    size_t size = (size_t)((char *)epilogue - (char *)block) + ALIGNMENT;
    block->header = (tag_t)size | (block->header & FLAG_BITS);
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

/* The epilogue's header forgets that h, the wilderness, is free. */
static void lose_the_epilogues_prev_free_bit(void)
{
    block_set_prev_free(epilogue, false);
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

/* The last block of the list that f is on. */
static block_t *last_on_fs_list(void)
{
    block_t *last = blocks[5];
    while (last->next_free != 0)
        last = block_at(last->next_free);
    return last;
}

/* The first block of d's bin is also linked from the last of f's list,
 * a bigger bin's, and links back to it: every free block's own links
 * agree with its neighbours', so only following d's bin from its head,
 * whose prev_free is then not 0, shows it. */
static void link_a_bin_head_from_another_list(void)
{
    struct bin_index bin = bin_for_size(block_size(blocks[3]));
    block_t *head = block_at(bins[bin.fl][bin.sl]), *last = last_on_fs_list();
    last->next_free = offset_of(head);
    head->prev_free = offset_of(last);
}

/* A stale node in A's payload that looks like a free block of f's size
 * hangs off the end of f's list: the lists then hold one block more than
 * the heap has free. */
static void list_a_stale_node(void)
{
    block_t *last = last_on_fs_list();
    block_t *stale = (block_t *)((char *)blocks[0] + 4 * ALIGNMENT);
    stale->header = (tag_t)block_size(blocks[5]) | FREE_BIT;
    stale->prev_free = offset_of(last);
    stale->next_free = 0;
    last->next_free = offset_of(stale);
}

/* d taken off its bin, as bin_remove does, but still linked from a stale
 * node in A's payload whose next is d (as a merge that forgot to unlink
 * leaves one): to the walk over the blocks d looks linked in, but no bin
 * leads to it. */
static void link_a_free_block_from_a_stale_node(void)
{
    block_t *d = blocks[3];
    block_t *stale = (block_t *)((char *)blocks[0] + 4 * ALIGNMENT);
    bin_remove(d);
    stale->next_free = offset_of(d);
    d->prev_free = offset_of(stale);
    d->next_free = 0;
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

/* d's first level loses its bit, though its bins are not empty. */
static void clear_a_level_bit(void)
{
    fl_bitmap &= ~((uint32_t)1 << bin_for_size(block_size(blocks[3])).fl);
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

/* d taken off its bin, and stand_in listed in its stead, at the head of
 * the bin for stand_in's size; d, free, still looks linked in to the
 * walk over the blocks through a stale node in A's payload whose next is
 * d (as a merge that forgot to unlink leaves one); the counts and
 * listed_bytes agree. */
static void list_in_ds_stead(block_t *stand_in)
{
    block_t *d = blocks[3];
    block_t *stale = (block_t *)((char *)blocks[0] + 4 * ALIGNMENT);
    uint32_t edge = small_edge;
    bin_remove(d);
    small_edge = edge == offset_of(d) ? 0 : edge;
    struct bin_index bin = bin_for_size(block_size(stand_in));
    uint32_t old_first = bins[bin.fl][bin.sl];
    stand_in->next_free = old_first;
    stand_in->prev_free = 0;
    *prev_link_or_scratch(old_first) = offset_of(stand_in);
    bins[bin.fl][bin.sl] = offset_of(stand_in);
    sl_bitmap[bin.fl] |= (uint32_t)1 << bin.sl;
    fl_bitmap |= (uint32_t)1 << bin.fl;
    listed_bytes += block_size(stand_in);
    stale->next_free = offset_of(d);
    d->prev_free = offset_of(stale);
    d->next_free = 0;
}

/* The used C in d's stead: only its header says it is not free. */
static void list_a_used_block(void)
{
    list_in_ds_stead(blocks[2]);
}

/* A free header of d's size, written inside A's payload, in d's stead:
 * free, in d's bin, linked both ways. Count, links, bytes and the free
 * bit all agree; only the addresses (mixed, summed) say that the bin
 * holds a block the heap walk does not. */
static void list_a_free_looking_stand_in(void)
{
    block_t *stand_in = (block_t *)((char *)blocks[0] + 8 * ALIGNMENT);
    stand_in->header = (tag_t)block_size(blocks[3]) | FREE_BIT;
    list_in_ds_stead(stand_in);
}

/* heap_base an ALIGNMENT lower: aligned still, but the walk would start
 * below the heap, in unmapped memory. */
static void lower_the_heap_base(void)
{
    heap_base -= ALIGNMENT;
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

/* The fixed run's mark cleared, the run kept: its block is then an
 * ordinary one (a run is the block whose payload run_map marks), so what
 * is wrong is the partial list that still holds it. */
static void unmark_a_run(void)
{
    run_map_set(fixed_run, false);
}

/* A mark for the chunk above the epilogue's, where no block starts. */
static void mark_a_chunk_above_the_heap(void)
{
    size_t chunk = run_chunk(epilogue) + 1;
    run_map_set((run_t *)(map_base + (chunk << RUN_LOG)), true);
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

/* Every slot of the mixed run freed as slab_free would, but the run kept:
 * no granule in use or ending a slot, used_slots 0. */
static void keep_an_empty_mixed_run(void)
{
    for (size_t g = 0; g < MIXED_GRANULES; g++) {
        if (map_bit(mixed()->alloc, g))
            map_flip_bit(mixed()->alloc, g);
        if (map_bit(mixed()->ends, g))
            map_flip_bit(mixed()->ends, g);
    }
    mixed_run->used_slots = 0;
}

/* The fixed run's next on its list is the chunk of A's payload, which
 * holds no run. */
static void link_a_run_list_to_a_block(void)
{
    fixed_run->next_partial = (uint16_t)(run_chunk(block_payload(blocks[0])) + 1);
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

/* ---- the growers ----------------------------------------------------- */

static void miscount_grower_bytes(void)
{
    grower_bytes += ALIGNMENT;
}

/* A grown as realloc would mark it, but not counted. */
static void mark_a_grower_uncounted(void)
{
    blocks[0]->header |= GROWER_BIT;
}

static void mark_a_run_a_grower(void)
{
    run_block(fixed_run)->header |= GROWER_BIT;
    grower_bytes += (uint32_t)block_size(run_block(fixed_run));
}

static const struct corruption cases[] = {
    CORRUPTION("T1", drop_a_bin_row),
    CORRUPTION("T1", misplace_the_bins),
    CORRUPTION("H1", grow_the_break),
    CORRUPTION("H1", extend_past_the_break),
    CORRUPTION("H1", overstate_a_size),
    CORRUPTION("H1", lower_the_heap_base),
    CORRUPTION("H2", misalign_the_heap_base),
    CORRUPTION("H2", zero_a_size),
    CORRUPTION("H3", damage_a_footer),
    CORRUPTION("H4", miss_a_coalesce),
    CORRUPTION("H5", lose_a_prev_free_bit),
    CORRUPTION("H5", lose_the_epilogues_prev_free_bit),
    CORRUPTION("B1", unlist_a_free_block),
    CORRUPTION("B1", move_a_block_to_another_bin),
    CORRUPTION("B1", list_a_used_block),
    CORRUPTION("B1", list_a_stale_node),
    CORRUPTION("B1", link_a_free_block_from_a_stale_node),
    CORRUPTION("B1", list_a_free_looking_stand_in),
    CORRUPTION("B2", list_the_wilderness),
    CORRUPTION("B3", break_a_back_link),
    CORRUPTION("B3", point_a_link_past_the_heap),
    CORRUPTION("B3", link_a_bin_head_from_another_list),
    CORRUPTION("B4", clear_a_bin_bit),
    CORRUPTION("B4", set_a_bit_past_the_bins),
    CORRUPTION("B5", set_an_empty_level_bit),
    CORRUPTION("B5", clear_a_level_bit),
    CORRUPTION("B6", miscount_listed_bytes),
    CORRUPTION("R1", mark_an_ordinary_block_a_run),
    CORRUPTION("R4", unmark_a_run),
    CORRUPTION("R1", mark_a_chunk_above_the_heap),
    CORRUPTION("R2", stretch_a_run_block),
    CORRUPTION("R3", keep_an_empty_run),
    CORRUPTION("R3", keep_an_empty_mixed_run),
    CORRUPTION("R4", link_a_run_list_to_a_block),
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
    CORRUPTION("G1", miscount_grower_bytes),
    CORRUPTION("G1", mark_a_grower_uncounted),
    CORRUPTION("G1", mark_a_run_a_grower),
};

void CHECKHEAP_CASES(void)
{
    run_cases("mm", build, mm_checkheap, cases, sizeof cases / sizeof cases[0]);
}
