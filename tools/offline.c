/*
 * offline.c - what knowing the whole trace buys: places every block of a
 * trace at once, knowing when each is allocated, resized and freed, on
 * the same ideal heap as tools/placement.c (no per-block overhead), and
 * prints the utilization beside the trace's ceiling.
 *
 *   build/offline [-o size|start|area]... [-c] [TRACE...]
 *
 * With no TRACE, the default suite (config.h's DEFAULT_TRACEFILES in
 * TRACEDIR). build/placement shows what online policies reach on this
 * heap; this tool shows what an allocator that knew the future could
 * reach with no headers, so the gap between the two is the price of not
 * knowing it, and the gap from here to the ceiling is what even an
 * offline placement of this kind cannot close.
 *
 * The model
 *
 *   The heap is the address range [0, top); a block of n bytes occupies
 *   exactly align_up(n, ALIGNMENT) bytes (no header, footer or minimum
 *   size; a zero-byte block occupies nothing), as in placement.c. Every
 *   version of a block is a rectangle in time (ops) x address:
 *
 *     address
 *       ^              +--------+
 *       |     +--------+        |   block 1 made at op 1 (A), grown in
 *       |     |   A    |   A'   |   place at op 3 (A'): one address,
 *       |  +--+--------+--+-----+   both live at op 3
 *       |  |      B       |  C  |   block 0 made at op 0 (B), freed at
 *       |  +--------------+-----+   op 4; block 2 made at op 4 (C)
 *       +--+--+--------+--+-----+--> op
 *          0  1        3  4     5 (the end)
 *
 *     a ID N   a version of N bytes starts at op i: it is live at op i.
 *     f ID     the live version ends: it is not live at op i.
 *     r ID N   the old version ends after op i and a new one of N bytes
 *              starts at op i: both are live at op i (both copies are
 *              held while the data is copied), unless the new one is
 *              placed at the old one's address (grown or shrunk in
 *              place), when the two may overlap in address.
 *
 *   A placement gives every version an address, all at once, such that
 *   no two versions live at the same op overlap in address (but for a
 *   realloc's pair at one address). Its heap is top = the highest end
 *   address of any version; the heap never shrinks, as with mem_sbrk.
 *   Utilization and ceiling are the driver's, as in placement.c: the peak
 *   live payload (driver/peak.c's measure_trace_peak) over top, and
 *   measure_util_ceiling.
 *
 * The heuristic
 *
 *   Finding the least top is NP-hard (dynamic storage allocation), so
 *   the tool uses the classic greedy: take the versions in an order, and
 *   put each at the lowest address where it overlaps no version already
 *   placed that is live at one of its ops; a version whose realloc
 *   partner (the version before it or after it of the same block) is
 *   already placed first tries the partner's address, in place, when
 *   that overlaps nothing else. The orders (-o, each a column; default
 *   all three):
 *
 *     size    decreasing size; ties: the longer life first, then the
 *             earlier start. The classic order for this problem.
 *     start   the trace's order. Each block then sees only the blocks
 *             allocated before it, as an online allocator does: this is
 *             address-ordered first fit that grows in place when it can,
 *             and gives build/placement -p first's figure exactly (a
 *             check of the machinery, not knowledge of the future).
 *     area    decreasing size x life (ops); ties as for size.
 *     best    (not an order: the column, when more than one order runs)
 *             the highest of the orders run.
 *
 *   -c (chains): once a version is placed, the versions of its block
 *   after it, then before it, that are not placed yet take its address,
 *   one by one along the realloc chain, for as long as each fits there
 *   (overlaps nothing placed but its partners): the block is kept in
 *   place before the order can put another block in the room it will
 *   grow into. Better on some traces, worse on others (on one of
 *   tests/offline.t's hand-worked traces it finds the least heap, which
 *   every order misses without it). With -c, start is no longer first
 *   fit: a block's later sizes are placed with its first.
 *
 *   Each figure is a heap some offline placement reaches, so the least
 *   heap is at most it: a LOWER bound on the utilization knowing the
 *   future allows in this model, not the most it allows. Left out, as in
 *   placement.c: pages and sbrk rounding; and a block moves only when the
 *   trace reallocates it (no compaction), so top >= what mdriver's
 *   ceiling assumes and every figure is at most the ceiling.
 *
 *   Every placement is checked afterwards by check_placement, which
 *   replays the trace itself op by op (not the versions' lifetimes the
 *   placement used) against the addresses: one for each a or r op, each
 *   aligned, inside [0, top), top reached by some version, and no two
 *   live versions overlapping in address but for a realloc's old and new
 *   copy at one address. A placement that fails is reported and the exit
 *   status is 1.
 *
 * Invariants
 *
 *   versions[v].start < versions[v].end <= num_ops; versions are numbered
 *   in the order of their a or r op, so versions[v].start increases with v
 *   map.entries: the placed versions of more than zero bytes, sorted by
 *   address; map.largest >= every entry's bytes
 *   a placed version overlaps no placed version live with it in address,
 *   but a realloc partner at its own address (check_placement tests this)
 *
 * Complexity: placing a version walks the placed versions up from
 * address 0 to the first gap that holds it among those live with it,
 * then inserts it in the array (a memmove): O(n) a version, O(n^2) for n
 * versions at worst, with a small constant (no per-version sort). The
 * check is O(ops x live blocks). The default suite takes about 2.5 s of
 * CPU for the three orders, 1.3 s of it tiny.rep.
 *
 * Exit status: 0; 1 if a trace cannot be read (the message names file
 * and line, as mdriver's does) or a placement fails its check (the other
 * traces are still reported); 2 on bad usage.
 */
