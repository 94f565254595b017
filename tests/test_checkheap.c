/*
 * test_checkheap.c - every allocator's mm_checkheap can fail: for each
 * invariant its top comment states, a heap that breaks just that one is
 * refused with a message naming it (the cases are in tests/checkheap/).
 */
#define _DEFAULT_SOURCE
#include "memlib.h"
#include "tests/checkheap/cases.h"
#include "tests/tap.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

static const size_t ARENA_BYTES = 16 << 20;

void fresh_heap(void)
{
    mem_reset_brk();
}

/* Run checkheap with stderr sent to a scratch file; returns its verdict
 * and leaves what it printed in message (truncated to message_bytes). */
static bool run_captured(checkheap_fn checkheap, char *message, size_t message_bytes)
{
    FILE *scratch = tmpfile();
    if (scratch == NULL) {
        perror("tmpfile");
        _exit(2);
    }
    fflush(stderr);
    int saved_stderr = dup(STDERR_FILENO);
    dup2(fileno(scratch), STDERR_FILENO);
    bool passed = checkheap(__LINE__);
    fflush(stderr);
    dup2(saved_stderr, STDERR_FILENO);
    close(saved_stderr);
    rewind(scratch);
    size_t length = fread(message, 1, message_bytes - 1, scratch);
    message[length] = '\0';
    fclose(scratch);
    return passed;
}

static void print_message(const char *message)
{
    printf("#   mm_checkheap printed: %s%s", message[0] ? message : "(nothing)",
           message[0] && message[strlen(message) - 1] == '\n' ? "" : "\n");
}

static void expect_passes(const char *allocator, const char *state, checkheap_fn checkheap)
{
    char message[512], description[160];
    bool passed = run_captured(checkheap, message, sizeof message);
    snprintf(description, sizeof description, "%s: %s passes", allocator, state);
    if (!tap_ok(passed && message[0] == '\0', description))
        print_message(message);
}

void expect_clean(const char *allocator, checkheap_fn checkheap)
{
    expect_passes(allocator, "the heap before corruption", checkheap);
}

void expect_caught(const char *allocator, const char *label, const char *how,
                   checkheap_fn checkheap)
{
    char message[512], description[160], named[16];
    bool passed = run_captured(checkheap, message, sizeof message);
    snprintf(named, sizeof named, "%s:", label);
    snprintf(description, sizeof description, "%s: %s breaks %s, refused as %s", allocator,
             how, label, label);
    if (!tap_ok(!passed && strstr(message, named) != NULL, description)) {
        printf("#   mm_checkheap returned %s\n", passed ? "true" : "false");
        print_message(message);
    }
}

void run_cases(const char *allocator, void (*build)(void), checkheap_fn checkheap,
               const struct corruption *cases, size_t count)
{
    build();
    expect_clean(allocator, checkheap);
    /* mm.h: with no heap (reset, and no mm_init since) there is nothing
     * to check, whatever pointers the last heap left behind. */
    fresh_heap();
    expect_passes(allocator, "no heap (reset since the last mm_init)", checkheap);
    for (size_t i = 0; i < count; i++) {
        build();
        cases[i].corrupt();
        expect_caught(allocator, cases[i].label, cases[i].name, checkheap);
    }
}

int main(void)
{
    mem_set_arena_size(ARENA_BYTES);
    mem_init();
    seed_cases();
    implicit_first_cases();
    implicit_next_cases();
    implicit_best_cases();
    explicit_lifo_cases();
    explicit_addr_cases();
    segregated_cases();
    mm_cases();
    mem_deinit();
    return tap_done();
}
