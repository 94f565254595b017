/*
 * walk.h - an allocator's mm_heap_walk, checked block by block.
 *
 * A walk claims to visit every block of the heap in address order. Each
 * block it visits is placed against the heap memlib holds and against
 * the block visited before it (walk_place): the drawing (blocks.c) shows
 * a block out of place for what it is, and the -d 2 check (walk_check)
 * fails the trace on it. The check also asks the oracle whether a block
 * the walk calls free overlaps a live payload: a block freed twice, or
 * marked free by a bug that mm_checkheap does not test, shows there
 * before it is handed out again.
 */
#ifndef DRIVER_WALK_H
#define DRIVER_WALK_H

#include "oracle.h"
#include "registry.h"
#include "trace.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Where a visited block lies. */
enum walk_placement {
    WALK_IN_PLACE,          /* inside the heap, at or after the end of the block before */
    WALK_OUTSIDE_HEAP,      /* not inside [mem_heap_lo(), mem_heap_hi()] */
    WALK_OUT_OF_ORDER,      /* starts below the start of the block before */
    WALK_OVERLAPS_PREVIOUS, /* starts inside the block before */
};

/* A walk's progress through the heap, in heap offsets. */
struct walk_cursor {
    uintptr_t heap_lo;
    uint64_t heap_bytes;
    uint64_t previous_start; /* the last block in place: where it starts */
    uint64_t previous_end;   /* and where it ends (0 before the first) */
};

/* A cursor at the start of the heap memlib holds now. */
struct walk_cursor walk_cursor_at_heap_start(void);

/* Where [block, block + block_bytes) lies. If inside the heap, its heap
 * offset is stored in *start; if in place, the cursor moves past it,
 * and otherwise stays at the block before. */
enum walk_placement walk_place(struct walk_cursor *cursor, const void *block,
                               size_t block_bytes, uint64_t *start);

/* What is wrong with a block placed so ("not inside the heap", ...);
 * "" when it is in place. */
const char *walk_placement_fault(enum walk_placement placement);

/* Walk the heap memlib holds now with allocator's mm_heap_walk, and
 * check every block it visits: in place, and, if the walk calls it
 * free, overlapping no payload live in oracle (named as trace names its
 * ids). Returns true if every block passes (or the allocator has no
 * walk, or the heap is empty); otherwise writes the first fault found
 * into why. */
bool walk_check(const struct allocator *allocator, const struct trace *trace,
                const struct oracle *oracle, char *why, size_t why_bytes);

#endif /* DRIVER_WALK_H */