#include "../config.h"
#include "../driver/peak.h"
#include "../driver/shown.h"
#include "../driver/trace.h"
#include "by-address.h"
#include "table.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- orders --------------------------------------------------------- */

enum order { ORDER_SIZE, ORDER_START, ORDER_AREA, NUM_ORDERS };

static const char *const ORDER_NAMES[NUM_ORDERS] = {"size", "start", "area"};
_Static_assert((int)NUM_ORDERS <= (int)TABLE_MAX_CHOICES, "every order can be chosen");

static const uint32_t NO_VERSION = UINT32_MAX;

/* ---- versions ------------------------------------------------------- */

struct version {
    uint64_t bytes;   /* align_up(size) */
    uint64_t address; /* valid once placed */
    uint32_t start;   /* the op that made it: live from here */
    uint32_t end;     /* the first op at which it is no longer live */
    uint32_t prev;    /* the version its realloc replaced, or NO_VERSION */
    uint32_t next;    /* the version that replaced it, or NO_VERSION */
    bool placed;
};

struct plan {
    struct version *versions;
    uint32_t num_versions;
    uint32_t num_ops;
};

static uint32_t life(const struct version *version)
{
    return version->end - version->start;
}

/* One version per a or r op; a realloc's old version ends after its op,
 * a freed one at its f op, the rest at the end of the trace. */
static bool make_versions(const struct trace *trace, struct plan *plan)
{
    uint32_t *current = malloc((trace->num_ids ? trace->num_ids : 1) * sizeof *current);
    plan->versions = malloc((trace->num_ops ? trace->num_ops : 1) * sizeof *plan->versions);
    if (current == NULL || plan->versions == NULL) {
        free(current);
        return false;
    }
    plan->num_ops = (uint32_t)trace->num_ops;
    for (size_t i = 0; i < trace->num_ops; i++) {
        const struct trace_op *op = &trace->ops[i];
        uint32_t op_index = (uint32_t)i;
        if (op->kind == OP_FREE) {
            plan->versions[current[op->id]].end = op_index;
            continue;
        }
        uint32_t made = plan->num_versions++;
        uint32_t old = op->kind == OP_REALLOC ? current[op->id] : NO_VERSION;
        plan->versions[made] = (struct version){.bytes = measure_aligned_bytes(op->size, ALIGNMENT),
                                                .start = op_index,
                                                .end = plan->num_ops,
                                                .prev = old,
                                                .next = NO_VERSION};
        if (old != NO_VERSION) {
            plan->versions[old].end = op_index + 1;
            plan->versions[old].next = made;
        }
        current[op->id] = made;
    }
    free(current);
    return true;
}

static void free_plan(struct plan *plan)
{
    free(plan->versions);
}

/* ---- placing one version -------------------------------------------- */

/* The placed versions of more than zero bytes, by address (a copy of
 * what a search reads of each, side by side for the cache). */
struct placed {
    uint64_t address;
    uint64_t bytes;
    uint32_t start, end;
    uint32_t version;
};

