/*
 * libc-replay.c - replays a trace once through the C library's malloc,
 * free and realloc, with no checks, so that callgrind can count the
 * instructions they run (make bench, part 1c):
 *
 *   valgrind --tool=callgrind --toggle-collect=malloc --toggle-collect=free \
 *       --toggle-collect=realloc build/libc-replay TRACE
 *
 * mm's side of that comparison is the driver's own replay (`./mdriver -a
 * mm -d 0 --once --no-timing --no-isolation`, counting mm_malloc, mm_free
 * and mm_realloc). The driver cannot replay libc so: its replays check
 * every pointer against memlib's heap, and libc's blocks are not in it.
 * Counting only inside the allocator's functions makes the two harnesses'
 * own instructions drop out, and instructions do not depend on the
 * machine's load or speed, where Kops/s do; they leave out cache misses,
 * mispredicted branches and the kernel's work (brk, page faults).
 *
 * Exit status: 0, 1 if the trace cannot be read (the message names file
 * and line) or malloc fails, 2 on bad usage.
 */
#include "../driver/trace.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const size_t LARGEST_BLOCK_BYTES = (size_t)1 << 40;

/* name: the trace's file, for messages (trace->path is /dev/stdin). */
static int replay(const struct trace *trace, const char *name)
{
    void **blocks = calloc(trace->num_ids ? trace->num_ids : 1, sizeof *blocks);
    if (blocks == NULL)
        return 1;
    int status = 0;
    for (size_t i = 0; i < trace->num_ops && status == 0; i++) {
        const struct trace_op *op = &trace->ops[i];
        void **block = &blocks[op->id];
        if (op->kind == OP_ALLOC) {
            *block = malloc(op->size);
        } else if (op->kind == OP_REALLOC) {
            void *moved = realloc(*block, op->size);
            if (moved != NULL || op->size == 0)
                *block = moved;
        } else {
            free(*block);
            *block = NULL;
        }
        if (op->kind != OP_FREE && *block == NULL && op->size > 0) {
            fprintf(stderr, "libc-replay: %s:%lu: malloc returned NULL\n", name,
                    (unsigned long)op->line);
            status = 1;
        }
    }
    /* The blocks still live, the array and the trace are left to the
     * process's exit, as the driver leaves mm's to the next heap reset:
     * freeing them here would be counted as the trace's frees (and the
     * array's free makes glibc consolidate every small free chunk: a
     * fifth of tiny.rep's count). */
    return status;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: libc-replay TRACE\n");
        return 2;
    }
    /* The trace is read as /dev/stdin, whatever its name. The reader
     * keeps a copy of the name in the heap, and glibc's count depends on
     * the heap it starts from: read by its own name, realloc.rep cost 498
     * instructions per op as traces/realloc.rep and 457 as
     * /work/main/traces/realloc.rep, whose copy takes a bigger chunk. */
    int fd = open(argv[1], O_RDONLY);
    if (fd < 0) {
        fprintf(stderr, "libc-replay: %s: cannot open: %s\n", argv[1], strerror(errno));
        return 1;
    }
    if (fd != STDIN_FILENO && (dup2(fd, STDIN_FILENO) < 0 || close(fd) != 0)) {
        fprintf(stderr, "libc-replay: %s: cannot read it as standard input: %s\n", argv[1],
                strerror(errno));
        return 1;
    }
    struct trace trace;
    char error[TRACE_ERROR_BYTES];
    if (trace_read("/dev/stdin", LARGEST_BLOCK_BYTES, &trace, error) != 0) {
        fprintf(stderr, "libc-replay: %s, read as %s\n", argv[1], error);
        return 1;
    }
    return replay(&trace, argv[1]);
}
