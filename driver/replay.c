/*
 * replay.c - the correctness pass.
 *
 * For every op the allocator's answer is checked before the driver
 * trusts it: a new payload must be aligned, inside the heap and overlap
 * no live payload; every payload is filled with its id's pattern and
 * verified in full when it is freed or reallocated and at the end of
 * the trace; at -d 2, also after every op, with the allocator's
 * mm_checkheap and its mm_heap_walk's blocks. The first failure ends the
 * pass with a message naming the trace file and line, the op, and what
 * was expected versus found.
 */
#include "replay.h"

#include "../memlib.h"
#include "blocks.h"
#include "walk.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

struct checker {
    const struct allocator *allocator;
    const struct trace *trace;
    struct oracle *oracle;
    const struct check_options *options;
    const char *pass_label;
    struct check_outcome *outcome;
    struct progress *progress;
    uint64_t live_bytes;
    bool warned_no_checkheap;
    size_t heap_high; /* the largest mem_heapsize seen after an op */
    size_t setup_calls; /* memlib's count of its set-up calls when the replay began */
};

/* ---- messages ------------------------------------------------------- */

static bool fail_at(struct checker *checker, const struct trace_op *op, const char *format,
                    ...)
{
    char *out = checker->outcome->error;
    size_t room = REPLAY_ERROR_BYTES;
    char op_text[48] = "end of trace";
    uint32_t line = op ? op->line : 0;
    if (op != NULL)
        trace_op_format(checker->trace, op, op_text, sizeof op_text);
    else if (checker->trace->num_ops > 0)
        line = checker->trace->ops[checker->trace->num_ops - 1].line;
    int used = snprintf(out, room, "%s:%lu: %s%s: ", checker->trace->path,
                        (unsigned long)line, checker->pass_label, op_text);
    if (used > 0 && (size_t)used < room) {
        va_list args;
        va_start(args, format);
        vsnprintf(out + used, room - (size_t)used, format, args);
        va_end(args);
    }
    checker->outcome->valid = false;
    return false;
}

/* Where a returned payload lies, as -V shows it: "heap+N", or which way
 * it missed the heap. Unchecked under -d 0, so it may lie anywhere, and
 * an offset below the heap would wrap into a huge heap+N. */
static void describe_place(char *out, size_t room, const void *payload)
{
    uintptr_t at = (uintptr_t)payload, lo = (uintptr_t)mem_heap_lo();
    if (at < lo)
        snprintf(out, room, "heap-%zu (below the heap)", (size_t)(lo - at));
    else if (at - lo >= mem_heapsize())
        snprintf(out, room, "heap+%zu (past the break)", (size_t)(at - lo));
    else
        snprintf(out, room, "heap+%zu", (size_t)(at - lo));
}

static void narrate(struct checker *checker, const struct trace_op *op, const void *payload)
{
    if (!checker->options->narrate)
        return;
    char op_text[48];
    trace_op_format(checker->trace, op, op_text, sizeof op_text);
    char place[48] = "NULL", where[64] = "";
    if (op->kind != OP_FREE) {
        if (payload != NULL)
            describe_place(place, sizeof place, payload);
        snprintf(where, sizeof where, " -> %s", place);
    }
    printf("  line %-6lu %-18s%-18s live %10llu B  heap %10zu B\n", (unsigned long)op->line,
           op_text, where, (unsigned long long)checker->live_bytes, mem_heapsize());
    fflush(stdout); /* what was narrated survives a crash in the next op */
}

/* The heap after an op, once the op's checks have passed: a heap they
 * refused may not bear walking. */
static void draw_blocks(const struct checker *checker)
{
    if (!checker->options->narrate || !checker->options->draw_blocks)
        return;
    checker->progress->in_call = CALL_WALK_DRAWING;
    blocks_draw(stdout, checker->allocator, checker->trace, checker->oracle);
    checker->progress->in_call = CALL_NONE;
    fflush(stdout);
}

/* ---- checks --------------------------------------------------------- */

static bool verify_payload(struct checker *checker, const struct trace_op *op, uint32_t id,
                           size_t bytes, const char *when)
{
    size_t bad_offset;
    unsigned char expected, found;
    void *payload = oracle_payload(checker->oracle, id);
    if (payload == NULL || oracle_verify(id, payload, bytes, &bad_offset, &expected, &found))
        return true;
    return fail_at(checker, op,
                   "%s: payload of id %lu (allocated at line %lu, %zu bytes at heap+%zu) "
                   "changed at byte offset %zu: expected 0x%02x, found 0x%02x",
                   when, (unsigned long)trace_id(checker->trace, id),
                   (unsigned long)oracle_line(checker->oracle, id),
                   oracle_size(checker->oracle, id),
                   (size_t)((const char *)payload - (const char *)mem_heap_lo()), bad_offset,
                   expected, found);
}

