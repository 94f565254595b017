/*
 * placement.c - what a placement policy alone costs: replays traces on an
 * ideal heap with no per-block overhead at all, under first, best and
 * next fit (and, asked for, the growers rule below), and prints each
 * policy's utilization beside the trace's ceiling.
 *
 *   build/placement [-p first|best|next|growers]... [-r grow|compact] [-k K]
 *                   [TRACE...]
 *
 * With no TRACE, the default suite (config.h's DEFAULT_TRACEFILES in
 * TRACEDIR). The driver's util for an allocator is below the ceiling for
 * two reasons mixed together: the space its blocks carry (headers,
 * footers, minimum sizes, rounding) and the space its placement leaves
 * free between them (fragmentation). Here the first is zero, so the gap
 * between a policy's column and the ceiling is the second alone, and the
 * gap between that column and the driver's util is the first.
 *
 * The model
 *
 *   The heap is the address range [0, top). It grows only at the top, by
 *   as much as a request needs (as mem_sbrk would, with no page or chunk
 *   rounding; growers alone also raises it ahead of need, below), and
 *   never shrinks. A block of n bytes occupies exactly
 *   align_up(n, ALIGNMENT) bytes: no header, footer, minimum size or
 *   split threshold. A zero-byte block occupies nothing.
 *
 *     0                                                          top
 *     |--A--|....free....|---B---|--C--|..free..|------D------|
 *           ^ ranges[0]                ^ ranges[1]
 *
 *   malloc   the policy's free range, placed at its low end; if none
 *            fits, at the top: when the last free range ends at top,
 *            the block starts there and top grows by the difference.
 *   free     the block's bytes join the free ranges, merged at once
 *            with free neighbours on both sides.
 *   realloc  shrink: in place, the tail freed. Grow: in place when only
 *            free space lies between the block's end and what it needs
 *            (the free range after it, extending top if that range or
 *            the block itself ends at top). Otherwise the policy places
 *            a new block while the old one is still held (both copies
 *            live during the copy), then the old one is freed.
 *            With -r compact, mm.c's rule first (docs/MM.md, "realloc as
 *            compaction"): a resized block, grown or shrunk, moves to the
 *            policy's fit among the free ranges wholly below it if there
 *            is one, or else slides down into the free range just below
 *            it when that range, the block and the free space after it
 *            hold the new size; only then the rules above.
 *
 *   Policies: first = the lowest-addressed free range that fits; best =
 *   the smallest that fits, the lowest address among equals; next = the
 *   first that fits at or after the rover (the end of the last placement
 *   by the policy), wrapping round to address 0. With no -p, these three.
 *
 *   growers (-p growers, docs/MM.md's online rule for growing buffers):
 *   a grower is a block resized upward at least K times (-k K, default
 *   1) since its malloc and never shrunk; the other blocks resize by
 *   mm's rule, -r compact's, whatever -r says. Blocks beside a hole are
 *   the live blocks that end where it starts (below) and start where it
 *   ends (above).
 *   malloc   the lowest hole that fits with no grower beside it, else the
 *            lowest with no grower below it, at its low end; else the
 *            lowest with a grower below, cut from its high end (from its
 *            middle if a grower lies above it too) to leave the grower
 *            below room. No hole fits: at the top, from the start of the
 *            free range that ends there unless a grower lies below it.
 *            So small blocks settle low and growers above them.
 *   grow     a grower's room is the free range below it, itself and the
 *            free range after it. If the room holds the new size, the
 *            grower slides there, down or up, and the spare is split
 *            between its neighbours in the room by how much they may
 *            grow: a grower neighbour weighs its size, any other block
 *            (or none) nothing; the lower neighbour's share lies under
 *            the block, the upper one's over it, and with no grower
 *            below the block takes the room's low end. Else, if the room
 *            reaches the top, it grows into the top (sliding to the
 *            room's low end unless a grower lies below it). Else it
 *            moves to the lowest hole that fits, the spare split the
 *            same way, or to the top as malloc would, the old copy held
 *            until it is placed. A grower resized to its own size stays.
 *   headroom after every op, while the free space at or above the lowest
 *            live grower is under 9% of the most bytes growers have held
 *            at once, the top is raised by the difference (rounded up to
 *            the alignment) ahead of need: the heap grows with nothing
 *            placed there yet.
 *   Two moves here are new to the model: a block may slide up as well as
 *   down within the free space around it, and the top may be raised
 *   ahead of need. (docs/MM.md: where these figures differ from an
 *   earlier analysis's.)
 *
 *   Utilization is the driver's: the peak live payload (driver/peak.c's
 *   measure_trace_peak, the numerator mdriver uses) over top at the end.
 *   The ceiling is driver/peak.c's measure_util_ceiling, as mdriver
 *   prints it. Left out: everything a real allocator adds to a block,
 *   pages, the rounding of mem_sbrk requests, and any realloc trick
 *   beyond growing into free space and, with -r compact, moving down (no
 *   slack left for the next growth, but under growers).
 *
 * Invariants (check_heap tests them after every trace)
 *
 *   ranges[i].bytes > 0
 *   ranges[i].start + ranges[i].bytes < ranges[i + 1].start   sorted, never adjacent
 *   ranges[last].start + ranges[last].bytes <= top
 *   sum of free range bytes + sum of live block bytes == top
 *   the free ranges and live blocks, by address, tile [0, top): each
 *     starts where the one before it ends (no block overlaps another or
 *     a free range, however it slid)
 *   growers: growers[] holds exactly the live growers, sorted by start,
 *     each entry's start its block's; while one lives, the free bytes at
 *     or above the lowest >= ceil(9% of grower_peak) (the headroom)
 *
 * Complexity: malloc and every free or move scan or shift the free-range
 * array, O(free ranges) an op; growers adds O(free ranges + growers) an
 * op for the headroom, and O(log growers) a hole for its neighbours. The
 * shipped suite takes well under a second under each policy.
 *
 * Exit status: 0; 1 if a trace cannot be read (the message names file
 * and line, as mdriver's does; the other traces are still reported); 2
 * on bad usage.
 */
