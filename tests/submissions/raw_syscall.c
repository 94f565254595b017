/*
 * raw_syscall.c - a sample submission for tools/grade: asks the kernel
 * for memory itself, with the system-call instruction in inline
 * assembly. Big blocks come from an mmap that memlib never sees, so the
 * heap that utilization divides by holds only the small ones. No name
 * it uses is forbidden (there is no call to mmap or syscall, and so no
 * undefined symbol): the grader must find the instruction in mm.o.
 */
#include "mm.h"
#include "memlib.h"

#include <stddef.h>
#include <stdint.h>

enum { BIG = 4096 };

static long raw_mmap(size_t bytes)
{
    long result = -1;
#if defined(__x86_64__)
    register long flags __asm__("r10") = 0x22; /* MAP_PRIVATE | MAP_ANONYMOUS */
    register long fd __asm__("r8") = -1;
    register long offset __asm__("r9") = 0;
    __asm__ volatile("syscall"
                     : "=a"(result)
                     : "a"(9L), "D"(0L), "S"((long)bytes), "d"(3L), "r"(flags), "r"(fd), "r"(offset)
                     : "rcx", "r11", "memory");
#elif defined(__aarch64__)
    register long x0 __asm__("x0") = 0;
    register long x1 __asm__("x1") = (long)bytes;
    register long x2 __asm__("x2") = 3;
    register long x3 __asm__("x3") = 0x22;
    register long x4 __asm__("x4") = -1;
    register long x5 __asm__("x5") = 0;
    register long x8 __asm__("x8") = 222;
    __asm__ volatile("svc #0" : "+r"(x0) : "r"(x1), "r"(x2), "r"(x3), "r"(x4), "r"(x5), "r"(x8) : "memory");
    result = x0;
#else
    (void)bytes;
#endif
    return result;
}

int mm_init(void) { return 0; }

void *mm_malloc(size_t size)
{
    size = (size + 15) & ~(size_t)15;
    if (size >= BIG) {
        long p = raw_mmap(size);
        if (p >= 0) /* else an error number: take it from memlib */
            return (void *)p;
    }
    void *p = mem_sbrk((intptr_t)size);
    return p == (void *)-1 ? NULL : p;
}

void mm_free(void *ptr) { (void)ptr; }

void *mm_realloc(void *ptr, size_t size)
{
    (void)ptr;
    return mm_malloc(size);
}
