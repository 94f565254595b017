/*
 * implicit.c - an implicit free list with boundary tags, splitting and
 * immediate coalescing; the fit policy is chosen at compile time.
 *
 * There is no list of free blocks: malloc walks every block, free or
 * not, from the prologue to the epilogue by the sizes in the headers,
 * and the footer (a copy of the header) lets free reach the previous
 * block in O(1), so a freed block is merged with free neighbours at
 * once. IMPLICIT_FIT picks the search: 1 first fit (default), 2 next fit
 * (resume where the last search stopped), 3 best fit (smallest block
 * that fits, stopping early on an exact fit).
 *
 * Block layout (TAG = sizeof(size_t), 8 bytes on x86-64; a block's size
 * counts both tags and is a multiple of ALIGNMENT):
 *
 *   block ->   +--------------------------------+
 *              | size | allocated (bit 0)       |  header, one tag
 *   payload -> +--------------------------------+  aligned to ALIGNMENT
 *              | payload (allocated)            |
 *              | or unused bytes (free)         |
 *              +--------------------------------+
 *              | size | allocated (bit 0)       |  footer == header
 *              +--------------------------------+
 *
 * Heap layout (addresses grow to the right):
 *
 *   mem_heap_lo  lead pad  prologue      blocks ...               epilogue  break
 *   |<------------------>|[hdr|ftr]|[hdr .. ftr][hdr .. ftr] ...|[0|alloc]|
 *
 * The lead pad puts every header at an address = -TAG (mod ALIGNMENT),
 * so every payload is aligned; the always-allocated prologue and
 * epilogue stop coalescing at the ends without special cases.
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
 *   I7 (next fit) rover is the start of a block or the epilogue
 *
 * Complexity: malloc O(blocks in the heap) for the walk; free O(1);
 * realloc O(1) when it can resize in place, else malloc + O(size) copy.
 */
#include "mm.h"
#include "memlib.h"
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#ifndef IMPLICIT_FIT
#define IMPLICIT_FIT 1
#endif
#if IMPLICIT_FIT < 1 || IMPLICIT_FIT > 3
#error "IMPLICIT_FIT must be 1 (first fit), 2 (next fit) or 3 (best fit)"
#endif

_Static_assert((ALIGNMENT & (ALIGNMENT - 1)) == 0, "ALIGNMENT must be a power of two");
_Static_assert(ALIGNMENT % sizeof(size_t) == 0, "ALIGNMENT must be a multiple of the tag size");

/* ---- constants -------------------------------------------------------- */

/* A header or a footer: the block size with the allocated flag in bit 0,
 * free because sizes are multiples of ALIGNMENT >= 8. */
typedef size_t tag_t;

/* A block is addressed by its header; the payload follows it. */
typedef struct block {
    tag_t header;
} block_t;

#if IMPLICIT_FIT == 1
static const char ALLOCATOR_NAME[] = "implicit-first";
#elif IMPLICIT_FIT == 2
static const char ALLOCATOR_NAME[] = "implicit-next";
#else
static const char ALLOCATOR_NAME[] = "implicit-best";
#endif

static const size_t TAG_BYTES = sizeof(tag_t);
static const tag_t ALLOCATED = 1;
static const tag_t SIZE_MASK = ~(tag_t)7;

/* Smallest block: two tags, rounded to ALIGNMENT. A split never leaves
 * less than this behind. */
