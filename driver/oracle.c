/*
 * oracle.c - live-block bookkeeping and payload patterns.
 *
 * Per id (struct id_state, 32 bytes): payload address, size, the line
 * that allocated it, and the treap links (parent included, so removal
 * needs no search). The treap is keyed by payload
 * address; its heap priority is a hash of the id, so it needs no stored
 * priority and its shape does not depend on where the allocator puts
 * blocks. A block of zero bytes holds no byte, but a non-NULL pointer to
 * one must still be unique (C's "as if the size were some nonzero
 * value"; freeing it must not free another block), so it claims its
 * first byte (claimed_bytes); a NULL one is live but not in the treap.
 *
 * Invariants: the treap holds exactly the live ids with a non-NULL
 * payload, in address order; their claimed bytes never overlap
 * (placement is checked before insertion), so "does [p, p + n) overlap a
 * live payload?" is answered by the single live payload with the
 * greatest start below p + n.
 */
#include "oracle.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const uint32_t NO_NODE = UINT32_MAX;

struct id_state {
    char *payload;
    uint32_t size;
    uint32_t line; /* 0 when the id is not live */
    uint32_t left, right, parent;
};

struct oracle {
    struct id_state *ids;
    const uint32_t *display_ids;
    uint32_t num_ids;
    uint32_t root;
    uint32_t live_count;
};

/* ---- creation ------------------------------------------------------- */

struct oracle *oracle_create(uint32_t num_ids, const uint32_t *display_ids)
{
    struct oracle *oracle = calloc(1, sizeof *oracle);
    if (oracle == NULL)
        return NULL;
    oracle->ids = calloc(num_ids ? num_ids : 1, sizeof *oracle->ids);
    if (oracle->ids == NULL) {
        free(oracle);
        return NULL;
    }
    oracle->num_ids = num_ids;
    oracle->display_ids = display_ids;
    oracle_reset(oracle);
    return oracle;
}

void oracle_destroy(struct oracle *oracle)
{
    if (oracle == NULL)
        return;
    free(oracle->ids);
    free(oracle);
}

void oracle_reset(struct oracle *oracle)
{
    memset(oracle->ids, 0, (size_t)oracle->num_ids * sizeof *oracle->ids);
    oracle->root = NO_NODE;
    oracle->live_count = 0;
}

size_t oracle_memory_bytes(const struct oracle *oracle)
{
    return sizeof *oracle + (size_t)oracle->num_ids * sizeof *oracle->ids;
}

/* ---- queries -------------------------------------------------------- */

bool oracle_is_live(const struct oracle *oracle, uint32_t id)
{
    return oracle->ids[id].line != 0;
}

void *oracle_payload(const struct oracle *oracle, uint32_t id)
{
    return oracle->ids[id].payload;
}

size_t oracle_size(const struct oracle *oracle, uint32_t id)
{
    return oracle->ids[id].size;
}

uint32_t oracle_line(const struct oracle *oracle, uint32_t id)
{
    return oracle->ids[id].line;
}

uint32_t oracle_live_count(const struct oracle *oracle)
{
    return oracle->live_count;
}

/* ---- the treap ------------------------------------------------------ */

static uint32_t priority_of(uint32_t id)
{
    uint32_t x = id * 0x9E3779B1u;
    x ^= x >> 15;
    x *= 0x85EBCA77u;
    x ^= x >> 13;
    return x;
}

static char *key_of(const struct oracle *oracle, uint32_t node)
{
    return oracle->ids[node].payload;
}

static void set_parent(struct oracle *oracle, uint32_t node, uint32_t parent)
{
    if (node != NO_NODE)
        oracle->ids[node].parent = parent;
}

/* The link that points at node: its parent's left or right, or the root. */
static uint32_t *link_to(struct oracle *oracle, uint32_t node)
{
    uint32_t parent = oracle->ids[node].parent;
    if (parent == NO_NODE)
        return &oracle->root;
    return oracle->ids[parent].left == node ? &oracle->ids[parent].left
                                            : &oracle->ids[parent].right;
}

/* Split the subtree at node into keys < key (hung on *less, whose owner
 * is less_owner) and keys >= key (on *rest, owner rest_owner). */
