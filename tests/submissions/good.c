/*
 * good.c - a sample submission for tools/grade: an explicit free list
 * kept in address order (so first fit places like an implicit list, but
 * walks free blocks only), with boundary tags, splitting, immediate
 * coalescing and in-place realloc. It should pass every trace and earn
 * a positive score.
 *
 * Block layout (TAG = 8 bytes; block size counts both tags and is a
 * multiple of ALIGNMENT; allocated flag in bit 0):
 *
 *   block ->   +------------------+
 *              | size | alloc     |  header
 *   payload -> +------------------+  aligned to ALIGNMENT
 *              | next free (free) |
 *              | prev free (free) |
 *              | ...              |
 *              +------------------+
 *              | size | alloc     |  footer == header
 *              +------------------+
 *
 * Invariants: every free block is on the list exactly once, in address
 * order (b->next == NULL || b < b->next); no two
 * adjacent blocks are free; header == footer for every block.
 * Complexity: malloc O(free blocks); free O(1) when a neighbour is free,
 * else O(free blocks) to find its place; realloc O(1) in place.
 */
#include "mm.h"
#include "memlib.h"

#include <stdint.h>
#include <string.h>

#ifndef ALIGNMENT
#define ALIGNMENT 8
#endif

team_t team = {"good", "Sample Student", "good@example.edu", "", ""};

typedef size_t tag_t;

typedef struct free_block {
    tag_t header;
    struct free_block *next;
    struct free_block *prev;
} block_t;

static const size_t TAG = sizeof(tag_t);

/* ---- state, reset by mm_init ------------------------------------------ */

static block_t *free_list;  /* first free block, NULL if none */
static block_t *epilogue;   /* size-0 allocated header below the break */

/* ---- helpers ----------------------------------------------------------- */

