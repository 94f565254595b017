/*
 * bump.h - the correct bump allocator every file in tests/broken/ shares
 * (except crash3-hang5.c, which wraps allocators/segregated.c); each file
 * includes it and adds its one bug. Each block is a header holding the
 * payload size, then the payload rounded up to ALIGNMENT; mm_malloc moves
 * the break, mm_free forgets the block, mm_realloc copies into a new block.
 *
 *   block ->+------------------------------+
 *           | payload_bytes (ALIGNMENT B)  |
 * payload ->+------------------------------+
 *           | payload, rounded up          |
 *           +------------------------------+  <- the next block, or the break
 *
 * Invariant: the blocks tile [mem_heap_lo(), break); malloc, free O(1).
 *
 * Every function is static inline, so a file that does not use one (it has
 * a buggy version of its own under another name) gets no warning.
 */
#ifndef BROKEN_BUMP_H
#define BROKEN_BUMP_H

#include "mm.h"
#include "memlib.h"
#include "config.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

_Static_assert(ALIGNMENT >= sizeof(size_t), "the header holds a size_t");

static const size_t HEADER_BYTES = ALIGNMENT;
static const size_t MAX_REQUEST_BYTES = (size_t)1 << 40;

/* How a file makes a block for a request (new_block, or its buggy own),
 * and how it copies a payload into a moved block (copy_payload, or ...). */
typedef char *block_maker(size_t bytes);
typedef void payload_copier(char *moved, void *old_payload, size_t new_bytes);

/* ---- blocks ------------------------------------------------------------- */

static inline size_t round_up(size_t bytes)
{
    return (bytes + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
}

static inline size_t payload_bytes(const void *payload)
{
    return *(const size_t *)((const char *)payload - HEADER_BYTES);
}

/* The whole of the block at `block` (header and rounded payload): where
 * the next one starts, for the files that walk the heap. */
static inline size_t block_bytes_at(const char *block)
{
    return HEADER_BYTES + round_up(*(const size_t *)block);
}

/* Whether a request deserves a block: not empty, not absurdly large. */
static inline bool request_fits(size_t bytes)
{
    return bytes != 0 && bytes <= MAX_REQUEST_BYTES;
}

/* Write header at block: the block's payload. */
static inline char *write_header(char *block, size_t header)
{
    *(size_t *)block = header;
    return block + HEADER_BYTES;
}

/* block_bytes more at the break, headed by header: the payload, or NULL if
 * the heap cannot grow. */
static inline char *block_at_break(size_t block_bytes, size_t header)
{
    char *block = mem_sbrk((intptr_t)block_bytes);
    if (block == (void *)-1)
        return NULL;
    return write_header(block, header);
}

/* A fresh block at the break: its payload, or NULL if the heap cannot grow. */
static inline char *new_block(size_t bytes)
{
    if (!request_fits(bytes))
        return NULL;
    return block_at_break(HEADER_BYTES + round_up(bytes), bytes);
}

/* ---- realloc ------------------------------------------------------------ */

/* The bytes a move keeps: min(old_bytes, new_bytes). */
static inline size_t kept_bytes(size_t old_bytes, size_t new_bytes)
{
    return old_bytes < new_bytes ? old_bytes : new_bytes;
}

static inline void copy_payload(char *moved, void *old_payload, size_t new_bytes)
{
    memcpy(moved, old_payload, kept_bytes(payload_bytes(old_payload), new_bytes));
}

/* mm_realloc: NULL is malloc, size 0 is free, anything else moves the
 * payload into a block from make_block, copied by copy. */
static inline void *realloc_by_copy(void *ptr, size_t size, block_maker *make_block,
                                    payload_copier *copy)
{
    if (ptr == NULL)
        return mm_malloc(size);
    if (size == 0) {
        mm_free(ptr);
        return NULL;
    }
    char *moved = make_block(size);
    if (moved != NULL)
        copy(moved, ptr, size);
    return moved;
}

#endif /* BROKEN_BUMP_H */
