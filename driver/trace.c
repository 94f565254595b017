/*
 * trace.c - a strict reader for .rep traces.
 *
 * The reader streams the file a line at a time into a buffer of fixed
 * size, so its memory is the op array (16 bytes an op) plus a few bytes
 * per id used for the liveness check: neither a bad header, nor one huge
 * id, nor a file with no line ends (/dev/zero, a sparse or binary file)
 * can make it allocate gigabytes.
 */
#define _DEFAULT_SOURCE /* getc_unlocked, MAP_ANONYMOUS */
#include "trace.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* Header fields above this are nonsense, not a trace. */
static const uint64_t MAX_HEADER_IDS = UINT32_MAX - 1;
static const uint64_t MAX_HEADER_OPS = (uint64_t)1 << 40;

struct reader {
    FILE *stream;
    const char *name;
    char line[TRACE_MAX_LINE_BYTES + 1]; /* the longest line and its '\n' */
    size_t line_length;
    uint32_t line_number;
    size_t position; /* parse cursor within line */
    bool read_any;   /* a byte has been read: a wait is for more, not the first */
    char *error;
};

/* Per-id state used only while reading: the line that last allocated the
 * id, 0 when the id is not live. A hash table keyed by id (open
 * addressing), so memory follows the ids used, not the largest id:
 *     used <= capacity / 2,  slot empty <=> key == 0,  key == id + 1 */
struct id_slot {
    uint32_t key;
    uint32_t alloc_line;
    uint32_t slot; /* dense index: the order in which the id first appeared */
};

struct liveness {
    struct id_slot *slots;
    size_t capacity; /* 0 or a power of two */
    size_t used;
    uint32_t *trace_ids; /* trace_ids[slot]: the id as the trace writes it */
    size_t trace_ids_capacity;
};

/* ---- messages -------------------------------------------------------- */

/* A path (up to 4095 bytes, more if it cannot be opened) as a message
 * shows it (trace.h: TRACE_SHOWN_PATH_BYTES). */
static const char *shown_path(const char *path, char shown[TRACE_SHOWN_PATH_BYTES])
{
    size_t length = strlen(path);
    if (length < TRACE_SHOWN_PATH_BYTES)
        return path;
    snprintf(shown, TRACE_SHOWN_PATH_BYTES, "%.*s...%s", TRACE_SHOWN_PATH_HEAD, path,
             path + length - TRACE_SHOWN_PATH_TAIL);
    return shown;
}

static int fail(struct reader *reader, const char *format, ...)
{
    char shown[TRACE_SHOWN_PATH_BYTES];
    int prefix = snprintf(reader->error, TRACE_ERROR_BYTES, "%s:%lu: ",
                          shown_path(reader->name, shown), (unsigned long)reader->line_number);
    if (prefix < 0 || prefix >= TRACE_ERROR_BYTES)
        return -1; /* cannot be: the path is shown short */
    va_list args;
    va_start(args, format);
    vsnprintf(reader->error + prefix, TRACE_ERROR_BYTES - (size_t)prefix, format, args);
    va_end(args);
    return -1;
}

/* ---- reading bytes ---------------------------------------------------- *
 * A FIFO, pipe or terminal is read without blocking (see open_trace): a
 * writer that never comes, or stops without closing, would otherwise hang
 * the driver before any time limit applies. Each wait for bytes is
 * bounded by wait_seconds instead (0: not bounded). */

static double wait_seconds = TRACE_DEFAULT_WAIT_SECONDS;

void trace_set_wait(double seconds)
{
    wait_seconds = seconds;
}

static double seconds_now(void)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)now.tv_sec + (double)now.tv_nsec / 1e9;
}

/* Wait until fd has bytes, an end or an error to read: 1; 0 if
 * wait_seconds pass first; -1 if poll fails (errno says why). */
static int wait_readable(int fd)
{
    double deadline = seconds_now() + wait_seconds;
    for (;;) {
        double left = deadline - seconds_now();
        struct pollfd watch = {.fd = fd, .events = POLLIN};
        int timeout_ms = wait_seconds == 0 ? -1 : left > 0 ? (int)(left * 1000) + 1 : 0;
        int ready = poll(&watch, 1, timeout_ms);
        if (ready >= 0)
            return ready > 0;
        if (errno != EINTR)
            return -1;
    }
}