#include "../config.h"
#include "../driver/peak.h"
#include "../driver/trace.h"
#include "by-address.h"
#include "table.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- policies ------------------------------------------------------- */

enum policy { POLICY_FIRST, POLICY_BEST, POLICY_NEXT, POLICY_GROWERS, NUM_POLICIES };

static const char *const POLICY_NAMES[NUM_POLICIES] = {"first", "best", "next", "growers"};
_Static_assert((int)NUM_POLICIES <= (int)TABLE_MAX_CHOICES, "every policy can be chosen");

/* With no -p, the three fits: growers is asked for by name, so the
 * default table stays the one the docs and make bench quote. */
enum { NUM_DEFAULT_POLICIES = POLICY_GROWERS };

static const size_t NO_RANGE = SIZE_MAX;

/* growers: a block is a grower once resized upward this many times (-k)
 * and never shrunk; the free space from the lowest grower up is kept at
 * HEADROOM_PERCENT of the most bytes growers have held at once. */
static const unsigned DEFAULT_GROWER_RESIZES = 1;
static const unsigned MAX_GROWER_RESIZES = 1000000;
static const uint64_t HEADROOM_PERCENT = 9;

/* ---- the ideal heap ------------------------------------------------- */

struct range {
    uint64_t start;
    uint64_t bytes;
};

struct block {
    uint64_t start;
    uint64_t bytes;  /* align_up(size); 0 for a zero-byte or dead block */
    uint32_t grown;  /* growers: upward resizes since its malloc */
    bool shrunk;     /* growers: resized downward since its malloc */
};

/* growers: a live grower, by address (start is its block's). */
struct grower {
    uint64_t start;
    struct block *block;
};

struct heap {
    enum policy policy;
    bool compact;         /* -r compact, or growers: a resized block moves down first */
    struct range *ranges; /* the free ranges, by address */
    size_t num_ranges;
    size_t capacity;
    struct block *blocks; /* by the trace's dense id slot */
    uint64_t top;
    uint64_t rover; /* next fit: the end of the last placement */
    /* growers only */
    unsigned grower_resizes;  /* K: upward resizes that make a grower */
    struct grower *growers;   /* the live growers, by address */
    size_t num_growers;
    size_t grower_capacity;
    uint64_t grower_peak;     /* the most bytes growers have held at once */
};

static uint64_t range_end(const struct range *range)
{
    return range->start + range->bytes;
}

/* The index of the first free range starting at or after address. */
static size_t first_range_from(const struct heap *heap, uint64_t address)
{
    return first_at_or_above(heap->ranges, heap->num_ranges, sizeof heap->ranges[0],
                             offsetof(struct range, start), address);
}

static void remove_range(struct heap *heap, size_t index)
{
    memmove(&heap->ranges[index], &heap->ranges[index + 1],
            (heap->num_ranges - index - 1) * sizeof heap->ranges[0]);
    heap->num_ranges--;
}

/* Room for one more item in a growable array of `count` items of
 * item_bytes each: doubled when full, `first` items at the start. False
 * (the array unchanged) if out of memory. */
static bool room_for_one(void **items, size_t count, size_t *capacity, size_t item_bytes,
                         size_t first)
{
    if (count < *capacity)
        return true;
    size_t grown_capacity = *capacity ? 2 * *capacity : first;
    void *grown = realloc(*items, grown_capacity * item_bytes);
    if (grown == NULL)
        return false;
    *items = grown;
    *capacity = grown_capacity;
    return true;
}

