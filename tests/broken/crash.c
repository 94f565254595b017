/*
 * crash.c - BUG: the RECYCLE_AT_CALL-th mm_malloc after mm_init (the 12th)
 * pops a block from a free list without checking that the list is empty;
 * it always is, so it dereferences NULL and dies of SIGSEGV.
 *
 * Exposed by tests/traces/crash.rep line 16 (`a 11 16`, the 12th request).
 * traces/short1.rep and short2.rep make fewer than 12 calls and pass. The
 * driver must report "killed by signal 11 (SIGSEGV ...) during the
 * correctness pass, at op 12 of 24 (line 16: a 11 16)".
 *
 * Otherwise the bump allocator every file in tests/broken/ shares (see
 * misaligned.c for the block diagram): | size (ALIGNMENT B) | payload |,
 * blocks tile [mem_heap_lo(), break); malloc and free O(1).
 * State (reset by mm_init): malloc_calls, free_list (always empty).
 */
#include "mm.h"
#include "memlib.h"
#include "config.h"

#include <stdint.h>
#include <string.h>

_Static_assert(ALIGNMENT >= sizeof(size_t), "the header holds a size_t");

static const size_t HEADER_BYTES = ALIGNMENT;
static const size_t MAX_REQUEST_BYTES = (size_t)1 << 40;
static const unsigned RECYCLE_AT_CALL = 12;

struct free_node {
    struct free_node *next;
};

static unsigned malloc_calls;
/* volatile so that the compiler must really load the (NULL) head */
static struct free_node *volatile free_list;

static size_t round_up(size_t bytes)
{
    return (bytes + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
}

static size_t payload_bytes(const void *payload)
{
    return *(const size_t *)((const char *)payload - HEADER_BYTES);
}

static char *new_block(size_t bytes)
{
    if (bytes == 0 || bytes > MAX_REQUEST_BYTES)
        return NULL;
    char *block = mem_sbrk((intptr_t)(HEADER_BYTES + round_up(bytes)));
    if (block == (void *)-1)
        return NULL;
    *(size_t *)block = bytes;
    return block + HEADER_BYTES;
}

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
    if (ptr == NULL)
        return mm_malloc(size);
    if (size == 0) {
        mm_free(ptr);
        return NULL;
    }
    char *moved = new_block(size);
    if (moved != NULL) {
        size_t old_bytes = payload_bytes(ptr);
        memcpy(moved, ptr, old_bytes < size ? old_bytes : size);
    }
    return moved;
}