static inline size_t min_block(void)
{
    size_t bytes = 4 * TAG;
    return (bytes + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
}

static inline size_t block_bytes_for(size_t payload)
{
    size_t bytes = (payload + 2 * TAG + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
    return bytes < min_block() ? min_block() : bytes;
}

static inline size_t size_of(const block_t *b) { return b->header & ~(tag_t)7; }
static inline int is_free(const block_t *b) { return !(b->header & 1); }
static inline void *payload_of(block_t *b) { return (char *)b + TAG; }
static inline block_t *block_of(void *p) { return (block_t *)((char *)p - TAG); }
static inline block_t *next_block(block_t *b) { return (block_t *)((char *)b + size_of(b)); }

static inline block_t *prev_block(block_t *b)
{
    tag_t footer = *(tag_t *)((char *)b - TAG);
    return (block_t *)((char *)b - (footer & ~(tag_t)7));
}

static inline int prev_is_free(block_t *b)
{
    return !(*(tag_t *)((char *)b - TAG) & 1);
}

static inline void set_block(block_t *b, size_t size, int allocated)
{
    b->header = size | (allocated ? 1 : 0);
    *(tag_t *)((char *)b + size - TAG) = b->header;
}

/* Insert b in address order. */
static void list_insert(block_t *b)
{
    block_t *prev = NULL, *next = free_list;
    while (next != NULL && next < b) {
        prev = next;
        next = next->next;
    }
    b->prev = prev;
    b->next = next;
    if (prev)
        prev->next = b;
    else
        free_list = b;
    if (next)
        next->prev = b;
}

/* b takes old's place in the list (b is just below old in memory). */
static void list_replace(block_t *old, block_t *b)
{
    b->prev = old->prev;
    b->next = old->next;
    if (b->prev)
        b->prev->next = b;
    else
        free_list = b;
    if (b->next)
        b->next->prev = b;
}

static void list_remove(block_t *b)
{
    if (b->prev)
        b->prev->next = b->next;
    else
        free_list = b->next;
    if (b->next)
        b->next->prev = b->prev;
}

/* Merge a free, unlisted block with free neighbours; list the result,
 * keeping the list in address order without a search when it can. */
static block_t *coalesce(block_t *b)
{
    block_t *next = next_block(b);
    int next_free = is_free(next);
    if (prev_is_free(b)) {
        block_t *prev = prev_block(b);
        size_t size = size_of(prev) + size_of(b);
        if (next_free) {
            list_remove(next);
            size += size_of(next);
        }
        set_block(prev, size, 0); /* prev keeps its place in the list */
        return prev;
    }
    if (next_free) {
        list_replace(next, b);
        set_block(b, size_of(b) + size_of(next), 0);
        return b;
    }
    list_insert(b);
    return b;
}

static block_t *extend_heap(size_t bytes)
{
    char *old_break = mem_sbrk((intptr_t)bytes);
    if (old_break == (void *)-1)
        return NULL;
    block_t *b = epilogue;          /* the old epilogue becomes the header */
    set_block(b, bytes, 0);
    epilogue = next_block(b);
    epilogue->header = 1;
    return coalesce(b);
}

/* Mark b allocated with size bytes, splitting off a free remainder. */
static void place(block_t *b, size_t bytes)
{
    size_t total = size_of(b);
    if (total - bytes >= min_block()) {
        set_block(b, bytes, 1);
        block_t *rest = next_block(b);
        set_block(rest, total - bytes, 0);
        coalesce(rest);
    } else {
        set_block(b, total, 1);
    }
}

/* ---- interface --------------------------------------------------------- */

int mm_init(void)
{
    /* pad so that payloads (header + TAG) are aligned, then prologue
     * (header + footer), then the epilogue header */
    size_t pad = ALIGNMENT - (2 * TAG + TAG) % ALIGNMENT;
    if (pad == ALIGNMENT)
        pad = 0;
    char *start = mem_sbrk((intptr_t)(pad + 3 * TAG));
    if (start == (void *)-1)
        return -1;
    block_t *prologue = (block_t *)(start + pad);
    set_block(prologue, 2 * TAG, 1);
    epilogue = next_block(prologue);
    epilogue->header = 1;
    free_list = NULL;
    return 0;
}

void *mm_malloc(size_t size)
{
    if (size == 0 || size > (size_t)INTPTR_MAX / 2)
        return NULL;
    size_t bytes = block_bytes_for(size);
    for (block_t *b = free_list; b != NULL; b = b->next) {
        if (size_of(b) >= bytes) {
            list_remove(b);
            place(b, bytes);
            return payload_of(b);
        }
    }
    /* grow by what is missing: a free last block is merged with the new space */
    size_t grow = bytes;
    if (prev_is_free(epilogue))
        grow -= size_of(prev_block(epilogue));
    block_t *b = extend_heap(grow);
    if (b == NULL)
        return NULL;
    list_remove(b);
    place(b, bytes);
    return payload_of(b);
}

void mm_free(void *ptr)
{
    if (ptr == NULL)
        return;
    block_t *b = block_of(ptr);
    set_block(b, size_of(b), 0);
    coalesce(b);
}

void *mm_realloc(void *ptr, size_t size)
{
    if (ptr == NULL)
        return mm_malloc(size);
    if (size == 0) {
        mm_free(ptr);
        return NULL;
    }
    block_t *b = block_of(ptr);
    size_t bytes = block_bytes_for(size);
    size_t have = size_of(b);
    if (bytes <= have)
        return ptr;
    block_t *next = next_block(b);
    size_t next_bytes = is_free(next) ? size_of(next) : 0;
    if (have + next_bytes >= bytes) { /* grow into the free neighbour */
        list_remove(next);
        set_block(b, have + next_bytes, 1);
        place(b, bytes);
        return ptr;
    }
    block_t *after = next_bytes ? next_block(next) : next;
    if (after == epilogue) { /* last in the heap: grow the heap under it */
        if (mem_sbrk((intptr_t)(bytes - have - next_bytes)) == (void *)-1)
            return NULL;
        if (next_bytes)
            list_remove(next);
        set_block(b, bytes, 1);
        epilogue = next_block(b);
        epilogue->header = 1;
        return ptr;
    }
    void *fresh = mm_malloc(size);
    if (fresh == NULL)
        return NULL;
    memcpy(fresh, ptr, have - 2 * TAG);
    mm_free(ptr);
    return fresh;
}
