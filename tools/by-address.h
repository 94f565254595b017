/*
 * by-address.h - the binary search the ideal-heap tools share: the first
 * element at or above an address in an array kept sorted by address
 * (tools/placement.c's free ranges, tools/offline.c's placed blocks).
 *
 * One search for both, over any element type that holds its address in
 * a uint64_t field: each tool's array is a different struct.
 */
#ifndef TOOLS_BY_ADDRESS_H
#define TOOLS_BY_ADDRESS_H

#include <stddef.h>
#include <stdint.h>

/* The index of the first of array[0 .. count) whose address (the uint64_t
 * at address_offset in each element of element_bytes) is at least
 * address; count if none is. The array is sorted by that address. */
static inline size_t first_at_or_above(const void *array, size_t count, size_t element_bytes,
                                       size_t address_offset, uint64_t address)
{
    const char *elements = array;
    size_t low = 0, high = count;
    while (low < high) {
        size_t middle = low + (high - low) / 2;
        const char *element = elements + middle * element_bytes;
        if (*(const uint64_t *)(element + address_offset) < address)
            low = middle + 1;
        else
            high = middle;
    }
    return low;
}

#endif /* TOOLS_BY_ADDRESS_H */