struct address_map {
    struct placed *entries; /* room for every version */
    size_t count;
    uint64_t largest; /* the most bytes of any entry */
};

static bool live_together(const struct placed *entry, const struct version *version)
{
    return entry->start < version->end && version->start < entry->end;
}

/* The first entry at or above address. */
static size_t first_entry_from(const struct address_map *map, uint64_t address)
{
    return first_at_or_above(map->entries, map->count, sizeof map->entries[0],
                             offsetof(struct placed, address), address);
}

static void insert_entry(struct address_map *map, const struct version *version, uint32_t v)
{
    size_t at = first_entry_from(map, version->address);
    memmove(&map->entries[at + 1], &map->entries[at], (map->count - at) * sizeof map->entries[0]);
    map->entries[at] = (struct placed){.address = version->address,
                                       .bytes = version->bytes,
                                       .start = version->start,
                                       .end = version->end,
                                       .version = v};
    map->count++;
    if (version->bytes > map->largest)
        map->largest = version->bytes;
}

/* The lowest address where the version overlaps no placed version live
 * with it: the first gap between those, in address order, that holds
 * it. The scan stops at the first entry above the gap, live or not. */
static uint64_t lowest_fit(const struct address_map *map, const struct version *version)
{
    uint64_t address = 0;
    for (size_t i = 0; i < map->count; i++) {
        const struct placed *entry = &map->entries[i];
        if (entry->address >= address + version->bytes)
            break;
        if (live_together(entry, version) && entry->address + entry->bytes > address)
            address = entry->address + entry->bytes;
    }
    return address;
}

/* Whether the version may take its placed realloc partner's address:
 * overlapping no placed version live with it but the partners at that
 * very address. Only entries from `largest` bytes below can reach it. */
static bool fits_in_place(const struct address_map *map, const struct version *version,
                          uint64_t address)
{
    uint64_t lowest = address > map->largest ? address - map->largest : 0;
    for (size_t i = first_entry_from(map, lowest); i < map->count; i++) {
        const struct placed *entry = &map->entries[i];
        if (entry->address >= address + version->bytes)
            break;
        bool partner = entry->version == version->prev || entry->version == version->next;
        if (partner && entry->address == address)
            continue;
        if (live_together(entry, version) && address < entry->address + entry->bytes)
            return false;
    }
    return true;
}

/* In place at a placed partner's address if it can (the lower of the two
 * partners' addresses if both can), else the lowest fit. A zero-byte
 * version goes at 0 and in no map: it overlaps nothing, and in place
 * means nothing for it. */
static void place_version(struct plan *plan, uint32_t v, struct address_map *map)
{
    struct version *version = &plan->versions[v];
    version->placed = true;
    version->address = 0;
    if (version->bytes == 0)
        return;
    bool in_place = false;
    uint32_t partners[2] = {version->prev, version->next};
    for (int p = 0; p < 2; p++) {
        const struct version *partner =
            partners[p] == NO_VERSION ? NULL : &plan->versions[partners[p]];
        if (partner == NULL || !partner->placed || partner->bytes == 0 ||
            (in_place && partner->address >= version->address) ||
            !fits_in_place(map, version, partner->address))
            continue;
        version->address = partner->address;
        in_place = true;
    }
    if (!in_place)
        version->address = lowest_fit(map, version);
    insert_entry(map, version, v);
}

/* -c: the versions of v's block after it, then those before it, each at
 * the address of the one beside it in the chain while it fits there, as
 * if the block were resized in place. Stops at a version already
 * placed, a zero-byte one, or one that does not fit. */
static void place_chain(struct plan *plan, uint32_t v, struct address_map *map)
{
    for (int forward = 1; forward >= 0; forward--) {
        const struct version *beside = &plan->versions[v];
        uint32_t w = forward ? beside->next : beside->prev;
        while (w != NO_VERSION && beside->bytes > 0) {
            struct version *version = &plan->versions[w];
            if (version->placed || version->bytes == 0 ||
                !fits_in_place(map, version, beside->address))
                break;
            version->address = beside->address;
            version->placed = true;
            insert_entry(map, version, w);
            beside = version;
            w = forward ? version->next : version->prev;
        }
    }
}

/* ---- the orders ----------------------------------------------------- */

