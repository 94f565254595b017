#!/usr/bin/env bash
# Unit tests in C (tests/test_trace.c), built by make test-programs; under
# valgrind when VALGRIND=1. BIG_TRACE_TESTS=1 adds the test of a trace
# past line 2^32 - 1 (4 GiB of blank lines read: about a minute), skipped
# otherwise.
program="${BUILD:-build}/tests/test_trace"
if [ "${VALGRIND:-0}" = 1 ]; then
    exec valgrind -q --error-exitcode=99 "$program"
fi
exec "$program"
