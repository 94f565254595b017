/*
 * blocks.h - the heap drawn as a line of blocks (mdriver --blocks).
 *
 * After each op of a narrated replay (-V), the driver can print the
 * heap's blocks in address order, so a learner sees a split, a merge or
 * a move happen: the before and after of every case an allocator
 * handles, drawn from the allocator's own heap rather than from a
 * textbook. The allocator's mm_heap_walk says where its blocks are and
 * which are free; the oracle says which live payload each used block
 * holds. Without mm_heap_walk only the payloads are known, and the bytes
 * between them are drawn as gaps (headers, free space and padding that
 * the driver cannot tell apart).
 */
#ifndef DRIVER_BLOCKS_H
#define DRIVER_BLOCKS_H

#include "oracle.h"
#include "registry.h"
#include "trace.h"

#include <stdio.h>

/* How many blocks one drawing shows before it says how many more. */
enum { BLOCKS_SHOWN_MAX = 64 };

/* Print the heap memlib holds now, as allocator sees it, to out: one
 * item per block, wrapped under the narration's columns. */
void blocks_draw(FILE *out, const struct allocator *allocator, const struct trace *trace,
                 const struct oracle *oracle);

/* What the drawing's notation means, for the head of a narrated replay. */
void blocks_legend(FILE *out, const struct allocator *allocator);

#endif /* DRIVER_BLOCKS_H */