/* qsort has no context argument: the versions being sorted. */
static const struct version *sorting;

static int compare_u64_down(uint64_t left, uint64_t right)
{
    return (left < right) - (left > right);
}

/* Longer life first, then earlier start: no two versions start at one
 * op, so no two compare equal and qsort's instability cannot show. */
static int by_life_then_start(const struct version *left, const struct version *right)
{
    int longer = compare_u64_down(life(left), life(right));
    if (longer != 0)
        return longer;
    return (left->start > right->start) - (left->start < right->start);
}

static int by_size(const void *a, const void *b)
{
    const struct version *left = &sorting[*(const uint32_t *)a];
    const struct version *right = &sorting[*(const uint32_t *)b];
    int bigger = compare_u64_down(left->bytes, right->bytes);
    return bigger != 0 ? bigger : by_life_then_start(left, right);
}

static int by_area(const void *a, const void *b)
{
    const struct version *left = &sorting[*(const uint32_t *)a];
    const struct version *right = &sorting[*(const uint32_t *)b];
    int bigger = compare_u64_down(left->bytes * life(left), right->bytes * life(right));
    return bigger != 0 ? bigger : by_life_then_start(left, right);
}

/* The versions' numbers in `order` (the start order is their numbering). */
static uint32_t *order_versions(const struct plan *plan, enum order order)
{
    uint32_t *sequence = malloc(((size_t)plan->num_versions + 1) * sizeof *sequence);
    if (sequence == NULL)
        return NULL;
    for (uint32_t v = 0; v < plan->num_versions; v++)
        sequence[v] = v;
    sorting = plan->versions;
    if (order == ORDER_SIZE)
        qsort(sequence, plan->num_versions, sizeof *sequence, by_size);
    else if (order == ORDER_AREA)
        qsort(sequence, plan->num_versions, sizeof *sequence, by_area);
    return sequence;
}

/* ---- the independent check ------------------------------------------ */

/* A block live at the op being checked, as the trace says. */
struct live_block {
    uint64_t address;
    uint64_t bytes;
    uint32_t line; /* of the op that made it */
    uint32_t id;   /* the trace's dense slot */
};

static bool overlaps(const struct live_block *a, const struct live_block *b)
{
    return a->bytes > 0 && b->bytes > 0 && a->address < b->address + b->bytes &&
           b->address < a->address + a->bytes;
}

/* "offline: PATH", what a message about a trace starts with, the path
 * shown as the driver shows it (as table_say_path does). */
static void say_trace(const struct trace *trace)
{
    fputs("offline: ", stderr);
    shown_print(stderr, trace->path);
}

static bool report_bad(const struct trace *trace, const char *order, const struct live_block *block,
                       const char *what, const struct live_block *other)
{
    say_trace(trace);
    fprintf(stderr, ": %s order: the block made at line %lu (id %lu, [%llu, %llu)) %s", order,
            (unsigned long)block->line, (unsigned long)trace_id(trace, block->id),
            (unsigned long long)block->address,
            (unsigned long long)(block->address + block->bytes), what);
    if (other != NULL)
        fprintf(stderr, " the block made at line %lu (id %lu, [%llu, %llu))",
                (unsigned long)other->line, (unsigned long)trace_id(trace, other->id),
                (unsigned long long)other->address,
                (unsigned long long)(other->address + other->bytes));
    fprintf(stderr, "\n");
    return false;
}

/* `made` against every live block but, for a realloc, its old copy when
 * both are at one address; then it replaces that copy. */
static bool check_made(const struct trace *trace, const char *order, struct live_block *by_id,
                       uint32_t *live_ids, uint32_t *num_live, const struct live_block *made,
                       bool realloc_op)
{
    for (uint32_t i = 0; i < *num_live; i++) {
        const struct live_block *other = &by_id[live_ids[i]];
        bool in_place = realloc_op && other->id == made->id && other->address == made->address;
        if (!in_place && overlaps(made, other))
            return report_bad(trace, order, made, "overlaps", other);
    }
    if (!realloc_op)
        live_ids[(*num_live)++] = made->id;
    by_id[made->id] = *made;
    return true;
}

static void drop_live(uint32_t *live_ids, uint32_t *num_live, uint32_t id)
{
    for (uint32_t i = 0; i < *num_live; i++)
        if (live_ids[i] == id) {
            live_ids[i] = live_ids[--*num_live];
            return;
        }
}

