/*
 * test_trace.c - the trace reader: one test per kind of malformed input,
 * each checking the whole "NAME:LINE: message" it produces, and the
 * well-formed inputs it must accept.
 */
#define _GNU_SOURCE /* fmemopen, fopencookie */
#include "driver/trace.h"
#include "tests/tap.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

static const size_t MAX_BLOCK = 1 << 20;

struct bad_case {
    const char *description;
    const char *text;
    const char *expected; /* a prefix "t.rep:LINE: ..." the message must start with */
};

static const struct bad_case bad_cases[] = {
    {"an empty file", "", "t.rep:1: expected the suggested heap size in the header, found end of file"},
    {"a header cut short", "0\n2\n1\n", "t.rep:4: expected the weight in the header, found end of file"},
    {"a non-numeric header field", "0\nmany\n1\n1\na 0 1\n",
     "t.rep:2: expected the number of ids (a non-negative integer), found 'many'"},
    {"a negative header field", "0\n2\n-1\n1\n", "t.rep:3: the number of ops must not be negative, found '-1'"},
    {"trailing garbage on a header line", "0\n2 3\n1\n1\n",
     "t.rep:2: unexpected '3' after the number of ids"},
    {"a header number too large", "0\n99999999999999999999999\n1\n1\n",
     "t.rep:2: the number of ids is too large"},
    {"an unknown op", "0\n2\n1\n1\nx 0 8\n",
     "t.rep:5: unknown op 'x 0 8' (expected 'a ID SIZE', 'r ID SIZE' or 'f ID')"},
    {"an op word that only starts like one", "0\n2\n1\n1\nalloc 0 8\n", "t.rep:5: unknown op 'alloc 0 8'"},
    {"an id outside [0, num_ids)", "0\n2\n1\n1\na 2 8\n",
     "t.rep:5: id 2 is out of range: the header declares 2 ids (0 to 1)"},
    {"an alloc of a live id", "0\n2\n2\n1\na 0 8\na 0 16\n",
     "t.rep:6: a 0: id 0 is already live (allocated at line 5, not freed)"},
    {"a free of an id never allocated", "0\n2\n1\n1\nf 1\n",
     "t.rep:5: f 1: id 1 is not live (never allocated, or already freed)"},
    {"a double free", "0\n2\n3\n1\na 0 8\nf 0\nf 0\n", "t.rep:7: f 0: id 0 is not live"},
    {"a realloc of an id not live", "0\n2\n1\n1\nr 1 8\n", "t.rep:5: r 1: id 1 is not live"},
    {"a negative size", "0\n2\n1\n1\na 0 -5\n", "t.rep:5: a size must not be negative, found '-5'"},
    {"a non-numeric size", "0\n2\n1\n1\na 0 ten\n",
     "t.rep:5: expected a size (a non-negative integer), found 'ten'"},
    {"a missing size", "0\n2\n1\n1\na 0\n",
     "t.rep:5: expected a size (a non-negative integer), found end of line"},
    {"a size larger than the heap", "0\n2\n1\n1\na 0 1048577\n",
     "t.rep:5: size 1048577 is larger than the heap can hold (1048576 bytes; give a bigger arena with -H)"},
    {"a size that overflows 64 bits: the limit named is the heap's",
     "0\n2\n1\n1\na 0 999999999999999999999999\n",
     "t.rep:5: a size is too large (at most 1048576), found '999999999999999999999999'"},
    {"an id that overflows 64 bits: the limit named is the header's",
     "0\n2\n1\n1\na 999999999999999999999999 8\n",
     "t.rep:5: an id is too large (at most 1: the header declares 2 ids), found '999999999999999999999999'"},
    {"an id that overflows 64 bits, with no ids declared",
     "0\n0\n1\n1\na 999999999999999999999999 8\n",
     "t.rep:5: an id is too large (the header declares 0 ids), found '999999999999999999999999'"},
    {"a negative id: only the id is quoted, not the size after it", "0\n2\n1\n1\na -1 8\n",
     "t.rep:5: an id must not be negative, found '-1'"},
    {"a non-numeric id: only the id is quoted", "0\n2\n1\n1\nr one 8\n",
     "t.rep:5: expected an id (a non-negative integer), found 'one'"},
    {"trailing garbage after a size", "0\n2\n1\n1\na 0 8 x\n", "t.rep:5: unexpected 'x' after the size"},
    {"a size glued to junk", "0\n2\n1\n1\na 0 8x\n",
     "t.rep:5: expected a size (a non-negative integer), found '8x'"},
    {"trailing garbage after a free", "0\n2\n2\n1\na 0 8\nf 0 8\n",
     "t.rep:6: unexpected '8' after 'f ID'"},
    {"more ops than the header declares", "0\n2\n1\n1\na 0 8\nf 0\n",
     "t.rep:6: more ops than the 1 the header declares"},
    {"fewer ops than the header declares", "0\n2\n3\n1\na 0 8\nf 0\n",
     "t.rep:7: end of file after 2 ops, but the header declares 3"},
    {"a NUL byte inside a line", "0\n2\n1\n1\na 0 \0008\n",
     "t.rep:5: expected a size (a non-negative integer), found '?8'"},
};