/* Fail at the line being read (the one after the last read). */
static int fail_reading(struct reader *reader, const char *what, int cause)
{
    reader->line_number++;
    return fail(reader, "%s: %s", what, strerror(cause));
}

/* No bytes yet from a stream that would block: wait for them. */
static int wait_for_bytes(struct reader *reader)
{
    int fd = fileno(reader->stream);
    int ready = fd < 0 ? -1 : wait_readable(fd);
    if (ready < 0)
        return fail_reading(reader, "read error", fd < 0 ? EAGAIN : errno);
    if (ready == 0) {
        reader->line_number++;
        return fail(reader, "nothing %s after %g s (%s)",
                    reader->read_any ? "more to read" : "to read", wait_seconds,
                    reader->read_any ? "a writer that stopped without closing, or one slower "
                                       "than that: --wait gives it longer"
                                     : "no writer, or one slower than that to start: --wait "
                                       "gives it longer");
    }
    clearerr(reader->stream); /* the buffer is empty: nothing is lost */
    return 0;
}

enum { READ_FAILED = EOF - 1 };

/* The next byte, EOF at the end, or READ_FAILED with the message written:
 * a read error is one, never the end of the file (which would blame the
 * trace for being short). */
static int next_byte(struct reader *reader)
{
    for (;;) {
        errno = 0;
        /* Unlocked: the stream is this reader's alone while it reads. */
        int c = getc_unlocked(reader->stream);
        if (c != EOF) {
            reader->read_any = true;
            return c;
        }
        if (!ferror(reader->stream))
            return EOF;
        int cause = errno ? errno : EIO;
        if (cause != EAGAIN && cause != EWOULDBLOCK) {
            fail_reading(reader, "read error", cause);
            return READ_FAILED;
        }
        if (wait_for_bytes(reader) != 0)
            return READ_FAILED;
    }
}

enum line_status { LINE_READ, LINE_END_OF_FILE, LINE_FAILED };

/* Next line into reader->line. A line too long for it fails as soon as
 * the limit is passed, without reading the rest. On failure the message
 * names the line being read. */
static enum line_status next_line(struct reader *reader)
{
    size_t length = 0;
    int c;
    while ((c = next_byte(reader)) != EOF) {
        if (c == READ_FAILED)
            return LINE_FAILED;
        if (c == '\n') {
            reader->line[length++] = '\n';
            break;
        }
        if (length == TRACE_MAX_LINE_BYTES) {
            reader->line_number++;
            fail(reader, "line longer than %d bytes, the most a trace line may be",
                 TRACE_MAX_LINE_BYTES);
            return LINE_FAILED;
        }
        reader->line[length++] = (char)c;
    }
    if (length == 0)
        return LINE_END_OF_FILE;
    /* Lines are counted in 32 bits, and line 0 means "no line" (an id not
     * live): a trace of 4 GiB of blank lines is refused, not wrapped. */
    if (reader->line_number == UINT32_MAX) {
        fail(reader, "the trace goes on past line %lu, the most a trace may have",
             (unsigned long)UINT32_MAX);
        return LINE_FAILED;
    }
    reader->line_length = length;
    reader->line_number++;
    reader->position = 0;
    return LINE_READ;
}

/* ---- lexing ---------------------------------------------------------- */

static bool is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}

static void skip_blanks(struct reader *reader)
{
    while (reader->position < reader->line_length &&
           is_blank(reader->line[reader->position]))
        reader->position++;
}

static bool at_line_end(struct reader *reader)
{
    skip_blanks(reader);
    return reader->position >= reader->line_length;
}

static bool line_is_blank(struct reader *reader)
{
    bool blank = at_line_end(reader);
    reader->position = 0;
    return blank;
}

/* The rest of the line from the reader's position, or only its first
 * word when `one_word`, shortened and made printable, for messages. */
static const char *shown_text(struct reader *reader, bool one_word, char *buf, size_t buf_bytes)
{
    size_t out = 0;
    for (size_t i = reader->position; i < reader->line_length && out + 4 < buf_bytes; i++) {
        char c = reader->line[i];
        if (c == '\n' || c == '\r' || (one_word && is_blank(c)))
            break;
        buf[out++] = (c >= 32 && c < 127) ? c : '?';
    }
    if (out == 0 && buf_bytes > 12)
        return "end of line";
    buf[out] = '\0';
    return buf;
}

static const char *rest_of_line(struct reader *reader, char *buf, size_t buf_bytes)
{
    return shown_text(reader, false, buf, buf_bytes);
}

