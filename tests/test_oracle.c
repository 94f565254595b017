/*
 * test_oracle.c - the oracle's ordered map agrees with a brute-force
 * scan on random placements and on a heap walk's ranges, and its
 * patterns catch single-byte changes.
 */
#include "driver/oracle.h"
#include "tests/tap.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

enum { IDS = 2000, SPACE = 1 << 16, ROUNDS = 20000 };

static uint64_t rng_state = 0x1234567;

static uint32_t next_random(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return (uint32_t)rng_state;
}

/* Does [start, start + size) overlap a live block? By scanning every id. */
static bool overlaps_brute_force(const struct oracle *oracle, const char *start, size_t size)
{
    for (uint32_t id = 0; id < IDS; id++) {
        if (!oracle_is_live(oracle, id) || oracle_size(oracle, id) == 0)
            continue;
        const char *other = oracle_payload(oracle, id);
        if (other < start + size && start < other + oracle_size(oracle, id))
            return true;
    }
    return false;
}

static void test_placement_matches_brute_force(void)
{
    static char space[SPACE];
    struct oracle *oracle = oracle_create(IDS, NULL);
    char why[256];
    int disagreements = 0, overlaps_seen = 0, inserted = 0;
    for (int round = 0; round < ROUNDS; round++) {
        uint32_t id = next_random() % IDS;
        if (oracle_is_live(oracle, id)) {
            oracle_remove(oracle, id);
            continue;
        }
        size_t size = 8 * (1 + next_random() % 64);
        char *start = space + 8 * (next_random() % ((SPACE - size) / 8));
        bool fits = oracle_check_placement(oracle, start, size, 8, space, space + SPACE - 1,
                                           why, sizeof why);
        bool brute = !overlaps_brute_force(oracle, start, size);
        disagreements += fits != brute;
        overlaps_seen += !brute;
        if (fits && brute) {
            oracle_insert(oracle, id, start, size, 1);
            inserted++;
        }
    }
    tap_ok(disagreements == 0, "the treap's overlap answer equals a brute-force scan");
    tap_ok(overlaps_seen > 1000 && inserted > 1000, "the test exercised both outcomes");
    oracle_destroy(oracle);
}

/* The live payloads, read once from the oracle (whose accessors cost too
 * much to call for every id on every query of a walk, under valgrind most
 * of all): where each starts, and the bytes it claims (a zero-byte one:
 * its first). */
struct live_payloads {
    uint32_t ids[IDS];
    const char *starts[IDS];
    size_t claimed[IDS];
    uint32_t count;
};

static void list_live_payloads(const struct oracle *oracle, struct live_payloads *live)
{
    live->count = 0;
    for (uint32_t id = 0; id < IDS; id++) {
        const char *start = oracle_payload(oracle, id);
        if (!oracle_is_live(oracle, id) || start == NULL)
            continue;
        live->ids[live->count] = id;
        live->starts[live->count] = start;
        live->claimed[live->count] = oracle_size(oracle, id) ? oracle_size(oracle, id) : 1;
        live->count++;
    }
}

/* The lowest live payload that overlaps [start, start + size), by
 * looking at every one; false if none. */
static bool lowest_overlap_brute_force(const struct live_payloads *live, const char *start,
                                       size_t size, uint32_t *found)
{
    const char *lowest = NULL;
    for (uint32_t i = 0; i < live->count; i++) {
        const char *other = live->starts[i];
        if (other < start + size && start < other + live->claimed[i] &&
            (lowest == NULL || other < lowest)) {
            lowest = other;
            *found = live->ids[i];
        }
    }
    return lowest != NULL;
}

/* A scan answers ranges asked in address order (a heap walk's), most of
 * them a few payloads apart, some far apart, some going back down: each
 * answer is the brute force's. */
