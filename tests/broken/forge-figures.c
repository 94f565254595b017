/*
 * forge-figures.c - BUG, on purpose: overwrites the figures the driver's
 * child process reports. The allocator runs in that process, so it can
 * write anywhere in it: here, in its second mm_init (after the first
 * correctness pass has written its figures), it finds the page the
 * child shares with the driver (the one shared writable mapping, in
 * /proc/self/maps) and halves the heap size the first pass recorded,
 * doubling its utilization. It mirrors the start of runner.c's
 * job_shared (a struct progress, then the first pass's check_outcome).
 *
 * Exposed by tests/traces/forge-figures.rep: the driver must see that
 * the heap it was told of is smaller than the trace's payloads need
 * ("a heap of N bytes, where the trace's payloads need at least M").
 * What the trace does not fix (a heap forged down to just the least the
 * payloads need, or any time) no check can see: docs/INSTRUCTORS.md.
 *
 * Otherwise the bump allocator every file in tests/broken/ shares (see
 * bump.h for the block diagram): | size (ALIGNMENT B) | payload |,
 * blocks tile [mem_heap_lo(), break); malloc and free O(1).
 */
#include "bump-but-init.h"
#include "driver/replay.h"

#include <stdio.h>
#include <string.h>

struct shared_start { /* runner.c's job_shared, as far as it matters here */
    struct progress progress;
    struct check_outcome check;
};

static unsigned init_calls;

/* The start of the one shared writable mapping of this process, or NULL. */
static struct shared_start *find_shared_page(void)
{
    FILE *maps = fopen("/proc/self/maps", "r");
    if (maps == NULL)
        return NULL;
    char line[512];
    unsigned long start = 0;
    while (fgets(line, sizeof line, maps) != NULL) {
        char perms[5];
        unsigned long from, to;
        if (sscanf(line, "%lx-%lx %4s", &from, &to, perms) == 3 && strcmp(perms, "rw-s") == 0) {
            start = from;
            break;
        }
    }
    fclose(maps);
    return (struct shared_start *)start;
}

int mm_init(void)
{
    if (++init_calls == 2) {
        struct shared_start *shared = find_shared_page();
        if (shared != NULL)
            shared->check.heap_bytes /= 2; /* BUG */
    }
    return 0;
}