/* The field a number was expected in: "-1", not "-1 8" (the size after it). */
static const char *word_here(struct reader *reader, char *buf, size_t buf_bytes)
{
    return shown_text(reader, true, buf, buf_bytes);
}

/* Parse an unsigned decimal field named what; at most max. A number
 * past max is refused as too large, with `limit` saying what the limit
 * is: a caller that checks a tighter limit of its own afterwards (an
 * op's id and size) says that one, so that a number of 20 digits is not
 * told a limit that numbers of 10 are not held to. */
static int parse_number(struct reader *reader, const char *what, uint64_t max,
                        const char *limit, uint64_t *value)
{
    char shown[40];
    skip_blanks(reader);
    if (reader->position >= reader->line_length)
        return fail(reader, "expected %s (a non-negative integer), found end of line", what);
    if (reader->line[reader->position] == '-')
        return fail(reader, "%s must not be negative, found '%s'", what,
                    word_here(reader, shown, sizeof shown));
    if (reader->line[reader->position] < '0' || reader->line[reader->position] > '9')
        return fail(reader, "expected %s (a non-negative integer), found '%s'", what,
                    word_here(reader, shown, sizeof shown));
    uint64_t number = 0;
    size_t start = reader->position;
    while (reader->position < reader->line_length) {
        char c = reader->line[reader->position];
        if (c < '0' || c > '9')
            break;
        uint64_t digit = (uint64_t)(c - '0');
        if (number > (max - digit) / 10) {
            reader->position = start;
            return fail(reader, "%s is too large (%s), found '%s'", what, limit,
                        word_here(reader, shown, sizeof shown));
        }
        number = number * 10 + digit;
        reader->position++;
    }
    if (reader->position < reader->line_length && !is_blank(reader->line[reader->position])) {
        reader->position = start; /* show the whole word: "8x", not "x" */
        return fail(reader, "expected %s (a non-negative integer), found '%s'", what,
                    word_here(reader, shown, sizeof shown));
    }
    *value = number;
    return 0;
}

static int expect_line_end(struct reader *reader, const char *after)
{
    char shown[40];
    if (at_line_end(reader))
        return 0;
    return fail(reader, "unexpected '%s' after %s", rest_of_line(reader, shown, sizeof shown),
                after);
}

/* ---- the header ------------------------------------------------------ */

static int read_header_field(struct reader *reader, const char *what, uint64_t max,
                             uint64_t *value)
{
    do {
        enum line_status got = next_line(reader);
        if (got == LINE_FAILED)
            return -1;
        if (got == LINE_END_OF_FILE) {
            reader->line_number++;
            return fail(reader, "expected %s in the header, found end of file", what);
        }
    } while (line_is_blank(reader));
    char limit[48];
    snprintf(limit, sizeof limit, "at most %llu", (unsigned long long)max);
    if (parse_number(reader, what, max, limit, value) != 0)
        return -1;
    return expect_line_end(reader, what);
}

static int read_header(struct reader *reader, struct trace *trace)
{
    uint64_t heap, ids, ops, weight;
    if (read_header_field(reader, "the suggested heap size", UINT64_MAX >> 1, &heap) ||
        read_header_field(reader, "the number of ids", MAX_HEADER_IDS, &ids) ||
        read_header_field(reader, "the number of ops", MAX_HEADER_OPS, &ops) ||
        read_header_field(reader, "the weight", UINT32_MAX, &weight))
        return -1;
    trace->suggested_heap_bytes = (size_t)heap;
    trace->header_num_ids = (uint32_t)ids;
    trace->num_ops = (size_t)ops;
    trace->weight = (unsigned)weight;
    return 0;
}

/* ---- growing arrays -------------------------------------------------- */

static int reserve_ops(struct reader *reader, struct trace_op **ops, size_t *capacity,
                       size_t needed)
{
    if (needed <= *capacity)
        return 0;
    size_t new_capacity = *capacity ? *capacity * 2 : 4096;
    while (new_capacity < needed)
        new_capacity *= 2;
    struct trace_op *grown = realloc(*ops, new_capacity * sizeof **ops);
    if (grown == NULL)
        return fail(reader, "out of memory holding %zu ops", needed);
    *ops = grown;
    *capacity = new_capacity;
    return 0;
}

