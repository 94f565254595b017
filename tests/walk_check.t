#!/usr/bin/env bash
# Unit tests in C (tests/test_walk.c), built by make test-programs; under
# valgrind when VALGRIND=1.
program="${BUILD:-build}/tests/test_walk"
if [ "${VALGRIND:-0}" = 1 ]; then
    exec valgrind -q --error-exitcode=99 "$program"
fi
exec "$program"
