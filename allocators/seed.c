/*
 * seed.c - the seed allocator: a singly linked list of blocks, first fit.
 *
 * The design the lab starts from, kept exactly as described so the
 * other allocators can be measured against it. Every block, free or
 * not, sits on one list in address order; malloc reuses the first free
 * block big enough, else asks mem_sbrk for a new block at the end. No
 * block is ever split or merged, so space lost to a too-big reuse or to
 * neighbouring free blocks is never recovered: that is the lesson.
 *
 * Block layout (ALIGNMENT = 8; each cell is 8 bytes):
 *
 *   block ->  +----------------------+
 *             | size (payload bytes) |   size_t
 *             +----------------------+
 *             | isFree | (padding)   |   bool
 *             +----------------------+
 *             | next                 |   struct block *, NULL for the last
 *   payload ->+----------------------+
 *             | payload ... size     |
 *             +----------------------+
 *
 * The header is rounded up to ALIGNMENT (24 bytes at 8, 32 at 16), and
 * every request is rounded up to ALIGNMENT too (the seed's
 * ALIGN8(x) = ((x + 7) & ~7) when ALIGNMENT is 8), so every payload is
 * aligned because the heap starts page-aligned.
 *
 * Invariants (each tested by mm_checkheap):
 *   I1 first_block is the block at mem_heap_lo() (an empty heap, with
 *      the list empty, has nothing to check: mm.h)
 *   I2 block->next == (char *)block + header_bytes() + block->size, for
 *      every block but last_block
 *   I3 last_block's next is NULL and it ends at the break: with I1 and
 *      I2, sum over blocks (header_bytes() + size) == mem_heapsize()
 *   I4 every size is a multiple of ALIGNMENT (so, with I1 and I2, every
 *      payload is aligned)
 *
 * Complexity: malloc O(number of blocks) (first-fit walk); free O(1);
 * realloc O(blocks + size) when it must move.
 */
#include "mm.h"
#include "memlib.h"
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

struct block {
    size_t size;        /* payload bytes, a multiple of ALIGNMENT */
    bool isFree;
    struct block *next; /* the block after this one in address order */
};

static struct block *first_block;
static struct block *last_block;

/* ---- sizes ----------------------------------------------------------- */

static size_t align_up(size_t bytes)
{
    return (bytes + (ALIGNMENT - 1)) & ~(size_t)(ALIGNMENT - 1);
}

static size_t header_bytes(void)
{
    return align_up(sizeof(struct block));
}

/* The largest request we can round and add a header to without the sum
 * overflowing a signed sbrk increment. */
static bool request_too_big(size_t size)
{
    return size > (size_t)INTPTR_MAX - header_bytes() - ALIGNMENT;
}

/* ---- block helpers --------------------------------------------------- */

static void *block_payload(struct block *block)
{
    return (char *)block + header_bytes();
}

static struct block *payload_block(void *payload)
{
    return (struct block *)((char *)payload - header_bytes());
}

static char *block_end(struct block *block)
{
    return (char *)block_payload(block) + block->size;
}

static struct block *find_first_fit(size_t payload_bytes)
{
    for (struct block *block = first_block; block != NULL; block = block->next)
        if (block->isFree && block->size >= payload_bytes)
            return block;
    return NULL;
}

static struct block *extend_heap(size_t payload_bytes)
{
    struct block *block = mem_sbrk((intptr_t)(header_bytes() + payload_bytes));
    if (block == (void *)-1)
        return NULL;
    block->size = payload_bytes;
    block->isFree = false;
    block->next = NULL;
    if (last_block != NULL)
        last_block->next = block;
    else
        first_block = block;
    last_block = block;
    return block;
}

/* ---- the interface --------------------------------------------------- */

int mm_init(void)
{
    first_block = NULL;
    last_block = NULL;
    return 0;
}

void *mm_malloc(size_t size)
{
    if (size == 0 || request_too_big(size))
        return NULL;
    size_t payload_bytes = align_up(size);
    struct block *block = find_first_fit(payload_bytes);
    if (block != NULL) {
        block->isFree = false;
        return block_payload(block);
    }
    block = extend_heap(payload_bytes);
    return block != NULL ? block_payload(block) : NULL;
}

void mm_free(void *ptr)
{
    if (ptr != NULL)
        payload_block(ptr)->isFree = true;
}

void *mm_realloc(void *ptr, size_t size)
{
    if (ptr == NULL)
        return mm_malloc(size);
    if (size == 0) {
        mm_free(ptr);
        return NULL;
    }
    struct block *block = payload_block(ptr);
    if (block->size >= size)
        return ptr;
    void *new_ptr = mm_malloc(size);
    if (new_ptr == NULL)
        return NULL;
    memcpy(new_ptr, ptr, block->size);
    mm_free(ptr);
    return new_ptr;
}

void *mm_calloc(size_t nmemb, size_t size)
{
    if (size != 0 && nmemb > SIZE_MAX / size)
        return NULL;
    void *ptr = mm_malloc(nmemb * size);
    if (ptr != NULL)
        memset(ptr, 0, nmemb * size);
    return ptr;
}

/* ---- the heap walker (for the driver's heap maps) --------------------- */

void mm_heap_walk(mm_block_visitor visit, void *context)
{
    for (struct block *block = first_block; block != NULL; block = block->next)
        visit(context, block, header_bytes() + block->size, block->isFree);
}

/* ---- the heap checker ------------------------------------------------ */

static bool check_failed(int lineno, const struct block *block, const char *what)
{
    fprintf(stderr, "seed mm_checkheap (called at line %d): block %p: %s\n",
            lineno, (const void *)block, what);
    return false;
}

bool mm_checkheap(int lineno)
{
    if (mem_heapsize() == 0)
        return true; /* no heap (before mm_init, or reset since): nothing to check (mm.h) */
    char *heap_lo = mem_heap_lo();
    char *heap_end = (char *)mem_heap_hi() + 1;
    if (first_block == NULL)
        return check_failed(lineno, last_block, "I1: empty list but heap not empty");
    if ((char *)first_block != heap_lo)
        return check_failed(lineno, first_block, "I1: first block is not at the heap start");
    /* Every block the walk reaches starts in [heap_lo, heap_end]: the
     * first at heap_lo (I1), each next one where the block before ends
     * (I2), which that block's room test kept at or below the break. And
     * every payload is aligned, so it is not tested on its own: the first
     * is header_bytes() past the page-aligned heap start, each next one
     * a header and a size (I4) further on. */
    for (struct block *block = first_block; block != NULL; block = block->next) {
        /* The room for the header first: a link to the break (from a
         * block that is not last_block) must be refused before a size is
         * read there. */
        size_t room = (size_t)(heap_end - (char *)block);
        if (room < header_bytes() || block->size > room - header_bytes())
            return check_failed(lineno, block, "I3: block lies outside the heap");
        if (block->size % ALIGNMENT != 0)
            return check_failed(lineno, block, "I4: size is not a multiple of ALIGNMENT");
        if (block == last_block && block->next != NULL)
            return check_failed(lineno, block, "I3: the last block's next is not NULL");
        if (block->next != NULL && (char *)block->next != block_end(block))
            return check_failed(lineno, block, "I2: next block does not start where this one ends");
        if (block->next == NULL && block != last_block)
            return check_failed(lineno, block, "I3: list ends before the last block");
        if (block->next == NULL && block_end(block) != heap_end)
            return check_failed(lineno, block, "I3: last block does not end at the break");
    }
    return true;
}