/* Parse text (of length bytes) as a trace named t.rep. */
static int parse_text(const char *text, size_t bytes, struct trace *trace,
                      char error[TRACE_ERROR_BYTES])
{
    static char empty[1];
    FILE *stream = fmemopen(bytes ? (void *)text : empty, bytes ? bytes : 1, "r");
    if (bytes == 0)
        fgetc(stream); /* fmemopen wants a non-empty buffer: consume it */
    int status = trace_parse_stream(stream, "t.rep", MAX_BLOCK, trace, error);
    fclose(stream);
    return status;
}

static size_t case_length(const struct bad_case *c)
{
    /* The NUL case has an embedded NUL: its length is that of the text
     * up to the final newline of "a 0 \0008\n". */
    if (strstr(c->description, "NUL") != NULL)
        return strlen(c->text) + 3;
    return strlen(c->text);
}

static void test_bad_inputs(void)
{
    for (size_t i = 0; i < sizeof bad_cases / sizeof bad_cases[0]; i++) {
        const struct bad_case *c = &bad_cases[i];
        struct trace trace;
        char error[TRACE_ERROR_BYTES];
        int status = parse_text(c->text, case_length(c), &trace, error);
        char description[160];
        snprintf(description, sizeof description, "rejects %s", c->description);
        if (!tap_ok(status == -1 && strncmp(error, c->expected, strlen(c->expected)) == 0,
                    description))
            printf("#   got:      %s\n#   expected: %s\n", status == 0 ? "(accepted)" : error,
                   c->expected);
    }
}

static void test_good_inputs(void)
{
    struct trace trace;
    char error[TRACE_ERROR_BYTES];
    const char *text = "  100 \r\n3\r\n6\n1\n\na 0 8\n r 0 0 \nf 0\n\na 0 1\na 2 1048576\nf 2\n\n";
    int status = parse_text(text, strlen(text), &trace, error);
    tap_ok(status == 0, "accepts CRLF, blank lines and surrounding blanks");
    if (status != 0) {
        printf("#   %s\n", error);
        return;
    }
    tap_ok(trace.num_ops == 6 && trace.header_num_ids == 3 && trace.num_ids == 2,
           "counts ops and the distinct ids used");
    tap_ok(trace.ops[4].id == 1 && trace_id(&trace, trace.ops[4].id) == 2,
           "gives ids dense slots and remembers the id the trace wrote");
    tap_ok(trace.ops[0].kind == OP_ALLOC && trace.ops[0].id == 0 && trace.ops[0].size == 8 &&
               trace.ops[0].line == 6,
           "records kind, id, size and line of an alloc");
    tap_ok(trace.ops[1].kind == OP_REALLOC && trace.ops[1].size == 0 && trace.ops[1].line == 7,
           "accepts a realloc to size 0");
    tap_ok(trace.ops[3].kind == OP_ALLOC && trace.ops[3].id == 0,
           "accepts an id allocated again after it was freed");
    tap_ok(trace.ops[4].size == MAX_BLOCK, "accepts a size equal to the arena");
    char formatted[48];
    trace_op_format(&trace, &trace.ops[1], formatted, sizeof formatted);
    tap_ok(strcmp(formatted, "r 0 0") == 0, "formats an op as it is written");
    trace_free(&trace);
}

/* The header and "a 0 8" on a line padded with blanks to line_bytes
 * bytes (its '\n' not counted), then "f 0". */
static int parse_padded_line(size_t line_bytes, struct trace *trace,
                             char error[TRACE_ERROR_BYTES])
{
    static const char header[] = "0\n1\n2\n1\n", op[] = "a 0 8", last[] = "\nf 0\n";
    size_t bytes = strlen(header) + line_bytes + strlen(last);
    char *text = malloc(bytes);
    if (text == NULL)
        return -1;
    char *p = text;
    memcpy(p, header, strlen(header));
    p += strlen(header);
    memset(p, ' ', line_bytes - strlen(op));
    memcpy(p + line_bytes - strlen(op), op, strlen(op));
    memcpy(p + line_bytes, last, strlen(last));
    int status = parse_text(text, bytes, trace, error);
    free(text);
    return status;
}

static void test_line_length(void)
{
    struct trace trace;
    char error[TRACE_ERROR_BYTES];
    int status = parse_padded_line(TRACE_MAX_LINE_BYTES, &trace, error);
    if (!tap_ok(status == 0 && trace.num_ops == 2, "accepts a line of the longest length"))
        printf("#   %s\n", error);
    if (status == 0)
        trace_free(&trace);
    status = parse_padded_line(TRACE_MAX_LINE_BYTES + 1, &trace, error);
    char expected[80];
    snprintf(expected, sizeof expected, "t.rep:5: line longer than %d bytes",
             TRACE_MAX_LINE_BYTES);
    if (!tap_ok(status == -1 && strncmp(error, expected, strlen(expected)) == 0,
                "rejects a line one byte longer, naming the limit"))
        printf("#   got:      %s\n#   expected: %s\n", status == 0 ? "(accepted)" : error,
               expected);
}