static struct id_slot *find_id_slot(struct id_slot *slots, size_t capacity, uint32_t id)
{
    uint32_t key = id + 1; /* ids < MAX_HEADER_IDS, so no wrap to 0 */
    size_t i = (size_t)(key * UINT64_C(0x9E3779B97F4A7C15) >> 32) & (capacity - 1);
    while (slots[i].key != 0 && slots[i].key != key)
        i = (i + 1) & (capacity - 1);
    return &slots[i];
}

static int grow_ids(struct reader *reader, struct liveness *live)
{
    size_t new_capacity = live->capacity ? live->capacity * 2 : 1024;
    struct id_slot *grown = calloc(new_capacity, sizeof *grown);
    if (grown == NULL)
        return fail(reader, "out of memory tracking %zu ids", live->used + 1);
    for (size_t i = 0; i < live->capacity; i++)
        if (live->slots[i].key != 0)
            *find_id_slot(grown, new_capacity, live->slots[i].key - 1) = live->slots[i];
    free(live->slots);
    live->slots = grown;
    live->capacity = new_capacity;
    return 0;
}

static int remember_trace_id(struct reader *reader, struct liveness *live, uint32_t id)
{
    if (live->used == live->trace_ids_capacity) {
        size_t new_capacity = live->trace_ids_capacity ? live->trace_ids_capacity * 2 : 1024;
        uint32_t *grown = realloc(live->trace_ids, new_capacity * sizeof *grown);
        if (grown == NULL)
            return fail(reader, "out of memory tracking %zu ids", live->used + 1);
        live->trace_ids = grown;
        live->trace_ids_capacity = new_capacity;
    }
    live->trace_ids[live->used] = id;
    return 0;
}

/* The state of id, added (not live, next dense slot) if new; NULL out of
 * memory. */
static struct id_slot *id_state(struct reader *reader, struct liveness *live, uint32_t id)
{
    if (2 * (live->used + 1) > live->capacity && grow_ids(reader, live) != 0)
        return NULL;
    struct id_slot *slot = find_id_slot(live->slots, live->capacity, id);
    if (slot->key == 0) {
        if (remember_trace_id(reader, live, id) != 0)
            return NULL;
        slot->key = id + 1;
        slot->slot = (uint32_t)live->used++;
    }
    return slot;
}

/* ---- ops ------------------------------------------------------------- */

static int parse_op_kind(struct reader *reader, uint8_t *kind)
{
    char shown[40];
    skip_blanks(reader);
    char c = reader->line[reader->position];
    size_t next = reader->position + 1;
    bool word_ends = next >= reader->line_length || is_blank(reader->line[next]);
    if ((c == 'a' || c == 'r' || c == 'f') && word_ends) {
        *kind = (uint8_t)c;
        reader->position = next;
        return 0;
    }
    return fail(reader, "unknown op '%s' (expected 'a ID SIZE', 'r ID SIZE' or 'f ID')",
                rest_of_line(reader, shown, sizeof shown));
}

/* Check the op against the ids live so far, update them, and give the
 * op its id's dense slot. */
static int check_liveness(struct reader *reader, struct liveness *live, struct trace_op *op)
{
    struct id_slot *state = id_state(reader, live, op->id);
    if (state == NULL)
        return -1;
    uint32_t *alloc_line = &state->alloc_line;
    uint32_t id = op->id;
    op->id = state->slot;
    if (op->kind == OP_ALLOC) {
        if (*alloc_line != 0)
            return fail(reader, "a %lu: id %lu is already live (allocated at line %lu, not freed)",
                        (unsigned long)id, (unsigned long)id, (unsigned long)*alloc_line);
        *alloc_line = op->line;
        return 0;
    }
    if (*alloc_line == 0)
        return fail(reader, "%c %lu: id %lu is not live (never allocated, or already freed)",
                    op->kind, (unsigned long)id, (unsigned long)id);
    if (op->kind == OP_FREE)
        *alloc_line = 0;
    return 0;
}

