/*
 * mm.c - a two-level segregated-fit allocator (TLSF-style) with 4-byte tags.
 *
 * Free blocks sit in bins indexed by size class; two levels of bitmaps find
 * the smallest non-empty bin that fits in O(1), frees coalesce at once with
 * both neighbours, the free block at the top of the heap (the wilderness)
 * is used only when nothing else fits, and the heap grows by exactly what
 * a request lacks.
 *
 * Used blocks pay only a 4-byte header: the footer that backward coalescing
 * needs exists on free blocks only, and the next header's PREV_FREE bit says
 * whether it is there.
 *
 * Block layout (each cell is 4 bytes; `size` counts the whole block):
 *
 *          used block                          free block
 *   block ->+-------------------------+        +-------------------------+
 *           | size | PREV_FREE | 0    |        | size | 0         | FREE |  header
 * payload ->+-------------------------+        +-------------------------+
 *           |                         |        | next free (heap offset) |
 *           | payload: size - 4 bytes |        | prev free (heap offset) |
 *           |                         |        | (unused)                |
 *           |                         |        | size (footer)           |
 *           +-------------------------+        +-------------------------+
 *
 * Heap layout, from heap_base (aligned) to the break:
 *
 *   | pad: ALIGNMENT - 4 | block | block | ... | block | epilogue: 4 |
 *
 * Every block starts 4 bytes before an ALIGNMENT boundary, so every payload
 * is aligned; the epilogue is a used header of size 0 whose PREV_FREE bit
 * tells whether the last block is free. Links are 32-bit offsets from
 * heap_base (0 = none), so the heap is limited to 4 GiB and a free block
 * needs only 16 bytes.
 *
 * Invariants (mm_checkheap tests each one):
 *   heap_base + ALIGNMENT - 4 + sum(size(b)) == epilogue == break - 4
 *   size(b) % ALIGNMENT == 0  and  size(b) >= MIN_BLOCK_BYTES
 *   is_free(b) => footer(b) == size(b)  and  !is_free(next(b))
 *   prev_free_bit(next(b)) == is_free(b)
 *   is_free(b) && next(b) != epilogue
 *             <=> b is on exactly one list, bins[bin_for_size(size(b))]
 *   the wilderness (free, next(b) == epilogue) is on no list
 *   on every list: next(prev(b)) == b and prev(next(b)) == b
 *   bit sl of sl_bitmap[fl] == (bins[fl][sl] != empty)
 *   bit fl of fl_bitmap     == (sl_bitmap[fl] != 0)
 *
 * Complexity: malloc O(1) (a bounded scan of one bin, then two bitmap
 * look-ups, then the wilderness), free O(1); realloc O(1) in place (into a
 * free upper neighbour or past the end of the heap), O(size) when it moves.
 */
#include "mm.h"
#include "memlib.h"
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

_Static_assert(ALIGNMENT >= 8 && (ALIGNMENT & (ALIGNMENT - 1)) == 0,
               "ALIGNMENT must be a power of two, at least 8");

typedef uint32_t tag_t; /* a header or footer: size | flags */

typedef struct block {
    tag_t header;
    uint32_t next_free; /* heap offsets of list neighbours; free blocks only */
    uint32_t prev_free;
} block_t;

/* ---- constants ------------------------------------------------------- */

static const size_t TAG_BYTES = sizeof(tag_t);
static const tag_t FREE_BIT = 1;      /* this block is free */
static const tag_t PREV_FREE_BIT = 2; /* the block just below is free */
static const tag_t FLAG_BITS = 7;     /* sizes are multiples of 8 */

/* header + two links + footer, rounded to the alignment */
static const size_t MIN_BLOCK_BYTES = ALIGNMENT > 16 ? ALIGNMENT : 16;

/* Largest block a 32-bit tag can hold. */
static const size_t MAX_BLOCK_BYTES = (size_t)UINT32_MAX & ~(size_t)(ALIGNMENT - 1);

/* Bins. Blocks under SMALL_BLOCK_BYTES get one bin per size (first level
 * 0); above, each power of two [2^k, 2^(k+1)) is split into SL_COUNT equal
 * classes, so a bin's sizes differ by at most 1/SL_COUNT (about 3%). The
 * counts are enums because they size arrays. */
enum {
    SL_LOG = 5,
    SL_COUNT = 1 << SL_LOG,
    FL_COUNT = 32, /* one per bit of a 32-bit size; more than enough */
    SMALL_BLOCK_BYTES = SL_COUNT * ALIGNMENT,
};