/* Copy up to size of the *left bytes at *text into buf, moving past
 * them: the read of a made-up stream's text. */
static size_t take(const char **text, size_t *left, char *buf, size_t size)
{
    size_t bytes = size < *left ? size : *left;
    memcpy(buf, *text, bytes);
    *text += bytes;
    *left -= bytes;
    return bytes;
}

/* A stream that gives its text, then fails with EIO: a disk error. */
struct failing_source {
    const char *text;
    size_t left;
};

static ssize_t read_then_fail(void *cookie, char *buf, size_t size)
{
    struct failing_source *source = cookie;
    if (source->left == 0) {
        errno = EIO;
        return -1;
    }
    return (ssize_t)take(&source->text, &source->left, buf, size);
}

static void test_read_error(void)
{
    /* Cut inside line 7: the error is that line's, not an end of file. */
    struct failing_source source = {"0\n2\n3\n1\na 0 8\nf 0\na 1", 0};
    source.left = strlen(source.text);
    FILE *stream = fopencookie(&source, "r", (cookie_io_functions_t){.read = read_then_fail});
    struct trace trace;
    char error[TRACE_ERROR_BYTES];
    int status = trace_parse_stream(stream, "t.rep", MAX_BLOCK, &trace, error);
    fclose(stream);
    const char *expected = "t.rep:7: read error: Input/output error";
    if (!tap_ok(status == -1 && strcmp(error, expected) == 0,
                "reports a read error as one, at the line being read"))
        printf("#   got:      %s\n#   expected: %s\n", status == 0 ? "(accepted)" : error,
               expected);
}

/* The header, blank lines up to line 2^32 - 1, then tail: 4 GiB of
 * bytes made up as they are read. */
struct blank_source {
    const char *head;
    size_t head_left;
    uint64_t blanks_left;
    const char *tail;
    size_t tail_left;
};

static ssize_t read_blanks(void *cookie, char *buf, size_t size)
{
    struct blank_source *source = cookie;
    if (source->head_left > 0)
        return (ssize_t)take(&source->head, &source->head_left, buf, size);
    if (source->blanks_left > 0) {
        size_t bytes = size < source->blanks_left ? size : (size_t)source->blanks_left;
        memset(buf, '\n', bytes);
        source->blanks_left -= bytes;
        return (ssize_t)bytes;
    }
    return (ssize_t)take(&source->tail, &source->tail_left, buf, size);
}

/* Lines are counted in 32 bits: a trace past line 2^32 - 1 is refused
 * there. The count used to wrap, so the alloc at line 2^32 recorded line
 * 0 ("not live") and its free was refused at line 1. About a minute of
 * reading, so run only with BIG_TRACE_TESTS=1. */
static void test_lines_past_32_bits(void)
{
    const char *description = "a trace going on past line 2^32 - 1 is refused there, not wrapped";
    const char *big = getenv("BIG_TRACE_TESTS");
    if (big == NULL || strcmp(big, "1") != 0) {
        tap_count++;
        printf("ok %d - %s # SKIP 4 GiB of blank lines: set BIG_TRACE_TESTS=1\n", tap_count,
               description);
        return;
    }
    static const char head[] = "0\n1\n2\n1\n", tail[] = "a 0 5\nf 0\n";
    struct blank_source source = {head, strlen(head), ((uint64_t)1 << 32) - 5, tail,
                                  strlen(tail)};
    FILE *stream = fopencookie(&source, "r", (cookie_io_functions_t){.read = read_blanks});
    struct trace trace;
    char error[TRACE_ERROR_BYTES];
    int status = trace_parse_stream(stream, "t.rep", MAX_BLOCK, &trace, error);
    fclose(stream);
    const char *expected = "t.rep:4294967295: the trace goes on past line 4294967295";
    if (!tap_ok(status == -1 && strncmp(error, expected, strlen(expected)) == 0, description))
        printf("#   got:      %s\n#   expected: %s\n", status == 0 ? "(accepted)" : error,
               expected);
}

static void test_missing_file(void)
{
    struct trace trace;
    char error[TRACE_ERROR_BYTES];
    int status = trace_read("/nonexistent/x.rep", MAX_BLOCK, &trace, error);
    tap_ok(status == -1 && strstr(error, "/nonexistent/x.rep: cannot open") == error,
           "names a file it cannot open");
}

int main(void)
{
    test_bad_inputs();
    test_good_inputs();
    test_line_length();
    test_read_error();
    test_lines_past_32_bits();
    test_missing_file();
    return tap_done();
}
