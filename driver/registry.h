/*
 * registry.h - the allocators compiled into the driver, by name.
 *
 * "mm" is always the student's mm.c, under the classic names. Every
 * allocator in allocators/ is compiled with its interface renamed
 * (-Dmm_malloc=seed_mm_malloc, ...), so all of them link into one
 * driver and can be compared in one run.
 */
#ifndef DRIVER_REGISTRY_H
#define DRIVER_REGISTRY_H

#include <stdbool.h>
#include <stddef.h>

#include "../mm.h"

struct allocator {
    const char *name;
    const char *summary;
    int (*init)(void);
    void *(*malloc)(size_t size);
    void (*free)(void *ptr);
    void *(*realloc)(void *ptr, size_t size);
    void *(*calloc)(size_t nmemb, size_t size); /* NULL if not defined */
    bool (*checkheap)(int lineno);              /* NULL if not defined */
    void (*heap_walk)(mm_block_visitor visit, void *context); /* NULL if not defined */
    bool uses_memlib; /* false for libc, whose heap the driver cannot see */
};

/* Other mm.c files built in with make MM_VARIANTS=... (driver/variants.c,
 * linked only then; registry.c refers to them weakly). At most
 * REGISTRY_MAX_VARIANTS, as tools/build-variants enforces. */
enum { REGISTRY_MAX_VARIANTS = 16 };
extern const struct allocator mm_variants[];
extern const size_t mm_variant_count;

/* The allocator called name, or NULL. */
const struct allocator *registry_find(const char *name);

/* All allocators: "mm", the variants, then the teaching allocators in
 * teaching order; and how many. */
const struct allocator *registry_all(size_t *count);

/* libc's malloc, for throughput reference. */
const struct allocator *registry_libc(void);

#endif /* DRIVER_REGISTRY_H */