/* How many blocks of the request's own bin malloc inspects before falling
 * back to a bigger bin: a small constant keeps malloc O(1) while finding
 * the close fits that TLSF's round-up would skip. */
static const int BIN_SCAN_LIMIT = 8;

/* ---- state (all reset by mm_init) ------------------------------------ */

static char *heap_base;   /* offsets are relative to this */
static block_t *epilogue; /* the size-0 header at break - 4 */
static uint32_t fl_bitmap;
static uint32_t sl_bitmap[FL_COUNT];
static uint32_t bins[FL_COUNT][SL_COUNT]; /* list heads, heap offsets */

/* ---- sizes ----------------------------------------------------------- */

static inline size_t align_up(size_t bytes)
{
    return (bytes + (ALIGNMENT - 1)) & ~(size_t)(ALIGNMENT - 1);
}

/* The block a request of payload_bytes needs, or 0 if it cannot exist. */
static inline size_t block_bytes_for(size_t payload_bytes)
{
    if (payload_bytes > MAX_BLOCK_BYTES - TAG_BYTES - ALIGNMENT)
        return 0;
    size_t bytes = align_up(payload_bytes + TAG_BYTES);
    return bytes < MIN_BLOCK_BYTES ? MIN_BLOCK_BYTES : bytes;
}

static inline unsigned floor_log2(size_t x)
{
    return (unsigned)(sizeof(unsigned long long) * 8 - 1) - (unsigned)__builtin_clzll(x);
}

/* ---- one block ------------------------------------------------------- */

static inline size_t block_size(const block_t *block)
{
    return block->header & ~FLAG_BITS;
}

static inline bool block_is_free(const block_t *block)
{
    return (block->header & FREE_BIT) != 0;
}

static inline bool block_is_prev_free(const block_t *block)
{
    return (block->header & PREV_FREE_BIT) != 0;
}

static inline void *block_payload(block_t *block)
{
    return (char *)block + TAG_BYTES;
}

static inline block_t *block_from_payload(void *payload)
{
    return (block_t *)((char *)payload - TAG_BYTES);
}

static inline block_t *block_next(block_t *block)
{
    return (block_t *)((char *)block + block_size(block));
}

static inline tag_t *block_footer(block_t *block)
{
    return (tag_t *)((char *)block_next(block) - TAG_BYTES);
}

/* The block below; only valid when block_is_prev_free(block), because
 * only free blocks have the footer this reads. */
static inline block_t *block_prev(block_t *block)
{
    tag_t prev_size = *(tag_t *)((char *)block - TAG_BYTES) & ~FLAG_BITS;
    return (block_t *)((char *)block - prev_size);
}

static inline void block_set_prev_free(block_t *block, bool prev_free)
{
    block->header = prev_free ? block->header | PREV_FREE_BIT
                              : block->header & ~PREV_FREE_BIT;
}

/* Mark block used with the given size, keeping its PREV_FREE bit, and
 * tell the block above. */
static inline void block_mark_used(block_t *block, size_t size)
{
    block->header = (tag_t)size | (block->header & PREV_FREE_BIT);
    block_set_prev_free(block_next(block), false);
}

/* Mark block free with the given size: header, footer, and the block
 * above's PREV_FREE bit. A free block's own PREV_FREE is always clear,
 * since two free neighbours would have been merged. */
static inline void block_mark_free(block_t *block, size_t size)
{
    block->header = (tag_t)size | FREE_BIT;
    *block_footer(block) = (tag_t)size;
    block_set_prev_free(block_next(block), true);
}

static inline uint32_t offset_of(const block_t *block)
{
    return (uint32_t)((const char *)block - heap_base);
}

static inline block_t *block_at(uint32_t offset)
{
    return offset == 0 ? NULL : (block_t *)(heap_base + offset);
}

/* ---- bins ------------------------------------------------------------ */

struct bin_index {
    unsigned fl, sl;
};

/* The bin a free block of this size belongs in. */
static inline struct bin_index bin_for_size(size_t size)
{
    if (size < SMALL_BLOCK_BYTES)
        return (struct bin_index){0, (unsigned)(size / ALIGNMENT)};
    unsigned log2 = floor_log2(size);
    unsigned sl = (unsigned)(size >> (log2 - SL_LOG)) - SL_COUNT;
    return (struct bin_index){log2 - floor_log2(SMALL_BLOCK_BYTES) + 1, sl};
}

/* Set bits of `bits` strictly above `index`. */
static inline uint32_t bits_above(uint32_t bits, unsigned index)
{
    return index >= 31 ? 0 : bits & (UINT32_MAX << (index + 1));
}

