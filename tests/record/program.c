/*
 * program.c - a program with known malloc calls, for tests/record.t:
 * the recorder must log exactly these (tests/record/expected.rep), and
 * none of what a forked child or the threads in `threads` mode do is
 * allowed to break the order.
 *
 *   program            the calls below, then exit normally
 *   program threads    4 threads x 2000 malloc/free pairs as well
 *   program fork       a forked child's calls, which are not recorded
 *   program _Fork      the same with _Fork, which runs no fork handlers
 *   program exit3      the calls below, then exit status 3
 *   program _exit5     the calls below, then _exit(5) (no destructors)
 *   program abort      the calls below, then abort (no end in the log)
 *   program cancel     a thread doing malloc/free pairs is cancelled
 *                      (60000 pairs), then one more malloc
 *   program alarm-exit7  malloc/free pairs until a timer's signal
 *                      handler calls _exit(7), likely inside a call
 *   program alarm-exit8  the same with exit(8), and an atexit function
 *                      that calls malloc and free
 *   program closefds FILE  every descriptor from 3 up is closed, FILE
 *                      is opened (on the log's old number) and gets one
 *                      line, among 3000 malloc/free pairs
 *   program exec-true  3000 malloc/free pairs as well (more than the
 *                      recorder buffers), then execlp("true"), which
 *                      makes no malloc call
 *   program exec-fails the same, but the exec fails (no such program),
 *                      and the program goes on: one more malloc
 *   program vfork      a vfork'ed child runs true with execlp (the
 *                      child shares the recorder's memory), then one more
 *                      malloc in the parent
 *   program quick_exit 3000 malloc/free pairs as well, then
 *                      quick_exit(6), which skips the destructors and
 *                      reaches _exit inside glibc
 *   program exit137    the calls below, then exit(137), the status a
 *                      shell also gives a program killed by SIGKILL
 *   program churn-slowly  malloc/free pairs, one a millisecond, until
 *                      a signal ends it (timeout(1))
 *   program fork-stdio 2 threads open, write, fflush(NULL) and close
 *                      files (stdio's locks, and malloc under them) while
 *                      the main thread forks 2000 children, then prints
 *                      "done"
 */
#define _GNU_SOURCE /* reallocarray */
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

/* The compiler may drop a malloc/free pair whose block is never used. */
static void *volatile sink;

/* Each block goes through `sink`, so that none of these calls is
 * optimized away. */
static void *kept(void *block)
{
    sink = block;
    return block;
}

static void *churn(void *unused)
{
    (void)unused;
    for (int i = 0; i < 2000; i++) {
        free(kept(malloc((size_t)(16 + i % 100))));
    }
    return NULL;
}

/* malloc/free pairs until cancelled: the thread cancels itself after
 * CANCEL_AFTER_PAIRS and looks for the cancellation only every
 * CANCEL_CHECK_PAIRS. The recorder writes its log far more often (every
 * 1024 pairs), and write(2) is a cancellation point: that is where the
 * cancellation would land if the recorder let it. */
enum { CANCEL_AFTER_PAIRS = 50000, CANCEL_CHECK_PAIRS = 20000 };

static void *churn_until_cancelled(void *unused)
{
    (void)unused;
    for (unsigned long i = 1;; i++) {
        free(kept(malloc(32)));
        if (i == CANCEL_AFTER_PAIRS)
            pthread_cancel(pthread_self());
        if (i % CANCEL_CHECK_PAIRS == 0)
            pthread_testcancel();
    }
    return NULL;
}

static void cancel_a_thread(void)
{
    pthread_t thread;
    pthread_create(&thread, NULL, churn_until_cancelled, NULL);
    pthread_join(thread, NULL);
    kept(malloc(5));
}

static void close_descriptors_then_write(const char *path)
{
    for (int fd = 3; fd < 1024; fd++)
        close(fd);
    FILE *report = fopen(path, "w");
    if (report == NULL)
        exit(1);
    for (int i = 0; i < 3000; i++)
        free(kept(malloc((size_t)(16 + i % 100))));
    fprintf(report, "report line\n");
    fclose(report);
}

static void churn_pairs(int pairs)
{
    for (int i = 0; i < pairs; i++)
        free(kept(malloc((size_t)(16 + i % 100))));
}

static void exec_true_in_vfork_child(void)
{
    pid_t child = vfork();
    if (child == 0) {
        execlp("true", "true", (char *)NULL);
        _exit(127);
    }
    waitpid(child, NULL, 0);
    kept(malloc(5));
}

static void exit_7(int signal_number)
{
    (void)signal_number;
    _exit(7);
}

static void exit_8(int signal_number)
{
    (void)signal_number;
    exit(8); /* not async-signal-safe, but programs do it */
}

static void allocate_at_exit(void)
{
    free(kept(malloc(32)));
}

