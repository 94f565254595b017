/*
 * blocks.c - the heap drawn as a line of blocks (see blocks.h).
 *
 * An item is one of:
 *   [#3 112]    a used block of 112 bytes (header included) holding the
 *               payload of trace id 3 ([#3,#4 48] holds two, as a block
 *               an allocator carves into slots may)
 *   [used 16]   a used block holding no payload: a prologue, an epilogue,
 *               the head of a run, the allocator's own tables
 *   [free 208]  a free block
 *   (8)         bytes the walk left out: before the first block, between
 *               blocks or after the last
 * so the items add up to the heap's size. A walk that goes backwards or
 * past the break is drawn as such ([! ...], placed by walk.c, whose check
 * fails such a walk at -d 2), not hidden: the drawing is also how a
 * student checks an mm_heap_walk.
 */
#include "blocks.h"

#include "walk.h"

#include <inttypes.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

enum {
    DRAWING_INDENT = 14, /* under the narration's op column */
    DRAWING_WIDTH = 100,
    IDS_SHOWN_MAX = 3, /* payload ids named in one block */
    ITEM_BYTES = 96,
};

struct drawing {
    FILE *out;
    const struct trace *trace;
    const struct oracle *oracle;
    struct walk_cursor heap; /* the heap's start and size; with mm_heap_walk,
                                where its blocks may go */
    uint64_t cursor; /* heap offset where the last block drawn ended */
    size_t items_shown;
    size_t items_hidden;
    uint64_t bytes_hidden;
    size_t column;
};

/* ---- printing items ------------------------------------------------- */

/* Once the drawing has shown its BLOCKS_SHOWN_MAX items, the rest are
 * only counted, with no lookups and no text, so that a heap of many
 * thousand blocks costs little more than its walk. True if this item
 * (of `bytes`) was counted so. */
static bool count_if_full(struct drawing *drawing, uint64_t bytes)
{
    if (drawing->items_shown < BLOCKS_SHOWN_MAX)
        return false;
    drawing->items_hidden++;
    drawing->bytes_hidden += bytes;
    return true;
}

static void put_item(struct drawing *drawing, const char *item, uint64_t bytes)
{
    if (count_if_full(drawing, bytes))
        return;
    size_t length = strlen(item);
    if (drawing->column > DRAWING_INDENT && drawing->column + 1 + length > DRAWING_WIDTH) {
        fprintf(drawing->out, "\n%*s", DRAWING_INDENT, "");
        drawing->column = DRAWING_INDENT;
    }
    fprintf(drawing->out, " %s", item);
    drawing->column += 1 + length;
    drawing->items_shown++;
}

static void put_gap(struct drawing *drawing, uint64_t start, uint64_t end)
{
    if (end <= start || count_if_full(drawing, end - start))
        return;
    char item[ITEM_BYTES];
    snprintf(item, sizeof item, "(%" PRIu64 ")", end - start);
    put_item(drawing, item, end - start);
}

/* "#5" or "#5,#9" or "#5,#9,#12+4": the payloads starting in [lo, hi),
 * in address order. oracle_find_in gives the highest, so they are found
 * from the top down. Returns how many there are. */
static size_t name_payloads(const struct drawing *drawing, const char *lo, const char *hi,
                            char *names, size_t names_bytes)
{
    uint32_t found[IDS_SHOWN_MAX];
    size_t count = 0;
    uint32_t id;
    while (hi > lo && oracle_find_in(drawing->oracle, lo, hi, &id)) {
        memmove(found + 1, found, sizeof found - sizeof found[0]);
        found[0] = id;
        count++;
        hi = oracle_payload(drawing->oracle, id);
    }
    size_t shown = count < IDS_SHOWN_MAX ? count : IDS_SHOWN_MAX;
    size_t used = 0;
    names[0] = '\0';
    for (size_t i = 0; i < shown && used < names_bytes; i++)
        used += (size_t)snprintf(names + used, names_bytes - used, "%s#%" PRIu32,
                                 i ? "," : "", trace_id(drawing->trace, found[i]));
    if (count > shown && used < names_bytes)
        snprintf(names + used, names_bytes - used, "+%zu", count - shown);
    return count;
}

/* ---- with the allocator's walk -------------------------------------- */

