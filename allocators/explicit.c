/*
 * explicit.c - an explicit free list: the free blocks, and only they,
 * sit on a doubly linked list threaded through their own payloads.
 *
 * malloc searches only the free blocks (first fit along the list);
 * boundary tags let free merge a block with free neighbours at once,
 * unlinking them, and splitting gives the unused tail back to the list.
 * EXPLICIT_ORDER picks where a freed block goes: 1 LIFO, at the head
 * (default: O(1) free), 2 address order (O(free blocks) free, but first
 * fit then behaves like the implicit list's and fragments less).
 *
 * Block layout (TAG = sizeof(size_t), 8 bytes on x86-64; a block's size
 * counts both tags and is a multiple of ALIGNMENT):
 *
 *         allocated block                    free block
 *   block ->  +------------------------+     +------------------------+
 *             | size | allocated bit 0 |     | size | 0               |  header
 *   payload ->+------------------------+     +------------------------+
 *             |                        |     | next_free              |  block_t *
 *             | payload                |     +------------------------+
 *             |                        |     | prev_free              |  block_t *
 *             |                        |     +------------------------+
 *             |                        |     | (unused)               |
 *             +------------------------+     +------------------------+
 *             | size | allocated bit 0 |     | size | 0               |  footer
 *             +------------------------+     +------------------------+
 *
 * Heap layout (addresses grow to the right):
 *
 *   mem_heap_lo  lead pad  prologue      blocks ...               epilogue  break
 *   |<------------------>|[hdr|ftr]|[hdr .. ftr][hdr .. ftr] ...|[0|alloc]|
 *
 * Invariants (each tested by mm_checkheap):
 *   I1 prologue header == prologue footer == PROLOGUE_BYTES | allocated
 *   I2 epilogue header == 0 | allocated, and epilogue + TAG == break
 *   I3 every block: size % ALIGNMENT == 0, size >= MIN_BLOCK_BYTES (so,
 *      with the lead pad that I6 counts, every payload % ALIGNMENT == 0)
 *   I4 every block: header == footer
 *   I5 no two adjacent free blocks: !(free(b) && free(next(b)))
 *   I6 lead + PROLOGUE_BYTES + sum(block sizes) + TAG == mem_heapsize()
 *      (so every block lies in [prologue end, epilogue))
 *   L1 free_head == NULL || free_head->prev_free == NULL
 *   L2 every block on the list (free_head, and each next_free that is
 *      not NULL) is a free block inside the heap
 *   L3 links are symmetric: n->next_free == NULL || n->next_free->prev_free == n,
 *      and every free block b is linked in: b == free_head || b->prev_free->next_free == b
 *   L4 list length == number of free blocks in the heap, the walk ends
 *      (no cycle), and the list's blocks are those the heap walk finds
 *      free (the same sum of a mix of their addresses: a stale node, say a
 *      block start left inside a merged block, cannot stand in for a
 *      free block, short of a 64-bit collision);
 *      with L2 and L3: each free block is on the list once
 *   L5 (address order) n < n->next_free
 *
 * Complexity: malloc O(free blocks); free O(1) LIFO, O(free blocks)
 * address-ordered; realloc in place costs what free does (the space it
 * gives back, or the tail a shrink leaves, goes on the list: O(1) LIFO,
 * O(free blocks) address-ordered), else malloc + O(size) copy.
 */
#include "mm.h"
#include "memlib.h"
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#ifndef EXPLICIT_ORDER
#define EXPLICIT_ORDER 1
#endif
#if EXPLICIT_ORDER != 1 && EXPLICIT_ORDER != 2
#error "EXPLICIT_ORDER must be 1 (LIFO) or 2 (address-ordered)"
#endif

_Static_assert((ALIGNMENT & (ALIGNMENT - 1)) == 0, "ALIGNMENT must be a power of two");
_Static_assert(ALIGNMENT % sizeof(size_t) == 0, "ALIGNMENT must be a multiple of the tag size");

/* ---- constants -------------------------------------------------------- */

/* A header or a footer: the block size with the allocated flag in bit 0,
 * free because sizes are multiples of ALIGNMENT >= 8. */
typedef size_t tag_t;

/* A block is addressed by its header; the links exist only while the
 * block is free, in what is otherwise the payload. */
typedef struct block {
    tag_t header;
    struct block *next_free;
    struct block *prev_free;
} block_t;