/* The wilderness: the free block that ends at the epilogue, if any. It
 * stays off the bins so that malloc uses it only when no other free block
 * fits ("wilderness preservation"): carving it up early strands small
 * blocks at the top of the heap, where a growing block could otherwise
 * have extended in place. */
static inline block_t *wilderness(void)
{
    return block_is_prev_free(epilogue) ? block_prev(epilogue) : NULL;
}

static inline bool block_is_wilderness(block_t *block)
{
    return block_next(block) == epilogue;
}

static void bin_insert(block_t *block)
{
    if (block_is_wilderness(block))
        return;
    struct bin_index bin = bin_for_size(block_size(block));
    block_t *head = block_at(bins[bin.fl][bin.sl]);
    block->next_free = bins[bin.fl][bin.sl];
    block->prev_free = 0;
    if (head != NULL)
        head->prev_free = offset_of(block);
    bins[bin.fl][bin.sl] = offset_of(block);
    sl_bitmap[bin.fl] |= (uint32_t)1 << bin.sl;
    fl_bitmap |= (uint32_t)1 << bin.fl;
}

static void bin_remove(block_t *block)
{
    if (block_is_wilderness(block))
        return;
    struct bin_index bin = bin_for_size(block_size(block));
    block_t *next = block_at(block->next_free);
    block_t *prev = block_at(block->prev_free);
    if (next != NULL)
        next->prev_free = block->prev_free;
    if (prev != NULL)
        prev->next_free = block->next_free;
    else
        bins[bin.fl][bin.sl] = block->next_free;
    if (bins[bin.fl][bin.sl] == 0) {
        sl_bitmap[bin.fl] &= ~((uint32_t)1 << bin.sl);
        if (sl_bitmap[bin.fl] == 0)
            fl_bitmap &= ~((uint32_t)1 << bin.fl);
    }
}

/* A free block of at least `bytes`, or NULL. First a few blocks of the
 * request's own bin (a close fit), then the first block of the smallest
 * non-empty bigger bin, every block of which fits. */
static block_t *bin_find_fit(size_t bytes)
{
    struct bin_index bin = bin_for_size(bytes);
    block_t *block = block_at(bins[bin.fl][bin.sl]);
    for (int seen = 0; block != NULL && seen < BIN_SCAN_LIMIT; seen++) {
        if (block_size(block) >= bytes)
            return block;
        block = block_at(block->next_free);
    }
    uint32_t sl_bits = bits_above(sl_bitmap[bin.fl], bin.sl);
    unsigned fl = bin.fl;
    if (sl_bits == 0) {
        uint32_t fl_bits = bits_above(fl_bitmap, bin.fl);
        if (fl_bits == 0)
            return NULL;
        fl = (unsigned)__builtin_ctz(fl_bits);
        sl_bits = sl_bitmap[fl];
    }
    return block_at(bins[fl][__builtin_ctz(sl_bits)]);
}

/* ---- splitting and merging ------------------------------------------- */

/* Merge a free block with its free upper neighbour, if any. Neither is
 * listed on return. */
static block_t *block_merge_next(block_t *block)
{
    block_t *next = block_next(block);
    if (block_is_free(next)) {
        bin_remove(next);
        block->header += (tag_t)block_size(next);
    }
    return block;
}

/* Merge a block with its free lower neighbour, if any; returns the
 * merged block's start. */
static block_t *block_merge_prev(block_t *block)
{
    if (block_is_prev_free(block)) {
        block_t *prev = block_prev(block);
        bin_remove(prev);
        prev->header += (tag_t)block_size(block);
        block = prev;
    }
    return block;
}

/* Give a block back: merge with free neighbours and list the result. */
static void block_release(block_t *block)
{
    block = block_merge_prev(block_merge_next(block));
    block_mark_free(block, block_size(block));
    bin_insert(block);
}

/* Shrink a used block to `bytes`, returning the tail to the bins when it
 * is big enough to be a block of its own. */
static void block_split(block_t *block, size_t bytes)
{
    size_t size = block_size(block);
    if (size - bytes < MIN_BLOCK_BYTES)
        return;
    block_mark_used(block, bytes);
    block_t *rest = block_next(block);
    rest->header = (tag_t)(size - bytes); /* used, lower neighbour used */
    block_release(rest);
}

/* Turn an unlisted free block into a used block of exactly `bytes`
 * (plus a remainder too small to split off). */
static void *block_use(block_t *block, size_t bytes)
{
    block_mark_used(block, block_size(block));
    block_split(block, bytes);
    return block_payload(block);
}

