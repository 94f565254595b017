/*
 * partial-file.h - a trace written whole or not at all, for the tools
 * that write them (gentrace, log2rep): each includes this once.
 *
 * The trace is written to PATH.partial and renamed to PATH once whole,
 * so a write that fails (a full disk, a file size limit) or a process
 * stopped midway (Ctrl-C, SIGTERM, SIGHUP, SIGXFSZ) leaves an old PATH
 * as it was, never half a trace under its name, and no PATH.partial
 * either. PATH itself is written in place where a rename would lose
 * something: when it is not a regular file (a device, a pipe, or a
 * symbolic link such as /dev/stdout), when it has other hard links, and
 * when its folder takes no new file (a writable file in a read-only
 * folder). A file replaced keeps its permission bits.
 *
 * Needs _POSIX_C_SOURCE 200809L (lstat, fchmod, fileno, unlink).
 */
#ifndef TOOLS_PARTIAL_FILE_H
#define TOOLS_PARTIAL_FILE_H

#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* PATH.partial while it is being written, else NULL. */
static char *volatile partial_path;

/* The signals that end a process midway, and what they did before. */
static const int PARTIAL_STOP_SIGNALS[] = {SIGINT, SIGTERM, SIGHUP, SIGXFSZ};
enum { PARTIAL_STOP_SIGNAL_COUNT = sizeof PARTIAL_STOP_SIGNALS / sizeof PARTIAL_STOP_SIGNALS[0] };
static bool partial_caught[PARTIAL_STOP_SIGNAL_COUNT];
static void (*partial_old_handlers[PARTIAL_STOP_SIGNAL_COUNT])(int);

static void partial_restore_signals(void)
{
    for (int i = 0; i < PARTIAL_STOP_SIGNAL_COUNT; i++)
        if (partial_caught[i])
            signal(PARTIAL_STOP_SIGNALS[i], partial_old_handlers[i]);
}

/* Remove PATH.partial: on an error, and on the way out of a run that
 * did not finish. */
static void partial_remove(void)
{
    char *path = partial_path;
    if (path == NULL)
        return;
    int saved_errno = errno; /* the caller may still name the cause */
    remove(path); /* before forgetting it: a signal in between unlinks it again, harmlessly */
    partial_path = NULL;
    free(path);
    partial_restore_signals();
    errno = saved_errno;
}

/* A signal that ends the process: the half-written file goes first
 * (unlink is safe in a handler), then the signal does what it did. */
static void partial_remove_on_signal(int signal_number)
{
    if (partial_path != NULL)
        unlink(partial_path);
    signal(signal_number, SIG_DFL);
    raise(signal_number);
}

/* Catch the stop signals, except those the caller ignores (a shell's
 * `trap '' XFSZ` makes a size limit a write error, handled as one). */
static void partial_catch_signals(void)
{
    for (int i = 0; i < PARTIAL_STOP_SIGNAL_COUNT; i++) {
        void (*old)(int) = signal(PARTIAL_STOP_SIGNALS[i], partial_remove_on_signal);
        partial_caught[i] = old != SIG_IGN && old != SIG_ERR;
        partial_old_handlers[i] = old;
        if (old == SIG_IGN)
            signal(PARTIAL_STOP_SIGNALS[i], SIG_IGN);
    }
}

/* Open what to write PATH's new contents into (see the top). NULL with
 * errno set if PATH cannot be written at all. */
static FILE *partial_open(const char *path)
{
    struct stat status;
    bool exists = lstat(path, &status) == 0;
    if (exists && (!S_ISREG(status.st_mode) || status.st_nlink > 1))
        return fopen(path, "w");
    static const char suffix[] = ".partial";
    char *partial = malloc(strlen(path) + sizeof suffix);
    if (partial == NULL)
        return fopen(path, "w");
    strcpy(partial, path);
    strcat(partial, suffix);
    partial_path = partial;
    partial_catch_signals();
    FILE *out = fopen(partial, "w");
    if (out == NULL) { /* the folder takes no new file: write in place */
        partial_remove();
        return fopen(path, "w");
    }
    if (exists)
        fchmod(fileno(out), status.st_mode & 07777);
    return out;
}

/* Once the file is closed without error: put it in place. Returns false
 * (errno set, PATH.partial removed) if the rename fails. */
static bool partial_finish(const char *path)
{
    char *partial = partial_path;
    if (partial == NULL)
        return true; /* written in place */
    bool renamed = rename(partial, path) == 0;
    if (renamed) {
        partial_path = NULL;
        free(partial);
        partial_restore_signals();
    } else {
        partial_remove();
    }
    return renamed;
}

#endif
