/*
 * segregated.c - segregated free lists: one doubly linked list of free
 * blocks per size class, each list kept in size order.
 *
 * malloc looks in the request's class first, then in larger ones, and
 * takes the first block that fits: because each list is sorted by size
 * (and every larger class holds only larger blocks), that is the
 * smallest free block that fits, best fit, found by looking at one
 * class's blocks. Allocated blocks carry no footer: each header records
 * whether the block before it is allocated, and only a free block, which
 * may be merged with its successor, needs its footer.
 *
 * Block layout (TAG = sizeof(size_t), 8 bytes on x86-64; a block's size
 * counts its tags and is a multiple of ALIGNMENT; bit 0 A = this block
 * allocated, bit 1 P = the previous block allocated):
 *
 *         allocated block                    free block
 *   block ->  +------------------------+     +------------------------+
 *             | size | P | A=1         |     | size | P=1 | A=0       |  header
 *   payload ->+------------------------+     +------------------------+
 *             |                        |     | next_free              |  block_t *
 *             | payload                |     +------------------------+
 *             | (runs up to the next   |     | prev_free              |  block_t *
 *             |  block's header)       |     +------------------------+
 *             |                        |     | (unused)               |
 *             |                        |     +------------------------+
 *             |                        |     | size | P=1 | A=0       |  footer
 *             +------------------------+     +------------------------+
 *
 * Heap layout (addresses grow to the right):
 *
 *   mem_heap_lo   class heads                    lead pad  blocks ...           epilogue  break
 *   |<heads pad>|[head 0 .. head CLASS_COUNT-1]<------>|[hdr ....][hdr .. ftr]..|[0|P|1]|
 *
 * (the heads pad aligns the heads to a pointer, the lead pad the first
 * payload to ALIGNMENT; each is 0 when the break already is)
 *
 * The class heads (one pointer per class) are the allocator's only
 * table, and live in the heap like its blocks.
 *
 * The first block's P bit is set, so no prologue is needed to stop a
 * merge at the bottom; the allocated size-0 epilogue stops it at the top.
 *
 * Size classes: below SMALL_LIMIT_BYTES (512) one class per block size
 * (a multiple of ALIGNMENT), so the head of a class is an exact fit and
 * sorted insertion is O(1); from 512 up, four classes per power of two:
 * [2^k, 1.25 * 2^k), [1.25 * 2^k, 1.5 * 2^k), ... The last class has no
 * upper bound. class_of(size) maps a size to its class.
 *
 * Invariants (each tested by mm_checkheap):
 *   I1 epilogue header size == 0, A == 1, and epilogue + TAG == break
 *   I2 every block: size % ALIGNMENT == 0, size >= MIN_BLOCK_BYTES (so,
 *      with the lead pad that I6 counts, every payload % ALIGNMENT == 0)
 *   I3 every free block: header == footer
 *   I4 P(b) == A(previous block) for every block and the epilogue;
 *      P(first block) == 1
 *   I5 no two adjacent free blocks: !(free(b) && free(next(b)))
 *   I6 heads pad + heads + lead + sum(block sizes) + TAG == mem_heapsize(),
 *      with the heads in the heap below the first block (so every block
 *      lies in [heap_start, epilogue))
 *   L1 class_head[c] == NULL || class_head[c]->prev_free == NULL
 *   L2 every block on a list (class_head[c], and each next_free that is
 *      not NULL) is a free block inside the heap
 *   L3 links are symmetric: n->next_free == NULL || n->next_free->prev_free == n,
 *      and every free block b is linked in: b is its class's head or
 *      b->prev_free->next_free == b
 *   L4 sum of list lengths == number of free blocks in the heap, every
 *      walk ends (no cycle), and the lists' blocks are those the heap
 *      walk finds free (the same sum of a mix of their addresses: a
 *      stale node, say a block start left inside a merged block, cannot
 *      stand in for a free block, short of a 64-bit collision); with
 *      L2, L3, L5: each free block is on exactly one
 *      list, once
 *   L5 every block on list c has class_of(size) == c
 *   L6 each list is in size order: size(n) <= size(n->next_free)
 *
 * Complexity: malloc O(classes + blocks in the request's class) to find
 * a block, plus a free's cost for a split tail; free O(blocks in its
 * class) for the sorted insert, O(1) below 512 bytes; realloc as free
 * in place, else malloc + O(size) copy.
 */
