/*
 * memlib.c - the simulated operating system: one arena, one break, pages.
 *
 * Layout of the arena (addresses grow to the right):
 *
 *   arena_start            brk           mapped_end                 arena_end
 *   |<---- heap (R/W) ---->|<- slack R/W ->|<------ PROT_NONE ------>|
 *
 * Invariants:
 *   arena_start <= brk <= mapped_end <= arena_end
 *   mapped_end is brk rounded up to a page (or higher, if the break
 *   was once higher: mem_sbrk never gives pages back, as sbrk rarely does)
 *   every byte in [arena_start, mapped_end) is readable and writable,
 *   every byte in [mapped_end, arena_end) faults.
 *
 * Guard regions of GUARD_BYTES sit on either side of the arena and are
 * never made accessible, so a stray write just before the heap or past
 * the arena faults instead of landing in the driver's memory.
 *
 * The whole arena is reserved once with mmap(PROT_NONE); moving the break
 * over a page boundary makes the pages it passes readable and writable
 * with mprotect, exactly the work a kernel's brk does for a process.
 */
#define _DEFAULT_SOURCE /* MAP_ANONYMOUS, MAP_NORESERVE, madvise, mincore */
#include "memlib.h"
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static const size_t GUARD_BYTES = (size_t)1 << 20;

static size_t requested_arena_bytes = DEFAULT_HEAP_BYTES;

static char *arena_start; /* NULL when no arena is reserved */
static char *arena_end;
static char *brk_addr;
static char *mapped_end;

static size_t sbrk_calls;
static size_t sbrk_refusals;
static int sbrk_negative_seen;

/* Calls of mem_init, mem_deinit and mem_reset_brk, ever, and the last:
 * the driver's own are at known points, so one in the middle of an op is
 * the allocator's, and the driver can say which instead of describing
 * what it did to the heap (NULL from an empty arena, an overlap). */
static size_t setup_calls;
static const char *last_setup_call = "";

/* ---- helpers --------------------------------------------------------- */

static size_t page_bytes(void)
{
    static size_t cached;
    if (cached == 0)
        cached = (size_t)sysconf(_SC_PAGESIZE);
    return cached;
}

static size_t round_up_to_page(size_t bytes)
{
    size_t page = page_bytes();
    return (bytes + page - 1) / page * page;
}

static void reset_counters(void)
{
    sbrk_calls = 0;
    sbrk_refusals = 0;
    sbrk_negative_seen = 0;
}

static void *refuse_sbrk(void)
{
    sbrk_refusals++;
    errno = ENOMEM;
    return (void *)-1;
}

/* Make [mapped_end, new_mapped_end) readable and writable. */
static int map_pages_up_to(char *new_mapped_end)
{
    if (new_mapped_end <= mapped_end)
        return 0;
    if (mprotect(mapped_end, (size_t)(new_mapped_end - mapped_end),
                 PROT_READ | PROT_WRITE) != 0)
        return -1;
    mapped_end = new_mapped_end;
    return 0;
}

static void count_setup_call(const char *name)
{
    setup_calls++;
    last_setup_call = name;
}

static void release_arena(void)
{
    if (arena_start == NULL)
        return;
    munmap(arena_start - GUARD_BYTES, (size_t)(arena_end - arena_start) + 2 * GUARD_BYTES);
    arena_start = arena_end = brk_addr = mapped_end = NULL;
}

static void reset_heap(void)
{
    if (arena_start == NULL)
        return;
    size_t mapped_bytes = (size_t)(mapped_end - arena_start);
    if (mapped_bytes > 0) {
        /* Discard the contents (the next use sees zero pages, as a fresh
         * process would) and make the pages fault again. */
        madvise(arena_start, mapped_bytes, MADV_DONTNEED);
        mprotect(arena_start, mapped_bytes, PROT_NONE);
    }
    brk_addr = arena_start;
    mapped_end = arena_start;
    reset_counters();
}

/* ---- the classic interface ------------------------------------------ */

/* Each public set-up call counts once: mem_init's reset or release of
 * an arena it replaces is part of the mem_init, not a call of its own. */