static bool verify_all_live(struct checker *checker, const struct trace_op *op,
                            const char *when)
{
    for (uint32_t id = 0; id < checker->trace->num_ids; id++)
        if (oracle_is_live(checker->oracle, id) &&
            !verify_payload(checker, op, id, oracle_size(checker->oracle, id), when))
            return false;
    return true;
}

/* Why an allocator might have returned NULL, when memlib knows. */
static const char *arena_full_hint(void)
{
    static char hint[160];
    if (mem_sbrk_refusals() == 0)
        return "";
    snprintf(hint, sizeof hint,
             " (mem_sbrk refused to grow the heap past the %zu-byte arena: "
             "if the trace needs more, give a bigger arena with -H)",
             mem_arena_size());
    return hint;
}

/* What an allocator's call of memlib's set-up did to the heap, in its
 * own words: its effect alone reads as something else (mem_sbrk refusing
 * as if the arena were full, a new payload overlapping the live ones). */
static const char *setup_call_effect(const char *name)
{
    if (strcmp(name, "mem_deinit") == 0)
        return "memlib's arena was released, so mem_sbrk refuses every request after it";
    return "the heap was emptied, its break moved back to the start of the arena";
}

/* mem_init, mem_deinit and mem_reset_brk are the driver's: it calls them
 * between replays, never during one, so a change in memlib's count of
 * them since the replay began is the allocator's doing. Checked before
 * the op's result, which the call leaves meaningless. */
static bool check_setup_calls(struct checker *checker, const struct trace_op *op)
{
    size_t calls = mem_setup_calls() - checker->setup_calls;
    if (calls == 0)
        return true;
    const char *name = mem_last_setup_call();
    return fail_at(checker, op,
                   "the allocator called %s%s during this op: %s (mem_init, mem_deinit and "
                   "mem_reset_brk are the driver's: only it sets memlib up or moves its break "
                   "back, between traces; the heap was %zu bytes before this op, %zu after)",
                   calls > 1 ? "memlib's set-up functions, last " : "", name,
                   setup_call_effect(name), checker->heap_high, mem_heapsize());
}

static bool check_new_payload(struct checker *checker, const struct trace_op *op,
                              void *payload, const char *function)
{
    char why[400];
    if (!check_setup_calls(checker, op))
        return false;
    if (payload == NULL) {
        if (op->size == 0)
            return true; /* C allows NULL for zero bytes */
        return fail_at(checker, op, "%s returned NULL, expected a pointer to %lu bytes%s",
                       function, (unsigned long)op->size, arena_full_hint());
    }
    if (oracle_check_placement(checker->oracle, payload, op->size,
                               checker->options->alignment, mem_heap_lo(), mem_heap_hi(),
                               why, sizeof why))
        return true;
    return fail_at(checker, op, "%s returned a bad pointer: %s", function, why);
}

/* The heap only grows: memlib refuses a negative mem_sbrk, and an
 * allocator that moved the break back some other way (memlib's
 * mem_reset_brk, the driver's between traces) would have its
 * utilization measured on a heap smaller than the one it used. Nor may
 * it use the rest of the break's page, which is mapped but not heap: a
 * write there (an epilogue header put just past the heap's end, say)
 * would go unseen, since it does not fault. */
/* How the allocator used memlib during this op, or (`in_init`) in the
 * mm_init before it: checked after mm_init too, since the first op's
 * mem_sbrk can cover a byte mm_init wrote past the break, and the write
 * would then be blamed on that op or never seen. */
static bool check_memlib_use(struct checker *checker, const struct trace_op *op, bool in_init)
{
    const char *when = in_init ? "in mm_init, before this op" : "during this op";
    if (!check_setup_calls(checker, op))
        return false;
    if (mem_sbrk_saw_negative())
        return fail_at(checker, op,
                       "the allocator called mem_sbrk with a negative increment %s "
                       "(memlib refuses it; the heap never shrinks)",
                       when);
    size_t heap_bytes = mem_heapsize();
    if (heap_bytes < checker->heap_high)
        return fail_at(checker, op,
                       "the heap shrank from %zu to %zu bytes %s (only the driver may move "
                       "memlib's break back, between traces; or a stray write changed "
                       "memlib's own variables)",
                       checker->heap_high, heap_bytes, when);
    checker->heap_high = heap_bytes;
    size_t past = mem_written_past_break();
    if (past != 0)
        return fail_at(checker, op,
                       "the allocator wrote past the break %s: byte %zu past mem_heap_hi() is "
                       "0x%02x, not zero (the rest of the break's page does not fault, but it "
                       "is not the heap's: mem_sbrk it first)",
                       when, past, ((unsigned char *)mem_heap_hi())[past]);
    return true;
}