/* ---- growing the heap ------------------------------------------------ */

/* Move the break up by `bytes`: the old epilogue becomes the start of the
 * new space and a fresh epilogue is written at the new end. The caller
 * makes the new space part of a block. */
static bool heap_extend(size_t bytes)
{
    size_t heap_bytes = (size_t)((char *)epilogue - heap_base) + TAG_BYTES;
    if (bytes > (size_t)UINT32_MAX - heap_bytes)
        return false; /* offsets would no longer fit in 32 bits */
    if (mem_sbrk((intptr_t)bytes) == (void *)-1)
        return false;
    epilogue = (block_t *)((char *)epilogue + bytes);
    epilogue->header = 0; /* size 0, used */
    return true;
}

/* An unlisted block of exactly `bytes` at the end of the heap, for a
 * request no free block fits. If the last block is free it is reused and
 * only the shortfall is asked for: growing by more would leave space at
 * the end that counts against utilization. */
static block_t *heap_grow(size_t bytes)
{
    block_t *block = wilderness();
    size_t have = block != NULL ? block_size(block) : 0;
    if (block == NULL)
        block = epilogue; /* the new block starts where the epilogue is */
    if (!heap_extend(bytes - have))
        return NULL;
    block->header = (tag_t)bytes; /* the block below is used either way */
    return block;
}

/* ---- the interface --------------------------------------------------- */

int mm_init(void)
{
    fl_bitmap = 0;
    memset(sl_bitmap, 0, sizeof sl_bitmap);
    memset(bins, 0, sizeof bins);
    /* The break may not be aligned if the heap is not empty: pad it. */
    char *brk = mem_sbrk(0);
    size_t pad = (size_t)(-(uintptr_t)brk & (ALIGNMENT - 1));
    heap_base = mem_sbrk((intptr_t)(pad + ALIGNMENT));
    if (heap_base == (void *)-1)
        return -1;
    heap_base += pad;
    epilogue = (block_t *)(heap_base + ALIGNMENT - TAG_BYTES);
    epilogue->header = 0; /* size 0, used, no free block below */
    return 0;
}

void *mm_malloc(size_t size)
{
    size_t bytes = block_bytes_for(size);
    if (size == 0 || bytes == 0)
        return NULL;
    block_t *block = bin_find_fit(bytes);
    if (block != NULL)
        bin_remove(block);
    else if ((block = wilderness()) == NULL || block_size(block) < bytes)
        block = heap_grow(bytes);
    return block != NULL ? block_use(block, bytes) : NULL;
}

void mm_free(void *ptr)
{
    if (ptr != NULL)
        block_release(block_from_payload(ptr));
}

/* Grow a used block in place to at least `bytes`: into a free upper
 * neighbour, else past the end of the heap when the block is last (or
 * only a free block separates it from the end). Returns false, changing
 * nothing, when neither works. */