#include "mm.h"
#include "memlib.h"
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

_Static_assert((ALIGNMENT & (ALIGNMENT - 1)) == 0, "ALIGNMENT must be a power of two");
_Static_assert(ALIGNMENT % sizeof(size_t) == 0, "ALIGNMENT must be a multiple of the tag size");

/* ---- constants -------------------------------------------------------- */

/* A header or a footer: the block size, with bit 0 (allocated) and bit 1
 * (previous block allocated), free because sizes are multiples of
 * ALIGNMENT >= 8. */
typedef size_t tag_t;

/* A block is addressed by its header; the links exist only while the
 * block is free, in what is otherwise the payload. */
typedef struct block {
    tag_t header;
    struct block *next_free;
    struct block *prev_free;
} block_t;

static const char ALLOCATOR_NAME[] = "segregated";

static const size_t TAG_BYTES = sizeof(tag_t);
static const tag_t ALLOCATED = 1;
static const tag_t PREV_ALLOCATED = 2;
static const tag_t SIZE_MASK = ~(tag_t)7;

/* Size classes. Below SMALL_LIMIT_BYTES each block size has a class of
 * its own, so the first block on the list is an exact fit; above it,
 * each power of two is cut into 4 classes, so the blocks of a class
 * differ in size by less than 25% of its smallest (the last class has
 * no upper bound), and a list kept sorted makes its first fit the best.
 * 512 bytes: a class per size up to there is one list head (8 bytes, in
 * the heap) per size, 60 of them at ALIGNMENT 8, and the sizes of small
 * objects, which repeat, are where exact fits pay. Enums, not static
 * consts, because each is defined from the others, which needs integer
 * constant expressions. */
enum {
    /* Smallest block: a free block's header, two links and footer,
     * rounded to ALIGNMENT, so that any block can become free. */
    MIN_BLOCK_BYTES = (2 * sizeof(tag_t) + 2 * sizeof(block_t *) + ALIGNMENT - 1) / ALIGNMENT *
                      ALIGNMENT,
    SMALL_LIMIT_BYTES = 512,
    SMALL_CLASSES = (SMALL_LIMIT_BYTES - MIN_BLOCK_BYTES) / ALIGNMENT,
    SMALL_LIMIT_LOG2 = 9,                                 /* 512 == 1 << 9 */
    SUBCLASS_LOG2 = 2,                                    /* 4 classes per power of two */
    LARGE_CLASSES = 20 << SUBCLASS_LOG2,                  /* up to 512 << 20 = 512 MiB */
    CLASS_COUNT = SMALL_CLASSES + LARGE_CLASSES,          /* the last has no upper bound */
};

/* Larger requests are refused outright, so rounding and adding tags can
 * never overflow, and every sbrk increment fits in an intptr_t. */
static const size_t MAX_REQUEST_BYTES = (size_t)INTPTR_MAX / 2;

/* ---- state (all of it reset by mm_init) -------------------------------- */

static block_t *heap_start; /* the first block; NULL until mm_init succeeds */
static block_t *epilogue;   /* the size-0 header just below the break */
/* The smallest free block of each class: CLASS_COUNT heads, kept at the
 * bottom of the heap (mm_init) rather than in a static array, so that
 * utilization counts them, as the lab's rule b asks of every mm.c. */
static block_t **class_head;

/* ---- sizes ------------------------------------------------------------ */

static inline size_t align_up(size_t bytes)
{
    return (bytes + (ALIGNMENT - 1)) & ~(size_t)(ALIGNMENT - 1);
}

/* The block size that holds payload_bytes: payload + header, aligned;
 * an allocated block's payload may use the space of its footer. */
static inline size_t block_bytes_for(size_t payload_bytes)
{
    size_t bytes = align_up(payload_bytes + TAG_BYTES);
    return bytes < MIN_BLOCK_BYTES ? MIN_BLOCK_BYTES : bytes;
}