static bool insert_range(struct heap *heap, size_t index, struct range range)
{
    void *ranges = heap->ranges;
    bool room = room_for_one(&ranges, heap->num_ranges, &heap->capacity, sizeof heap->ranges[0], 64);
    heap->ranges = ranges;
    if (!room)
        return false;
    memmove(&heap->ranges[index + 1], &heap->ranges[index],
            (heap->num_ranges - index) * sizeof heap->ranges[0]);
    heap->ranges[index] = range;
    heap->num_ranges++;
    return true;
}

/* Return [start, start + bytes) to the free ranges, merged with the
 * ranges it touches. False if out of memory. */
static bool release(struct heap *heap, uint64_t start, uint64_t bytes)
{
    if (bytes == 0)
        return true;
    size_t next = first_range_from(heap, start);
    bool joins_previous = next > 0 && range_end(&heap->ranges[next - 1]) == start;
    bool joins_next = next < heap->num_ranges && heap->ranges[next].start == start + bytes;
    if (joins_previous && joins_next) {
        heap->ranges[next - 1].bytes += bytes + heap->ranges[next].bytes;
        remove_range(heap, next);
    } else if (joins_previous) {
        heap->ranges[next - 1].bytes += bytes;
    } else if (joins_next) {
        heap->ranges[next].start = start;
        heap->ranges[next].bytes += bytes;
    } else {
        return insert_range(heap, next, (struct range){start, bytes});
    }
    return true;
}

/* Take `bytes` from the low end of free range index (it holds them). */
static void take_front(struct heap *heap, size_t index, uint64_t bytes)
{
    struct range *range = &heap->ranges[index];
    range->start += bytes;
    range->bytes -= bytes;
    if (range->bytes == 0)
        remove_range(heap, index);
}

/* ---- the policies' searches ----------------------------------------- */

static size_t find_first(const struct heap *heap, uint64_t bytes, size_t from, size_t to)
{
    for (size_t i = from; i < to; i++)
        if (heap->ranges[i].bytes >= bytes)
            return i;
    return NO_RANGE;
}

static size_t find_best(const struct heap *heap, uint64_t bytes, size_t to)
{
    size_t best = NO_RANGE;
    for (size_t i = 0; i < to; i++) {
        uint64_t have = heap->ranges[i].bytes;
        if (have >= bytes && (best == NO_RANGE || have < heap->ranges[best].bytes))
            best = i;
    }
    return best;
}

/* From the range holding or following the rover to the end, then from
 * address 0 up to it. */
static size_t find_next(const struct heap *heap, uint64_t bytes)
{
    size_t from = first_range_from(heap, heap->rover);
    if (from > 0 && range_end(&heap->ranges[from - 1]) > heap->rover)
        from--;
    size_t found = find_first(heap, bytes, from, heap->num_ranges);
    return found != NO_RANGE ? found : find_first(heap, bytes, 0, from);
}

static size_t find_fit(const struct heap *heap, uint64_t bytes)
{
    switch (heap->policy) {
    case POLICY_BEST:
        return find_best(heap, bytes, heap->num_ranges);
    case POLICY_NEXT:
        return find_next(heap, bytes);
    default:
        return find_first(heap, bytes, 0, heap->num_ranges);
    }
}

/* ---- growers: the set, and where a new block goes ------------------- */

/* Take [start, start + bytes) from free range index, which holds it: from
 * either end, or from its middle, the range then split in two. False if
 * out of memory. */
static bool carve(struct heap *heap, size_t index, uint64_t start, uint64_t bytes)
{
    struct range *range = &heap->ranges[index];
    uint64_t end = start + bytes, range_stop = range_end(range);
    if (start == range->start) {
        take_front(heap, index, bytes);
        return true;
    }
    range->bytes = start - range->start;
    if (end == range_stop)
        return true;
    return insert_range(heap, index + 1, (struct range){end, range_stop - end});
}

/* Take [start, start + bytes) for a block: it lies in one free range, or
 * it starts in the free range that ends at the top (or at the top) and
 * the top is raised to its end. False if out of memory. */
static bool occupy(struct heap *heap, uint64_t start, uint64_t bytes)
{
    size_t index = first_range_from(heap, start + 1) - 1; /* the range holding start */
    if (start + bytes <= heap->top)
        return carve(heap, index, start, bytes);
    if (start < heap->top) {
        struct range *last = &heap->ranges[index];
        last->bytes = start - last->start;
        if (last->bytes == 0)
            remove_range(heap, index);
    }
    heap->top = start + bytes;
    return true;
}