static int parse_op(struct reader *reader, const struct trace *trace,
                    size_t max_block_bytes, struct trace_op *op)
{
    uint64_t id, size = 0;
    if (parse_op_kind(reader, &op->kind) != 0)
        return -1;
    char limit[80];
    if (trace->header_num_ids == 0)
        snprintf(limit, sizeof limit, "the header declares 0 ids");
    else
        snprintf(limit, sizeof limit, "at most %lu: the header declares %lu ids",
                 (unsigned long)trace->header_num_ids - 1, (unsigned long)trace->header_num_ids);
    if (parse_number(reader, "an id", UINT64_MAX >> 1, limit, &id) != 0)
        return -1;
    if (trace->header_num_ids == 0) /* no range to name: 0 - 1 would wrap */
        return fail(reader, "id %llu is out of range: the header declares 0 ids",
                    (unsigned long long)id);
    if (id >= trace->header_num_ids)
        return fail(reader, "id %llu is out of range: the header declares %lu ids (0 to %lu)",
                    (unsigned long long)id, (unsigned long)trace->header_num_ids,
                    (unsigned long)trace->header_num_ids - 1);
    if (op->kind != OP_FREE) {
        snprintf(limit, sizeof limit, "at most %llu",
                 (unsigned long long)(max_block_bytes < UINT32_MAX ? max_block_bytes : UINT32_MAX));
        if (parse_number(reader, "a size", UINT64_MAX >> 1, limit, &size) != 0)
            return -1;
        /* Two limits, and only the arena's can be raised with -H. */
        if (size > UINT32_MAX)
            return fail(reader, "size %llu is larger than a trace block may be (%llu bytes: "
                                "sizes are 32-bit)",
                        (unsigned long long)size, (unsigned long long)UINT32_MAX);
        if (size > max_block_bytes)
            return fail(reader, "size %llu is larger than the heap can hold (%llu bytes; "
                                "give a bigger arena with -H)",
                        (unsigned long long)size, (unsigned long long)max_block_bytes);
    }
    if (expect_line_end(reader, op->kind == OP_FREE ? "'f ID'" : "the size") != 0)
        return -1;
    op->id = (uint32_t)id;
    op->size = (uint32_t)size;
    op->line = reader->line_number;
    return 0;
}

static int read_ops(struct reader *reader, struct trace *trace, size_t max_block_bytes)
{
    struct liveness live = {0};
    size_t capacity = 0, count = 0;
    int status = 0;
    enum line_status got = LINE_READ;
    struct trace_op *ops = NULL;
    /* Trust the header only up to a point when sizing the array. */
    size_t initial = trace->num_ops < ((size_t)1 << 16) ? trace->num_ops : ((size_t)1 << 16);
    if (reserve_ops(reader, &ops, &capacity, initial ? initial : 1) != 0)
        return -1;
    while (status == 0 && (got = next_line(reader)) == LINE_READ) {
        if (line_is_blank(reader))
            continue;
        if (count == trace->num_ops) {
            status = fail(reader, "more ops than the %zu the header declares", trace->num_ops);
            break;
        }
        if (reserve_ops(reader, &ops, &capacity, count + 1) != 0) {
            status = -1;
            break;
        }
        struct trace_op *op = &ops[count];
        status = parse_op(reader, trace, max_block_bytes, op);
        if (status == 0)
            status = check_liveness(reader, &live, op);
        if (status != 0)
            break;
        count++;
    }
    if (status == 0 && got == LINE_FAILED)
        status = -1;
    if (status == 0 && count != trace->num_ops) {
        reader->line_number++;
        status = fail(reader, "end of file after %zu ops, but the header declares %zu",
                      count, trace->num_ops);
    }
    free(live.slots);
    if (status != 0) {
        free(ops);
        free(live.trace_ids);
        return -1;
    }
    trace->ops = ops;
    trace->num_ids = (uint32_t)live.used;
    trace->trace_ids = live.trace_ids;
    return 0;
}

/* ---- sealing ---------------------------------------------------------- *
 * The ops move to pages of their own, made read-only: an allocator that
 * scribbles on the trace it is being graded on faults instead of
 * changing the test. */

static size_t sealed_bytes(size_t num_ops)
{
    size_t page = (size_t)sysconf(_SC_PAGESIZE);
    size_t bytes = (num_ops ? num_ops : 1) * sizeof(struct trace_op);
    return (bytes + page - 1) / page * page;
}

static int seal_ops(struct trace *trace, char error[TRACE_ERROR_BYTES])
{
    size_t bytes = sealed_bytes(trace->num_ops);
    void *sealed = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (sealed == MAP_FAILED) {
        char shown[TRACE_SHOWN_PATH_BYTES];
        snprintf(error, TRACE_ERROR_BYTES, "%s: out of memory for %zu ops",
                 shown_path(trace->path, shown), trace->num_ops);
        return -1;
    }
    memcpy(sealed, trace->ops, trace->num_ops * sizeof *trace->ops);
    mprotect(sealed, bytes, PROT_READ);
    free(trace->ops);
    trace->ops = sealed;
    trace->sealed = true;
    return 0;
}