/* The class holding free blocks of block_bytes. */
static inline size_t class_of(size_t block_bytes)
{
    if (block_bytes < SMALL_LIMIT_BYTES)
        return (block_bytes - MIN_BLOCK_BYTES) / ALIGNMENT;
    size_t log2 = SMALL_LIMIT_LOG2;
    while (block_bytes >> (log2 + 1) != 0)
        log2++;
    size_t subclass = (block_bytes >> (log2 - SUBCLASS_LOG2)) & ((1u << SUBCLASS_LOG2) - 1);
    size_t class_index = SMALL_CLASSES + ((log2 - SMALL_LIMIT_LOG2) << SUBCLASS_LOG2) + subclass;
    return class_index < CLASS_COUNT ? class_index : CLASS_COUNT - 1;
}

/* ---- block helpers ---------------------------------------------------- */

static inline size_t block_size(const block_t *block)
{
    return block->header & SIZE_MASK;
}

static inline bool block_is_free(const block_t *block)
{
    return (block->header & ALLOCATED) == 0;
}

static inline bool block_prev_is_allocated(const block_t *block)
{
    return (block->header & PREV_ALLOCATED) != 0;
}

static inline void *block_payload(block_t *block)
{
    return (char *)block + TAG_BYTES;
}

static inline block_t *block_from_payload(void *payload)
{
    return (block_t *)((char *)payload - TAG_BYTES);
}

static inline size_t block_payload_bytes(const block_t *block)
{
    return block_size(block) - TAG_BYTES;
}

/* Only a free block has a footer. */
static inline tag_t *block_footer(block_t *block)
{
    return (tag_t *)((char *)block + block_size(block) - TAG_BYTES);
}

static inline block_t *block_next(block_t *block)
{
    return (block_t *)((char *)block + block_size(block));
}

/* Only valid when the previous block is free: its footer sits just
 * below this block's header. */
static inline block_t *block_prev(block_t *block)
{
    tag_t prev_footer = *(tag_t *)((char *)block - TAG_BYTES);
    return (block_t *)((char *)block - (prev_footer & SIZE_MASK));
}

/* Write a block's header, and its footer if it is free. */
static inline void block_write(block_t *block, size_t size, bool allocated, bool prev_allocated)
{
    block->header = size | (allocated ? ALLOCATED : 0) | (prev_allocated ? PREV_ALLOCATED : 0);
    if (!allocated)
        *block_footer(block) = block->header;
}

/* Tell a block whether the one before it is allocated. */
static inline void block_set_prev_allocated(block_t *block, bool prev_allocated)
{
    block_write(block, block_size(block), !block_is_free(block), prev_allocated);
}

/* ---- the size-class lists --------------------------------------------- */

/* Sorted insert: before the first block of the class at least as big,
 * so the first fit found in a class is its best fit. */
static void list_insert(block_t *block)
{
    size_t size = block_size(block);
    block_t **head = &class_head[class_of(size)];
    block_t *prev = NULL;
    block_t *next = *head;
    while (next != NULL && block_size(next) < size) {
        prev = next;
        next = next->next_free;
    }
    block->prev_free = prev;
    block->next_free = next;
    if (prev != NULL)
        prev->next_free = block;
    else
        *head = block;
    if (next != NULL)
        next->prev_free = block;
}

static void list_remove(block_t *block)
{
    if (block->prev_free != NULL)
        block->prev_free->next_free = block->next_free;
    else
        class_head[class_of(block_size(block))] = block->next_free;
    if (block->next_free != NULL)
        block->next_free->prev_free = block->prev_free;
}

/* ---- splitting and merging -------------------------------------------- */

/* Merge a free block that is on no list (tags written, successor's P bit
 * clear) with its free neighbours, and put the result on its list. The
 * four cases, [F] the freed block, a allocated, f free:
 *
 *   a [F] a  ->  a [F    ] a
 *   a [F] f  ->  a [F       ]
 *   f [F] a  ->  [F      ] a
 *   f [F] f  ->  [F            ]
 *
 * The first block's P bit is set and the epilogue is allocated, so the
 * ends need no test. */
static block_t *coalesce_and_insert(block_t *block)
{
    size_t size = block_size(block);
    block_t *next = block_next(block);
    if (block_is_free(next)) {
        list_remove(next);
        size += block_size(next);
    }
    if (!block_prev_is_allocated(block)) {
        block = block_prev(block);
        list_remove(block);
        size += block_size(block);
    }
    block_write(block, size, false, block_prev_is_allocated(block));
    list_insert(block);
    return block;
}

