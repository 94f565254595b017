/*
 * tap.h - the smallest TAP producer: enough for prove to read.
 */
#ifndef TESTS_TAP_H
#define TESTS_TAP_H

#include <stdbool.h>
#include <stdio.h>

static int tap_count;
static int tap_failures;

/* Record one result; returns it so callers can add diagnostics. */
static bool tap_ok(bool passed, const char *description)
{
    tap_count++;
    if (!passed)
        tap_failures++;
    printf("%sok %d - %s\n", passed ? "" : "not ", tap_count, description);
    return passed;
}

static int tap_done(void)
{
    printf("1..%d\n", tap_count);
    return tap_failures ? 1 : 0;
}

#endif /* TESTS_TAP_H */
