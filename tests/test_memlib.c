/*
 * test_memlib.c - the simulated OS behaves like one: the break grows a
 * page at a time, refuses to shrink or overrun, memory past the break
 * faults, and a heap started again (reset or rewind) reads as zeros.
 */
#define _DEFAULT_SOURCE
#include "memlib.h"
#include "tests/tap.h"

#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static const size_t ARENA_BYTES = 1 << 20;

/* Run touch(address) in a child; return the signal that ended it, 0 if none. */
static int signal_from_touching(volatile char *address)
{
    fflush(stdout);
    pid_t child = fork();
    if (child == 0) {
        *address = 1;
        _exit(0);
    }
    int status = 0;
    waitpid(child, &status, 0);
    return WIFSIGNALED(status) ? WTERMSIG(status) : 0;
}

static void test_growth(void)
{
    char *lo = mem_heap_lo();
    tap_ok(mem_heapsize() == 0, "a new heap is empty");
    tap_ok((uintptr_t)lo % mem_pagesize() == 0, "the heap starts on a page boundary");
    char *first = mem_sbrk(100);
    tap_ok(first == lo, "mem_sbrk returns the old break");
    tap_ok(mem_heapsize() == 100, "the break moved by the increment");
    tap_ok(mem_heap_hi() == lo + 99, "mem_heap_hi is the last heap byte");
    tap_ok(mem_sbrk(0) == lo + 100, "mem_sbrk(0) returns the break");
    memset(first, 0xAB, 100);
    tap_ok(mem_pages_mapped() == 1, "one page is mapped after 100 bytes");
    tap_ok(mem_sbrk((intptr_t)mem_pagesize()) == lo + 100, "growing across a page boundary works");
    tap_ok(mem_pages_mapped() == 2, "two pages are mapped after crossing a boundary");
    tap_ok(mem_sbrk_calls() == 3, "every successful call is counted");
}

static void test_refusal(void)
{
    size_t before = mem_heapsize();
    errno = 0;
    tap_ok(mem_sbrk(-8) == (void *)-1 && errno == ENOMEM,
           "a negative increment is refused with ENOMEM");
    tap_ok(mem_sbrk_saw_negative(), "the negative request is remembered for the driver");
    errno = 0;
    tap_ok(mem_sbrk((intptr_t)ARENA_BYTES) == (void *)-1 && errno == ENOMEM,
           "growth past the arena is refused with ENOMEM");
    tap_ok(mem_heapsize() == before, "a refused call leaves the break where it was");
    tap_ok(mem_sbrk_refusals() == 2, "refusals are counted");
    size_t rest = ARENA_BYTES - mem_heapsize();
    tap_ok(mem_sbrk((intptr_t)rest) != (void *)-1, "the arena can be filled exactly");
    tap_ok(mem_sbrk(1) == (void *)-1, "not one byte more");
}

static void test_faults(void)
{
    mem_reset_brk();
    char *lo = mem_heap_lo();
    mem_sbrk(10);
    tap_ok(signal_from_touching(lo + 5) == 0, "memory below the break is writable");
    tap_ok(signal_from_touching(lo + mem_pagesize() - 1) == 0,
           "the rest of the break's page is writable (pages are the OS's unit)");
    tap_ok(signal_from_touching(lo + mem_pagesize()) == SIGSEGV,
           "the page past the break faults");
    tap_ok(signal_from_touching(lo - 1) == SIGSEGV, "the byte before the heap faults");
    tap_ok(signal_from_touching(lo + ARENA_BYTES) == SIGSEGV,
           "the byte after the arena faults");
}

static void test_reset(void)
{
    char *lo = mem_heap_lo();
    char *block = mem_sbrk(64);
    memset(block, 0x5A, 64);
    tap_ok(mem_pages_touched() >= 1, "a written page counts as touched");
    mem_reset_brk();
    tap_ok(mem_heapsize() == 0 && mem_pages_mapped() == 0, "reset empties the heap");
    tap_ok(signal_from_touching(lo) == SIGSEGV, "after reset the first page faults again");
    block = mem_sbrk(64);
    tap_ok(block == lo && block[0] == 0 && block[63] == 0,
           "after reset the heap restarts at the bottom with zeroed pages");
    tap_ok(mem_pages_touched() == 1, "pages touched is counted from the reset");
    tap_ok(!mem_sbrk_saw_negative() && mem_sbrk_calls() == 1, "reset clears the counters");
}

static void test_rewind(void)
{
    char *lo = mem_heap_lo();
    mem_reset_brk();
    char *block = mem_sbrk((intptr_t)(2 * mem_pagesize()));
    memset(block, 0x5A, 2 * mem_pagesize());
    mem_rewind_brk();
    tap_ok(mem_heapsize() == 0 && mem_pages_mapped() == 2,
           "rewind empties the heap and keeps its pages mapped");
    tap_ok(signal_from_touching(lo + mem_pagesize()) == 0, "after rewind the pages do not fault");
    block = mem_sbrk((intptr_t)(2 * mem_pagesize()));
    tap_ok(block == lo && block[0] == 0 && block[2 * mem_pagesize() - 1] == 0,
           "after rewind the heap restarts at the bottom, zeroed as after reset");
    mem_reset_brk();
}

/* Each public set-up call counts once, and the last is named: mem_init
 * over an arena (which resets or replaces it inside) is one call. */
static void test_setup_calls(void)
{
    size_t before = mem_setup_calls();
    mem_reset_brk();
    tap_ok(mem_setup_calls() == before + 1 && strcmp(mem_last_setup_call(), "mem_reset_brk") == 0,
           "mem_reset_brk is counted and named");
    mem_init();
    tap_ok(mem_setup_calls() == before + 2 && strcmp(mem_last_setup_call(), "mem_init") == 0,
           "mem_init over an arena counts once, not as its reset too");
    mem_rewind_brk();
    mem_sbrk(16);
    tap_ok(mem_setup_calls() == before + 2, "rewind and mem_sbrk are not set-up calls");
    mem_deinit();
    tap_ok(mem_setup_calls() == before + 3 && strcmp(mem_last_setup_call(), "mem_deinit") == 0 &&
               mem_heap_lo() == NULL,
           "mem_deinit is counted and named, and leaves no arena");
    errno = 0;
    tap_ok(mem_sbrk(0) == (void *)-1 && errno == ENOMEM,
           "with no arena, even mem_sbrk(0) is refused with ENOMEM (not a NULL break)");
    mem_init();
}

int main(void)
{
    tap_ok(strcmp(mem_last_setup_call(), "") == 0 && mem_setup_calls() == 0,
           "no set-up call before the first");
    tap_ok(mem_set_arena_size(0) == -1, "an empty arena is refused");
    tap_ok(mem_set_arena_size(ARENA_BYTES) == 0, "the arena size can be set");
    mem_init();
    tap_ok(mem_arena_size() == ARENA_BYTES, "the arena has the size asked for");
    test_growth();
    test_refusal();
    test_faults();
    test_reset();
    test_rewind();
    test_setup_calls();
    mem_deinit();
    return tap_done();
}