/* Make an allocated block free, telling its successor. */
static void block_mark_free(block_t *block)
{
    block_write(block, block_size(block), false, block_prev_is_allocated(block));
    block_set_prev_allocated(block_next(block), false);
}

/* Shrink an allocated block to block_bytes, giving the tail back as a
 * free block if it is big enough to be one; the tail may border a free
 * block (realloc shrinking), so it is coalesced. */
static void block_shrink(block_t *block, size_t block_bytes)
{
    size_t spare = block_size(block) - block_bytes;
    if (spare < MIN_BLOCK_BYTES)
        return;
    block_write(block, block_bytes, true, block_prev_is_allocated(block));
    block_t *rest = block_next(block);
    block_write(rest, spare, false, true);
    block_set_prev_allocated(block_next(rest), false);
    coalesce_and_insert(rest);
}

/* Allocate block_bytes from a free block on a list; a big enough tail
 * goes back on its list (its successor is allocated by I5, so no merge). */
static void block_allocate(block_t *block, size_t block_bytes)
{
    list_remove(block);
    size_t spare = block_size(block) - block_bytes;
    if (spare < MIN_BLOCK_BYTES) {
        block_write(block, block_size(block), true, block_prev_is_allocated(block));
        block_set_prev_allocated(block_next(block), true);
        return;
    }
    block_write(block, block_bytes, true, block_prev_is_allocated(block));
    block_t *rest = block_next(block);
    block_write(rest, spare, false, true);
    list_insert(rest);
}

/* Absorb the free next block into this allocated one. */
static void block_merge_next(block_t *block)
{
    block_t *next = block_next(block);
    list_remove(next);
    block_write(block, block_size(block) + block_size(next), true, block_prev_is_allocated(block));
    block_set_prev_allocated(block_next(block), true);
}

/* ---- heap growth ------------------------------------------------------ */

/* Grow the heap by bytes (a multiple of ALIGNMENT, at least a block):
 * the old epilogue becomes the header of a new free block, coalesced
 * with a free last block. Returns it, or NULL if sbrk refuses. */
static block_t *extend_heap(size_t bytes)
{
    if (mem_sbrk((intptr_t)bytes) == (void *)-1)
        return NULL;
    block_t *block = epilogue;
    block_write(block, bytes, false, block_prev_is_allocated(block));
    epilogue = block_next(block);
    epilogue->header = ALLOCATED; /* size 0; the block before is free */
    return coalesce_and_insert(block);
}

/* A free block of at least block_bytes at the end of the heap, grown by
 * only what the free last block (if any) lacks, but by at least a block
 * so the new space can stand alone until it is merged. */
static block_t *extend_heap_for(size_t block_bytes)
{
    size_t have = block_prev_is_allocated(epilogue) ? 0 : block_size(block_prev(epilogue));
    size_t shortfall = block_bytes - have;
    return extend_heap(shortfall < MIN_BLOCK_BYTES ? MIN_BLOCK_BYTES : shortfall);
}

/* The smallest free block of at least block_bytes: the first fit in the
 * request's class, else the head of the next non-empty class. */
static block_t *find_fit(size_t block_bytes)
{
    for (size_t class_index = class_of(block_bytes); class_index < CLASS_COUNT; class_index++)
        for (block_t *block = class_head[class_index]; block != NULL; block = block->next_free)
            if (block_size(block) >= block_bytes)
                return block;
    return NULL;
}

/* ---- the interface ---------------------------------------------------- */

/* The class heads come first, pointer-aligned: the pad before them in a
 * heap that starts at heap_lo. */
static size_t heads_pad_bytes(const char *heap_lo)
{
    return (sizeof(block_t *) - (uintptr_t)heap_lo % sizeof(block_t *)) % sizeof(block_t *);
}

/* Where the first block starts, counted from heap_lo: the heads pad, the
 * heads, then the lead pad that puts the first payload on an ALIGNMENT
 * boundary. mm_init lays the heap out by it and mm_checkheap (I6)
 * expects exactly it. */
