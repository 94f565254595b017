/*
 * replay.h - replay a trace against an allocator with every check on:
 * the correctness pass, which also measures utilization.
 */
#ifndef DRIVER_REPLAY_H
#define DRIVER_REPLAY_H

#include "oracle.h"
#include "registry.h"
#include "trace.h"

#include <stdbool.h>
#include <stdint.h>

enum { REPLAY_ERROR_BYTES = 1024 };

/* Where the replay is; lives in memory the parent can read after a
 * crash, so it can name the last op reached. */
struct progress {
    volatile uint64_t op_index; /* ops completed in the current phase */
    volatile uint32_t line;     /* trace line of the op under way; 0 before the first */
    volatile int phase;         /* enum replay_phase */
    volatile int in_call;       /* enum allocator_call: not CALL_NONE, a crash or
                                   hang now is in that routine of the allocator's */
};

enum replay_phase {
    PHASE_SETUP,
    PHASE_LIBC_SPACE,
    PHASE_CHECK,
    PHASE_RECHECK,
    PHASE_TIMING,
    PHASE_FINISHED
};

/* Which of the allocator's routines other than an op's the driver is
 * in, if any: a crash there is not the op's. */
enum allocator_call {
    CALL_NONE,          /* an op, or the driver's own code */
    CALL_INIT,          /* mm_init */
    CALL_CHECKHEAP,     /* mm_checkheap, after an op (-d 2) or at the end */
    CALL_WALK_DRAWING,  /* mm_heap_walk, drawing the heap (-V --blocks) */
    CALL_WALK_CHECKING, /* mm_heap_walk, checking its blocks (-d 2) */
    CALL_WALK_MAPPING   /* mm_heap_walk, taking a heap map snapshot (--heapmap) */
};

/* Called after every op of the first pass (for time series), before the
 * op counts as done: a crash in it names that op; may be NULL. */
typedef void (*op_observer)(void *context, uint64_t op_index, const struct trace_op *op,
                            uint64_t live_bytes, uint64_t heap_bytes);

struct check_options {
    int debug_level;  /* 0: no checks; 1: the oracle; 2: also mm_checkheap, the
                         blocks of mm_heap_walk and every live payload after
                         every op */
    bool narrate;     /* print each op and its result (-V) */
    bool draw_blocks; /* with narrate: the heap's blocks after each op (--blocks) */
    size_t alignment; /* ALIGNMENT payloads must honour */
    op_observer observer;
    void *observer_context;
};

struct check_outcome {
    bool valid;
    uint64_t peak_live_bytes; /* utilization's numerator */
    uint64_t heap_bytes;      /* mem_heapsize() at the end */
    uint64_t pages_mapped;
    uint64_t pages_touched;
    uint64_t sbrk_calls;
    char error[REPLAY_ERROR_BYTES];
};

/* Reset the heap, mm_init, replay every op with the checks the debug
 * level asks for. pass_label names the pass in messages ("" for the
 * first). Returns outcome->valid. */
bool replay_check(const struct allocator *allocator, const struct trace *trace,
                  struct oracle *oracle, const struct check_options *options,
                  const char *pass_label, struct progress *progress,
                  struct check_outcome *outcome);

/* The allocator's mm_init, with progress->in_call saying so while it
 * runs (a crash there is mm_init's); its return value. */
int replay_call_init(const struct allocator *allocator, struct progress *progress);

const char *replay_phase_name(int phase);

#endif /* DRIVER_REPLAY_H */