static void test_scan_matches_brute_force(void)
{
    static char space[SPACE];
    struct oracle *oracle = oracle_create(IDS, NULL);
    char why[256];
    for (int round = 0; round < 4 * IDS; round++) {
        uint32_t id = next_random() % IDS;
        size_t size = 8 * (next_random() % 8); /* zero-byte ones too */
        char *start = space + 8 * (next_random() % ((SPACE - 64) / 8));
        if (!oracle_is_live(oracle, id) &&
            oracle_check_placement(oracle, start, size, 8, space, space + SPACE - 1, why,
                                   sizeof why))
            oracle_insert(oracle, id, start, size, 1);
    }
    static struct live_payloads live;
    list_live_payloads(oracle, &live);
    int disagreements = 0, overlaps_seen = 0, queries = 0;
    for (int walk = 0; walk < 20; walk++) {
        struct oracle_scan scan;
        oracle_scan_start(&scan, oracle);
        size_t offset = next_random() % 64;
        while (offset < SPACE) {
            size_t size = next_random() % 48;
            if (offset + size > SPACE)
                size = SPACE - offset;
            uint32_t id = 0, expected = 0;
            bool found = oracle_scan_overlapping(&scan, space + offset, space + offset + size, &id);
            bool brute = size > 0 && lowest_overlap_brute_force(&live, space + offset, size,
                                                                 &expected);
            disagreements += found != brute || (found && id != expected);
            overlaps_seen += brute;
            queries++;
            /* Up on average (a walk that drifted down would take minutes
             * to reach the top): 1 in 100 back 1 KiB, 3 far up. */
            uint32_t move = next_random() % 100;
            if (move < 1 && offset > 1024)
                offset -= 1024; /* back down: the scan searches afresh */
            else if (move < 4)
                offset += 8 * (next_random() % 512); /* far up: past many payloads */
            else
                offset += size + next_random() % 16;
        }
    }
    tap_ok(disagreements == 0, "a scan's overlap answers equal a brute-force scan's");
    tap_ok(overlaps_seen > 1000 && queries - overlaps_seen > 1000,
           "the scan test exercised both outcomes");
    oracle_destroy(oracle);
}

static void test_enclosing_overlap(void)
{
    static char space[4096];
    struct oracle *oracle = oracle_create(4, NULL);
    char why[256] = "";
    oracle_insert(oracle, 0, space + 512, 64, 5);
    bool fits = oracle_check_placement(oracle, space + 256, 1024, 8, space, space + 4095, why,
                                       sizeof why);
    tap_ok(!fits && strstr(why, "encloses") != NULL,
           "a payload that encloses a live one is reported as enclosing it");
    tap_ok(strstr(why, "allocated at line 5") != NULL, "the overlap names the other block's line");
    fits = oracle_check_placement(oracle, space + 256, 320, 8, space, space + 4095, why, sizeof why);
    tap_ok(!fits && strstr(why, "encloses") != NULL,
           "a payload that ends where the live one it encloses ends is said to enclose it");
    fits = oracle_check_placement(oracle, space + 576, 8, 8, space, space + 4095, why, sizeof why);
    tap_ok(fits, "a payload that starts where a live one ends fits");
    fits = oracle_check_placement(oracle, space + 512, 0, 8, space, space + 4095, why, sizeof why);
    tap_ok(!fits, "a zero-byte payload at a live payload's address is refused");
    fits = oracle_check_placement(oracle, space + 568, 0, 8, space, space + 4095, why, sizeof why);
    tap_ok(!fits, "a zero-byte payload inside a live payload is refused");
    fits = oracle_check_placement(oracle, space + 576, 0, 8, space, space + 4095, why, sizeof why);
    tap_ok(fits, "a zero-byte payload where a live one ends fits");
    fits = oracle_check_placement(oracle, space + 4096, 0, 8, space, space + 4095, why, sizeof why);
    tap_ok(fits, "a zero-byte payload at the end of the heap fits");
    fits = oracle_check_placement(oracle, space + 4, 8, 8, space, space + 4095, why, sizeof why);
    tap_ok(!fits && strstr(why, "not aligned") != NULL, "a misaligned payload is refused");
    fits = oracle_check_placement(oracle, space + 4088, 16, 8, space, space + 4095, why,
                                  sizeof why);
    tap_ok(!fits && strstr(why, "outside the heap") != NULL,
           "a payload running past the heap is refused");
    oracle_destroy(oracle);
}

/* A non-NULL pointer to zero bytes must be unique while it is live:
 * freeing it must free that block and no other. */
