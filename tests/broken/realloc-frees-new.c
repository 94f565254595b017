/*
 * realloc-frees-new.c - BUG: when mm_realloc moves a payload, it marks
 * the new block free instead of the old one, so the moved payload lives
 * in a block the heap calls free. Nothing here hands a free block out
 * again, so no op goes wrong, every payload keeps its bytes, and
 * mm_checkheap, which checks that the blocks tile the heap, passes: only
 * the free bit tells, and mm_heap_walk reports it.
 *
 * Exposed at -d 2 by tests/traces/realloc-frees-new.rep line 7 (`r 0
 * 100`, moving a 40-byte payload): after the op, the walk calls the
 * block the payload moved into free (at ALIGNMENT 8, the 112 bytes at
 * heap+80, the payload at heap+88), and the driver must say so, naming
 * id 0 and line 7; at -d 1 the trace passes. tests/oracle.t checks both.
 *
 * Otherwise the bump allocator every file in tests/broken/ shares (see
 * bump.h for the block diagram), with a free bit, the top bit of the
 * header: | free bit, payload size (ALIGNMENT B) | payload |; blocks
 * tile [mem_heap_lo(), break); mm_free sets the bit. malloc and free
 * O(1), checkheap and the walk O(blocks).
 * State: none (every block is found from the heap).
 */
#include "bump.h"

#include <stdio.h>

static const size_t FREE_BIT = (size_t)1 << (sizeof(size_t) * 8 - 1);

/* ---- the free bit ------------------------------------------------------- */

static size_t header_at(const char *block)
{
    return *(const size_t *)block;
}

static bool block_is_free(const char *block)
{
    return (header_at(block) & FREE_BIT) != 0;
}

/* The payload size the header holds, the free bit left out. */
static size_t payload_bytes_at(const char *block)
{
    return header_at(block) & ~FREE_BIT;
}

/* The whole of the block at `block`: where the next one starts. */
static size_t whole_block_bytes(const char *block)
{
    return HEADER_BYTES + round_up(payload_bytes_at(block));
}

static void mark_free(void *payload)
{
    *(size_t *)((char *)payload - HEADER_BYTES) |= FREE_BIT;
}

/* ---- the interface ------------------------------------------------------ */

int mm_init(void)
{
    return 0;
}

void *mm_malloc(size_t size)
{
    return new_block(size);
}

void mm_free(void *ptr)
{
    if (ptr != NULL)
        mark_free(ptr);
}

/* copy_payload, then give the old block back. */
static void move_payload(char *moved, void *old_payload, size_t new_bytes)
{
    copy_payload(moved, old_payload, new_bytes);
    mark_free(moved); /* BUG: should be mark_free(old_payload) */
}

void *mm_realloc(void *ptr, size_t size)
{
    return realloc_by_copy(ptr, size, new_block, move_payload);
}

/* The blocks tile the heap, each with a payload size a request may
 * have. Whether a free block holds a live payload it cannot know. */
bool mm_checkheap(int lineno)
{
    const char *brk = (const char *)mem_heap_hi() + 1;
    const char *block = mem_heap_lo();
    for (; block < brk; block += whole_block_bytes(block)) {
        if (!request_fits(payload_bytes_at(block))) {
            fprintf(stderr, "realloc-frees-new mm_checkheap (line %d): block %p: payload %zu B\n",
                    lineno, (const void *)block, payload_bytes_at(block));
            return false;
        }
    }
    if (block != brk) {
        fprintf(stderr,
                "realloc-frees-new mm_checkheap (line %d): the last block ends past the break\n",
                lineno);
        return false;
    }
    return true;
}

void mm_heap_walk(mm_block_visitor visit, void *context)
{
    const char *brk = (const char *)mem_heap_hi() + 1;
    for (const char *block = mem_heap_lo(); block < brk; block += whole_block_bytes(block))
        visit(context, block, whole_block_bytes(block), block_is_free(block));
}