static size_t first_block_offset(const char *heap_lo)
{
    size_t heads_end = heads_pad_bytes(heap_lo) + CLASS_COUNT * sizeof(block_t *);
    uintptr_t unpadded_payload = (uintptr_t)heap_lo + heads_end + TAG_BYTES;
    return heads_end + (size_t)((ALIGNMENT - unpadded_payload % ALIGNMENT) % ALIGNMENT);
}

int mm_init(void)
{
    heap_start = NULL;
    epilogue = NULL;
    class_head = NULL;
    char *brk = mem_sbrk(0);
    if (brk == (void *)-1)
        return -1;
    size_t first_block = first_block_offset(brk);
    if (mem_sbrk((intptr_t)(first_block + TAG_BYTES)) == (void *)-1)
        return -1;
    class_head = (block_t **)(brk + heads_pad_bytes(brk));
    for (size_t class_index = 0; class_index < CLASS_COUNT; class_index++)
        class_head[class_index] = NULL;
    heap_start = (block_t *)(brk + first_block);
    epilogue = heap_start;
    epilogue->header = ALLOCATED | PREV_ALLOCATED; /* size 0, nothing below */
    return 0;
}

void *mm_malloc(size_t size)
{
    if (size == 0 || size > MAX_REQUEST_BYTES)
        return NULL;
    if (heap_start == NULL && mm_init() != 0)
        return NULL;
    size_t block_bytes = block_bytes_for(size);
    block_t *block = find_fit(block_bytes);
    if (block == NULL)
        block = extend_heap_for(block_bytes);
    if (block == NULL)
        return NULL;
    block_allocate(block, block_bytes);
    return block_payload(block);
}

void mm_free(void *ptr)
{
    if (ptr == NULL)
        return;
    block_t *block = block_from_payload(ptr);
    block_mark_free(block);
    coalesce_and_insert(block);
}

/* Resize without moving when possible: shrink in place, absorb a free
 * next block, or grow the heap when the block (or the free block after
 * it) is the last one. Returns the block, or NULL if it must move. */
static block_t *resize_in_place(block_t *block, size_t block_bytes)
{
    size_t current = block_size(block);
    if (block_bytes <= current) {
        block_shrink(block, block_bytes);
        return block;
    }
    block_t *next = block_next(block);
    size_t next_free_bytes = block_is_free(next) ? block_size(next) : 0;
    if (current + next_free_bytes < block_bytes) {
        bool at_heap_end = next == epilogue || (next_free_bytes > 0 && block_next(next) == epilogue);
        if (!at_heap_end)
            return NULL;
        /* Never grow by less than a whole block: the new space is a
         * free block of its own until it is merged into ours. */
        size_t shortfall = block_bytes - current - next_free_bytes;
        size_t grow_bytes = shortfall < MIN_BLOCK_BYTES ? MIN_BLOCK_BYTES : shortfall;
        if (extend_heap(grow_bytes) == NULL)
            return NULL;
        /* extend_heap merged the new space into a free block after ours. */
    }
    block_merge_next(block);
    block_shrink(block, block_bytes);
    return block;
}