static void test_zero_byte_payloads(void)
{
    static char space[4096];
    struct oracle *oracle = oracle_create(4, NULL);
    char why[256] = "";
    char *heap_hi = space + 4095;
    oracle_insert(oracle, 1, space + 1024, 0, 7);
    oracle_insert(oracle, 2, NULL, 0, 8); /* a malloc(0) that returned NULL */
    oracle_insert(oracle, 3, NULL, 0, 9);
    bool fits = oracle_check_placement(oracle, space + 1024, 0, 8, space, heap_hi, why, sizeof why);
    tap_ok(!fits && strstr(why, "allocated at line 7") != NULL,
           "a second zero-byte payload at a live one's address is refused");
    fits = oracle_check_placement(oracle, space + 1024, 8, 8, space, heap_hi, why, sizeof why);
    tap_ok(!fits, "a payload starting at a live zero-byte one is refused");
    fits = oracle_check_placement(oracle, space + 1016, 16, 8, space, heap_hi, why, sizeof why);
    tap_ok(!fits && strstr(why, "encloses") != NULL,
           "a payload around a live zero-byte one is refused as enclosing it");
    fits = oracle_check_placement(oracle, space + 1016, 8, 8, space, heap_hi, why, sizeof why) &&
           oracle_check_placement(oracle, space + 1032, 8, 8, space, heap_hi, why, sizeof why);
    tap_ok(fits, "payloads just below and just past a zero-byte one fit");
    oracle_remove(oracle, 2);
    tap_ok(oracle_live_count(oracle) == 2 && !oracle_is_live(oracle, 2),
           "a NULL zero-byte block comes off like any other");
    oracle_remove(oracle, 1);
    fits = oracle_check_placement(oracle, space + 1024, 8, 8, space, heap_hi, why, sizeof why);
    tap_ok(fits, "once the zero-byte block is freed its address is free again");
    oracle_destroy(oracle);
}

/* A pointer to zero bytes may point just past the heap's last byte (a
 * header with no payload after it, at the break, leaves it there), not
 * further; a block the heap later grows over it overlaps it. */
static void test_zero_byte_payload_at_the_break(void)
{
    static char space[8192];
    struct oracle *oracle = oracle_create(2, NULL);
    char why[256] = "";
    /* Just past the last byte fits: test_enclosing_overlap's "at the end of the heap". */
    bool fits = oracle_check_placement(oracle, space + 4104, 0, 8, space, space + 4095, why,
                                       sizeof why);
    tap_ok(!fits && strstr(why, "outside the heap") != NULL,
           "a zero-byte payload further past the heap is refused");
    oracle_insert(oracle, 0, space + 4096, 0, 5);
    fits = oracle_check_placement(oracle, space + 4096, 16, 8, space, space + 8191, why,
                                  sizeof why);
    tap_ok(!fits && strstr(why, "allocated at line 5") != NULL,
           "a block the heap grew over a zero-byte payload at the break overlaps it");
    oracle_destroy(oracle);
}

/* The heap's exact edges and the alignment asked for: a payload may
 * start at the heap's first byte (an allocator with no header puts one
 * there) and must be aligned to the alignment given, not to 8. */
static void test_bounds_and_alignment(void)
{
    static _Alignas(64) char space[4096];
    struct oracle *oracle = oracle_create(2, NULL);
    char why[256] = "";
    bool fits = oracle_check_placement(oracle, space, 16, 8, space, space + 4095, why, sizeof why);
    tap_ok(fits, "a payload at the heap's first byte fits");
    fits = oracle_check_placement(oracle, space + 4080, 16, 8, space, space + 4095, why, sizeof why);
    tap_ok(fits, "a payload ending at the heap's last byte fits");
    fits = oracle_check_placement(oracle, space + 8, 16, 16, space, space + 4095, why, sizeof why);
    tap_ok(!fits && strstr(why, "not aligned to 16 bytes (address % 16 = 8)") != NULL,
           "at alignment 16, a payload 8 bytes off is refused, saying by how much");
    fits = oracle_check_placement(oracle, space + 32, 16, 16, space, space + 4095, why, sizeof why);
    tap_ok(fits, "at alignment 16, a 16-byte aligned payload fits");
    oracle_destroy(oracle);
}

static void test_patterns(void)
{
    unsigned char block[1000];
    size_t offset;
    unsigned char expected, found;
    oracle_fill(7, block, 0, sizeof block);
    tap_ok(oracle_verify(7, block, sizeof block, &offset, &expected, &found),
           "a filled block verifies");
    tap_ok(!oracle_verify(8, block, sizeof block, &offset, &expected, &found) && offset == 0,
           "another id's pattern does not match");
    block[517] ^= 1;
    tap_ok(!oracle_verify(7, block, sizeof block, &offset, &expected, &found) && offset == 517 &&
               (expected ^ found) == 1,
           "a one-bit change is found at its exact offset");
    unsigned char grown[1000];
    oracle_fill(9, grown, 0, 333);
    oracle_fill(9, grown, 333, sizeof grown);
    tap_ok(oracle_verify(9, grown, sizeof grown, &offset, &expected, &found),
           "filling in two pieces (realloc's tail) gives the same pattern");
}

int main(void)
{
    test_placement_matches_brute_force();
    test_scan_matches_brute_force();
    test_enclosing_overlap();
    test_zero_byte_payloads();
    test_zero_byte_payload_at_the_break();
    test_bounds_and_alignment();
    test_patterns();
    return tap_done();
}
