/*
 * libc_space.h - the space the C library's malloc takes for a trace, so
 * that libc gets a utilization figure beside its throughput.
 */
#ifndef DRIVER_LIBC_SPACE_H
#define DRIVER_LIBC_SPACE_H

#include "trace.h"

#include <stdbool.h>
#include <stdint.h>

enum { LIBC_SPACE_WHY_BYTES = 160 };

struct libc_space {
    bool measured;
    uint64_t peak_live_bytes; /* the trace's peak payload, as for every allocator */
    uint64_t heap_bytes;      /* the peak of glibc's footprint (see libc_space.c) */
    char why_not[LIBC_SPACE_WHY_BYTES]; /* when !measured */
};

/* Replay the trace through malloc, realloc and free in a fresh process
 * (the driver itself, run with LIBC_SPACE_FLAG) and measure the
 * footprint there. */
void libc_space_measure(const struct trace *trace, struct libc_space *space);

/* The flag, and what main() runs for it before anything else: read the
 * ops on stdin, replay them, write a struct libc_space on stdout. */
#define LIBC_SPACE_FLAG "--libc-space-replay"
int libc_space_replay_main(void);

#endif /* DRIVER_LIBC_SPACE_H */