static bool block_grow_in_place(block_t *block, size_t bytes)
{
    block_t *next = block_next(block);
    size_t next_free_bytes = block_is_free(next) ? block_size(next) : 0;
    size_t have = block_size(block) + next_free_bytes;
    block_t *after = next_free_bytes != 0 ? block_next(next) : next;
    if (have < bytes && after != epilogue)
        return false;
    block_merge_next(block);
    block_mark_used(block, block_size(block));
    if (have < bytes) {
        /* If the heap cannot grow the block keeps its free neighbour's
         * space, which is harmless: the caller moves it anyway. */
        if (!heap_extend(bytes - have))
            return false;
        block->header += (tag_t)(bytes - have); /* the new space */
    }
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
    size_t bytes = block_bytes_for(size);
    if (bytes == 0)
        return NULL;
    block_t *block = block_from_payload(ptr);
    if (block_size(block) >= bytes || block_grow_in_place(block, bytes)) {
        block_split(block, bytes);
        return ptr;
    }
    void *new_ptr = mm_malloc(size);
    if (new_ptr == NULL)
        return NULL;
    memcpy(new_ptr, ptr, block_size(block) - TAG_BYTES);
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

/* ---- the heap checker ------------------------------------------------ */

static bool check_failed(int lineno, const void *block, const char *what)
{
    fprintf(stderr, "mm.c: mm_checkheap (called at line %d): block %p: %s\n",
            lineno, block, what);
    return false;
}

/* Every block in address order, counting the free blocks that must be
 * listed (all but the wilderness). */
static bool check_blocks(int lineno, size_t *listed_blocks)
{
    char *heap_end = (char *)mem_heap_hi() + 1;
    block_t *block = (block_t *)(heap_base + ALIGNMENT - TAG_BYTES);
    bool below_is_free = false;
    *listed_blocks = 0;
    for (; block != epilogue; block = block_next(block)) {
        if ((char *)block < heap_base || (char *)block + TAG_BYTES > heap_end)
            return check_failed(lineno, block, "block lies outside the heap");
        size_t size = block_size(block);
        if ((uintptr_t)block_payload(block) % ALIGNMENT != 0)
            return check_failed(lineno, block, "payload is not aligned");
        if (size % ALIGNMENT != 0 || size < MIN_BLOCK_BYTES)
            return check_failed(lineno, block, "size is not a multiple of ALIGNMENT >= MIN_BLOCK_BYTES");
        if ((char *)block + size > (char *)epilogue)
            return check_failed(lineno, block, "block runs past the epilogue: sizes do not sum to the heap size");
        if (block_is_prev_free(block) != below_is_free)
            return check_failed(lineno, block, "PREV_FREE bit disagrees with the block below");
        if (block_is_free(block)) {
            if (below_is_free)
                return check_failed(lineno, block, "two adjacent free blocks");
            if (*block_footer(block) != (tag_t)size)
                return check_failed(lineno, block, "free block's footer != header size");
            below_is_free = true;
            if (block_is_wilderness(block))
                continue; /* the one free block kept off the bins */
            struct bin_index bin = bin_for_size(size);
            block_t *prev = block_at(block->prev_free);
            block_t *next = block_at(block->next_free);
            if (prev == NULL ? bins[bin.fl][bin.sl] != offset_of(block)
                             : prev->next_free != offset_of(block))
                return check_failed(lineno, block, "free block is not linked from its bin (or wrong bin)");
            if (next != NULL && next->prev_free != offset_of(block))
                return check_failed(lineno, block, "list links are not symmetric");
            (*listed_blocks)++;
            continue;
        }
        below_is_free = false;
    }
    if ((char *)epilogue + TAG_BYTES != heap_end || block_size(epilogue) != 0 ||
        block_is_free(epilogue))
        return check_failed(lineno, epilogue, "epilogue is not a used size-0 header at the break");
    if (block_is_prev_free(epilogue) != below_is_free)
        return check_failed(lineno, epilogue, "epilogue's PREV_FREE bit disagrees with the last block");
    return true;
}

/* Every list: members free, in the right bin, links symmetric; bitmaps
 * agree with emptiness; counts the listed blocks. */
static bool check_bins(int lineno, size_t listed_blocks)
{
    size_t listed = 0;
    for (unsigned fl = 0; fl < FL_COUNT; fl++) {
        for (unsigned sl = 0; sl < SL_COUNT; sl++) {
            bool bit = (sl_bitmap[fl] >> sl) & 1;
            if (bit != (bins[fl][sl] != 0))
                return check_failed(lineno, block_at(bins[fl][sl]), "sl_bitmap disagrees with bin emptiness");
            uint32_t prev_offset = 0;
            for (block_t *block = block_at(bins[fl][sl]); block != NULL;
                 block = block_at(block->next_free)) {
                if ((char *)block < heap_base || block >= epilogue ||
                    (uintptr_t)block_payload(block) % ALIGNMENT != 0)
                    return check_failed(lineno, block, "listed block is not a block in the heap");
                if (!block_is_free(block))
                    return check_failed(lineno, block, "listed block is not free");
                if (block_is_wilderness(block))
                    return check_failed(lineno, block, "the wilderness is listed");
                struct bin_index bin = bin_for_size(block_size(block));
                if (bin.fl != fl || bin.sl != sl)
                    return check_failed(lineno, block, "listed block is in the wrong bin");
                if (block->prev_free != prev_offset)
                    return check_failed(lineno, block, "list links are not symmetric");
                if (++listed > listed_blocks)
                    return check_failed(lineno, block, "more listed blocks than free blocks (a cycle or a stale entry)");
                prev_offset = offset_of(block);
            }
        }
        if (((fl_bitmap >> fl) & 1) != (sl_bitmap[fl] != 0))
            return check_failed(lineno, NULL, "fl_bitmap disagrees with sl_bitmap");
    }
    if (listed != listed_blocks)
        return check_failed(lineno, NULL, "a free block is on no list");
    return true;
}

bool mm_checkheap(int lineno)
{
    if (heap_base == NULL || mem_heapsize() == 0)
        return check_failed(lineno, NULL, "heap not initialised (call mm_init first)");
    size_t listed_blocks;
    return check_blocks(lineno, &listed_blocks) &&
           check_bins(lineno, listed_blocks);
}
