/*
 * event.h - the log the malloc recorder writes and log2rep reads.
 *
 * A log is a header, then one fixed-size event per allocator call, in the
 * order the calls returned (the recorder takes a lock around each call and
 * its event, so the order holds across threads):
 *
 *   header  | magic "mlrec1\0\0" (8 bytes) | pid (8 bytes)             |
 *   event   | kind (4) | unused (4) | in (8) | out (8) | size (8)       |
 *
 * in is the pointer passed in (realloc, free), out the pointer returned
 * (malloc, calloc, realloc, the aligned calls), size the bytes asked for
 * (calloc: count * size, SIZE_MAX if that overflows). Pointers and sizes
 * are the recording machine's, in its byte order: a log is read on the
 * machine that wrote it, and converted there to a portable .rep.
 */
#ifndef RECORDER_EVENT_H
#define RECORDER_EVENT_H

#include <stdint.h>

#define RECORD_MAGIC "mlrec1\0\0"

enum record_kind {
    RECORD_MALLOC = 1,
    RECORD_CALLOC = 2,
    RECORD_REALLOC = 3,
    RECORD_FREE = 4,
    RECORD_ALIGNED = 5, /* memalign, posix_memalign, aligned_alloc, valloc, pvalloc */
    RECORD_END = 6,     /* the program exited normally: the log is whole */
    RECORD_EXEC = 7,    /* the program called exec (execve, execvp, ...): what
                           it logged so far is whole; size is 1 if the
                           environment it passed keeps the recorder, 0 if not.
                           Events after it: the exec failed, the program
                           went on. A program the recorder follows starts a
                           log of its own (the file is truncated). */
};

struct record_header {
    char magic[8];
    uint64_t pid;
};

struct record_event {
    uint32_t kind;
    uint32_t unused;
    uint64_t in;
    uint64_t out;
    uint64_t size;
};

_Static_assert(sizeof(struct record_header) == 16, "the log header has no padding");
_Static_assert(sizeof(struct record_event) == 32, "a log event has no padding");

#endif
