/*
 * exec-early.c - a shared library whose constructor runs another program
 * with exec, for tests/record.t: the recorder preloaded beside it must
 * pass that exec through to the C library, though the recorder's own
 * constructor (which runs after this one: a preloaded library's runs
 * last) has not looked the exec functions up yet. With EXEC_EARLY set,
 * the constructor runs `echo exec-early-ran`; if the exec fails, it says
 * why and the program goes on.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

__attribute__((constructor)) static void exec_before_main(void)
{
    if (getenv("EXEC_EARLY") == NULL)
        return;
    unsetenv("EXEC_EARLY");
    char *argv[] = {"echo", "exec-early-ran", NULL};
    execvp("echo", argv);
    fprintf(stderr, "exec-early: execvp failed: %s\n", strerror(errno));
}

/* What the program calls, so that it links this library. */
void exec_early_linked(void)
{
}