static void treap_split(struct oracle *oracle, uint32_t node, const char *key, uint32_t *less,
                        uint32_t less_owner, uint32_t *rest, uint32_t rest_owner)
{
    while (node != NO_NODE) {
        struct id_state *state = &oracle->ids[node];
        if (state->payload < key) {
            *less = node;
            state->parent = less_owner;
            less_owner = node;
            less = &state->right;
            node = state->right;
        } else {
            *rest = node;
            state->parent = rest_owner;
            rest_owner = node;
            rest = &state->left;
            node = state->left;
        }
    }
    *less = NO_NODE;
    *rest = NO_NODE;
}

/* Join two subtrees where every key in low is below every key in high;
 * the result hangs on *link, owned by owner. */
static void treap_merge(struct oracle *oracle, uint32_t low, uint32_t high, uint32_t *link,
                        uint32_t owner)
{
    while (low != NO_NODE && high != NO_NODE) {
        if (priority_of(low) > priority_of(high)) {
            *link = low;
            oracle->ids[low].parent = owner;
            owner = low;
            link = &oracle->ids[low].right;
            low = oracle->ids[low].right;
        } else {
            *link = high;
            oracle->ids[high].parent = owner;
            owner = high;
            link = &oracle->ids[high].left;
            high = oracle->ids[high].left;
        }
    }
    *link = low != NO_NODE ? low : high;
    set_parent(oracle, *link, owner);
}

static void treap_insert(struct oracle *oracle, uint32_t id)
{
    uint32_t *link = &oracle->root;
    uint32_t owner = NO_NODE;
    uint32_t priority = priority_of(id);
    const char *key = key_of(oracle, id);
    while (*link != NO_NODE && priority_of(*link) > priority) {
        owner = *link;
        link = key_of(oracle, owner) > key ? &oracle->ids[owner].left : &oracle->ids[owner].right;
    }
    struct id_state *state = &oracle->ids[id];
    uint32_t below = *link;
    *link = id;
    state->parent = owner;
    treap_split(oracle, below, key, &state->left, id, &state->right, id);
}

/* Parent links make removal local: no search from the root. */
static void treap_remove(struct oracle *oracle, uint32_t id)
{
    struct id_state *state = &oracle->ids[id];
    treap_merge(oracle, state->left, state->right, link_to(oracle, id), state->parent);
}

/* The live node with the greatest key below bound, or NO_NODE. */
static uint32_t treap_below(const struct oracle *oracle, const char *bound)
{
    uint32_t best = NO_NODE;
    for (uint32_t node = oracle->root; node != NO_NODE;) {
        if (key_of(oracle, node) < bound) {
            best = node;
            node = oracle->ids[node].right;
        } else {
            node = oracle->ids[node].left;
        }
    }
    return best;
}

/* In-order walk without recursion: the treap's depth is expected
 * logarithmic, but a recursion's depth is not ours to bet on. */
void oracle_walk(const struct oracle *oracle, oracle_visitor visit, void *context)
{
    uint32_t stack_capacity = 64, depth = 0;
    uint32_t *stack = malloc(stack_capacity * sizeof *stack);
    if (stack == NULL)
        return;
    uint32_t node = oracle->root;
    while (node != NO_NODE || depth > 0) {
        while (node != NO_NODE) {
            if (depth == stack_capacity) {
                uint32_t *grown = realloc(stack, 2 * stack_capacity * sizeof *stack);
                if (grown == NULL) {
                    free(stack);
                    return;
                }
                stack = grown;
                stack_capacity *= 2;
            }
            stack[depth++] = node;
            node = oracle->ids[node].left;
        }
        node = stack[--depth];
        const struct id_state *state = &oracle->ids[node];
        visit(context, node, state->payload, state->size);
        node = state->right;
    }
    free(stack);
}

bool oracle_find_in(const struct oracle *oracle, const void *lo, const void *hi, uint32_t *id)
{
    uint32_t node = treap_below(oracle, hi);
    if (node == NO_NODE || key_of(oracle, node) < (const char *)lo)
        return false;
    *id = node;
    return true;
}

/* The bytes a payload of `size` holds for the overlap checks: a zero-byte
 * one holds its first (see the top of this file). */
static size_t claimed_bytes(size_t size)
{
    return size != 0 ? size : 1;
}

