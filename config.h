/*
 * config.h - the lab's constants in one place.
 *
 * Everything here may be overridden on the compiler command line
 * (e.g. `make ALIGNMENT=16`), which is why each value is guarded.
 * mm.h and memlib.h deliberately do NOT include this file: a classic
 * handout mm.c defines its own ALIGNMENT/ALIGN macros, and they must
 * not collide with ours.
 */
#ifndef CONFIG_H
#define CONFIG_H

/* Payload alignment every allocator must honour. 8 as the seed design
 * asks; 16 is the x86-64 ABI's max_align_t and must work too. */
#ifndef ALIGNMENT
#define ALIGNMENT 8
#endif

/* Size of the simulated arena that mem_sbrk may grow into. The driver's
 * -H flag overrides it at run time so large traces fit. */
#ifndef DEFAULT_HEAP_BYTES
#define DEFAULT_HEAP_BYTES ((size_t)128 << 20) /* 128 MiB */
#endif

/* Per-trace time limit in seconds (driver flag -s). */
#ifndef DEFAULT_TIME_LIMIT_SECS
#define DEFAULT_TIME_LIMIT_SECS 60
#endif

/* ... and at -d 2, which checks the whole heap and every live payload
 * after every op: mm takes 20 s or more on tiny.rep alone there. */
#ifndef DEBUG_TIME_LIMIT_SECS
#define DEBUG_TIME_LIMIT_SECS 600
#endif

/* Runaway memory: each trace's child process may map at most this many
 * bytes beyond what it has when it starts (the arena is already
 * reserved by then). An allocator that grabs memory outside the arena
 * hits this cap instead of the machine's. */
#ifndef DEFAULT_ADDRESS_SPACE_SLACK
#define DEFAULT_ADDRESS_SPACE_SLACK ((size_t)1 << 30) /* 1 GiB */
#endif

/* Where the default trace list lives, and what is in it. Spelt as a
 * path given to -f would be ("traces/x.rep", not "./traces/x.rep"), so
 * that a message names a default trace the way the README does and the
 * user can paste it back. */
#ifndef TRACEDIR
#define TRACEDIR "traces/"
#endif

#define DEFAULT_TRACEFILES                                                   \
    "program1.rep", "program2.rep", "coalescing.rep", "random.rep",         \
        "random2.rep", "binary.rep", "binary2.rep", "realloc.rep",          \
        "realloc2.rep", "tiny.rep", "bigsmall.rep"

/* ---- scoring --------------------------------------------------------
 * perf index = UTIL_WEIGHT * avg_util
 *            + (1 - UTIL_WEIGHT) * min(1, throughput / reference)
 * where avg_util is the mean of the per-trace utilizations and
 * throughput is total ops / total seconds over all traces.
 *
 * PERF_REFERENCE_LIBC 1 (default): reference = libc malloc's throughput
 *   measured on the same traces in the same run, so the index does not
 *   depend on how fast the machine is.
 * PERF_REFERENCE_LIBC 0: the classic CS:APP variant, reference is the
 *   constant AVG_LIBC_THRUPUT (ops/s) below.
 */
#ifndef UTIL_WEIGHT
#define UTIL_WEIGHT 0.60
#endif

#ifndef PERF_REFERENCE_LIBC
#define PERF_REFERENCE_LIBC 1
#endif

#ifndef AVG_LIBC_THRUPUT
#define AVG_LIBC_THRUPUT 600E3 /* the classic handout's constant, ops/s */
#endif

/* Timing: each timed replay is repeated at least TIMING_MIN_RUNS times
 * and until TIMING_MIN_SECS of total time, at most TIMING_MAX_RUNS, and
 * no more once the runs add up to 3 s (measure.c's TIMING_BUDGET_SECS,
 * which can stop it before TIMING_MIN_RUNS); the median run is
 * reported. */
#ifndef TIMING_MIN_RUNS
#define TIMING_MIN_RUNS 5
#endif
#ifndef TIMING_MAX_RUNS
#define TIMING_MAX_RUNS 15
#endif
#ifndef TIMING_MIN_SECS
#define TIMING_MIN_SECS 0.1
#endif

#endif /* CONFIG_H */