/* A timer every 20 us, and malloc/free pairs until its handler ends the
 * process: most of the loop's time is inside malloc and free, so the
 * signal most likely lands in the middle of one (bounded at 10 s). */
static void churn_until_alarm_exits(void (*handler)(int))
{
    signal(SIGALRM, handler);
    struct itimerval every_20us = {{0, 20}, {0, 20}};
    setitimer(ITIMER_REAL, &every_20us, NULL);
    for (long i = 0; i < 100000000; i++)
        free(kept(malloc(64)));
}

/* fflush(NULL) holds stdio's lock on its list of files while it takes
 * each file's; fopen's buffer comes from malloc under the file's. */
static void *use_stdio(void *unused)
{
    (void)unused;
    for (int i = 0; i < 20000; i++) {
        FILE *file = fopen("/dev/null", "w");
        if (file == NULL)
            exit(1);
        fprintf(file, "%d", i);
        fflush(NULL);
        fclose(file);
    }
    return NULL;
}

static void fork_beside_stdio(void)
{
    pthread_t threads[2];
    for (int i = 0; i < 2; i++)
        pthread_create(&threads[i], NULL, use_stdio, NULL);
    for (int i = 0; i < 2000; i++) {
        pid_t child = fork();
        if (child == 0)
            _exit(0);
        waitpid(child, NULL, 0);
    }
    for (int i = 0; i < 2; i++)
        pthread_join(threads[i], NULL);
    puts("done");
}

static void known_calls(void)
{
    char *a = kept(malloc(10));              /* a 0 10 */
    char *b = kept(calloc(3, 8));            /* a 1 24 */
    a = kept(realloc(a, 100));               /* r 0 100 */
    a = kept(realloc(a, 40));                /* r 0 40 */
    free(b);                                 /* f 1 */
    char *c = kept(realloc(NULL, 7));        /* a 1 7: id 1 is reused */
    void *d = NULL;
    if (posix_memalign(&d, 64, 200) != 0)    /* a 2 200 */
        exit(1);
    kept(d);
    free(kept(NULL));                        /* nothing */
    c = kept(reallocarray(c, 5, 3));         /* r 1 15 */
    kept(realloc(c, 0));                     /* f 1: glibc's realloc(p, 0) frees */
    free(d);                                 /* f 2 */
    char *e = kept(malloc(0));               /* a 2 0 */
    free(a);                                 /* f 0 */
    free(e);                                 /* f 2 */
}

int main(int argc, char **argv)
{
    const char *mode = argc > 1 ? argv[1] : "";
    known_calls();
    if (strcmp(mode, "threads") == 0) {
        pthread_t threads[4];
        for (int i = 0; i < 4; i++)
            pthread_create(&threads[i], NULL, churn, NULL);
        for (int i = 0; i < 4; i++)
            pthread_join(threads[i], NULL);
    } else if (strcmp(mode, "fork") == 0) {
        pid_t child = fork();
        if (child == 0) {
            churn(NULL);
            _exit(0);
        }
        waitpid(child, NULL, 0);
        kept(malloc(5)); /* a 0 5: the parent goes on recording */
    } else if (strcmp(mode, "_Fork") == 0) {
        pid_t child = _Fork();
        if (child == 0) {
            churn(NULL);
            exit(0);
        }
        waitpid(child, NULL, 0);
        kept(malloc(5));
    } else if (strcmp(mode, "exit3") == 0) {
        exit(3);
    } else if (strcmp(mode, "_exit5") == 0) {
        _exit(5);
    } else if (strcmp(mode, "cancel") == 0) {
        cancel_a_thread();
    } else if (strcmp(mode, "closefds") == 0 && argc > 2) {
        close_descriptors_then_write(argv[2]);
    } else if (strcmp(mode, "alarm-exit7") == 0) {
        churn_until_alarm_exits(exit_7);
    } else if (strcmp(mode, "alarm-exit8") == 0) {
        atexit(allocate_at_exit);
        churn_until_alarm_exits(exit_8);
    } else if (strcmp(mode, "abort") == 0) {
        abort();
    } else if (strcmp(mode, "exec-true") == 0) {
        churn_pairs(3000);
        execlp("true", "true", (char *)NULL);
        return 127;
    } else if (strcmp(mode, "exec-fails") == 0) {
        churn_pairs(3000);
        execlp("no-such-program-here", "no-such-program-here", (char *)NULL);
        kept(malloc(5));
    } else if (strcmp(mode, "vfork") == 0) {
        exec_true_in_vfork_child();
    } else if (strcmp(mode, "quick_exit") == 0) {
        churn_pairs(3000);
        quick_exit(6);
    } else if (strcmp(mode, "exit137") == 0) {
        exit(137);
    } else if (strcmp(mode, "churn-slowly") == 0) {
        for (;;) {
            churn_pairs(1);
            usleep(1000);
        }
    } else if (strcmp(mode, "fork-stdio") == 0) {
        fork_beside_stdio();
    }
    return 0;
}
