/*
 * oracle.h - what the driver knows to be true about the live blocks.
 *
 * For every live id it holds the payload address and size the allocator
 * returned, in an ordered map keyed by address (a treap) so that a new
 * payload is checked against every live one in O(log n). Every live
 * payload is filled with a pattern that depends on the id and the byte
 * offset, so any byte the allocator overwrites, or fails to copy on
 * realloc, is found and named.
 */
#ifndef DRIVER_ORACLE_H
#define DRIVER_ORACLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct oracle;

/* Room for num_ids ids (0 .. num_ids - 1); NULL if out of memory.
 * display_ids[id] (or id itself, if NULL) is how messages name an id. */
struct oracle *oracle_create(uint32_t num_ids, const uint32_t *display_ids);
void oracle_destroy(struct oracle *oracle);

/* Forget every block (before a new replay). */
void oracle_reset(struct oracle *oracle);

/* Bytes of driver memory this oracle holds. */
size_t oracle_memory_bytes(const struct oracle *oracle);

/* Where a block is. A live id with a NULL payload is an allocation of
 * zero bytes that returned NULL (or, at -d 0, which checks no result, of
 * any size): its size is still the one the trace asked for, so that the
 * live payload the replay counts is the trace's. */
bool oracle_is_live(const struct oracle *oracle, uint32_t id);
void *oracle_payload(const struct oracle *oracle, uint32_t id);
size_t oracle_size(const struct oracle *oracle, uint32_t id);
uint32_t oracle_line(const struct oracle *oracle, uint32_t id);
uint32_t oracle_live_count(const struct oracle *oracle);

/* Visit every live block with a non-NULL payload (of any size, 0 too)
 * in address order. */
typedef void (*oracle_visitor)(void *context, uint32_t id, const void *payload, size_t size);
void oracle_walk(const struct oracle *oracle, oracle_visitor visit, void *context);

/* The live block whose payload starts in [lo, hi), if any: its id is
 * stored and true returned. */
bool oracle_find_in(const struct oracle *oracle, const void *lo, const void *hi, uint32_t *id);

/* Which live payload overlaps [lo, hi), for ranges asked in address
 * order (the blocks of a heap walk): the scan moves up the ordered map
 * with them, so a walk over the heap costs O(blocks + live) in all
 * rather than a search, O(log live), per block. A range that starts
 * below the one before is answered too, by a search. A zero-byte
 * payload counts as its first byte. */
struct oracle_scan {
    const struct oracle *oracle;
    uint32_t node;      /* the first live payload that ends after `low`, if any */
    uintptr_t low;      /* the start of the range asked before */
    bool positioned;    /* node and low hold something */
};

void oracle_scan_start(struct oracle_scan *scan, const struct oracle *oracle);

/* The live block whose payload overlaps [lo, hi), if any: its id is
 * stored and true returned. Live payloads never overlap each other, so
 * there is at most one but for a range that spans several; then the
 * lowest. */
bool oracle_scan_overlapping(struct oracle_scan *scan, const void *lo, const void *hi,
                             uint32_t *id);

/* Check a payload the allocator just returned: aligned to alignment,
 * [payload, payload + size) inside [heap_lo, heap_hi], overlapping no
 * live payload (one it encloses included; a zero-byte payload counts as
 * its first byte, on either side). Returns true if it passes;
 * otherwise writes why into why. */
bool oracle_check_placement(const struct oracle *oracle, const void *payload, size_t size,
                            size_t alignment, const void *heap_lo, const void *heap_hi,
                            char *why, size_t why_bytes);

/* Record id as live at payload (line: the trace line that allocated it),
 * or forget it. */
void oracle_insert(struct oracle *oracle, uint32_t id, void *payload, size_t size,
                   uint32_t line);
void oracle_remove(struct oracle *oracle, uint32_t id);

/* Write id's pattern into payload bytes [from, to). */
void oracle_fill(uint32_t id, void *payload, size_t from, size_t to);

/* Compare payload bytes [0, bytes) with id's pattern. Returns true if
 * they match; otherwise stores the first differing offset and the byte
 * expected and found. */
bool oracle_verify(uint32_t id, const void *payload, size_t bytes, size_t *bad_offset,
                   unsigned char *expected, unsigned char *found);

#endif /* DRIVER_ORACLE_H */
