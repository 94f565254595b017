#!/usr/bin/env bash
# Unit tests in C (tests/test_mm.c): mm.c through its interface, where the
# driver's traces cannot reach; built by make test-programs; under
# valgrind when VALGRIND=1.
program="${BUILD:-build}/tests/test_mm"
if [ "${VALGRIND:-0}" = 1 ]; then
    exec valgrind -q --error-exitcode=99 "$program"
fi
exec "$program"