/* Replays the trace op by op against the addresses the placement chose
 * (versions numbered by their a or r op, as make_versions numbers them,
 * but nothing else of the plan: not its lifetimes, partners or address
 * map). Each block is compared with every other live one when it is
 * made. Prints what is wrong, naming the ops' lines; false if anything
 * is. */
static bool check_placement(const struct trace *trace, const char *order, const uint64_t *addresses,
                            uint32_t num_addresses, uint64_t top)
{
    struct live_block *by_id = calloc(trace->num_ids ? trace->num_ids : 1, sizeof *by_id);
    uint32_t *live_ids = malloc((trace->num_ids ? trace->num_ids : 1) * sizeof *live_ids);
    uint32_t num_live = 0, made_count = 0;
    bool ok = by_id != NULL && live_ids != NULL, top_reached = top == 0;
    if (!ok)
        table_say_path("offline", trace->path, ": out of memory");
    for (size_t i = 0; ok && i < trace->num_ops; i++) {
        const struct trace_op *op = &trace->ops[i];
        if (op->kind == OP_FREE) {
            drop_live(live_ids, &num_live, op->id);
            continue;
        }
        if (made_count == num_addresses) {
            say_trace(trace);
            fprintf(stderr, ": %s order: more blocks made than placed (line %lu)\n", order,
                    (unsigned long)op->line);
            ok = false;
            break;
        }
        struct live_block made = {.address = addresses[made_count++],
                                  .bytes = measure_aligned_bytes(op->size, ALIGNMENT),
                                  .line = op->line,
                                  .id = op->id};
        if (made.address % ALIGNMENT != 0)
            ok = report_bad(trace, order, &made, "is not aligned", NULL);
        else if (made.bytes > 0 && made.address + made.bytes > top)
            ok = report_bad(trace, order, &made, "ends above the heap's top", NULL);
        else
            ok = check_made(trace, order, by_id, live_ids, &num_live, &made, op->kind == OP_REALLOC);
        top_reached = top_reached || (made.bytes > 0 && made.address + made.bytes == top);
    }
    if (ok && made_count != num_addresses) {
        say_trace(trace);
        fprintf(stderr, ": %s order: %lu blocks placed, %lu made\n", order,
                (unsigned long)num_addresses, (unsigned long)made_count);
        ok = false;
    }
    if (ok && !top_reached) {
        say_trace(trace);
        fprintf(stderr, ": %s order: no block reaches the heap's top %llu\n", order,
                (unsigned long long)top);
        ok = false;
    }
    free(by_id);
    free(live_ids);
    return ok;
}

/* ---- one trace ------------------------------------------------------ */

/* The heap's top under `order`, checked; -1 if out of memory or the
 * check failed (said on stderr). */
static int64_t replay_order(const struct trace *trace, struct plan *plan, enum order order,
                            bool chains)
{
    for (uint32_t v = 0; v < plan->num_versions; v++)
        plan->versions[v].placed = false;
    uint32_t *sequence = order_versions(plan, order);
    struct address_map map = {.entries = malloc(((size_t)plan->num_versions + 1) *
                                                sizeof *map.entries)};
    uint64_t *addresses = malloc(((size_t)plan->num_versions + 1) * sizeof *addresses);
    if (sequence == NULL || map.entries == NULL || addresses == NULL) {
        table_say_path("offline", trace->path, ": out of memory");
        free(sequence);
        free(map.entries);
        free(addresses);
        return -1;
    }
    for (uint32_t i = 0; i < plan->num_versions; i++) {
        if (plan->versions[sequence[i]].placed) /* by -c, with its chain */
            continue;
        place_version(plan, sequence[i], &map);
        if (chains)
            place_chain(plan, sequence[i], &map);
    }
    uint64_t top = 0;
    for (uint32_t v = 0; v < plan->num_versions; v++) {
        const struct version *version = &plan->versions[v];
        addresses[v] = version->address;
        if (version->address + version->bytes > top)
            top = version->address + version->bytes;
    }
    bool ok = check_placement(trace, ORDER_NAMES[order], addresses, plan->num_versions, top);
    free(sequence);
    free(map.entries);
    free(addresses);
    return ok ? (int64_t)top : -1;
}