static size_t first_grower_from(const struct heap *heap, uint64_t address)
{
    return first_at_or_above(heap->growers, heap->num_growers, sizeof heap->growers[0],
                             offsetof(struct grower, start), address);
}

/* Whether the block is a grower: resized upward at least K times, never
 * shrunk. */
static bool is_grower(const struct heap *heap, const struct block *block)
{
    return block->bytes > 0 && !block->shrunk && block->grown >= heap->grower_resizes;
}

static bool add_grower(struct heap *heap, struct block *block)
{
    void *growers = heap->growers;
    bool room = room_for_one(&growers, heap->num_growers, &heap->grower_capacity,
                             sizeof heap->growers[0], 16);
    heap->growers = growers;
    if (!room)
        return false;
    size_t index = first_grower_from(heap, block->start);
    memmove(&heap->growers[index + 1], &heap->growers[index],
            (heap->num_growers - index) * sizeof heap->growers[0]);
    heap->growers[index] = (struct grower){block->start, block};
    heap->num_growers++;
    return true;
}

/* Take the block out of the set, if it is in it. */
static void remove_grower(struct heap *heap, const struct block *block)
{
    size_t index = first_grower_from(heap, block->start);
    if (index == heap->num_growers || heap->growers[index].block != block)
        return;
    memmove(&heap->growers[index], &heap->growers[index + 1],
            (heap->num_growers - index - 1) * sizeof heap->growers[0]);
    heap->num_growers--;
}

/* The grower that ends at address, or NULL. */
static const struct block *grower_ending_at(const struct heap *heap, uint64_t address)
{
    size_t index = first_grower_from(heap, address);
    if (index == 0)
        return NULL;
    const struct block *below = heap->growers[index - 1].block;
    return below->start + below->bytes == address ? below : NULL;
}

/* The grower that starts at address, or NULL. */
static const struct block *grower_starting_at(const struct heap *heap, uint64_t address)
{
    size_t index = first_grower_from(heap, address);
    bool found = index < heap->num_growers && heap->growers[index].start == address;
    return found ? heap->growers[index].block : NULL;
}

/* growers: where a block that no hole fits starts at the top: at the
 * start of the free range that ends there, unless a grower lies below
 * that range, whose room it keeps; else at the top itself. */
static uint64_t start_at_top(const struct heap *heap)
{
    const struct range *last = heap->num_ranges > 0 ? &heap->ranges[heap->num_ranges - 1] : NULL;
    if (last != NULL && range_end(last) == heap->top && grower_ending_at(heap, last->start) == NULL)
        return last->start;
    return heap->top;
}

/* growers: a new block of `bytes` (> 0) takes the lowest hole with no
 * grower beside it, else the lowest with no grower below it, at its low
 * end; else the lowest hole, cut from its high end (its middle if a
 * grower lies above it too) to leave the grower below room. With no hole
 * that fits, it goes to the top: from the start of the free range that
 * ends there unless a grower lies below that range, whose room it keeps.
 * False if out of memory. */
static bool place_among_growers(struct heap *heap, uint64_t bytes, uint64_t *start)
{
    enum { BESIDE_NONE, ABOVE_ONLY, BELOW, NUM_TIERS };
    size_t lowest[NUM_TIERS] = {NO_RANGE, NO_RANGE, NO_RANGE};
    for (size_t i = 0; i < heap->num_ranges && lowest[BESIDE_NONE] == NO_RANGE; i++) {
        const struct range *range = &heap->ranges[i];
        if (range->bytes < bytes)
            continue;
        bool below = grower_ending_at(heap, range->start) != NULL;
        int tier = below ? BELOW : grower_starting_at(heap, range_end(range)) != NULL ? ABOVE_ONLY : BESIDE_NONE;
        if (lowest[tier] == NO_RANGE)
            lowest[tier] = i;
    }
    size_t hole = lowest[BESIDE_NONE] != NO_RANGE ? lowest[BESIDE_NONE] : lowest[ABOVE_ONLY];
    if (hole != NO_RANGE) {
        *start = heap->ranges[hole].start;
        return carve(heap, hole, *start, bytes);
    }
    hole = lowest[BELOW];
    if (hole != NO_RANGE) {
        const struct range *range = &heap->ranges[hole];
        uint64_t spare = range->bytes - bytes;
        bool above = grower_starting_at(heap, range_end(range)) != NULL;
        *start = range->start + (above ? spare / 2 / ALIGNMENT * ALIGNMENT : spare);
        return carve(heap, hole, *start, bytes);
    }
    *start = start_at_top(heap);
    return occupy(heap, *start, bytes);
}

/* ---- malloc, free, realloc ------------------------------------------ */

/* Where the policy puts `bytes` (> 0): a free range, or the top. *ok
 * false if out of memory. */
