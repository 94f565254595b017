/*
 * reserved_hook.c - a sample submission for tools/grade: code that runs
 * outside the mm_* calls without a constructor. It defines
 * __gmon_start__, the profiling hook that the C runtime's _init calls at
 * start-up if a program defines it, and a destructor, which runs when
 * the driver's process exits, after the trace's results are written.
 * Neither is a start-up section; the grader must refuse the reserved
 * name (C reserves every file-scope name that begins with an underscore)
 * and the exit-time section, and not run the submission.
 */
#include "mm.h"
#include "memlib.h"

#include <stddef.h>
#include <stdint.h>

static int hook_calls;

void __gmon_start__(void);
void __gmon_start__(void) { hook_calls++; }

__attribute__((destructor)) static void at_exit_time(void) { hook_calls++; }

int mm_init(void) { return 0; }

void *mm_malloc(size_t size)
{
    size = (size + 15) & ~(size_t)15;
    void *p = mem_sbrk((intptr_t)size);
    return p == (void *)-1 ? NULL : p;
}

void mm_free(void *ptr) { (void)ptr; }

void *mm_realloc(void *ptr, size_t size)
{
    (void)ptr;
    return mm_malloc(size);
}
