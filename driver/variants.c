/*
 * variants.c - the registry's entries for other mm.c files, compared in
 * the same run as mm (make MM_VARIANTS=...).
 *
 * tools/build-variants compiled each file with every global name it
 * defines made local but the interface, renamed variant_NAME_mm_malloc
 * and so on, and listed it in the file MM_VARIANTS_DEF names, one
 * MM_VARIANT(prefix, "name", "path") line each; this file is compiled
 * and linked only into a driver built with variants. Like a classic
 * mm.c, a variant may leave out mm_calloc, mm_checkheap and
 * mm_heap_walk: they are weak, and NULL when absent.
 */
#include "registry.h"

#ifndef MM_VARIANTS_DEF
#error "MM_VARIANTS_DEF must name the list tools/build-variants writes"
#endif

#define MM_VARIANT(prefix, name, path)                                                 \
    int prefix##_mm_init(void);                                                        \
    void *prefix##_mm_malloc(size_t size);                                             \
    void prefix##_mm_free(void *ptr);                                                  \
    void *prefix##_mm_realloc(void *ptr, size_t size);                                 \
    void *prefix##_mm_calloc(size_t nmemb, size_t size) __attribute__((weak));         \
    bool prefix##_mm_checkheap(int lineno) __attribute__((weak));                      \
    void prefix##_mm_heap_walk(mm_block_visitor visit, void *context)                  \
        __attribute__((weak));
#include MM_VARIANTS_DEF
#undef MM_VARIANT

#define MM_VARIANT(prefix, name, path)                                                 \
    {name,                 path ": another mm.c (MM_VARIANTS)",                        \
     prefix##_mm_init,     prefix##_mm_malloc,    prefix##_mm_free,                    \
     prefix##_mm_realloc,  prefix##_mm_calloc,    prefix##_mm_checkheap,               \
     prefix##_mm_heap_walk, true},
const struct allocator mm_variants[] = {
#include MM_VARIANTS_DEF
};
#undef MM_VARIANT

const size_t mm_variant_count = sizeof mm_variants / sizeof mm_variants[0];
