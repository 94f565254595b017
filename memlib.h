/*
 * memlib.h - a simulated operating system for the allocator.
 *
 * The real OS gives a process a break: the end of its data segment.
 * sbrk(n) moves the break up by n bytes and hands back the old break;
 * the pages between become usable. Here the "process" is one arena
 * reserved with mmap and the break moves over it page by page: memory
 * past the page the break lies in is not mapped readable or writable,
 * so an allocator that touches it faults, just as it would on a real
 * system. The rest of the break's own page is mapped, as it is there
 * (and after mem_rewind_brk, every page the heap had reached):
 * mem_written_past_break says whether anything was written in it.
 *
 * This header is what a classic CS:APP handout mm.c includes. It must
 * not define macros that a student's file might define too.
 */
#ifndef MEMLIB_H
#define MEMLIB_H

#include <stddef.h>
#include <stdint.h>

/* ---- the classic interface ---------------------------------------- */

/* Reserve the arena (its size set by mem_set_arena_size, else the
 * default) and set the break to its start. Exits with a message if the
 * arena cannot be reserved, as the classic memlib does. */
void mem_init(void);

/* Release the arena. */
void mem_deinit(void);

/* Move the break up by incr bytes and return the old break. A negative
 * incr, or growth past the end of the arena, is refused: the result is
 * (void *)-1 and errno is ENOMEM. mem_sbrk(0) returns the break. */
void *mem_sbrk(intptr_t incr);

/* Move the break back to the start of the arena: every page becomes
 * inaccessible again and its contents are discarded (a fresh page from
 * the OS reads as zeros). The driver's, between traces: an allocator
 * that calls it (or mem_init, or mem_deinit) fails the trace, named as
 * the call (mem_setup_calls), and tools/grade refuses it. */
void mem_reset_brk(void);

/* First byte of the heap, and last byte (break - 1). */
void *mem_heap_lo(void);
void *mem_heap_hi(void);

/* Bytes between the start of the arena and the break. */
size_t mem_heapsize(void);

/* The system page size. */
size_t mem_pagesize(void);

/* ---- extensions used by the driver ---------------------------------- */

/* Set the arena size used by the next mem_init (rounded up to pages).
 * Returns 0, or -1 if bytes is 0. */
int mem_set_arena_size(size_t bytes);

/* The arena size mem_init reserves. */
size_t mem_arena_size(void);

/* Move the break back to the start but keep every page mapped (as the
 * classic memlib's reset does), its contents zeroed. The timing pass
 * uses it between repetitions: libc keeps its pages from one repetition
 * to the next, so charging the allocator under test a page fault per
 * page on every repetition would not be a fair comparison. The zeroing
 * (off the clock) leaves the heap as mem_reset_brk does, so an allocator
 * cannot tell a timed replay from a checked one by what the last replay
 * left in it. */
void mem_rewind_brk(void);

/* Pages the break has ever covered since the last reset (the high-water
 * mark): how much memory this process asked the "OS" for. */
size_t mem_pages_mapped(void);

/* Pages the allocator actually touched (resident, per mincore(2)):
 * pages asked for but never written cost no physical memory. */
size_t mem_pages_touched(void);

/* Number of successful and refused mem_sbrk calls since the last
 * reset, and whether a negative increment was ever asked for. */
size_t mem_sbrk_calls(void);
size_t mem_sbrk_refusals(void);
int mem_sbrk_saw_negative(void);

/* How many times mem_init, mem_deinit and mem_reset_brk have been
 * called since the program started (never reset), and the name of the
 * last one ("" if none). The driver notes the count before a replay: a
 * change during an op means the allocator called one of them, and the
 * name says which (the arena released, or the heap reset under the live
 * blocks), where the heap's state alone would only show its effect. */
size_t mem_setup_calls(void);
const char *mem_last_setup_call(void);

/* Where a write past the break landed, if one did: the offset from the
 * break of the first nonzero byte between it and the end of the pages
 * still mapped above it (the rest of its page, and after a rewind every
 * page the heap had reached), plus one; 0 if those bytes are all zero.
 * That memory is mapped, so a write there does not fault, but it is not
 * the heap's: the
 * break only moves up until the next reset or rewind, after which the
 * pages read as zeros, so any nonzero byte there was written while it
 * lay past the break. */
size_t mem_written_past_break(void);

#endif /* MEMLIB_H */