/* ---- the interface --------------------------------------------------- */

int trace_parse_stream(FILE *stream, const char *name, size_t max_block_bytes,
                       struct trace *trace, char error[TRACE_ERROR_BYTES])
{
    struct reader reader = {.stream = stream, .name = name, .error = error};
    memset(trace, 0, sizeof *trace);
    error[0] = '\0';
    int status = read_header(&reader, trace);
    if (status == 0)
        status = read_ops(&reader, trace, max_block_bytes);
    if (status == 0) {
        trace->path = strdup(name);
        if (trace->path == NULL) {
            char shown[TRACE_SHOWN_PATH_BYTES];
            snprintf(error, TRACE_ERROR_BYTES, "%s: out of memory", shown_path(name, shown));
            status = -1;
        } else {
            status = seal_ops(trace, error);
        }
    }
    if (status != 0)
        trace_free(trace);
    return status;
}

/* Why the trace open as fd cannot be read, or NULL: then it is ready.
 * A regular file is read as usual; anything else (a FIFO, a pipe as
 * /dev/stdin, a terminal) stays non-blocking, so that every wait for its
 * bytes is bounded (next_byte), this first one included. */
static const char *not_readable(int fd, char *why, size_t why_bytes)
{
    struct stat info;
    if (fstat(fd, &info) != 0) {
        snprintf(why, why_bytes, "cannot open: %s", strerror(errno));
        return why;
    }
    if (S_ISDIR(info.st_mode)) /* it would fail only at the first read, as line 0 */
        return "is a folder, not a trace file";
    if (S_ISREG(info.st_mode)) {
        fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
        return NULL;
    }
    int ready = wait_readable(fd);
    if (ready < 0)
        snprintf(why, why_bytes, "cannot read: %s", strerror(errno));
    else if (ready == 0)
        snprintf(why, why_bytes,
                 "nothing to read after %g s (no writer, or one slower than that to start: "
                 "--wait gives it longer)",
                 wait_seconds);
    return ready > 0 ? NULL : why;
}

/* Open path to read, or NULL with "PATH: why" in error. Opened without
 * blocking: open() of a FIFO with no writer waits for one forever. */
static FILE *open_trace(const char *path, char error[TRACE_ERROR_BYTES])
{
    char shown[TRACE_SHOWN_PATH_BYTES];
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        snprintf(error, TRACE_ERROR_BYTES, "%s: cannot open: %s", shown_path(path, shown),
                 strerror(errno));
        return NULL;
    }
    char why[160];
    const char *problem = not_readable(fd, why, sizeof why);
    FILE *stream = problem == NULL ? fdopen(fd, "r") : NULL;
    if (stream == NULL) {
        if (problem == NULL) {
            snprintf(why, sizeof why, "cannot open: %s", strerror(errno));
            problem = why;
        }
        snprintf(error, TRACE_ERROR_BYTES, "%s: %s", shown_path(path, shown), problem);
        close(fd);
    }
    return stream;
}

int trace_read(const char *path, size_t max_block_bytes, struct trace *trace,
               char error[TRACE_ERROR_BYTES])
{
    FILE *stream = open_trace(path, error);
    if (stream == NULL) {
        memset(trace, 0, sizeof *trace);
        return -1;
    }
    int status = trace_parse_stream(stream, path, max_block_bytes, trace, error);
    fclose(stream);
    return status;
}

void trace_free(struct trace *trace)
{
    free(trace->path);
    free(trace->trace_ids);
    if (trace->sealed)
        munmap(trace->ops, sealed_bytes(trace->num_ops));
    else
        free(trace->ops);
    memset(trace, 0, sizeof *trace);
}

const char *trace_file_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

uint32_t trace_id(const struct trace *trace, uint32_t slot)
{
    return trace->trace_ids[slot];
}

void trace_op_format(const struct trace *trace, const struct trace_op *op, char *buf,
                     size_t buf_bytes)
{
    unsigned long id = trace_id(trace, op->id);
    if (op->kind == OP_FREE)
        snprintf(buf, buf_bytes, "f %lu", id);
    else
        snprintf(buf, buf_bytes, "%c %lu %lu", op->kind, id, (unsigned long)op->size);
}
