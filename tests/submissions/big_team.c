/*
 * big_team.c - a sample submission for tools/grade: does not include
 * mm.h, so it can give `team`, the handout's record that rule b exempts,
 * any type: here the record plus a 32 KiB table. The exemption covers a
 * team_t's worth of bytes, not whatever is called team (rule b).
 */
#include "memlib.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>

int mm_init(void);
void *mm_malloc(size_t size);
void mm_free(void *ptr);
void *mm_realloc(void *ptr, size_t size);

struct {
    char *teamname, *name1, *id1, *name2, *id2;
    void *class_heads[4096];
} team = {"big_team", "Sample Student", "team@example.edu", "", "", {0}};

int mm_init(void)
{
    memset(team.class_heads, 0, sizeof team.class_heads);
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