static bool check_heap_consistency(struct checker *checker, const struct trace_op *op)
{
    const struct allocator *allocator = checker->allocator;
    if (allocator->checkheap == NULL) {
        if (!checker->warned_no_checkheap && checker->options->narrate)
            printf("  (this allocator has no mm_checkheap: its heap's invariants go "
                   "unchecked%s)\n",
                   allocator->heap_walk != NULL ? "; its mm_heap_walk's blocks are checked"
                                                : "");
        checker->warned_no_checkheap = true;
        return true;
    }
    fflush(stdout);
    checker->progress->in_call = CALL_CHECKHEAP;
    bool consistent = allocator->checkheap((int)(op ? op->line : 0));
    checker->progress->in_call = CALL_NONE;
    if (consistent)
        return true;
    /* Name the lineno it was given, which its own message prints: at the
     * end of the trace that is 0, not the last op's line fail_at names. */
    if (op == NULL)
        return fail_at(checker, op,
                       "mm_checkheap(0), called after the last of its %zu ops, "
                       "reported an inconsistent heap (its message is on stderr)",
                       checker->trace->num_ops);
    return fail_at(checker, op,
                   "mm_checkheap(%lu) reported an inconsistent heap after this op (its message "
                   "is on stderr)",
                   (unsigned long)op->line);
}

/* The blocks of the allocator's mm_heap_walk against the heap and the
 * oracle (walk.c): a live payload in a block the walk calls free, which
 * nothing else sees until the block is handed out again. Called only on
 * a heap mm_checkheap passed, since one it refused may not bear walking;
 * without mm_checkheap, on every heap the op's checks passed, as
 * --blocks draws it: the walk is then the only look at the heap's own
 * structure, and a crash in it is reported as the walk's. Before the
 * payloads are verified: a free block's links written over a live
 * payload are then named for what they are, not as an overwrite. */
static bool check_heap_walk(struct checker *checker, const struct trace_op *op)
{
    char why[400];
    checker->progress->in_call = CALL_WALK_CHECKING;
    bool walk_agrees = walk_check(checker->allocator, checker->trace, checker->oracle, why,
                                  sizeof why);
    checker->progress->in_call = CALL_NONE;
    if (walk_agrees)
        return true;
    return fail_at(checker, op,
                   "mm_heap_walk after this op: %s: either the heap or the walk is wrong",
                   why);
}

/* ---- ops ------------------------------------------------------------ */

static void track_live_bytes(struct checker *checker, uint64_t removed, uint64_t added)
{
    checker->live_bytes = checker->live_bytes - removed + added;
    if (checker->live_bytes > checker->outcome->peak_live_bytes)
        checker->outcome->peak_live_bytes = checker->live_bytes;
}

static bool replay_alloc(struct checker *checker, const struct trace_op *op, bool check)
{
    void *payload = checker->allocator->malloc(op->size);
    if (check && !check_new_payload(checker, op, payload, "mm_malloc"))
        return false;
    if (payload != NULL && check)
        oracle_fill(op->id, payload, 0, op->size);
    oracle_insert(checker->oracle, op->id, payload, op->size, op->line);
    track_live_bytes(checker, 0, op->size);
    narrate(checker, op, payload);
    return true;
}

static bool replay_realloc(struct checker *checker, const struct trace_op *op, bool check)
{
    struct oracle *oracle = checker->oracle;
    size_t old_size = oracle_size(oracle, op->id);
    void *old_payload = oracle_payload(oracle, op->id);
    if (check && !verify_payload(checker, op, op->id, old_size, "before mm_realloc"))
        return false;
    oracle_remove(oracle, op->id);
    void *payload = checker->allocator->realloc(old_payload, op->size);
    if (check && !check_new_payload(checker, op, payload, "mm_realloc"))
        return false;
    oracle_insert(oracle, op->id, payload, op->size, op->line);
    size_t kept = old_size < op->size ? old_size : op->size;
    if (check && payload != NULL &&
        !verify_payload(checker, op, op->id, kept, "mm_realloc lost data"))
        return false;
    if (check && payload != NULL && op->size > old_size)
        oracle_fill(op->id, payload, old_size, op->size);
    track_live_bytes(checker, old_size, op->size);
    narrate(checker, op, payload);
    return true;
}