/* ---- the table ------------------------------------------------------ */

/* The columns after the ceiling: the orders asked for, in their order,
 * and the best of them when more than one (table.h's summary). */
struct orders {
    struct choices choices; /* -o: indexes of ORDER_NAMES, enum order */
    bool chains;            /* -c */
};

/* The orders' figures for a trace's versions and, with best_column, the
 * best of them; false if one failed. */
static bool print_placements(const struct trace *trace, const struct trace_peak *peak,
                             struct plan *plan, const struct orders *orders, bool best_column,
                             struct column *columns)
{
    bool ok = true;
    double best = -1.0;
    for (size_t o = 0; o < orders->choices.count; o++) {
        int64_t top = replay_order(trace, plan, orders->choices.chosen[o], orders->chains);
        ok = ok && top >= 0;
        double util = top > 0 ? (double)peak->payload_bytes / (double)top : -1.0;
        table_print_percent(util, &columns[o]);
        if (top < 0)
            best = -2.0; /* a failed order leaves no best */
        else if (best > -2.0 && util > best)
            best = util;
    }
    if (best_column)
        table_print_percent(best, &columns[orders->choices.count]);
    return ok;
}

/* A trace's figures (table.h's print_figures): all "-" if its versions
 * cannot be had. */
static bool print_orders(const struct table *table, const struct trace *trace,
                         const struct trace_peak *peak, struct column *columns)
{
    const struct orders *orders = table->context;
    bool best_column = table_has_summary(table);
    struct plan plan = {0};
    bool ok = true;
    if (trace->num_ops >= UINT32_MAX) { /* ops are numbered in 32 bits */
        say_trace(trace);
        fprintf(stderr, ": more than %lu ops\n", (unsigned long)UINT32_MAX - 1);
        ok = false;
    } else if (!make_versions(trace, &plan)) {
        table_say_path("offline", trace->path, ": out of memory");
        ok = false;
    }
    if (ok)
        ok = print_placements(trace, peak, &plan, orders, best_column, columns);
    else
        for (size_t c = 0; c < orders->choices.count + best_column; c++)
            table_print_percent(-1.0, &columns[c]);
    free_plan(&plan);
    return ok;
}

/* ---- command line --------------------------------------------------- */

/* The usage after its first line (table.h's description). */
static const char DESCRIPTION[] =
    "  Places every block of each TRACE (default: the default suite in %s)\n"
    "  knowing the whole trace, on the ideal heap of build/placement (no\n"
    "  headers, blocks rounded up to %d bytes; a block moves only when the\n"
    "  trace reallocates it, both copies held unless it stays in place), and\n"
    "  prints the utilization beside the trace's ceiling, as mdriver defines\n"
    "  both. Greedy placement, each block at the lowest address free for its\n"
    "  whole life, in each order asked for (default: all three, and the best):\n"
    "  size (decreasing), start (the trace's: first fit), area (size x life).\n"
    "  -c: a block's other sizes are placed at its address as soon as it is\n"
    "  placed, while they fit there. A heuristic: the least heap may be\n"
    "  smaller, so each figure is a lower bound on what knowing the future\n"
    "  allows. Options come before the traces.\n";

/* One option (table.h's option): -o ORDER or -c, each at most once. */
static int parse_option(const char *flag, const char *value, void *context,
                        struct refusal *refusal)
{
    struct orders *orders = context;
    bool is_order = strcmp(flag, "-o") == 0 && value != NULL;
    if (is_order && table_choose(&orders->choices, value))
        return 2;
    if (strcmp(flag, "-c") == 0) {
        if (orders->chains) {
            refusal->hint = " (once)";
            return 0;
        }
        orders->chains = true;
        return 1;
    }
    refusal->show_value = is_order;
    refusal->hint = is_order ? " (size, start or area, each at most once)" : NULL;
    return 0;
}

int main(int argc, char **argv)
{
    struct orders orders = {.choices = {.names = ORDER_NAMES, .num_names = NUM_ORDERS}};
    const struct table table = {.tool = "offline",
                                .synopsis = "[-o size|start|area]... [-c]",
                                .description = DESCRIPTION,
                                .option = parse_option,
                                .choices = &orders.choices,
                                .summary_title = "best",
                                .print_figures = print_orders,
                                .context = &orders};
    return table_main(argc, argv, &table);
}