static uintptr_t end_of(const struct oracle *oracle, uint32_t node)
{
    const struct id_state *state = &oracle->ids[node];
    return (uintptr_t)state->payload + claimed_bytes(state->size);
}

/* The live node whose claimed bytes overlap [lo, hi), or NO_NODE: only
 * the one with the greatest start below hi can (the invariants above).
 * Ends as integers: [lo, hi) may be any range (a heap walk's). */
static uint32_t treap_overlapping(const struct oracle *oracle, uintptr_t lo, uintptr_t hi)
{
    if (hi <= lo)
        return NO_NODE;
    uint32_t node = treap_below(oracle, (const char *)hi);
    return node != NO_NODE && end_of(oracle, node) > lo ? node : NO_NODE;
}

static uint32_t treap_lowest(const struct oracle *oracle, uint32_t node)
{
    while (node != NO_NODE && oracle->ids[node].left != NO_NODE)
        node = oracle->ids[node].left;
    return node;
}

/* The next live node in address order, or NO_NODE: by the parent
 * links, O(1) amortized over a walk of the whole treap. */
static uint32_t treap_next(const struct oracle *oracle, uint32_t node)
{
    if (oracle->ids[node].right != NO_NODE)
        return treap_lowest(oracle, oracle->ids[node].right);
    uint32_t parent = oracle->ids[node].parent;
    while (parent != NO_NODE && oracle->ids[parent].right == node) {
        node = parent;
        parent = oracle->ids[node].parent;
    }
    return parent;
}

/* The first live node, in address order, that ends after low: the one
 * that starts below low if it reaches past it, else the next. */
static uint32_t treap_first_ending_after(const struct oracle *oracle, uintptr_t low)
{
    uint32_t below = treap_below(oracle, (const char *)low);
    if (below == NO_NODE)
        return treap_lowest(oracle, oracle->root);
    return end_of(oracle, below) > low ? below : treap_next(oracle, below);
}

/* Steps up the map a scan takes before it searches instead: a walk's
 * free blocks may lie a few payloads apart (slots in a run) or
 * thousands (one free block at the end of a full heap). */
static const unsigned SCAN_STEPS_MAX = 8;

void oracle_scan_start(struct oracle_scan *scan, const struct oracle *oracle)
{
    scan->oracle = oracle;
    scan->node = NO_NODE;
    scan->low = 0;
    scan->positioned = false;
}

bool oracle_scan_overlapping(struct oracle_scan *scan, const void *lo, const void *hi,
                             uint32_t *id)
{
    const struct oracle *oracle = scan->oracle;
    uintptr_t low = (uintptr_t)lo, high = (uintptr_t)hi;
    unsigned steps = 0;
    bool behind = !scan->positioned || low < scan->low;
    while (!behind && scan->node != NO_NODE && end_of(oracle, scan->node) <= low) {
        if (++steps > SCAN_STEPS_MAX)
            behind = true;
        else
            scan->node = treap_next(oracle, scan->node);
    }
    if (behind)
        scan->node = treap_first_ending_after(oracle, low);
    scan->positioned = true;
    scan->low = low;
    if (high <= low || scan->node == NO_NODE || (uintptr_t)key_of(oracle, scan->node) >= high)
        return false;
    *id = scan->node;
    return true;
}

/* ---- placement ------------------------------------------------------ */

