/*
 * crash.c - BUG: the RECYCLE_AT_CALL-th mm_malloc after mm_init (the 12th)
 * pops a block from a free list without checking that the list is empty;
 * it always is, so it dereferences NULL and dies of SIGSEGV.
 *
 * Exposed by tests/traces/crash.rep line 16 (`a 11 16`, the 12th request).
 * traces/short1.rep and short2.rep make fewer than 12 calls and pass. The
 * driver must report "crash.rep:16: a 11 16: killed by signal 11 (SIGSEGV
 * ...) during the correctness pass, at op 12 of 24".
 *
 * Otherwise the bump allocator every file in tests/broken/ shares (see
 * bump.h for the block diagram): | size (ALIGNMENT B) | payload |,
 * blocks tile [mem_heap_lo(), break); malloc and free O(1).
 * State (reset by mm_init): malloc_calls, free_list (always empty).
 */
#include "bump.h"

static const unsigned RECYCLE_AT_CALL = 12;

struct free_node {
    struct free_node *next;
};

static unsigned malloc_calls;
/* volatile so that the compiler must really load the (NULL) head */
static struct free_node *volatile free_list;

int mm_init(void)
{
    malloc_calls = 0;
    free_list = NULL;
    return 0;
}

/* Pop the head of free_list. BUG: no check that the list is not empty.
 * (Under -fsanitize=undefined the load must still fault, so that sanitizer
 * builds test the driver on a real SIGSEGV; noinline because gcc drops
 * no_sanitize from a function it inlines.) */
__attribute__((noinline, no_sanitize("undefined"))) static void pop_free_list(void)
{
    struct free_node *recycled = free_list;
    free_list = recycled->next;
}

void *mm_malloc(size_t size)
{
    if (++malloc_calls == RECYCLE_AT_CALL)
        pop_free_list();
    return new_block(size);
}

void mm_free(void *ptr)
{
    (void)ptr;
}

void *mm_realloc(void *ptr, size_t size)
{
    return realloc_by_copy(ptr, size, new_block, copy_payload);
}