void *mm_realloc(void *ptr, size_t size)
{
    if (ptr == NULL)
        return mm_malloc(size);
    if (size == 0) {
        mm_free(ptr);
        return NULL;
    }
    if (size > MAX_REQUEST_BYTES)
        return NULL;
    block_t *block = block_from_payload(ptr);
    block_t *resized = resize_in_place(block, block_bytes_for(size));
    if (resized != NULL)
        return block_payload(resized);
    void *new_ptr = mm_malloc(size);
    if (new_ptr == NULL)
        return NULL;
    size_t old_bytes = block_payload_bytes(block);
    memcpy(new_ptr, ptr, old_bytes < size ? old_bytes : size);
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

/* Every block in address order; the class heads (with the lead pad)
 * and the epilogue are visited as allocated blocks with no payload, so
 * the map shows them as the overhead they are. */
void mm_heap_walk(mm_block_visitor visit, void *context)
{
    if (heap_start == NULL)
        return;
    char *heap_lo = mem_heap_lo();
    visit(context, heap_lo, (size_t)((char *)heap_start - heap_lo), false);
    for (block_t *block = heap_start; block != epilogue; block = block_next(block))
        visit(context, block, block_size(block), block_is_free(block));
    visit(context, epilogue, TAG_BYTES, false);
}

/* ---- the heap checker ------------------------------------------------- */

static bool check_failed(int lineno, const void *block, const char *what)
{
    fprintf(stderr, "%s mm_checkheap (called at line %d): block %p: %s\n",
            ALLOCATOR_NAME, lineno, block, what);
    return false;
}

/* Could ptr be a free block's header: inside the block area, with room
 * below the epilogue for the smallest block (its links and footer), and
 * aligned like one? Tested before following any link, so a bad link is
 * reported instead of dereferenced: with only ptr < epilogue, a link to
 * the header-sized slot just under the epilogue passed, and reading its
 * prev_free read past the break. */
static bool is_block_address(const block_t *ptr)
{
    return ptr >= heap_start && (const char *)ptr + MIN_BLOCK_BYTES <= (const char *)epilogue &&
           ((uintptr_t)ptr + TAG_BYTES) % ALIGNMENT == 0;
}

/* I2..I5 and I6 (no overrun) for one block; prev_was_free carries I4
 * and I5 along the walk. Where the block lies is not tested: the walk
 * starts at heap_start, checked to be where the heap's start puts it, so
 * the first payload is aligned; each next block is a checked size
 * further on, so its payload is aligned too, and the overrun test below
 * keeps it below the epilogue (the loop stops on reaching it). Only the
 * links, which the walk does not follow, need is_block_address. */
static bool check_block(int lineno, block_t *block, bool prev_was_free)
{
    size_t size = block_size(block);
    if (size % ALIGNMENT != 0 || size < MIN_BLOCK_BYTES)
        return check_failed(lineno, block, "I2: size is not a multiple of ALIGNMENT of at least MIN_BLOCK_BYTES");
    if (size > (size_t)((char *)epilogue - (char *)block))
        return check_failed(lineno, block, "I6: block runs past the epilogue (block sizes do not add up to the heap size)");
    if (block_is_free(block) && block->header != *block_footer(block))
        return check_failed(lineno, block, "I3: free block's header != footer");
    if (block_prev_is_allocated(block) == prev_was_free)
        return check_failed(lineno, block, "I4: P bit disagrees with the previous block");
    if (prev_was_free && block_is_free(block))
        return check_failed(lineno, block, "I5: two adjacent free blocks (missed coalesce)");
    return true;
}

/* L3's second half, for a free block found by the heap walk. */
static bool check_linked_in(int lineno, block_t *block)
{
    if (block == class_head[class_of(block_size(block))])
        return true;
    if (block->prev_free == NULL || !is_block_address(block->prev_free) ||
        block->prev_free->next_free != block)
        return check_failed(lineno, block, "L3: free block is not linked in (prev_free->next_free != block)");
    return true;
}

/* The free blocks as L4 compares them: how many, and the sum of a mix
 * of their addresses (wrapping), once from the heap walk and once from
 * the lists. A plain sum of addresses was matched by stale nodes placed so
 * that their addresses summed to those of the free blocks left off the
 * lists; mixed, each address counts as a 64-bit pseudo-random number, and
 * stale nodes would have to collide with those to match. */
struct free_tally {
    size_t count;
    uint64_t address_mix_sum;
};

/* splitmix64's finalizer: every bit of the address moves every bit. */
static uint64_t address_mix(const block_t *block)
{
    uint64_t mix = (uint64_t)(uintptr_t)block;
    mix = (mix ^ (mix >> 30)) * 0xbf58476d1ce4e5b9u;
    mix = (mix ^ (mix >> 27)) * 0x94d049bb133111ebu;
    return mix ^ (mix >> 31);
}

static void tally_add(struct free_tally *tally, const block_t *block)
{
    tally->count++;
    tally->address_mix_sum += address_mix(block);
}

/* I1..I6 by walking the heap; tallies the free blocks for L4. */
static bool check_blocks(int lineno, struct free_tally *free_blocks)
{
    char *heap_lo = mem_heap_lo();
    char *heap_end = (char *)mem_heap_hi() + 1;
    if ((char *)epilogue + TAG_BYTES != heap_end)
        return check_failed(lineno, epilogue, "I1: epilogue is not just below the break");
    if (block_size(epilogue) != 0 || block_is_free(epilogue))
        return check_failed(lineno, epilogue, "I1: epilogue header is not size 0, allocated");
    if ((char *)class_head != heap_lo + heads_pad_bytes(heap_lo)
        || (char *)heap_start != heap_lo + first_block_offset(heap_lo))
        return check_failed(lineno, heap_start,
                            "I6: the class heads and the first block are not where the heap's start puts them");
    bool prev_was_free = false; /* the first block's P bit must be set */
    *free_blocks = (struct free_tally){0, 0};
    for (block_t *block = heap_start; block != epilogue; block = block_next(block)) {
        if (!check_block(lineno, block, prev_was_free))
            return false;
        prev_was_free = block_is_free(block);
        if (prev_was_free && !check_linked_in(lineno, block))
            return false;
        if (prev_was_free)
            tally_add(free_blocks, block);
    }
    if (block_prev_is_allocated(epilogue) == prev_was_free)
        return check_failed(lineno, epilogue, "I4: epilogue's P bit disagrees with the last block");
    /* I6 needs no sum here: the first block starts heads pad + heads +
     * lead above the heap's start (checked above), I1 put the epilogue at
     * the break, and check_block refused any block that runs past the
     * epilogue, so a walk that got here landed exactly on it: heads pad +
     * heads + lead + sum(sizes) + TAG is the heap size. */
    return true;
}

/* L2, L3, L5, L6 for one node of list class_index, whose address L2 has
 * checked already, as the class's head or as the node before's
 * next_free. */
static bool check_node(int lineno, block_t *node, size_t class_index)
{
    size_t size = block_size(node);
    if (size < MIN_BLOCK_BYTES || size > (size_t)((char *)epilogue - (char *)node) ||
        !block_is_free(node) || node->header != *block_footer(node))
        return check_failed(lineno, node, "L2: block on a list is not a free block");
    if (class_of(size) != class_index)
        return check_failed(lineno, node, "L5: block is on the wrong size class's list");
    block_t *next = node->next_free;
    if (next == NULL)
        return true;
    if (!is_block_address(next))
        return check_failed(lineno, node, "L2: next_free is not a block in the heap");
    if (next->prev_free != node)
        return check_failed(lineno, node, "L3: next_free->prev_free != block");
    if (block_size(next) < size)
        return check_failed(lineno, node, "L6: list is not in size order");
    return true;
}

/* L1..L6 by walking every list, at most free_blocks.count + 1 steps in
 * all. */
static bool check_lists(int lineno, struct free_tally free_blocks)
{
    struct free_tally listed = {0, 0};
    for (size_t class_index = 0; class_index < CLASS_COUNT; class_index++) {
        block_t *head = class_head[class_index];
        if (head != NULL && !is_block_address(head))
            return check_failed(lineno, head, "L2: list head is not a block in the heap");
        for (block_t *node = head; node != NULL; node = node->next_free) {
            if (listed.count == free_blocks.count)
                return check_failed(lineno, node, "L4: more blocks on the lists than free blocks (cycle?)");
            tally_add(&listed, node);
            if (!check_node(lineno, node, class_index))
                return false;
            /* After check_node: a used block left at a head is L2's,
             * though its payload has overwritten the prev link too. */
            if (node == head && node->prev_free != NULL)
                return check_failed(lineno, node, "L1: list head has a prev_free");
        }
    }
    if (listed.count != free_blocks.count)
        return check_failed(lineno, heap_start, "L4: fewer blocks on the lists than free blocks");
    if (listed.address_mix_sum != free_blocks.address_mix_sum)
        return check_failed(lineno, heap_start,
                            "L4: the lists hold blocks the heap walk does not find free "
                            "(as many, at other addresses)");
    return true;
}

bool mm_checkheap(int lineno)
{
    if (heap_start == NULL || mem_heapsize() == 0)
        return true; /* no mm_init since the heap was reset: no heap to check (mm.h) */
    struct free_tally free_blocks;
    return check_blocks(lineno, &free_blocks) && check_lists(lineno, free_blocks);
}
