/*
 * nobits_table.c - a sample submission for tools/grade: an implicit
 * first-fit list whose boundary tags live in a 64 MiB side table outside
 * the heap, so payloads carry no header at all. The table is in a no-bits
 * section marked allocatable but not writable ("a"), which objdump flags
 * ALLOC, READONLY; the linker places it after .bss, in the writable
 * segment, where writes work. Rule b measures the object linked, so it
 * counts the 64 MiB (tests/grade.t).
 */
#include "mm.h"
#include "memlib.h"
#include <stdint.h>
#include <string.h>

#define MAX_WORDS (16u << 20)
__asm__(".section .sidetab,\"a\",@nobits\n.p2align 6\nsidetab_sym:\n.zero 67108864\n.previous\n");
extern uint32_t tag[] __asm__("sidetab_sym");
static char *lo;
static size_t hw; /* heap words */

static void set(size_t b, size_t n, int used) { tag[b] = tag[b + n - 1] = (uint32_t)(n << 1 | (used ? 1u : 0u)); }
static size_t words(size_t size) { return size == 0 ? 1 : (size + 7) / 8; }

int mm_init(void) {
    memset(tag, 0, hw * sizeof tag[0]);
    hw = 0;
    lo = mem_heap_lo();
    return 0;
}
static size_t coalesce(size_t b) {
    size_t n = tag[b] >> 1;
    if (b + n < hw && !(tag[b + n] & 1)) n += tag[b + n] >> 1;
    if (b > 0 && !(tag[b - 1] & 1)) { size_t p = tag[b - 1] >> 1; b -= p; n += p; }
    set(b, n, 0);
    return b;
}
static void place(size_t b, size_t n) {
    size_t sz = tag[b] >> 1;
    if (sz > n) { set(b, n, 1); set(b + n, sz - n, 0); } else set(b, sz, 1);
}
void *mm_malloc(size_t size) {
    if (size == 0) return NULL;
    size_t n = words(size);
    for (size_t b = 0; b < hw; b += tag[b] >> 1)
        if (!(tag[b] & 1) && (tag[b] >> 1) >= n) { place(b, n); return lo + b * 8; }
    size_t b = hw, have = 0;
    if (hw > 0 && !(tag[hw - 1] & 1)) { have = tag[hw - 1] >> 1; b = hw - have; }
    if (b + n > MAX_WORDS || mem_sbrk((intptr_t)((n - have) * 8)) == (void *)-1) return NULL;
    hw = b + n;
    set(b, n, 1);
    return lo + b * 8;
}
void mm_free(void *p) {
    if (!p) return;
    size_t b = (size_t)((char *)p - lo) / 8;
    set(b, tag[b] >> 1, 0);
    coalesce(b);
}
void *mm_realloc(void *p, size_t size) {
    if (!p) return mm_malloc(size);
    if (size == 0) { mm_free(p); return NULL; }
    size_t b = (size_t)((char *)p - lo) / 8, sz = tag[b] >> 1, n = words(size);
    if (n <= sz) { if (n < sz) { set(b, n, 1); set(b + n, sz - n, 0); coalesce(b + n); } return p; }
    size_t next = b + sz < hw && !(tag[b + sz] & 1) ? tag[b + sz] >> 1 : 0;
    if (sz + next >= n) { set(b, sz + next, 1); place(b, n); if (b + n < hw && !(tag[b + n] & 1)) coalesce(b + n); return p; }
    if (b + sz + next == hw) {
        if (b + n > MAX_WORDS || mem_sbrk((intptr_t)((n - sz - next) * 8)) == (void *)-1) return NULL;
        hw = b + n; set(b, n, 1); return p;
    }
    void *q = mm_malloc(size);
    if (!q) return NULL;
    memcpy(q, p, sz * 8);
    mm_free(p);
    return q;
}