static uint64_t place(struct heap *heap, uint64_t bytes, bool *ok)
{
    uint64_t start;
    if (heap->policy == POLICY_GROWERS) {
        *ok = place_among_growers(heap, bytes, &start);
        return start;
    }
    size_t fit = find_fit(heap, bytes);
    if (fit != NO_RANGE) {
        start = heap->ranges[fit].start;
        take_front(heap, fit, bytes);
    } else if (heap->num_ranges > 0 && range_end(&heap->ranges[heap->num_ranges - 1]) == heap->top) {
        start = heap->ranges[heap->num_ranges - 1].start; /* grow the top free range */
        heap->top = start + bytes;
        remove_range(heap, heap->num_ranges - 1);
    } else {
        start = heap->top;
        heap->top += bytes;
    }
    heap->rover = start + bytes;
    return start;
}

static bool heap_malloc(struct heap *heap, struct block *block, uint32_t size)
{
    bool ok = true;
    *block = (struct block){.bytes = measure_aligned_bytes(size, ALIGNMENT)};
    block->start = block->bytes ? place(heap, block->bytes, &ok) : 0;
    return ok;
}

static bool heap_free(struct heap *heap, struct block *block)
{
    if (heap->policy == POLICY_GROWERS)
        remove_grower(heap, block);
    bool ok = release(heap, block->start, block->bytes);
    block->bytes = 0;
    return ok;
}

/* Grow the block in place to `bytes` if only free space lies between its
 * end and what it needs; false if it cannot. */
static bool grow_in_place(struct heap *heap, struct block *block, uint64_t bytes)
{
    uint64_t end = block->start + block->bytes, needed = bytes - block->bytes;
    if (end == heap->top) {
        heap->top += needed;
    } else {
        size_t next = first_range_from(heap, end);
        if (next == heap->num_ranges || heap->ranges[next].start != end)
            return false;
        struct range *following = &heap->ranges[next];
        if (following->bytes >= needed) {
            take_front(heap, next, needed);
        } else if (range_end(following) == heap->top) {
            heap->top = end + needed;
            remove_range(heap, next);
        } else {
            return false;
        }
    }
    block->bytes = bytes;
    return true;
}

/* -r compact: the policy's fit for `bytes` among the free ranges wholly
 * below the block (next fit takes the lowest, as first fit: a rover has
 * no meaning for "below"). */
static size_t find_fit_below(const struct heap *heap, const struct block *block, uint64_t bytes)
{
    size_t below = first_range_from(heap, block->start);
    return heap->policy == POLICY_BEST ? find_best(heap, bytes, below) : find_first(heap, bytes, 0, below);
}

/* -r compact: move the block to a fit below it, or slide it down into the
 * free range that ends where it starts, if that range, the block and the
 * free space after it (or the top) hold `bytes`. False if neither is
 * possible (nothing changed); *ok false if out of memory. */
static bool move_down(struct heap *heap, struct block *block, uint64_t bytes, bool *ok)
{
    size_t fit = find_fit_below(heap, block, bytes);
    if (fit != NO_RANGE) {
        uint64_t start = heap->ranges[fit].start;
        take_front(heap, fit, bytes);
        *ok = release(heap, block->start, block->bytes);
        block->start = start;
        block->bytes = bytes;
        return true;
    }
    size_t below = first_range_from(heap, block->start);
    if (below == 0 || range_end(&heap->ranges[below - 1]) != block->start)
        return false;
    uint64_t start = heap->ranges[below - 1].start, end = block->start + block->bytes;
    uint64_t room = block->start - start + block->bytes;
    bool reaches_top = end == heap->top;
    if (below < heap->num_ranges && heap->ranges[below].start == end) {
        room += heap->ranges[below].bytes;
        reaches_top = range_end(&heap->ranges[below]) == heap->top;
    }
    if (room < bytes && !reaches_top)
        return false;
    /* The block's space joins the ranges around it into one, from start. */
    *ok = release(heap, block->start, block->bytes);
    size_t merged = below - 1;
    if (heap->ranges[merged].bytes >= bytes) {
        take_front(heap, merged, bytes);
    } else {
        heap->top = start + bytes;
        remove_range(heap, merged);
    }
    block->start = start;
    block->bytes = bytes;
    return true;
}

/* growers: how much a grower may grow, the weight of its share of the
 * free space beside it: its size (a bigger buffer grows by bigger
 * steps); a block that is not a grower (NULL), none. */
static double growth_weight(const struct block *grower)
{
    return grower != NULL ? (double)grower->bytes : 0.0;
}

