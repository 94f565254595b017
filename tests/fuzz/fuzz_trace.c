/*
 * fuzz_trace.c - libFuzzer target for the strict .rep reader (driver/trace.c).
 *
 * Feeds arbitrary bytes to trace_parse_stream through fmemopen and checks
 * the reader's contract, abort()ing on any broken invariant:
 *
 *   success:  num_ops ops, each kind in {a, r, f}; ids are dense slots
 *             given in order of first use (a new id gets slot num_ids so
 *             far), trace_id() of a slot < header_num_ids and one-to-one,
 *             num_ids == the number of distinct ids; sizes <= max_block_bytes and 0 for frees; op lines
 *             strictly increasing; replaying the ops, alloc takes only a
 *             non-live id, realloc and free only a live one; and an
 *             independent re-reading of the bytes (split on '\n', fields
 *             split on blanks) agrees with every header field and every op;
 *             no line is longer than TRACE_MAX_LINE_BYTES.
 *   failure:  error == NAME ":" LINE ": " MESSAGE, NUL-terminated within
 *             TRACE_ERROR_BYTES, MESSAGE non-empty and printable ASCII,
 *             1 <= LINE <= lines in the input + 1; the trace is zeroed.
 *
 * The first byte (still part of the input) picks max_block_bytes, so that
 * small limits exercise the size check.
 *
 * Build and run: make fuzz [FUZZ_SECS=60] (see mk/fuzz.mk).
 */
#define _POSIX_C_SOURCE 200809L /* fmemopen */
#include "driver/trace.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* ---- invariant checking ------------------------------------------------ */