bool oracle_check_placement(const struct oracle *oracle, const void *payload, size_t size,
                            size_t alignment, const void *heap_lo, const void *heap_hi,
                            char *why, size_t why_bytes)
{
    uintptr_t start = (uintptr_t)payload;
    uintptr_t lo = (uintptr_t)heap_lo, hi = (uintptr_t)heap_hi;
    if (start % alignment != 0) {
        snprintf(why, why_bytes, "payload %p is not aligned to %zu bytes (address %% %zu = %zu)",
                 payload, alignment, alignment, (size_t)(start % alignment));
        return false;
    }
    /* hi is the last heap byte, so an empty heap has hi == lo - 1. */
    if (start < lo || start > hi + 1 || size > hi + 1 - start) {
        snprintf(why, why_bytes,
                 "payload [%p, %p + %zu) lies outside the heap [%p, %p] (%zu bytes)",
                 payload, payload, size, heap_lo, heap_hi, (size_t)(hi + 1 - lo));
        return false;
    }
    uint32_t neighbour = treap_overlapping(oracle, start, start + claimed_bytes(size));
    if (neighbour == NO_NODE)
        return true;
    const struct id_state *other = &oracle->ids[neighbour];
    uintptr_t other_start = (uintptr_t)other->payload;
    uintptr_t other_end = end_of(oracle, neighbour);
    bool encloses = other_start >= start && other_end <= start + size;
    /* Both payloads lie in the heap (checked above): offsets from its
     * start, as -V names payloads, say more than two raw addresses. */
    snprintf(why, why_bytes,
             "payload [heap+%zu, +%zu) overlaps live block id %" PRIu32
             " [heap+%zu, +%" PRIu32 ") allocated at line %" PRIu32 "%s",
             (size_t)(start - lo), size,
             oracle->display_ids ? oracle->display_ids[neighbour] : neighbour,
             (size_t)(other_start - lo), other->size, other->line,
             encloses ? " (the new payload encloses it)" : "");
    return false;
}

void oracle_insert(struct oracle *oracle, uint32_t id, void *payload, size_t size,
                   uint32_t line)
{
    struct id_state *state = &oracle->ids[id];
    state->payload = payload;
    state->size = (uint32_t)size;
    state->line = line ? line : 1;
    state->left = state->right = state->parent = NO_NODE;
    oracle->live_count++;
    if (payload != NULL)
        treap_insert(oracle, id);
}

void oracle_remove(struct oracle *oracle, uint32_t id)
{
    struct id_state *state = &oracle->ids[id];
    if (state->line == 0)
        return;
    if (state->payload != NULL)
        treap_remove(oracle, id);
    memset(state, 0, sizeof *state);
    oracle->live_count--;
}

/* ---- payload patterns ---------------------------------------------- *
 * Word j of block id (in the host's byte order) is
 *     first_word(id) + j * PATTERN_STEP      (mod 2^64)
 * cheap to make incrementally, different for every id and every word,
 * and not what fresh (zeroed) memory holds. -d 2 verifies every live
 * payload after every op, so this loop is the driver's hottest. */

static const uint64_t PATTERN_STEP = 0xD6E8FEB86659FD93ull;

static uint64_t first_word(uint32_t id)
{
    uint64_t x = ((uint64_t)id + 1) * 0x9E3779B97F4A7C15ull;
    x ^= x >> 29;
    return x + 0x5555555555555555ull;
}

static uint64_t pattern_word(uint32_t id, size_t word_index)
{
    return first_word(id) + (uint64_t)word_index * PATTERN_STEP;
}

static unsigned char pattern_byte(uint32_t id, size_t offset)
{
    uint64_t word = pattern_word(id, offset / 8);
    unsigned char bytes[8];
    memcpy(bytes, &word, sizeof bytes);
    return bytes[offset % 8];
}

void oracle_fill(uint32_t id, void *payload, size_t from, size_t to)
{
    unsigned char *bytes = payload;
    size_t offset = from;
    for (; offset < to && offset % 8 != 0; offset++)
        bytes[offset] = pattern_byte(id, offset);
    uint64_t word = pattern_word(id, offset / 8);
    for (; offset + 8 <= to; offset += 8, word += PATTERN_STEP)
        memcpy(bytes + offset, &word, sizeof word);
    for (; offset < to; offset++)
        bytes[offset] = pattern_byte(id, offset);
}

bool oracle_verify(uint32_t id, const void *payload, size_t bytes, size_t *bad_offset,
                   unsigned char *expected, unsigned char *found)
{
    const unsigned char *actual = payload;
    size_t offset = 0;
    uint64_t word = first_word(id);
    for (; offset + 8 <= bytes; offset += 8, word += PATTERN_STEP) {
        uint64_t seen;
        memcpy(&seen, actual + offset, sizeof seen);
        if (seen != word)
            break; /* find the exact byte below */
    }
    for (; offset < bytes; offset++) {
        unsigned char want = pattern_byte(id, offset);
        if (actual[offset] != want) {
            *bad_offset = offset;
            *expected = want;
            *found = actual[offset];
            return false;
        }
    }
    return true;
}