/* A block the walk put where no block can be: drawn, not counted in the
 * heap's bytes, and not moving the cursor. */
static void put_misplaced(struct drawing *drawing, enum walk_placement placement,
                          const void *block, size_t block_bytes, uint64_t start)
{
    char item[ITEM_BYTES];
    const char *fault = walk_placement_fault(placement);
    if (placement == WALK_OUTSIDE_HEAP)
        snprintf(item, sizeof item, "[! %zu at %p: %s]", block_bytes, block, fault);
    else
        snprintf(item, sizeof item, "[! %zu at heap+%" PRIu64 ": %s]", block_bytes, start,
                 fault);
    put_item(drawing, item, 0);
}

static void visit_block(void *context, const void *block, size_t block_bytes, bool is_free)
{
    struct drawing *drawing = context;
    const char *start_address = block;
    uint64_t start = 0;
    enum walk_placement placement = walk_place(&drawing->heap, block, block_bytes, &start);
    if (placement != WALK_IN_PLACE) {
        put_misplaced(drawing, placement, block, block_bytes, start);
        return;
    }
    put_gap(drawing, drawing->cursor, start);
    drawing->cursor = start + block_bytes;
    char item[ITEM_BYTES];
    if (count_if_full(drawing, block_bytes))
        return;
    char names[ITEM_BYTES / 2];
    size_t payloads = name_payloads(drawing, start_address, start_address + block_bytes, names,
                                    sizeof names);
    if (is_free && payloads > 0)
        snprintf(item, sizeof item, "[free %zu, yet %s live in it!]", block_bytes, names);
    else if (is_free)
        snprintf(item, sizeof item, "[free %zu]", block_bytes);
    else if (payloads > 0)
        snprintf(item, sizeof item, "[%s %zu]", names, block_bytes);
    else
        snprintf(item, sizeof item, "[used %zu]", block_bytes);
    put_item(drawing, item, block_bytes);
}

/* ---- without it: the payloads the oracle knows ---------------------- */

static void visit_payload(void *context, uint32_t id, const void *payload, size_t size)
{
    struct drawing *drawing = context;
    uint64_t start = (uint64_t)((uintptr_t)payload - drawing->heap.heap_lo);
    put_gap(drawing, drawing->cursor, start);
    char item[ITEM_BYTES];
    snprintf(item, sizeof item, "[#%" PRIu32 " %zu]", trace_id(drawing->trace, id), size);
    put_item(drawing, item, size);
    if (start + size > drawing->cursor)
        drawing->cursor = start + size;
}

/* ---- the drawing ---------------------------------------------------- */

void blocks_draw(FILE *out, const struct allocator *allocator, const struct trace *trace,
                 const struct oracle *oracle)
{
    struct drawing drawing = {out, trace, oracle, walk_cursor_at_heap_start(), 0, 0, 0, 0, 0};
    fprintf(out, "%*s", DRAWING_INDENT, "");
    drawing.column = DRAWING_INDENT;
    if (drawing.heap.heap_bytes == 0) {
        fputs(" (the heap is empty)\n", out);
        return;
    }
    if (allocator->heap_walk != NULL)
        allocator->heap_walk(visit_block, &drawing);
    else
        oracle_walk(oracle, visit_payload, &drawing);
    put_gap(&drawing, drawing.cursor, drawing.heap.heap_bytes);
    if (drawing.items_hidden > 0)
        fprintf(out, "\n%*s ... and %zu more, %" PRIu64 " bytes", DRAWING_INDENT, "",
                drawing.items_hidden, drawing.bytes_hidden);
    fputc('\n', out);
}

void blocks_legend(FILE *out, const struct allocator *allocator)
{
    if (allocator->heap_walk != NULL)
        fputs("  blocks, from the allocator's mm_heap_walk, in address order:\n"
              "    [#ID BYTES] a used block (BYTES: all of it, header included) holding\n"
              "    trace id ID's payload, [used BYTES] one holding none, [free BYTES] a\n"
              "    free block, (BYTES) bytes in no block; they add up to the heap\n",
              out);
    else
        fputs("  payloads, in address order (the allocator has no mm_heap_walk):\n"
              "    [#ID BYTES] trace id ID's payload, (BYTES) the bytes between payloads:\n"
              "    headers, free space and padding, which the driver cannot tell apart\n",
              out);
}