/* growers: where a grower of `bytes` goes in the free space [low, high)
 * (high - low >= bytes): the spare room split between the block's
 * neighbours there, by growth_weight, the share of the one below under
 * the block, the other's over it, rounded down to the alignment. Each
 * share serves that neighbour and the block itself, which may slide
 * either way; with no grower on either side, the block goes to low (as
 * mm's rule slides a block down). */
static uint64_t grower_start(const struct heap *heap, uint64_t low, uint64_t high, uint64_t bytes)
{
    double below = growth_weight(grower_ending_at(heap, low));
    double above = growth_weight(grower_starting_at(heap, high));
    if (below == 0.0)
        return low;
    uint64_t share = (uint64_t)((double)(high - low - bytes) * below / (below + above));
    return low + share / ALIGNMENT * ALIGNMENT;
}

/* growers: where a grower of `bytes` goes that has no room: the lowest
 * hole that fits, the spare split as above; else the top, from the start
 * of the free range that ends there unless a grower lies below it. */
static uint64_t grower_new_place(const struct heap *heap, uint64_t bytes)
{
    size_t hole = find_first(heap, bytes, 0, heap->num_ranges);
    if (hole != NO_RANGE)
        return grower_start(heap, heap->ranges[hole].start, range_end(&heap->ranges[hole]), bytes);
    return start_at_top(heap);
}

/* growers: grow a grower to `bytes`. It slides within the free space
 * around it (down or up) if that holds `bytes`, the spare split as
 * grower_start says; else, if that space reaches the top, it grows into
 * the top (sliding down first unless a grower lies below it, whose room
 * it keeps); else it moves to grower_new_place, both copies held while
 * it does. False if out of memory. */
static bool grow_grower(struct heap *heap, struct block *block, uint64_t bytes)
{
    remove_grower(heap, block); /* not its own neighbour; back at its new start */
    uint64_t low = block->start, high = block->start + block->bytes;
    size_t after = first_range_from(heap, high);
    if (after > 0 && range_end(&heap->ranges[after - 1]) == low)
        low = heap->ranges[after - 1].start;
    if (after < heap->num_ranges && heap->ranges[after].start == high)
        high = range_end(&heap->ranges[after]);
    bool ok = true;
    uint64_t start;
    if (high - low >= bytes || high == heap->top) {
        if (high - low >= bytes)
            start = grower_start(heap, low, high, bytes);
        else
            start = grower_ending_at(heap, low) != NULL ? block->start : low;
        ok = release(heap, block->start, block->bytes) && occupy(heap, start, bytes);
    } else {
        start = grower_new_place(heap, bytes);
        ok = occupy(heap, start, bytes) && release(heap, block->start, block->bytes);
    }
    block->start = start;
    block->bytes = bytes;
    return ok && add_grower(heap, block);
}

/* The free bytes at or above address. */
static uint64_t free_from(const struct heap *heap, uint64_t address)
{
    uint64_t bytes = 0;
    for (size_t i = first_range_from(heap, address); i < heap->num_ranges; i++)
        bytes += heap->ranges[i].bytes;
    return bytes;
}

/* growers: the free space kept from the lowest grower up,
 * HEADROOM_PERCENT of the growers' peak, rounded up. */
static uint64_t headroom_wanted(const struct heap *heap)
{
    return (heap->grower_peak * HEADROOM_PERCENT + 99) / 100;
}

/* growers, after every op: raise the top ahead of need while the free
 * space from the lowest grower up is under headroom_wanted, by the
 * difference (rounded up to the alignment), so that a grower about to
 * grow finds room beside it rather than moving. False if out of memory. */
static bool keep_headroom(struct heap *heap)
{
    uint64_t held = 0;
    for (size_t g = 0; g < heap->num_growers; g++)
        held += heap->growers[g].block->bytes;
    if (held > heap->grower_peak)
        heap->grower_peak = held;
    if (heap->num_growers == 0)
        return true;
    uint64_t free_above = free_from(heap, heap->growers[0].start), wanted = headroom_wanted(heap);
    if (free_above >= wanted)
        return true;
    uint64_t raise = measure_aligned_bytes(wanted - free_above, ALIGNMENT), old_top = heap->top;
    heap->top += raise;
    return release(heap, old_top, raise);
}