static const size_t MIN_BLOCK_BYTES =
    (2 * sizeof(tag_t) + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;

/* The prologue is an allocated block with no payload: header + footer. */
static const size_t PROLOGUE_BYTES = 2 * sizeof(tag_t);

/* Larger requests are refused outright, so rounding and adding tags can
 * never overflow, and every sbrk increment fits in an intptr_t. */
static const size_t MAX_REQUEST_BYTES = (size_t)INTPTR_MAX / 2;

/* ---- state (all of it reset by mm_init) -------------------------------- */

static block_t *prologue; /* NULL until mm_init succeeds */
static block_t *epilogue; /* the size-0 header just below the break */
#if IMPLICIT_FIT == 2
static block_t *rover; /* where the next search starts */
#endif

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

/* ---- splitting and merging -------------------------------------------- */

/* Absorb the next block into this one, keeping this one's allocated
 * flag. The next block's start stops being a block start, so a rover
 * that pointed there must move back to the merged block. */
static void block_merge_next(block_t *block)
{
    block_t *next = block_next(block);
#if IMPLICIT_FIT == 2
    if (rover == next)
        rover = block;
#endif
    block_set(block, block_size(block) + block_size(next), !block_is_free(block));
}

static block_t *block_merge_prev(block_t *block)
{
    block_t *prev = block_prev(block);
    block_merge_next(prev);
    return prev;
}

/* Merge a free block with its free neighbours; returns the merged block.
 * The four cases, [F] the freed block, a allocated, f free:
 *
 *   a [F] a  ->  a [F    ] a          nothing to merge
 *   a [F] f  ->  a [F       ]         merge next
 *   f [F] a  ->  [F      ] a          merge prev
 *   f [F] f  ->  [F            ]      merge both
 *
 * The prologue and epilogue are allocated, so the ends need no test. */
static block_t *coalesce(block_t *block)
{
    if (block_is_free(block_next(block)))
        block_merge_next(block);
    if (block_prev_is_free(block))
        block = block_merge_prev(block);
    return block;
}

/* Shrink an allocated block to block_bytes, giving the tail back as a
 * free block if it is big enough to be one; the tail may border a free
 * block (realloc shrinking), so it is coalesced. */
static void block_split(block_t *block, size_t block_bytes)
{
    size_t spare = block_size(block) - block_bytes;
    if (spare < MIN_BLOCK_BYTES)
        return;
    block_set(block, block_bytes, true);
    block_t *rest = block_next(block);
    block_set(rest, spare, false);
    coalesce(rest);
}

/* ---- heap growth ------------------------------------------------------ */

/* Grow the heap by bytes (a multiple of ALIGNMENT): the old epilogue
 * becomes the header of a new free block, coalesced with a free last
 * block. Returns the resulting free block, or NULL if sbrk refuses. */
static block_t *extend_heap(size_t bytes)
{
    if (mem_sbrk((intptr_t)bytes) == (void *)-1)
        return NULL;
    block_t *block = epilogue;
    block_set(block, bytes, false);
    epilogue = block_next(block);
    epilogue->header = tag_pack(0, true);
    return coalesce(block);
}

/* A free block of at least block_bytes at the end of the heap, grown by
 * only what the free last block (if any) lacks: asking sbrk for exactly
 * the shortfall keeps the heap, and so utilization, as tight as it goes. */
static block_t *extend_heap_for(size_t block_bytes)
{
    size_t have = block_prev_is_free(epilogue) ? block_size(block_prev(epilogue)) : 0;
    return extend_heap(block_bytes - have);
}

/* ---- fit policies ----------------------------------------------------- */

#if IMPLICIT_FIT == 1
static block_t *find_fit(size_t block_bytes)
{
    for (block_t *block = first_block(); block != epilogue; block = block_next(block))
        if (block_is_free(block) && block_size(block) >= block_bytes)
            return block;
    return NULL;
}
#elif IMPLICIT_FIT == 2
static block_t *find_fit_between(block_t *from, block_t *to, size_t block_bytes)
{
    for (block_t *block = from; block != to; block = block_next(block))
        if (block_is_free(block) && block_size(block) >= block_bytes)
            return block;
    return NULL;
}

/* From the rover to the end, then from the start up to the rover. */
static block_t *find_fit(size_t block_bytes)
{
    block_t *block = find_fit_between(rover, epilogue, block_bytes);
    if (block == NULL)
        block = find_fit_between(first_block(), rover, block_bytes);
    return block;
}
#else
static block_t *find_fit(size_t block_bytes)
{
    block_t *best = NULL;
    for (block_t *block = first_block(); block != epilogue; block = block_next(block)) {
        if (!block_is_free(block) || block_size(block) < block_bytes)
            continue;
        if (best == NULL || block_size(block) < block_size(best))
            best = block;
        if (block_size(block) == block_bytes)
            break; /* nothing fits better than exactly */
    }
    return best;
}
#endif

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
#if IMPLICIT_FIT == 2
    rover = NULL;
#endif
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
#if IMPLICIT_FIT == 2
    rover = epilogue;
#endif
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
    block_set(block, block_size(block), true);
    block_split(block, block_bytes);
#if IMPLICIT_FIT == 2
    rover = block;
#endif
    return block_payload(block);
}

void mm_free(void *ptr)
{
    if (ptr == NULL)
        return;
    block_t *block = block_from_payload(ptr);
    block_set(block, block_size(block), false);
    coalesce(block);
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
        /* extend_heap merged the new space into the free block after ours. */
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

/* I3, I4, I5 and I6 (no overrun) for one block; prev_was_free carries
 * I5 along the walk. Where the block lies is not tested: the walk starts
 * at the prologue's end, checked to be lead bytes above the heap's start,
 * so the first payload is aligned; each next block is a checked size
 * further on, so its payload is aligned too, and the overrun test below
 * keeps it below the epilogue (the loop stops on reaching it). */
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

bool mm_checkheap(int lineno)
{
    if (prologue == NULL || mem_heapsize() == 0)
        return true; /* no mm_init since the heap was reset: no heap to check (mm.h) */
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
#if IMPLICIT_FIT == 2
    bool rover_seen = rover == epilogue;
#endif
    for (block_t *block = first_block(); block != epilogue; block = block_next(block)) {
        if (!check_block(lineno, block, prev_was_free))
            return false;
#if IMPLICIT_FIT == 2
        rover_seen = rover_seen || rover == block;
#endif
        prev_was_free = block_is_free(block);
    }
#if IMPLICIT_FIT == 2
    if (!rover_seen)
        return check_failed(lineno, rover, "I7: rover is not a block start");
#endif
    /* I6 needs no sum here: the prologue sits lead bytes above the heap's
     * start (checked above), the walk began at its end, I2 put the
     * epilogue at the break, and check_block refused any block that runs
     * past the epilogue, so a walk that got here landed exactly on it:
     * lead + PROLOGUE_BYTES + sum(sizes) + TAG is the heap size. */
    return true;
}
