/*
 * escapes.c - a sample submission for tools/grade: a bump allocator
 * whose mm_init starts a process that leaves the driver's process group
 * and spins for a while. It would outlive the driver run and slow every
 * run timed after it, other students' included. Neither _Fork nor
 * setsid is fork, clone or exec by name: the grader must flag them
 * (rule a, forbidden_os) and not run the submission. For what no name
 * catches, the driver ends whatever a trace leaves running when the
 * trace ends (it adopts orphans, this one included) and fails the trace;
 * the grader kills whatever a run leaves in its group, and runs the
 * driver in a PID namespace of its own where it can, which ends this
 * process too even if the driver is killed (tests/grade.t runs it).
 */
#define _GNU_SOURCE /* _Fork */

#include "mm.h"
#include "memlib.h"

#include <stdint.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static void spin_for_seconds(int seconds)
{
    time_t end = time(NULL) + seconds;
    while (time(NULL) < end)
        ;
}

int mm_init(void)
{
    if (_Fork() == 0) {
        setsid();
        spin_for_seconds(10);
        _exit(0);
    }
    return 0;
}

void *mm_malloc(size_t size)
{
    void *p = mem_sbrk((intptr_t)((size + 15) & ~(size_t)15));
    return p == (void *)-1 ? NULL : p;
}

void mm_free(void *ptr) { (void)ptr; }

void *mm_realloc(void *ptr, size_t size)
{
    void *fresh = mm_malloc(size);
    if (ptr != NULL && fresh != NULL)
        memmove(fresh, ptr, size);
    return fresh;
}
