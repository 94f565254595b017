/*
 * mm.h - the allocator's interface: what mdriver calls, and what a
 * student's mm.c defines.
 *
 * The first four functions are the classic CS:APP interface; a handout
 * mm.c that defines them (and, optionally, `team_t team`) builds here
 * unchanged. mm_calloc, mm_checkheap and mm_heap_walk are extensions:
 * the driver uses them when an allocator defines them and does without
 * otherwise.
 *
 * This header must not define macros (ALIGNMENT, ALIGN, ...): handout
 * files define their own.
 */
#ifndef MM_H
#define MM_H

#include <stdbool.h>
#include <stddef.h>

/* Set up an empty heap. Called before each trace replay, and before any
 * other mm_ function: the driver has moved the break back to the start
 * of the arena (mem_reset_brk), so the heap is empty and page-aligned.
 * Must reset every piece of allocator state. Returns 0 on success, -1
 * on error. (What an allocator does if called otherwise, before mm_init
 * or on a heap that is not empty, this lab does not ask: mm.c crashes
 * in mm_malloc before mm_init, and seed.c's check fails after an
 * mm_init on a non-empty heap.) */
int mm_init(void);

/* A block of at least size bytes, aligned to ALIGNMENT, inside the
 * heap; NULL only if size is 0 or the heap cannot grow. */
void *mm_malloc(size_t size);

/* Give back a block from mm_malloc/mm_realloc/mm_calloc; NULL is a no-op. */
void mm_free(void *ptr);

/* Resize: NULL ptr acts as mm_malloc(size); size 0 acts as mm_free(ptr)
 * and returns NULL; otherwise the first min(old, size) bytes are kept. */
void *mm_realloc(void *ptr, size_t size);

/* Extension: nmemb * size zeroed bytes, NULL on overflow. */
void *mm_calloc(size_t nmemb, size_t size);

/* Extension: check the heap's invariants. Returns true if all hold
 * (and before mm_init, when there is no heap to check); otherwise prints
 * which invariant broke (naming lineno, the caller's line) to stderr and
 * returns false. The driver calls it once at the end of each checked
 * replay (-d 1, the default), with lineno 0, and after every op at -d 2,
 * with the op's line in the trace: false fails the trace. A file that
 * defines it with another type (the CS:APP book's void
 * mm_checkheap(int verbose)) still builds: tools/compile-mm compiles it
 * again with MM_OWN_CHECKHEAP_TYPE defined, which leaves it undeclared
 * here, and its function renamed, so that the driver calls none. */
#ifndef MM_OWN_CHECKHEAP_TYPE
bool mm_checkheap(int lineno);
#endif

/* Extension: visit every block of the heap in address order, for the
 * driver's drawings (--blocks) and heap maps, and its checks at -d 2.
 * block is where the block starts (header included), block_bytes its
 * whole size: inside the heap, at or after the end of the block before.
 * A block called free must hold no live payload; -d 2 fails the trace
 * at the op after which one does. Optional: without it the heap map
 * cannot tell free space from per-block overhead. */
typedef void (*mm_block_visitor)(void *context, const void *block, size_t block_bytes,
                                 bool is_free);
void mm_heap_walk(mm_block_visitor visit, void *context);

/* The classic handout's team record; optional. */
typedef struct {
    char *teamname; /* ID1+ID2 or ID1 */
    char *name1;    /* full name of first member */
    char *id1;      /* login ID of first member */
    char *name2;    /* full name of second member (if any) */
    char *id2;      /* login ID of second member */
} team_t;

extern team_t team;

#endif /* MM_H */
