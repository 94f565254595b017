/*
 * placement.c - what a placement policy alone costs: replays traces on an
 * ideal heap with no per-block overhead at all, under first, best and
 * next fit, and prints each policy's utilization beside the trace's
 * ceiling.
 *
 *   build/placement [-p first|best|next]... [-r grow|compact] [TRACE...]
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
 *   rounding), and never shrinks. A block of n bytes occupies exactly
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
 *   by the policy), wrapping round to address 0.
 *
 *   Utilization is the driver's: the peak live payload (driver/peak.c's
 *   measure_trace_peak, the numerator mdriver uses) over top at the end.
 *   The ceiling is driver/peak.c's measure_util_ceiling, as mdriver
 *   prints it. Left out: everything a real allocator adds to a block,
 *   pages, the rounding of mem_sbrk requests, and any realloc trick
 *   beyond growing into free space and, with -r compact, moving down (no
 *   slack left for the next growth).
 *
 * Invariants (check_heap tests them after every trace)
 *
 *   ranges[i].bytes > 0
 *   ranges[i].start + ranges[i].bytes < ranges[i + 1].start   sorted, never adjacent
 *   ranges[last].start + ranges[last].bytes <= top
 *   sum of free range bytes + sum of live block bytes == top
 *
 * Complexity: malloc and every free or move scan or shift the free-range
 * array, O(free ranges) an op; the shipped suite takes well under a
 * second.
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

enum policy { POLICY_FIRST, POLICY_BEST, POLICY_NEXT, NUM_POLICIES };

static const char *const POLICY_NAMES[NUM_POLICIES] = {"first", "best", "next"};
_Static_assert((int)NUM_POLICIES <= (int)TABLE_MAX_CHOICES, "every policy can be chosen");

static const size_t NO_RANGE = SIZE_MAX;

/* ---- the ideal heap ------------------------------------------------- */

struct range {
    uint64_t start;
    uint64_t bytes;
};

struct block {
    uint64_t start;
    uint64_t bytes; /* align_up(size); 0 for a zero-byte or dead block */
};

struct heap {
    enum policy policy;
    bool compact;         /* -r compact: a resized block moves down first */
    struct range *ranges; /* the free ranges, by address */
    size_t num_ranges;
    size_t capacity;
    struct block *blocks; /* by the trace's dense id slot */
    uint64_t top;
    uint64_t rover; /* next fit: the end of the last placement */
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

static bool insert_range(struct heap *heap, size_t index, struct range range)
{
    if (heap->num_ranges == heap->capacity) {
        size_t capacity = heap->capacity ? 2 * heap->capacity : 64;
        struct range *grown = realloc(heap->ranges, capacity * sizeof *grown);
        if (grown == NULL)
            return false;
        heap->ranges = grown;
        heap->capacity = capacity;
    }
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

/* ---- malloc, free, realloc ------------------------------------------ */

/* Where the policy puts `bytes` (> 0): a free range, or the top. */
static uint64_t place(struct heap *heap, uint64_t bytes)
{
    uint64_t start;
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

static void heap_malloc(struct heap *heap, struct block *block, uint32_t size)
{
    block->bytes = measure_aligned_bytes(size, ALIGNMENT);
    block->start = block->bytes ? place(heap, block->bytes) : 0;
}

static bool heap_free(struct heap *heap, struct block *block)
{
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

static bool heap_realloc(struct heap *heap, struct block *block, uint32_t size)
{
    uint64_t bytes = measure_aligned_bytes(size, ALIGNMENT);
    if (block->bytes == 0) {
        heap_malloc(heap, block, size);
        return true;
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
    uint64_t moved_to = place(heap, bytes); /* the old copy still held */
    ok = release(heap, block->start, block->bytes);
    block->start = moved_to;
    block->bytes = bytes;
    return ok;
}

/* ---- one trace ------------------------------------------------------ */

/* The invariants stated at the top of the file. */
static bool check_heap(const struct heap *heap, const struct trace *trace)
{
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
static int64_t replay(const struct trace *trace, enum policy policy, bool compact)
{
    struct heap heap = {.policy = policy, .compact = compact};
    heap.blocks = calloc(trace->num_ids ? trace->num_ids : 1, sizeof *heap.blocks);
    bool ok = heap.blocks != NULL;
    for (size_t i = 0; ok && i < trace->num_ops; i++) {
        const struct trace_op *op = &trace->ops[i];
        struct block *block = &heap.blocks[op->id];
        if (op->kind == OP_ALLOC)
            heap_malloc(&heap, block, op->size);
        else if (op->kind == OP_REALLOC)
            ok = heap_realloc(&heap, block, op->size);
        else
            ok = heap_free(&heap, block);
    }
    if (ok && !check_heap(&heap, trace)) {
        char after[64];
        snprintf(after, sizeof after, ": %s fit broke an invariant of the free ranges",
                 POLICY_NAMES[policy]);
        table_say_path("placement", trace->path, after);
        ok = false;
    }
    free(heap.blocks);
    free(heap.ranges);
    return ok ? (int64_t)heap.top : -1;
}

/* ---- the table ------------------------------------------------------ */

/* The columns after the ceiling: the policies asked for, in their order. */
struct policies {
    struct choices choices; /* -p: indexes of POLICY_NAMES, enum policy */
    bool compact;           /* -r compact */
    bool realloc_given;     /* -r, once */
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
        int64_t heap_bytes = ok ? replay(trace, policy, policies->compact) : -1;
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
    "  and prints the utilization each placement policy reaches (default: all\n"
    "  three) beside the trace's ceiling, as mdriver defines both. -r compact:\n"
    "  a resized block first moves to a fit below it or slides down into the\n"
    "  free space below it, as mm.c's realloc does (default grow: in place if\n"
    "  it can, else moved). Options come before the traces.\n";

/* One option (table.h's option): -p POLICY or -r grow|compact, each at
 * most once. */
static int parse_option(const char *flag, const char *value, void *context,
                        struct refusal *refusal)
{
    struct policies *policies = context;
    bool is_policy = strcmp(flag, "-p") == 0 && value != NULL;
    bool is_realloc = strcmp(flag, "-r") == 0 && value != NULL;
    if (is_realloc && !policies->realloc_given &&
        (strcmp(value, "grow") == 0 || strcmp(value, "compact") == 0)) {
        policies->compact = strcmp(value, "compact") == 0;
        policies->realloc_given = true;
        return 2;
    }
    if (is_policy && table_choose(&policies->choices, value))
        return 2;
    refusal->show_value = is_policy || is_realloc;
    refusal->hint = is_policy    ? " (first, best or next, each at most once)"
                    : is_realloc ? " (grow or compact, once)"
                                 : NULL;
    return 0;
}

int main(int argc, char **argv)
{
    struct policies policies = {.choices = {.names = POLICY_NAMES, .num_names = NUM_POLICIES}};
    const struct table table = {.tool = "placement",
                                .synopsis = "[-p first|best|next]... [-r grow|compact]",
                                .description = DESCRIPTION,
                                .option = parse_option,
                                .choices = &policies.choices,
                                .print_figures = print_policies,
                                .context = &policies};
    return table_main(argc, argv, &table);
}