#define REQUIRE(cond)                                                                   \
    do {                                                                                \
        if (!(cond)) {                                                                  \
            fprintf(stderr, "fuzz_trace: invariant failed at %s:%d: %s\n", __FILE__,  \
                    __LINE__, #cond);                                                   \
            abort();                                                                    \
        }                                                                               \
    } while (0)

/* ---- choosing the parameters --------------------------------------------- */

static size_t pick_max_block_bytes(const uint8_t *data, size_t size)
{
    if (size == 0)
        return SIZE_MAX;
    switch (data[0] % 4) {
    case 0: return SIZE_MAX;              /* clamped to UINT32_MAX by the reader */
    case 1: return (size_t)UINT32_MAX;
    case 2: return (size_t)20 << 20;      /* an ordinary arena */
    default: return data[0];              /* tiny: 3 to 255 bytes */
    }
}

static char long_name[400];
static char longest_whole_name[TRACE_SHOWN_PATH_BYTES];

/* A long name is shown cut in the middle (trace.h), and the longest shown
 * whole leaves the message little room: both end in a file name. */
static const char *pick_name(const uint8_t *data, size_t size)
{
    if (size > 1 && data[1] == '\0') {
        memset(long_name, 'n', sizeof long_name - 1);
        long_name[sizeof long_name - 1] = '\0';
        memcpy(long_name + sizeof long_name - 1 - strlen("/cut.rep"), "/cut.rep", strlen("/cut.rep"));
        return long_name;
    }
    if (size > 1 && data[1] == '\1') {
        memset(longest_whole_name, 'w', sizeof longest_whole_name - 1);
        longest_whole_name[sizeof longest_whole_name - 1] = '\0';
        return longest_whole_name;
    }
    return "fuzz.rep";
}

/* The name as a message shows it (trace.h: TRACE_SHOWN_PATH_BYTES). */
static const char *shown_name(const char *name, char shown[TRACE_SHOWN_PATH_BYTES])
{
    size_t length = strlen(name);
    if (length < TRACE_SHOWN_PATH_BYTES)
        return name;
    memcpy(shown, name, TRACE_SHOWN_PATH_HEAD);
    memcpy(shown + TRACE_SHOWN_PATH_HEAD, "...", 3);
    memcpy(shown + TRACE_SHOWN_PATH_HEAD + 3, name + length - TRACE_SHOWN_PATH_TAIL,
           TRACE_SHOWN_PATH_TAIL + 1);
    return shown;
}

/* ---- an independent reading of the bytes -------------------------------- */

struct line_view {
    const uint8_t *start;
    size_t length; /* without the '\n' */
};

static bool blank_char(uint8_t c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}

/* Lines as getline sees them: split on '\n'; a final line without '\n'
 * counts; an empty input has none. */
static size_t split_lines(const uint8_t *data, size_t size, struct line_view *lines)
{
    size_t count = 0, start = 0;
    for (size_t i = 0; i < size; i++) {
        if (data[i] == '\n') {
            lines[count++] = (struct line_view){data + start, i - start};
            start = i + 1;
        }
    }
    if (start < size)
        lines[count++] = (struct line_view){data + start, size - start};
    return count;
}

static bool line_blank(const struct line_view *line)
{
    for (size_t i = 0; i < line->length; i++)
        if (!blank_char(line->start[i]))
            return false;
    return true;
}

/* The next blank-separated field of line from *pos; false if none. */
static bool next_field(const struct line_view *line, size_t *pos, const uint8_t **field,
                       size_t *field_length)
{
    while (*pos < line->length && blank_char(line->start[*pos]))
        (*pos)++;
    if (*pos >= line->length)
        return false;
    *field = line->start + *pos;
    while (*pos < line->length && !blank_char(line->start[*pos]))
        (*pos)++;
    *field_length = (size_t)(line->start + *pos - *field);
    return true;
}

/* A field that must be a decimal number equal to want. */
static void require_number(const struct line_view *line, size_t *pos, uint64_t want)
{
    const uint8_t *field;
    size_t length;
    REQUIRE(next_field(line, pos, &field, &length));
    uint64_t value = 0;
    for (size_t i = 0; i < length; i++) {
        REQUIRE(field[i] >= '0' && field[i] <= '9');
        REQUIRE(value <= (UINT64_MAX - (uint64_t)(field[i] - '0')) / 10);
        value = value * 10 + (uint64_t)(field[i] - '0');
    }
    REQUIRE(value == want);
}

static void require_line_end(const struct line_view *line, size_t *pos)
{
    const uint8_t *field;
    size_t length;
    REQUIRE(!next_field(line, pos, &field, &length));
}

/* ---- liveness, kept sparse: ids run to 2^32 but ops are few ------------ */

struct live_slot {
    uint32_t id;
    bool used;
    bool live;
};

struct live_set {
    struct live_slot *slots;
    size_t mask; /* capacity - 1, capacity a power of two > 2 * ops */
};

static void live_set_init(struct live_set *set, size_t num_ops)
{
    size_t capacity = 16;
    while (capacity <= 2 * num_ops)
        capacity *= 2;
    set->slots = calloc(capacity, sizeof *set->slots);
    REQUIRE(set->slots != NULL);
    set->mask = capacity - 1;
}

/* The live flag of id, added (not live) if new. */
static bool *live_set_slot(struct live_set *set, uint32_t id)
{
    size_t i = ((size_t)id * 2654435761u) & set->mask;
    while (set->slots[i].used && set->slots[i].id != id)
        i = (i + 1) & set->mask;
    set->slots[i].used = true;
    set->slots[i].id = id;
    return &set->slots[i].live;
}

/* ---- the success contract ------------------------------------------------ */

static void check_success(const uint8_t *data, size_t size, const char *name,
                          size_t max_block_bytes, const struct trace *trace)
{
    REQUIRE(trace->path != NULL && strcmp(trace->path, name) == 0);
    REQUIRE(trace->num_ops == 0 || trace->ops != NULL);
    REQUIRE(trace->num_ids <= trace->header_num_ids);
    uint64_t limit = max_block_bytes < UINT32_MAX ? max_block_bytes : UINT32_MAX;

    /* Each op on its own, and the liveness rules as the ops replay. */
    struct live_set live;
    live_set_init(&live, trace->num_ops);
    uint32_t slots_seen = 0, previous_line = 0;
    for (size_t i = 0; i < trace->num_ops; i++) {
        const struct trace_op *op = &trace->ops[i];
        REQUIRE(op->kind == OP_ALLOC || op->kind == OP_REALLOC || op->kind == OP_FREE);
        REQUIRE(op->id < trace->num_ids);
        REQUIRE(op->id <= slots_seen); /* a new id takes the next slot */
        if (op->id == slots_seen)
            slots_seen++;
        REQUIRE(trace_id(trace, op->id) < trace->header_num_ids);
        REQUIRE(op->size <= limit);
        REQUIRE(op->kind != OP_FREE || op->size == 0);
        REQUIRE(op->line > previous_line && op->line >= 5);
        previous_line = op->line;
        bool *is_live = live_set_slot(&live, trace_id(trace, op->id));
        if (op->kind == OP_ALLOC) {
            REQUIRE(!*is_live);
            *is_live = true;
        } else {
            REQUIRE(*is_live);
            if (op->kind == OP_FREE)
                *is_live = false;
        }
    }
    free(live.slots);
    REQUIRE(trace->num_ids == slots_seen);
    /* One slot per trace id: no two slots name the same id. */
    struct live_set distinct;
    live_set_init(&distinct, trace->num_ids);
    for (uint32_t slot = 0; slot < trace->num_ids; slot++) {
        bool *seen = live_set_slot(&distinct, trace_id(trace, slot));
        REQUIRE(!*seen);
        *seen = true;
    }
    free(distinct.slots);

    /* The bytes themselves: 4 header lines and exactly num_ops op lines,
     * blank lines anywhere, each op at the line it claims. */
    struct line_view *lines = malloc((size + 1) * sizeof *lines);
    REQUIRE(lines != NULL);
    size_t num_lines = split_lines(data, size, lines);
    uint64_t header[4] = {trace->suggested_heap_bytes, trace->header_num_ids,
                          trace->num_ops, trace->weight};
    size_t nonblank = 0;
    for (size_t l = 0; l < num_lines; l++) {
        const struct line_view *line = &lines[l];
        REQUIRE(line->length <= TRACE_MAX_LINE_BYTES); /* a longer one is refused */
        if (line_blank(line))
            continue;
        size_t pos = 0;
        if (nonblank < 4) {
            require_number(line, &pos, header[nonblank]);
        } else {
            size_t index = nonblank - 4;
            REQUIRE(index < trace->num_ops);
            const struct trace_op *op = &trace->ops[index];
            REQUIRE(op->line == l + 1);
            const uint8_t *field;
            size_t length;
            REQUIRE(next_field(line, &pos, &field, &length));
            REQUIRE(length == 1 && field[0] == op->kind);
            require_number(line, &pos, trace_id(trace, op->id));
            if (op->kind != OP_FREE)
                require_number(line, &pos, op->size);
        }
        require_line_end(line, &pos);
        nonblank++;
    }
    REQUIRE(nonblank == 4 + trace->num_ops);
    free(lines);

    char shown[64];
    for (size_t i = 0; i < trace->num_ops && i < 4; i++)
        trace_op_format(trace, &trace->ops[i], shown, sizeof shown);
}

/* ---- the failure contract ------------------------------------------------ */

static size_t count_lines(const uint8_t *data, size_t size)
{
    size_t lines = 0;
    for (size_t i = 0; i < size; i++)
        lines += data[i] == '\n';
    if (size > 0 && data[size - 1] != '\n')
        lines++;
    return lines;
}

static void check_failure(const uint8_t *data, size_t size, const char *name,
                          const struct trace *trace, const char *error)
{
    REQUIRE(trace->path == NULL && trace->ops == NULL && trace->num_ops == 0);
    size_t length = strnlen(error, TRACE_ERROR_BYTES);
    REQUIRE(length < TRACE_ERROR_BYTES);
    /* A message cut at the buffer's end is a prefix of the full one. */
    bool cut = length == TRACE_ERROR_BYTES - 1;

    char shown[TRACE_SHOWN_PATH_BYTES];
    name = shown_name(name, shown);
    size_t name_length = strlen(name);
    if (cut && length <= name_length) {
        REQUIRE(memcmp(error, name, length) == 0);
        return;
    }
    REQUIRE(memcmp(error, name, name_length) == 0);
    const char *p = error + name_length;
    REQUIRE(*p == ':');
    p++;
    REQUIRE(*p >= '0' && *p <= '9');
    uint64_t line = 0;
    while (*p >= '0' && *p <= '9') {
        line = line * 10 + (uint64_t)(*p - '0');
        REQUIRE(line <= UINT32_MAX);
        p++;
    }
    if (cut && *p == '\0')
        return;
    REQUIRE(line >= 1 && line <= count_lines(data, size) + 1);
    REQUIRE(p[0] == ':');
    if (cut && p[1] == '\0')
        return;
    REQUIRE(p[1] == ' ');
    p += 2;
    REQUIRE(*p != '\0' || cut); /* a message follows the prefix */
    for (; *p; p++)
        REQUIRE(*p >= 32 && *p < 127);
}

/* ---- the entry point ----------------------------------------------------- */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    size_t max_block_bytes = pick_max_block_bytes(data, size);
    const char *name = pick_name(data, size);

    /* fmemopen wants a writable buffer, and refuses size 0 on old libcs. */
    char *copy = malloc(size ? size : 1);
    REQUIRE(copy != NULL);
    if (size)
        memcpy(copy, data, size);
    FILE *stream = size ? fmemopen(copy, size, "r") : fopen("/dev/null", "r");
    REQUIRE(stream != NULL);

    struct trace trace;
    char error[TRACE_ERROR_BYTES];
    memset(error, 'X', sizeof error); /* catch a message left unterminated */
    int status = trace_parse_stream(stream, name, max_block_bytes, &trace, error);
    fclose(stream);

    if (status == 0) {
        REQUIRE(error[0] == '\0');
        check_success(data, size, name, max_block_bytes, &trace);
        trace_free(&trace);
        REQUIRE(trace.ops == NULL && trace.path == NULL);
    } else {
        REQUIRE(status == -1);
        check_failure(data, size, name, &trace, error);
    }
    free(copy);
    return 0;
}