#if EXPLICIT_ORDER == 1
static const char ALLOCATOR_NAME[] = "explicit-lifo";
#else
static const char ALLOCATOR_NAME[] = "explicit-addr";
#endif

static const size_t TAG_BYTES = sizeof(tag_t);
static const tag_t ALLOCATED = 1;
static const tag_t SIZE_MASK = ~(tag_t)7;

/* Smallest block: header, two links and footer, rounded to ALIGNMENT,
 * so that any block can become free and hold its links. */
static const size_t MIN_BLOCK_BYTES =
    (2 * sizeof(tag_t) + 2 * sizeof(block_t *) + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;

/* The prologue is an allocated block with no payload: header + footer. */
static const size_t PROLOGUE_BYTES = 2 * sizeof(tag_t);

/* Larger requests are refused outright, so rounding and adding tags can
 * never overflow, and every sbrk increment fits in an intptr_t. */
static const size_t MAX_REQUEST_BYTES = (size_t)INTPTR_MAX / 2;

/* ---- state (all of it reset by mm_init) -------------------------------- */

static block_t *prologue;  /* NULL until mm_init succeeds */
static block_t *epilogue;  /* the size-0 header just below the break */
static block_t *free_head; /* first free block, NULL if none */

/* ---- sizes ------------------------------------------------------------ */

static inline size_t align_up(size_t bytes)
{
    return (bytes + (ALIGNMENT - 1)) & ~(size_t)(ALIGNMENT - 1);
}

/* The block size that holds payload_bytes: payload + two tags, aligned. */
static inline size_t block_bytes_for(size_t payload_bytes)
{
    size_t bytes = align_up(payload_bytes + 2 * TAG_BYTES);
    return bytes < MIN_BLOCK_BYTES ? MIN_BLOCK_BYTES : bytes;
}

/* ---- block helpers ---------------------------------------------------- */

static inline tag_t tag_pack(size_t size, bool allocated)
{
    return size | (allocated ? ALLOCATED : 0);
}

static inline size_t tag_size(tag_t tag)
{
    return tag & SIZE_MASK;
}

static inline size_t block_size(const block_t *block)
{
    return tag_size(block->header);
}

static inline bool block_is_free(const block_t *block)
{
    return (block->header & ALLOCATED) == 0;
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
    return block_size(block) - 2 * TAG_BYTES;
}

static inline tag_t *block_footer(block_t *block)
{
    return (tag_t *)((char *)block + block_size(block) - TAG_BYTES);
}

static inline block_t *block_next(block_t *block)
{
    return (block_t *)((char *)block + block_size(block));
}

/* The previous block's footer sits just below this block's header. */
static inline block_t *block_prev(block_t *block)
{
    tag_t prev_footer = *(tag_t *)((char *)block - TAG_BYTES);
    return (block_t *)((char *)block - tag_size(prev_footer));
}

static inline bool block_prev_is_free(block_t *block)
{
    tag_t prev_footer = *(tag_t *)((char *)block - TAG_BYTES);
    return (prev_footer & ALLOCATED) == 0;
}

static inline void block_set(block_t *block, size_t size, bool allocated)
{
    block->header = tag_pack(size, allocated);
    *block_footer(block) = block->header;
}

static inline block_t *first_block(void)
{
    return (block_t *)((char *)prologue + PROLOGUE_BYTES);
}

/* ---- the free list ---------------------------------------------------- */

static void list_link_after(block_t *prev, block_t *block)
{
    block_t *next = prev != NULL ? prev->next_free : free_head;
    block->prev_free = prev;
    block->next_free = next;
    if (prev != NULL)
        prev->next_free = block;
    else
        free_head = block;
    if (next != NULL)
        next->prev_free = block;
}

#if EXPLICIT_ORDER == 1
/* LIFO: a freed block goes to the head, so it is reused first while it
 * is still in the cache. */
static void list_insert(block_t *block)
{
    list_link_after(NULL, block);
}
#else
/* Address order: after the last free block below this one. */
static void list_insert(block_t *block)
{
    block_t *prev = NULL;
    for (block_t *node = free_head; node != NULL && node < block; node = node->next_free)
        prev = node;
    list_link_after(prev, block);
}
#endif

static void list_remove(block_t *block)
{
    if (block->prev_free != NULL)
        block->prev_free->next_free = block->next_free;
    else
        free_head = block->next_free;
    if (block->next_free != NULL)
        block->next_free->prev_free = block->prev_free;
}

/* Put replacement where block was in the list: used when a split leaves
 * a free tail, which lies between block and block's successor, so both
 * LIFO and address order stay intact in O(1). */
static void list_replace(block_t *block, block_t *replacement)
{
    block_t *prev = block->prev_free;
    list_remove(block);
    list_link_after(prev, replacement);
}

/* ---- splitting and merging -------------------------------------------- */

/* Absorb the free next block (on the list) into this one, keeping this
 * one's allocated flag. */
static void block_merge_next(block_t *block)
{
    block_t *next = block_next(block);
    list_remove(next);
    block_set(block, block_size(block) + block_size(next), !block_is_free(block));
}

static block_t *block_merge_prev(block_t *block)
{
    block_t *prev = block_prev(block);
    list_remove(prev);
    block_set(prev, block_size(prev) + block_size(block), false);
    return prev;
}

/* Merge a free block that is on no list with its free neighbours, and
 * put the result on the list. The four cases, [F] the freed block, a
 * allocated, f free (the f's leave the list, the merged block joins it):
 *
 *   a [F] a  ->  a [F    ] a
 *   a [F] f  ->  a [F       ]
 *   f [F] a  ->  [F      ] a
 *   f [F] f  ->  [F            ]
 *
 * The prologue and epilogue are allocated, so the ends need no test. */
static block_t *coalesce_and_insert(block_t *block)
{
    if (block_is_free(block_next(block)))
        block_merge_next(block);
    if (block_prev_is_free(block))
        block = block_merge_prev(block);
    list_insert(block);
    return block;
}

/* Shrink an allocated block to block_bytes, giving the tail back as a
 * free block if it is big enough to be one. */
static void block_split(block_t *block, size_t block_bytes)
{
    size_t spare = block_size(block) - block_bytes;
    if (spare < MIN_BLOCK_BYTES)
        return;
    block_set(block, block_bytes, true);
    block_t *rest = block_next(block);
    block_set(rest, spare, false);
    coalesce_and_insert(rest);
}

/* Allocate block_bytes from a free block on the list. The tail, if big
 * enough, takes the block's place on the list: its next neighbour is
 * allocated (I5), so it needs no coalescing. */
static void block_allocate(block_t *block, size_t block_bytes)
{
    size_t spare = block_size(block) - block_bytes;
    if (spare < MIN_BLOCK_BYTES) {
        list_remove(block);
        block_set(block, block_size(block), true);
        return;
    }
    block_t *rest = (block_t *)((char *)block + block_bytes);
    block_set(rest, spare, false);
    list_replace(block, rest);
    block_set(block, block_bytes, true);
}

/* ---- heap growth ------------------------------------------------------ */

/* Grow the heap by bytes (a multiple of ALIGNMENT): the old epilogue
 * becomes the header of a new free block, coalesced with a free last
 * block and put on the list. Returns it, or NULL if sbrk refuses. */
static block_t *extend_heap(size_t bytes)
{
    if (mem_sbrk((intptr_t)bytes) == (void *)-1)
        return NULL;
    block_t *block = epilogue;
    block_set(block, bytes, false);
    epilogue = block_next(block);
    epilogue->header = tag_pack(0, true);
    return coalesce_and_insert(block);
}

/* A free block of at least block_bytes at the end of the heap, grown by
 * only what the free last block (if any) lacks. */
static block_t *extend_heap_for(size_t block_bytes)
{
    size_t have = block_prev_is_free(epilogue) ? block_size(block_prev(epilogue)) : 0;
    return extend_heap(block_bytes - have);
}

/* First fit along the list. */
static block_t *find_fit(size_t block_bytes)
{
    for (block_t *block = free_head; block != NULL; block = block->next_free)
        if (block_size(block) >= block_bytes)
            return block;
    return NULL;
}

/* ---- the interface ---------------------------------------------------- */

/* The lead pad for a heap that starts at heap_lo: what puts the first
 * payload (after the prologue and a header) on an ALIGNMENT boundary.
 * mm_init pads by it and mm_checkheap (I6) expects exactly it. */
static size_t lead_bytes(const char *heap_lo)
{
    uintptr_t unpadded_payload = (uintptr_t)heap_lo + PROLOGUE_BYTES + TAG_BYTES;
    return (size_t)((ALIGNMENT - unpadded_payload % ALIGNMENT) % ALIGNMENT);
}

int mm_init(void)
{
    prologue = NULL;
    epilogue = NULL;
    free_head = NULL;
    char *brk = mem_sbrk(0);
    if (brk == (void *)-1)
        return -1;
    size_t lead = lead_bytes(brk);
    if (mem_sbrk((intptr_t)(lead + PROLOGUE_BYTES + TAG_BYTES)) == (void *)-1)
        return -1;
    prologue = (block_t *)(brk + lead);
    block_set(prologue, PROLOGUE_BYTES, true);
    epilogue = first_block();
    epilogue->header = tag_pack(0, true);
    return 0;
}

void *mm_malloc(size_t size)
{
    if (size == 0 || size > MAX_REQUEST_BYTES)
        return NULL;
    if (prologue == NULL && mm_init() != 0)
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
    block_set(block, block_size(block), false);
    coalesce_and_insert(block);
}

/* Resize without moving when possible: shrink in place, absorb a free
 * next block, or grow the heap when the block (or the free block after
 * it) is the last one. Returns false if the block must move. */
static bool resize_in_place(block_t *block, size_t block_bytes)
{
    size_t current = block_size(block);
    if (block_bytes <= current) {
        block_split(block, block_bytes);
        return true;
    }
    block_t *next = block_next(block);
    size_t next_free_bytes = block_is_free(next) ? block_size(next) : 0;
    if (current + next_free_bytes < block_bytes) {
        bool at_heap_end = next == epilogue || (next_free_bytes > 0 && block_next(next) == epilogue);
        /* Never grow by less than a whole block: the new space is a
         * block of its own until it is merged into ours. */
        size_t shortfall = block_bytes - current - next_free_bytes;
        size_t grow_bytes = shortfall < MIN_BLOCK_BYTES ? MIN_BLOCK_BYTES : shortfall;
        if (!at_heap_end || extend_heap(grow_bytes) == NULL)
            return false;
        /* extend_heap merged the new space into a free block after ours. */
    }
    block_merge_next(block);
    block_split(block, block_bytes);
    return true;
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
    if (resize_in_place(block, block_bytes_for(size)))
        return ptr;
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

/* Every block in address order; the prologue and epilogue are visited
 * as allocated blocks with no payload, so the map shows them as the
 * overhead they are. */
void mm_heap_walk(mm_block_visitor visit, void *context)
{
    if (prologue == NULL)
        return;
    visit(context, prologue, PROLOGUE_BYTES, false);
    for (block_t *block = first_block(); block != epilogue; block = block_next(block))
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
    return (const char *)ptr >= (const char *)first_block() &&
           (const char *)ptr + MIN_BLOCK_BYTES <= (const char *)epilogue &&
           ((uintptr_t)ptr + TAG_BYTES) % ALIGNMENT == 0;
}

/* I3, I4, I5 and I6 (no overrun) for one block; prev_was_free carries
 * I5 along the walk. Where the block lies is not tested: the walk starts
 * at the prologue's end, checked to be lead bytes above the heap's start,
 * so the first payload is aligned; each next block is a checked size
 * further on, so its payload is aligned too, and the overrun test below
 * keeps it below the epilogue (the loop stops on reaching it). Only the
 * links, which the walk does not follow, need is_block_address. */
static bool check_block(int lineno, block_t *block, bool prev_was_free)
{
    size_t size = block_size(block);
    if (size % ALIGNMENT != 0 || size < MIN_BLOCK_BYTES)
        return check_failed(lineno, block, "I3: size is not a multiple of ALIGNMENT of at least MIN_BLOCK_BYTES");
    if (size > (size_t)((char *)epilogue - (char *)block))
        return check_failed(lineno, block, "I6: block runs past the epilogue (block sizes do not add up to the heap size)");
    if (block->header != *block_footer(block))
        return check_failed(lineno, block, "I4: header != footer");
    if (prev_was_free && block_is_free(block))
        return check_failed(lineno, block, "I5: two adjacent free blocks (missed coalesce)");
    return true;
}

/* L3's second half, for a free block found by the heap walk. */
static bool check_linked_in(int lineno, block_t *block)
{
    if (block == free_head)
        return true;
    if (block->prev_free == NULL || !is_block_address(block->prev_free) ||
        block->prev_free->next_free != block)
        return check_failed(lineno, block, "L3: free block is not linked in (prev_free->next_free != block)");
    return true;
}

/* The free blocks as L4 compares them: how many, and the sum of a mix
 * of their addresses (wrapping), once from the heap walk and once from
 * the list. A plain sum of addresses was matched by stale nodes placed so
 * that their addresses summed to those of the free blocks left off the
 * list; mixed, each address counts as a 64-bit pseudo-random number, and
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
    if ((char *)prologue != heap_lo + lead_bytes(heap_lo))
        return check_failed(lineno, prologue, "I6: the prologue is not just after the lead pad at the heap's start");
    if ((char *)epilogue + TAG_BYTES != heap_end)
        return check_failed(lineno, epilogue, "I2: epilogue is not just below the break");
    if (prologue->header != tag_pack(PROLOGUE_BYTES, true) || *block_footer(prologue) != prologue->header)
        return check_failed(lineno, prologue, "I1: prologue tags are damaged");
    if (epilogue->header != tag_pack(0, true))
        return check_failed(lineno, epilogue, "I2: epilogue header is not 0 | allocated");
    bool prev_was_free = false;
    *free_blocks = (struct free_tally){0, 0};
    for (block_t *block = first_block(); block != epilogue; block = block_next(block)) {
        if (!check_block(lineno, block, prev_was_free))
            return false;
        prev_was_free = block_is_free(block);
        if (prev_was_free && !check_linked_in(lineno, block))
            return false;
        if (prev_was_free)
            tally_add(free_blocks, block);
    }
    /* I6 needs no sum here: the prologue sits lead bytes above the heap's
     * start (checked above), the walk began at its end, I2 put the
     * epilogue at the break, and check_block refused any block that runs
     * past the epilogue, so a walk that got here landed exactly on it:
     * lead + PROLOGUE_BYTES + sum(sizes) + TAG is the heap size. */
    return true;
}

/* L2 and L3 (and L5) for one list node, whose address L2 has checked
 * already, as free_head or as the node before's next_free. */
static bool check_node(int lineno, block_t *node)
{
    size_t size = block_size(node);
    if (size < MIN_BLOCK_BYTES || size > (size_t)((char *)epilogue - (char *)node) ||
        !block_is_free(node) || node->header != *block_footer(node))
        return check_failed(lineno, node, "L2: block on the list is not a free block");
    block_t *next = node->next_free;
    if (next == NULL)
        return true;
    if (!is_block_address(next))
        return check_failed(lineno, node, "L2: next_free is not a block in the heap");
    if (next->prev_free != node)
        return check_failed(lineno, node, "L3: next_free->prev_free != block");
#if EXPLICIT_ORDER == 2
    if (next <= node)
        return check_failed(lineno, node, "L5: list is not in address order");
#endif
    return true;
}

/* L1..L5 by walking the list, at most free_blocks.count + 1 steps. */
static bool check_list(int lineno, struct free_tally free_blocks)
{
    if (free_head != NULL && !is_block_address(free_head))
        return check_failed(lineno, free_head, "L2: list head is not a block in the heap");
    struct free_tally listed = {0, 0};
    for (block_t *node = free_head; node != NULL; node = node->next_free) {
        if (listed.count == free_blocks.count)
            return check_failed(lineno, node, "L4: more blocks on the list than free blocks (cycle?)");
        tally_add(&listed, node);
        if (!check_node(lineno, node))
            return false;
        /* After check_node: a used block left at the head is L2's, though
         * its payload has overwritten the prev link too. */
        if (node == free_head && node->prev_free != NULL)
            return check_failed(lineno, node, "L1: list head has a prev_free");
    }
    if (listed.count != free_blocks.count)
        return check_failed(lineno, free_head, "L4: fewer blocks on the list than free blocks");
    if (listed.address_mix_sum != free_blocks.address_mix_sum)
        return check_failed(lineno, free_head,
                            "L4: the list holds blocks the heap walk does not find free "
                            "(as many, at other addresses)");
    return true;
}

bool mm_checkheap(int lineno)
{
    if (prologue == NULL || mem_heapsize() == 0)
        return true; /* no mm_init since the heap was reset: no heap to check (mm.h) */
    struct free_tally free_blocks;
    return check_blocks(lineno, &free_blocks) && check_list(lineno, free_blocks);
}