static bool heap_realloc(struct heap *heap, struct block *block, uint32_t size)
{
    uint64_t bytes = measure_aligned_bytes(size, ALIGNMENT);
    if (block->bytes == 0)
        return heap_malloc(heap, block, size);
    if (heap->policy == POLICY_GROWERS) {
        block->grown += bytes > block->bytes;
        block->shrunk = block->shrunk || bytes < block->bytes;
        if (bytes < block->bytes)
            remove_grower(heap, block);
        if (is_grower(heap, block) && bytes >= block->bytes)
            return bytes == block->bytes || grow_grower(heap, block, bytes);
    }
    bool ok = true;
    if (heap->compact && bytes > 0 && move_down(heap, block, bytes, &ok))
        return ok;
    if (bytes <= block->bytes) {
        ok = release(heap, block->start + bytes, block->bytes - bytes);
        block->bytes = bytes;
        return ok;
    }
    if (grow_in_place(heap, block, bytes))
        return true;
    uint64_t moved_to = place(heap, bytes, &ok); /* the old copy still held */
    ok = release(heap, block->start, block->bytes) && ok;
    block->start = moved_to;
    block->bytes = bytes;
    return ok;
}

/* ---- one trace ------------------------------------------------------ */

static int by_start(const void *a, const void *b)
{
    uint64_t left = ((const struct range *)a)->start, right = ((const struct range *)b)->start;
    return (left > right) - (left < right);
}

/* The free ranges and the live blocks tile [0, top): by address, each
 * starts where the one before it ends. live has room for every block. */
static bool tiles_heap(const struct heap *heap, const struct trace *trace, struct range *live)
{
    size_t num_live = 0;
    for (uint32_t id = 0; id < trace->num_ids; id++)
        if (heap->blocks[id].bytes > 0)
            live[num_live++] = (struct range){heap->blocks[id].start, heap->blocks[id].bytes};
    qsort(live, num_live, sizeof *live, by_start);
    uint64_t address = 0;
    size_t b = 0, r = 0;
    while (b < num_live || r < heap->num_ranges) {
        if (b < num_live && live[b].start == address)
            address = range_end(&live[b++]);
        else if (r < heap->num_ranges && heap->ranges[r].start == address)
            address = range_end(&heap->ranges[r++]);
        else
            return false;
    }
    return address == heap->top;
}

/* growers: the set holds exactly the live growers, by address, each at
 * its block's start; the free space from the lowest up is at least
 * headroom_wanted. */
static bool check_growers(const struct heap *heap, const struct trace *trace)
{
    size_t num_growers = 0;
    for (uint32_t id = 0; id < trace->num_ids; id++)
        num_growers += is_grower(heap, &heap->blocks[id]);
    if (num_growers != heap->num_growers)
        return false;
    for (size_t g = 0; g < heap->num_growers; g++) {
        const struct grower *grower = &heap->growers[g];
        if (!is_grower(heap, grower->block) || grower->start != grower->block->start ||
            (g > 0 && grower->start <= heap->growers[g - 1].start))
            return false;
    }
    return num_growers == 0 || free_from(heap, heap->growers[0].start) >= headroom_wanted(heap);
}

/* The invariants stated at the top of the file. */
static bool check_heap(const struct heap *heap, const struct trace *trace, struct range *live)
{
    if (!tiles_heap(heap, trace, live) ||
        (heap->policy == POLICY_GROWERS && !check_growers(heap, trace)))
        return false;
    uint64_t used = 0;
    for (size_t i = 0; i < heap->num_ranges; i++) {
        const struct range *range = &heap->ranges[i];
        bool last = i + 1 == heap->num_ranges;
        if (range->bytes == 0 || (last ? range_end(range) > heap->top
                                        : range_end(range) >= heap->ranges[i + 1].start))
            return false;
        used += range->bytes;
    }
    for (uint32_t id = 0; id < trace->num_ids; id++)
        used += heap->blocks[id].bytes;
    return used == heap->top;
}

/* The heap's size at the end of the trace under `policy`, or -1 if out
 * of memory or the model broke an invariant. */
static int64_t replay(const struct trace *trace, enum policy policy, bool compact,
                      unsigned grower_resizes)
{
    bool growers = policy == POLICY_GROWERS;
    struct heap heap = {.policy = policy, .compact = compact || growers,
                        .grower_resizes = grower_resizes};
    heap.blocks = calloc(trace->num_ids ? trace->num_ids : 1, sizeof *heap.blocks);
    struct range *live = malloc((trace->num_ids ? trace->num_ids : 1) * sizeof *live);
    bool ok = heap.blocks != NULL && live != NULL;
    for (size_t i = 0; ok && i < trace->num_ops; i++) {
        const struct trace_op *op = &trace->ops[i];
        struct block *block = &heap.blocks[op->id];
        if (op->kind == OP_ALLOC)
            ok = heap_malloc(&heap, block, op->size);
        else if (op->kind == OP_REALLOC)
            ok = heap_realloc(&heap, block, op->size);
        else
            ok = heap_free(&heap, block);
        if (ok && growers)
            ok = keep_headroom(&heap);
    }
    if (ok && !check_heap(&heap, trace, live)) {
        char after[64];
        snprintf(after, sizeof after, ": -p %s broke an invariant of the heap",
                 POLICY_NAMES[policy]);
        table_say_path("placement", trace->path, after);
        ok = false;
    }
    free(heap.blocks);
    free(heap.ranges);
    free(heap.growers);
    free(live);
    return ok ? (int64_t)heap.top : -1;
}

