/*
 * exec-early-main.c - the program linked with exec-early.c's library
 * (tests/record.t): one malloc and free, so that a run that is not
 * replaced by the constructor's exec leaves a trace.
 */
#include <stdlib.h>

void exec_early_linked(void);

int main(void)
{
    exec_early_linked();
    void *volatile block = malloc(10);
    free(block);
    return 0;
}
