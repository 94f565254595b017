/*
 * no-big.c - a variant for tests/bench.t that fails some traces, not
 * all: the classic handout allocator (tests/classic/mm.c: every malloc
 * bumps the break, free does nothing, realloc copies), except that it
 * refuses every request over 200000 bytes with NULL. The default suite's
 * bigsmall.rep asks for such blocks, so the driver fails that trace ("the
 * arena is not full") and no other. The bench must then give this
 * allocator no total or mean that leaves bigsmall.rep out while the
 * others' include it.
 */
#define mm_malloc classic_mm_malloc
#include "../classic/mm.c"
#undef mm_malloc

static const size_t BIGGEST_REQUEST = 200000;

void *mm_malloc(size_t size)
{
    return size > BIGGEST_REQUEST ? NULL : classic_mm_malloc(size);
}