/* ---- the table ------------------------------------------------------ */

/* The columns after the ceiling: the policies asked for, in their order. */
struct policies {
    struct choices choices; /* -p: indexes of POLICY_NAMES, enum policy */
    bool compact;           /* -r compact */
    bool realloc_given;     /* -r, once */
    unsigned grower_resizes; /* -k K: growers' K */
    bool resizes_given;      /* -k, once */
};

/* The policies' figures for a trace (table.h's print_figures); after a
 * replay fails, the rest are "-". */
static bool print_policies(const struct table *table, const struct trace *trace,
                           const struct trace_peak *peak, struct column *columns)
{
    const struct policies *policies = table->context;
    bool ok = true;
    for (size_t p = 0; p < policies->choices.count; p++) {
        enum policy policy = policies->choices.chosen[p];
        int64_t heap_bytes = ok ? replay(trace, policy, policies->compact, policies->grower_resizes) : -1;
        if (heap_bytes < 0)
            ok = false;
        double util = heap_bytes > 0 ? (double)peak->payload_bytes / (double)heap_bytes : -1.0;
        table_print_percent(util, &columns[p]);
    }
    return ok;
}

/* ---- command line --------------------------------------------------- */

/* The usage after its first line (table.h's description). */
static const char DESCRIPTION[] =
    "  Replays each TRACE (default: the default suite in %s) on an ideal heap\n"
    "  with no headers, footers or minimum sizes, blocks rounded up to %d bytes,\n"
    "  and prints the utilization each placement policy reaches (default:\n"
    "  first, best and next) beside the trace's ceiling, as mdriver defines\n"
    "  both. -r compact: a resized block first moves to a fit below it or\n"
    "  slides down into the free space below it, as mm.c's realloc does\n"
    "  (default grow: in place if it can, else moved). growers: blocks resized\n"
    "  upward K times (-k, default 1) and never shrunk are kept above the\n"
    "  others with room to grow (the top of tools/placement.c); the others\n"
    "  resize as with -r compact whatever -r says. Options come before the\n"
    "  traces.\n";

/* -k's value: a whole number from 1 to MAX_GROWER_RESIZES; 0 if not. */
static unsigned parse_resizes(const char *value)
{
    char *end;
    unsigned long resizes = strtoul(value, &end, 10);
    bool whole = value[0] >= '0' && value[0] <= '9' && *end == '\0';
    return whole && resizes >= 1 && resizes <= MAX_GROWER_RESIZES ? (unsigned)resizes : 0;
}

/* One option (table.h's option): -p POLICY, -r grow|compact or -k K, each
 * at most once (each -p a different policy). */
static int parse_option(const char *flag, const char *value, void *context,
                        struct refusal *refusal)
{
    struct policies *policies = context;
    bool is_policy = strcmp(flag, "-p") == 0 && value != NULL;
    bool is_realloc = strcmp(flag, "-r") == 0 && value != NULL;
    bool is_resizes = strcmp(flag, "-k") == 0 && value != NULL;
    if (is_resizes && !policies->resizes_given && parse_resizes(value) > 0) {
        policies->grower_resizes = parse_resizes(value);
        policies->resizes_given = true;
        return 2;
    }
    if (is_realloc && !policies->realloc_given &&
        (strcmp(value, "grow") == 0 || strcmp(value, "compact") == 0)) {
        policies->compact = strcmp(value, "compact") == 0;
        policies->realloc_given = true;
        return 2;
    }
    if (is_policy && table_choose(&policies->choices, value))
        return 2;
    refusal->show_value = is_policy || is_realloc || is_resizes;
    refusal->hint = is_policy    ? " (first, best, next or growers, each at most once)"
                    : is_realloc ? " (grow or compact, once)"
                    : is_resizes ? " (a whole number from 1 to 1000000, once)"
                                 : NULL;
    return 0;
}

int main(int argc, char **argv)
{
    struct policies policies = {.choices = {.names = POLICY_NAMES,
                                            .num_names = NUM_POLICIES,
                                            .num_default = NUM_DEFAULT_POLICIES},
                                .grower_resizes = DEFAULT_GROWER_RESIZES};
    const struct table table = {.tool = "placement",
                                .synopsis = "[-p first|best|next|growers]... [-r grow|compact] [-k K]",
                                .description = DESCRIPTION,
                                .option = parse_option,
                                .choices = &policies.choices,
                                .print_figures = print_policies,
                                .context = &policies};
    return table_main(argc, argv, &table);
}