static bool replay_free(struct checker *checker, const struct trace_op *op, bool check)
{
    struct oracle *oracle = checker->oracle;
    size_t size = oracle_size(oracle, op->id);
    void *payload = oracle_payload(oracle, op->id);
    if (check && !verify_payload(checker, op, op->id, size, "before mm_free"))
        return false;
    oracle_remove(oracle, op->id);
    checker->allocator->free(payload);
    track_live_bytes(checker, size, 0);
    narrate(checker, op, NULL);
    return true;
}

static bool replay_op(struct checker *checker, const struct trace_op *op)
{
    bool check = checker->options->debug_level >= 1;
    bool ok;
    switch (op->kind) {
    case OP_ALLOC:
        ok = replay_alloc(checker, op, check);
        break;
    case OP_REALLOC:
        ok = replay_realloc(checker, op, check);
        break;
    default:
        ok = replay_free(checker, op, check);
        break;
    }
    if (ok && check)
        ok = check_memlib_use(checker, op, false);
    if (ok && checker->options->debug_level >= 2)
        ok = check_heap_consistency(checker, op) && check_heap_walk(checker, op) &&
             verify_all_live(checker, op, "a live block was overwritten during this op");
    if (ok)
        draw_blocks(checker);
    return ok;
}

/* ---- the pass ------------------------------------------------------- */

static void record_heap_figures(struct check_outcome *outcome)
{
    outcome->heap_bytes = mem_heapsize();
    outcome->pages_mapped = mem_pages_mapped();
    outcome->pages_touched = mem_pages_touched();
    outcome->sbrk_calls = mem_sbrk_calls();
}

bool replay_check(const struct allocator *allocator, const struct trace *trace,
                  struct oracle *oracle, const struct check_options *options,
                  const char *pass_label, struct progress *progress,
                  struct check_outcome *outcome)
{
    struct checker checker = {allocator, trace,   oracle, options, pass_label,
                              outcome,   progress, 0,      false,   0, 0};
    memset(outcome, 0, sizeof *outcome);
    outcome->valid = true;
    oracle_reset(oracle);
    mem_reset_brk();
    const struct trace_op *first_op = trace->num_ops ? &trace->ops[0] : NULL;
    progress->line = 0;
    if (replay_call_init(allocator, progress) < 0)
        return fail_at(&checker, first_op,
                       "mm_init failed (returned a negative value) before this op");
    /* A set-up call in mm_init, on a heap with nothing live, harms only
     * if it leaves no arena; from here on, any is the allocator's. */
    if (mem_heap_lo() == NULL)
        return fail_at(&checker, first_op,
                       "mm_init called mem_deinit before this op: %s (mem_init and mem_deinit "
                       "are the driver's, once per run)",
                       setup_call_effect("mem_deinit"));
    checker.setup_calls = mem_setup_calls();
    if (options->debug_level >= 1 && !check_memlib_use(&checker, first_op, true))
        return false;
    if (options->narrate && options->draw_blocks) {
        printf("  %-48s live %10d B  heap %10zu B\n", "after mm_init", 0, mem_heapsize());
        draw_blocks(&checker);
    }
    for (size_t i = 0; i < trace->num_ops; i++) {
        const struct trace_op *op = &trace->ops[i];
        progress->line = op->line;
        if (!replay_op(&checker, op))
            break;
        if (options->observer != NULL)
            options->observer(options->observer_context, i, op, checker.live_bytes,
                              mem_heapsize());
        progress->op_index = i + 1;
    }
    if (outcome->valid && options->debug_level >= 1) {
        if (verify_all_live(&checker, NULL, "a block still live at the end was overwritten"))
            check_heap_consistency(&checker, NULL);
    }
    record_heap_figures(outcome);
    return outcome->valid;
}

int replay_call_init(const struct allocator *allocator, struct progress *progress)
{
    progress->in_call = CALL_INIT;
    int status = allocator->init();
    progress->in_call = CALL_NONE;
    return status;
}

const char *replay_phase_name(int phase)
{
    switch (phase) {
    case PHASE_SETUP:
        return "the set-up, before the first op";
    case PHASE_LIBC_SPACE:
        return "the replay that measures libc's space";
    case PHASE_CHECK:
        return "the correctness pass";
    case PHASE_RECHECK:
        return "the second correctness pass";
    case PHASE_TIMING:
        return "the timing pass";
    case PHASE_FINISHED:
        return "finishing";
    default:
        return "an unknown phase";
    }
}
