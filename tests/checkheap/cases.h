/*
 * tests/checkheap/cases.h - what each allocator's corruption cases use.
 *
 * A check that cannot fail is a defect, and passing on correct heaps
 * (every -d 2 run) proves only half of a checker. Each
 * tests/checkheap/NAME_cases.c includes an allocator's source, so that
 * it can build a small heap through the allocator, break one stated
 * invariant by writing into that heap with the allocator's own helpers,
 * and ask its mm_checkheap: which must return false and name the
 * invariant's label. The allocator exposes nothing for this. The
 * harness, tests/test_checkheap.c, owns memlib and the TAP output.
 */
#ifndef TESTS_CHECKHEAP_CASES_H
#define TESTS_CHECKHEAP_CASES_H

#include <stdbool.h>
#include <stddef.h>

typedef bool (*checkheap_fn)(int lineno);

/* Throw the heap away: the break goes back to the start of the arena.
 * The case then calls its allocator's mm_init. */
void fresh_heap(void);

/* The heap as the allocator left it passes mm_checkheap, quietly. */
void expect_clean(const char *allocator, checkheap_fn checkheap);

/* mm_checkheap returns false and its message names `label` (as
 * "LABEL:"): the invariant the case broke (by `how`), not merely some
 * invariant. */
void expect_caught(const char *allocator, const char *label, const char *how,
                   checkheap_fn checkheap);

/* One way to break one invariant: a small static function that writes
 * into a heap built by the allocator. */
struct corruption {
    const char *label;     /* the invariant it breaks, as the top comment names it */
    const char *name;      /* the function's name, for the test's description */
    void (*corrupt)(void); /* the writes */
};

#define CORRUPTION(label, corrupt) {label, #corrupt, corrupt}

/* build() then expect_clean once; then for each corruption, build(),
 * corrupt() and expect_caught its label. */
void run_cases(const char *allocator, void (*build)(void), checkheap_fn checkheap,
               const struct corruption *cases, size_t count);

/* Each NAME_cases.c defines its cases under the name the Makefile gives it
 * (-DCHECKHEAP_CASES=NAME_cases); test_checkheap.c calls them all. */
void seed_cases(void);
void implicit_first_cases(void);
void implicit_next_cases(void);
void implicit_best_cases(void);
void explicit_lifo_cases(void);
void explicit_addr_cases(void);
void segregated_cases(void);
void mm_cases(void);

#endif /* TESTS_CHECKHEAP_CASES_H */
