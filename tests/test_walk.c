/*
 * test_walk.c - walk_check (driver/walk.c) on scripted heap walks over
 * a heap of memlib's: each fault a walk can show is named with its
 * block's offset and size, a free block is checked against every live
 * payload it overlaps (one starting before it, a zero-byte one) and no
 * other, and on random heaps the check finds what a brute force finds.
 * The heap map (driver/series.c) is drawn from the same walks: every
 * payload of a block counts, and a walk's gaps and lies leave each bin
 * adding up to its width.
 */
#include "driver/series.h"
#include "driver/walk.h"
#include "memlib.h"
#include "tests/tap.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

enum { HEAP_BYTES = 256, RANDOM_HEAP_BYTES = 1 << 16, RANDOM_IDS = 2000 };

/* ---- a walk that visits what the test says -------------------------- */

struct visit {
    intptr_t offset; /* from mem_heap_lo(); may lie outside the heap */
    size_t bytes;
    bool is_free;
};

static const struct visit *script;
static size_t script_length;

static void scripted_walk(mm_block_visitor visit, void *context)
{
    uintptr_t heap_lo = (uintptr_t)mem_heap_lo();
    for (size_t i = 0; i < script_length; i++)
        visit(context, (const void *)(heap_lo + (uintptr_t)script[i].offset), script[i].bytes,
              script[i].is_free);
}

static const struct allocator scripted = {.name = "scripted", .heap_walk = scripted_walk};
static const struct allocator walkless = {.name = "walkless"};

/* Ids 0, 1, 2 as the trace writes them: 5, 7, 9 (set up by main). */
static uint32_t trace_ids[RANDOM_IDS];
static struct trace trace = {.path = "test", .num_ids = RANDOM_IDS, .trace_ids = trace_ids};
static char why[400];

/* walk_check on visits; true if it passes. */
#define CHECK(oracle, ...)                                                                  \
    check_walk(oracle, (const struct visit[]){__VA_ARGS__},                                \
               sizeof((const struct visit[]){__VA_ARGS__}) / sizeof(struct visit))

static bool check_walk(const struct oracle *oracle, const struct visit *visits, size_t count)
{
    script = visits;
    script_length = count;
    why[0] = '\0';
    return walk_check(&scripted, &trace, oracle, why, sizeof why);
}

/* Fails with a message that holds text. */
static void expect_fault(bool passed, const char *text, const char *description)
{
    if (!tap_ok(!passed && strstr(why, text) != NULL, description))
        printf("# expected a fault naming: %s\n# got: %s\n", text, passed ? "(passed)" : why);
}

static void expect_pass(bool passed, const char *description)
{
    if (!tap_ok(passed, description))
        printf("# got: %s\n", why);
}

/* ---- the faults, one by one ----------------------------------------- */

/* The heap, 256 bytes:
 *   [0, 48)    used, id 5's payload at 8, 40 bytes (line 5)
 *   [48, 64)   free
 *   [64, 96)   used, id 7's payload at 72, 16 bytes (line 6)
 *   [96, 128)  free
 *   [128, 144) used, id 9's zero-byte payload at 128 (line 7)
 *   [144, 256) free */
static void test_scripted_walks(struct oracle *oracle)
{
    char *heap = mem_heap_lo();
    oracle_insert(oracle, 0, heap + 8, 40, 5);
    oracle_insert(oracle, 1, heap + 72, 16, 6);
    oracle_insert(oracle, 2, heap + 128, 0, 7);

    expect_pass(CHECK(oracle, {0, 48, false}, {48, 16, true}, {64, 32, false}, {96, 32, true},
                      {128, 16, false}, {144, 112, true}),
                "a walk that tiles the heap, its free blocks next to payloads, passes");
    expect_pass(CHECK(oracle, {8, 32, false}, {64, 8, true}, {200, 8, true}),
                "gaps between blocks pass");
    tap_ok(walk_check(&walkless, &trace, oracle, why, sizeof why),
           "an allocator without mm_heap_walk passes");

    expect_fault(CHECK(oracle, {0, 48, false}, {48, 16, true}, {64, 32, true}),
                 "the block at heap+64 (32 bytes) is free, yet it overlaps the live payload of "
                 "id 7 (returned at line 6, 16 bytes at heap+72)",
                 "a free block holding a payload is named, with the payload's id and line");
    expect_fault(CHECK(oracle, {0, 24, false}, {24, 24, true}),
                 "the block at heap+24 (24 bytes) is free, yet it overlaps the live payload of "
                 "id 5",
                 "a free block that a payload starting before it runs into is named");
    expect_fault(CHECK(oracle, {0, 128, false}, {128, 16, true}),
                 "the block at heap+128 (16 bytes) is free, yet it overlaps the live payload of "
                 "id 9 (returned at line 7, 0 bytes at heap+128)",
                 "a free block starting at a zero-byte payload is named");

    expect_fault(CHECK(oracle, {0, 48, false}, {0, 48, false}),
                 "the block at heap+0 (48 bytes) overlaps the block before (that one is at "
                 "heap+0, 48 bytes); expected each block to start at or after the end of the "
                 "one before",
                 "a block visited twice overlaps the block before");
    expect_fault(CHECK(oracle, {0, 48, false}, {40, 8, false}),
                 "the block at heap+40 (8 bytes) overlaps the block before",
                 "a block that starts inside the one before overlaps it");
    expect_fault(CHECK(oracle, {48, 16, true}, {0, 48, false}),
                 "the block at heap+0 (48 bytes) is out of address order (the block before it "
                 "is at heap+48, 16 bytes); expected blocks in address order",
                 "a block below the one before is out of address order");
    expect_fault(CHECK(oracle, {0, 48, false}, {256, 16, false}),
                 "a block of 16 bytes at", "a block past the break is caught");
    tap_ok(strstr(why, "is not inside the heap [") != NULL &&
               strstr(why, "] (256 bytes); expected every block inside it") != NULL,
           "... as not inside the heap, which is named");
    expect_fault(CHECK(oracle, {240, 32, true}), "is not inside the heap",
                 "a block that runs past the break is not inside the heap");
    expect_fault(CHECK(oracle, {-16, 16, false}), "is not inside the heap",
                 "a block below the heap is not inside it");
    expect_fault(CHECK(oracle, {0, 48, true}, {0, 48, false}, {512, 8, false}),
                 "the block at heap+0 (48 bytes) is free",
                 "of several faults, the first the walk shows is named");
    oracle_reset(oracle);
}

