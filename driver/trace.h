/*
 * trace.h - read a .rep trace into a compact array of ops.
 *
 * Format (the classic CS:APP one): four header lines, each one
 * non-negative integer (suggested heap size, number of ids, number of
 * ops, weight), then one op per line:
 *     a ID SIZE     allocate SIZE bytes as block ID
 *     r ID SIZE     reallocate live block ID to SIZE bytes
 *     f ID          free live block ID
 * Blank lines are ignored. A line holds at most TRACE_MAX_LINE_BYTES
 * bytes besides its '\n'. Anything else is an error that names the file
 * and line.
 */
#ifndef DRIVER_TRACE_H
#define DRIVER_TRACE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

enum op_kind { OP_ALLOC = 'a', OP_REALLOC = 'r', OP_FREE = 'f' };

/* 16 bytes an op: the driver's memory must stay proportional to the
 * trace, so sizes are 32-bit (a trace block is under 4 GiB). */
struct trace_op {
    uint32_t id;   /* a dense slot, 0 .. num_ids - 1: trace_id() gives the
                      id as the trace writes it, for messages */
    uint32_t size; /* 0 for OP_FREE */
    uint32_t line; /* line number in the file, for error messages */
    uint8_t kind;  /* enum op_kind */
};

struct trace {
    char *path;
    size_t suggested_heap_bytes; /* header line 1, informational */
    uint32_t num_ids;            /* distinct ids used: per-id state is sized by
                                    this, not by the largest id */
    uint32_t header_num_ids;     /* header line 2 */
    size_t num_ops;
    unsigned weight;             /* header line 4 */
    struct trace_op *ops;        /* read-only once the trace is read */
    bool sealed;                 /* ops live in pages of their own */
    uint32_t *trace_ids;         /* trace_ids[slot]: the id the trace wrote */
};

/* The longest line a trace may have, its '\n' not counted. The longest
 * valid op, "r 4294967293 4294967295" (the largest id a header allows,
 * the largest size) with a CRLF, is 25 bytes: 4096
 * leaves room for any padding a generator or editor adds, and a file with
 * no line ends (/dev/zero, a sparse or binary file) is refused after
 * 4 KiB instead of being read into memory whole. */
enum { TRACE_MAX_LINE_BYTES = 4096 };

/* The longest trace_read waits for the next bytes of a FIFO, a pipe
 * (-f /dev/stdin) or a terminal, unless trace_set_wait says otherwise: a
 * writer that never comes or stops without closing fails the trace
 * instead of hanging the driver. */
enum { TRACE_DEFAULT_WAIT_SECONDS = 10 };

/* Wait up to `seconds` instead (mdriver --wait); 0: as long as it takes,
 * for a writer known to be slow. */
void trace_set_wait(double seconds);

/* Longest message trace_read / trace_parse_stream produce. */
enum { TRACE_ERROR_BYTES = 512 };

/* A message names a path of TRACE_SHOWN_PATH_BYTES or more by its first
 * TRACE_SHOWN_PATH_HEAD bytes, "..." and its last TRACE_SHOWN_PATH_TAIL
 * (which hold the file name), so that the line and what is wrong still
 * fit in TRACE_ERROR_BYTES after it; a shorter path is shown whole. */
enum { TRACE_SHOWN_PATH_HEAD = 100, TRACE_SHOWN_PATH_TAIL = 200, TRACE_SHOWN_PATH_BYTES = 304 };

/* Read path: a regular file, or a FIFO, pipe or terminal (waited on for at
 * most TRACE_DEFAULT_WAIT_SECONDS at a time, or trace_set_wait's). Sizes above max_block_bytes (the arena size) are errors.
 * Returns 0, or -1 with "FILE:LINE: what is wrong" in error. */
int trace_read(const char *path, size_t max_block_bytes, struct trace *trace,
               char error[TRACE_ERROR_BYTES]);

/* The same from an open stream; name is used in messages. A stream whose
 * reads fail with EAGAIN is waited on as trace_read's FIFOs are. */
int trace_parse_stream(FILE *stream, const char *name, size_t max_block_bytes,
                       struct trace *trace, char error[TRACE_ERROR_BYTES]);

void trace_free(struct trace *trace);

/* The file name part of a trace's path ("short1.rep" of
 * traces/short1.rep): what tables and file names call the trace. */
const char *trace_file_name(const char *path);

/* The id the trace wrote for a slot. */
uint32_t trace_id(const struct trace *trace, uint32_t slot);

/* The op as written in the trace ("a 5 40", "f 5"), for messages. */
void trace_op_format(const struct trace *trace, const struct trace_op *op, char *buf,
                     size_t buf_bytes);

#endif /* DRIVER_TRACE_H */