void mem_init(void)
{
    count_setup_call("mem_init");
    if (arena_start != NULL) {
        if ((size_t)(arena_end - arena_start) == requested_arena_bytes) {
            reset_heap();
            return;
        }
        release_arena();
    }
    void *reservation = mmap(NULL, requested_arena_bytes + 2 * GUARD_BYTES, PROT_NONE,
                             MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (reservation == MAP_FAILED) {
        fprintf(stderr, "memlib.c: mem_init: cannot reserve a %zu-byte arena: ",
                requested_arena_bytes);
        perror(NULL);
        exit(1);
    }
    arena_start = (char *)reservation + GUARD_BYTES;
    arena_end = arena_start + requested_arena_bytes;
    brk_addr = arena_start;
    mapped_end = arena_start;
    reset_counters();
}

void mem_deinit(void)
{
    count_setup_call("mem_deinit");
    release_arena();
}

void *mem_sbrk(intptr_t incr)
{
    if (incr < 0) {
        sbrk_negative_seen = 1;
        return refuse_sbrk();
    }
    if (arena_start == NULL || (size_t)incr > (size_t)(arena_end - brk_addr))
        return refuse_sbrk();
    char *old_brk = brk_addr;
    char *new_brk = brk_addr + incr;
    size_t new_mapped_bytes = round_up_to_page((size_t)(new_brk - arena_start));
    if (map_pages_up_to(arena_start + new_mapped_bytes) != 0)
        return refuse_sbrk();
    brk_addr = new_brk;
    sbrk_calls++;
    return old_brk;
}

void mem_reset_brk(void)
{
    count_setup_call("mem_reset_brk");
    reset_heap();
}

void mem_rewind_brk(void)
{
    if (arena_start == NULL)
        return;
    /* Zero what the last replay left, keeping the pages: a replay must
     * not be able to tell from the heap's contents whether it follows a
     * rewind (a timed replay) or a reset (a checked one). */
    memset(arena_start, 0, (size_t)(mapped_end - arena_start));
    brk_addr = arena_start;
    reset_counters();
}

void *mem_heap_lo(void)
{
    return arena_start;
}

void *mem_heap_hi(void)
{
    return brk_addr - 1;
}

size_t mem_heapsize(void)
{
    return (size_t)(brk_addr - arena_start);
}

size_t mem_pagesize(void)
{
    return page_bytes();
}

/* ---- extensions ------------------------------------------------------ */

int mem_set_arena_size(size_t bytes)
{
    if (bytes == 0)
        return -1;
    requested_arena_bytes = round_up_to_page(bytes);
    return 0;
}

size_t mem_arena_size(void)
{
    return requested_arena_bytes;
}

size_t mem_pages_mapped(void)
{
    return (size_t)(mapped_end - arena_start) / page_bytes();
}

size_t mem_pages_touched(void)
{
    size_t pages = mem_pages_mapped();
    if (pages == 0)
        return 0;
    unsigned char *residency = malloc(pages);
    if (residency == NULL)
        return 0;
    size_t touched = 0;
    if (mincore(arena_start, pages * page_bytes(), residency) == 0) {
        for (size_t i = 0; i < pages; i++)
            touched += residency[i] & 1;
    }
    free(residency);
    return touched;
}

size_t mem_written_past_break(void)
{
    static const unsigned char zeros[256];
    size_t past = (size_t)(mapped_end - brk_addr);
    for (size_t at = 0; at < past; at += sizeof zeros) {
        size_t chunk = past - at < sizeof zeros ? past - at : sizeof zeros;
        if (memcmp(brk_addr + at, zeros, chunk) == 0)
            continue;
        for (size_t i = at; i < at + chunk; i++)
            if (brk_addr[i] != 0)
                return i + 1;
    }
    return 0;
}

size_t mem_sbrk_calls(void)
{
    return sbrk_calls;
}

size_t mem_sbrk_refusals(void)
{
    return sbrk_refusals;
}

int mem_sbrk_saw_negative(void)
{
    return sbrk_negative_seen;
}

size_t mem_setup_calls(void)
{
    return setup_calls;
}

const char *mem_last_setup_call(void)
{
    return last_setup_call;
}