/* ---- the heap map of a walk ------------------------------------------ */

struct heap_map_totals {
    uint64_t payload, overhead, free, unknown;
    int bins, bins_not_adding_up;
};

/* The heap map series.c writes of the heap after a one-op trace, walked
 * by visits; summed over its bins. */
#define HEAP_MAP(oracle, ...)                                                               \
    heap_map_of(oracle, (const struct visit[]){__VA_ARGS__},                               \
                sizeof((const struct visit[]){__VA_ARGS__}) / sizeof(struct visit))

static struct heap_map_totals heap_map_of(const struct oracle *oracle,
                                          const struct visit *visits, size_t count)
{
    struct heap_map_totals totals = {0};
    static const struct trace_op op = {.id = 0, .size = 8, .line = 5, .kind = OP_ALLOC};
    struct trace one_op = trace;
    one_op.num_ops = 1;
    one_op.ops = (struct trace_op *)&op;
    script = visits;
    script_length = count;
    FILE *out = tmpfile();
    if (out == NULL)
        return totals;
    struct series_recorder *recorder = series_create(NULL, out, &scripted, &one_op, oracle, NULL);
    series_observe(recorder, 0, &op, 0, mem_heapsize());
    series_finish(recorder);
    rewind(out);
    char line[256];
    while (fgets(line, sizeof line, out) != NULL) {
        unsigned long long bin_start, bin_end, bytes[4];
        if (sscanf(line, "%*u,%*u,%*u,%llu,%llu,%llu,%llu,%llu,%llu", &bin_start, &bin_end,
                   &bytes[0], &bytes[1], &bytes[2], &bytes[3]) != 6)
            continue;
        totals.bins++;
        totals.payload += bytes[0];
        totals.overhead += bytes[1];
        totals.free += bytes[2];
        totals.unknown += bytes[3];
        totals.bins_not_adding_up += bytes[0] + bytes[1] + bytes[2] + bytes[3] !=
                                     bin_end - bin_start;
    }
    fclose(out);
    return totals;
}

static void expect_heap_map(struct heap_map_totals got, uint64_t payload, uint64_t overhead,
                            uint64_t free_bytes, uint64_t unknown, const char *description)
{
    bool right = got.bins == SERIES_BINS && got.bins_not_adding_up == 0 &&
                 got.payload == payload && got.overhead == overhead &&
                 got.free == free_bytes && got.unknown == unknown;
    if (!tap_ok(right, description))
        printf("# %d bins, %d not adding up to their width; payload %llu, overhead %llu, free "
               "%llu, unknown %llu; expected %llu, %llu, %llu, %llu\n",
               got.bins, got.bins_not_adding_up, (unsigned long long)got.payload,
               (unsigned long long)got.overhead, (unsigned long long)got.free,
               (unsigned long long)got.unknown, (unsigned long long)payload,
               (unsigned long long)overhead, (unsigned long long)free_bytes,
               (unsigned long long)unknown);
}

