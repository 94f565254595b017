/*
 * registry.c - the table of compiled-in allocators.
 *
 * To add an allocator: write allocators/NAME.c against mm.h, add it to
 * TEACHING_ALLOCATORS in the Makefile (with its src_NAME), and add a
 * line to the table below. To compare other mm.c files without editing
 * anything, build with make MM_VARIANTS=... (driver/variants.c).
 */
#include "registry.h"

#include "../mm.h"

#include <stdlib.h>
#include <string.h>

/* The file the mm allocator was built from (make MM=...; the Makefile
 * passes it), so that a table never calls another file mm.c. */
#ifndef MM_SOURCE
#define MM_SOURCE "mm.c"
#endif

/* A classic handout mm.c defines neither extension; the driver then
 * sees NULL and does without. */
#pragma weak mm_calloc
#pragma weak mm_checkheap
#pragma weak mm_heap_walk

/* Present only in a driver built with MM_VARIANTS. */
#pragma weak mm_variants
#pragma weak mm_variant_count

/* Each allocators/ file is compiled with its six interface names
 * prefixed by its registry name (with '-' as '_'). */
#define DECLARE_ALLOCATOR(prefix)                                           \
    int prefix##_mm_init(void);                                             \
    void *prefix##_mm_malloc(size_t size);                                  \
    void prefix##_mm_free(void *ptr);                                       \
    void *prefix##_mm_realloc(void *ptr, size_t size);                      \
    void *prefix##_mm_calloc(size_t nmemb, size_t size);                    \
    bool prefix##_mm_checkheap(int lineno);                                 \
    void prefix##_mm_heap_walk(mm_block_visitor visit, void *context)       \
        __attribute__((weak));

#define ALLOCATOR_ENTRY(name, prefix, summary)                              \
    {name,                 summary,               prefix##_mm_init,         \
     prefix##_mm_malloc,   prefix##_mm_free,      prefix##_mm_realloc,      \
     prefix##_mm_calloc,   prefix##_mm_checkheap, prefix##_mm_heap_walk, true}

DECLARE_ALLOCATOR(seed)
DECLARE_ALLOCATOR(implicit_first)
DECLARE_ALLOCATOR(implicit_next)
DECLARE_ALLOCATOR(implicit_best)
DECLARE_ALLOCATOR(explicit_lifo)
DECLARE_ALLOCATOR(explicit_addr)
DECLARE_ALLOCATOR(segregated)

static const struct allocator allocators[] = {
    {"mm", MM_SOURCE ": the allocator under test", mm_init, mm_malloc, mm_free, mm_realloc,
     NULL, NULL, NULL, true},
    ALLOCATOR_ENTRY("seed", seed, "the seed's list: first fit, no split, no coalesce"),
    ALLOCATOR_ENTRY("implicit-first", implicit_first, "boundary tags, split, coalesce; first fit"),
    ALLOCATOR_ENTRY("implicit-next", implicit_next, "boundary tags, split, coalesce; next fit"),
    ALLOCATOR_ENTRY("implicit-best", implicit_best, "boundary tags, split, coalesce; best fit"),
    ALLOCATOR_ENTRY("explicit-lifo", explicit_lifo, "explicit doubly linked free list, LIFO"),
    ALLOCATOR_ENTRY("explicit-addr", explicit_addr, "explicit free list in address order"),
    ALLOCATOR_ENTRY("segregated", segregated, "segregated free lists by size class"),
};

static const size_t allocator_count = sizeof allocators / sizeof allocators[0];

/* mm's entry (the first of the table), its extensions filled in at run
 * time: they are weak. */
static struct allocator mm_with_extensions(void)
{
    struct allocator mm = allocators[0];
    mm.calloc = mm_calloc;
    mm.checkheap = mm_checkheap;
    mm.heap_walk = mm_heap_walk;
    return mm;
}

/* How many variants this driver has: none unless driver/variants.c is
 * linked in. */
static size_t variant_count(void)
{
    if (&mm_variant_count == NULL)
        return 0;
    return mm_variant_count < REGISTRY_MAX_VARIANTS ? mm_variant_count
                                                     : REGISTRY_MAX_VARIANTS;
}

/* Every lookup goes through registry_all, so a name is found exactly
 * where -a all and --list show it, mm's extensions filled in. */
const struct allocator *registry_find(const char *name)
{
    size_t count;
    const struct allocator *all = registry_all(&count);
    for (size_t i = 0; i < count; i++)
        if (strcmp(all[i].name, name) == 0)
            return &all[i];
    return NULL;
}

const struct allocator *registry_all(size_t *count)
{
    static struct allocator all[sizeof allocators / sizeof allocators[0] +
                                REGISTRY_MAX_VARIANTS];
    size_t n = 0;
    all[n++] = mm_with_extensions();
    for (size_t i = 0; i < variant_count(); i++)
        all[n++] = mm_variants[i];
    for (size_t i = 1; i < allocator_count; i++)
        all[n++] = allocators[i];
    *count = n;
    return all;
}

static void *libc_calloc(size_t nmemb, size_t size)
{
    return calloc(nmemb, size);
}

static int libc_init(void)
{
    return 0;
}

const struct allocator *registry_libc(void)
{
    static const struct allocator libc = {
        "libc", "the C library's malloc", libc_init, malloc, free, realloc,
        libc_calloc, NULL, NULL, false};
    return &libc;
}