/* The heap of test_scripted_walks: payloads of 40, 16 and 0 bytes. */
static void test_heap_maps(struct oracle *oracle)
{
    char *heap = mem_heap_lo();
    oracle_insert(oracle, 0, heap + 8, 40, 5);
    oracle_insert(oracle, 1, heap + 72, 16, 6);
    oracle_insert(oracle, 2, heap + 128, 0, 7);

    expect_heap_map(HEAP_MAP(oracle, {0, 48, false}, {48, 16, true}, {64, 32, false},
                             {96, 32, true}, {128, 16, false}, {144, 112, true}),
                    56, 24 + 16, 16 + 32 + 112, 0,
                    "heap map: a walk that tiles the heap: its payloads, overhead and free bytes");
    expect_heap_map(HEAP_MAP(oracle, {0, 128, false}, {128, 128, true}), 56, 72, 128, 0,
                    "heap map: a used block holding two payloads counts both as payload");
    expect_heap_map(HEAP_MAP(oracle, {0, 48, false}, {64, 32, false}, {144, 64, true}), 56, 8 + 16,
                    64, 16 + 48 + 48,
                    "heap map: the bytes no block covers (between blocks, after the last) are "
                    "unknown");
    expect_heap_map(HEAP_MAP(oracle, {0, 48, true}, {0, 48, false}, {40, 16, false},
                             {48, 208, true}, {256, 16, false}, {-16, 8, false}),
                    0, 0, 256, 0,
                    "heap map: blocks out of place (visited twice, inside the one before, past "
                    "the break, below the heap) are left out, and each bin adds up");
    oracle_reset(oracle);
}

/* ---- random heaps against a brute force ------------------------------ */

static uint64_t rng_state = 0x9E3779B97F4A7C15ull;

static uint32_t next_random(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return (uint32_t)rng_state;
}

static struct visit random_blocks[RANDOM_HEAP_BYTES / 8];

/* A heap tiled by blocks of 8 to 128 bytes, each live payload inside a
 * used block; then a few used blocks, some holding payloads, called
 * free. Returns how many blocks. */
static size_t make_random_heap(struct oracle *oracle, int mislabelled)
{
    char *heap = mem_heap_lo();
    size_t count = 0;
    uint32_t id = 0;
    for (size_t offset = 0; offset < RANDOM_HEAP_BYTES;) {
        size_t bytes = 8 * (1 + next_random() % 16);
        if (offset + bytes > RANDOM_HEAP_BYTES)
            bytes = RANDOM_HEAP_BYTES - offset;
        bool is_free = next_random() % 3 == 0;
        if (!is_free && bytes >= 16 && id < RANDOM_IDS && next_random() % 4 != 0)
            oracle_insert(oracle, id++, heap + offset + 8, bytes - 8 - 8 * (next_random() % 2),
                          1);
        random_blocks[count++] = (struct visit){(intptr_t)offset, bytes, is_free};
        offset += bytes;
    }
    for (int i = 0; i < mislabelled; i++)
        random_blocks[next_random() % count].is_free = true;
    return count;
}

/* The first free block that overlaps a live payload, by asking every
 * id; count if none. */
static size_t first_fault_brute_force(const struct oracle *oracle, size_t count)
{
    const char *heap = mem_heap_lo();
    for (size_t i = 0; i < count; i++) {
        if (!random_blocks[i].is_free)
            continue;
        const char *lo = heap + random_blocks[i].offset, *hi = lo + random_blocks[i].bytes;
        for (uint32_t id = 0; id < RANDOM_IDS; id++) {
            const char *payload = oracle_payload(oracle, id);
            size_t claimed = oracle_size(oracle, id) ? oracle_size(oracle, id) : 1;
            if (oracle_is_live(oracle, id) && payload < hi && lo < payload + claimed)
                return i;
        }
    }
    return count;
}

static void test_random_heaps(struct oracle *oracle)
{
    int disagreements = 0, faults_seen = 0, rounds = 200;
    for (int round = 0; round < rounds; round++) {
        oracle_reset(oracle);
        size_t count = make_random_heap(oracle, round % 4);
        size_t first_fault = first_fault_brute_force(oracle, count);
        bool passed = check_walk(oracle, random_blocks, count);
        char expected[64] = "";
        if (first_fault < count)
            snprintf(expected, sizeof expected, "the block at heap+%lld (%zu bytes) is free,",
                     (long long)random_blocks[first_fault].offset,
                     random_blocks[first_fault].bytes);
        disagreements += passed != (first_fault == count) ||
                         (!passed && strncmp(why, expected, strlen(expected)) != 0);
        faults_seen += first_fault < count;
    }
    tap_ok(disagreements == 0, "on random heaps, the first free block holding a payload is "
                               "the one a brute force finds");
    tap_ok(faults_seen > rounds / 2 && faults_seen < rounds,
           "the random heaps exercised both outcomes");
    oracle_reset(oracle);
}

int main(void)
{
    for (uint32_t id = 0; id < RANDOM_IDS; id++)
        trace_ids[id] = id < 3 ? 5 + 2 * id : id;
    mem_init();
    mem_sbrk(HEAP_BYTES);
    struct oracle *oracle = oracle_create(RANDOM_IDS, NULL);
    test_scripted_walks(oracle);
    test_heap_maps(oracle);
    mem_sbrk(RANDOM_HEAP_BYTES - HEAP_BYTES);
    test_random_heaps(oracle);
    oracle_destroy(oracle);
    mem_deinit();
    return tap_done();
}
