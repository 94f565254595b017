#!/usr/bin/env bash
# Every allocator's mm_checkheap can fail (tests/test_checkheap.c and
# tests/checkheap/): each stated invariant, broken on its own, is refused
# by name. Built by make test-programs; under valgrind when VALGRIND=1.
program="${BUILD:-build}/tests/test_checkheap"
if [ "${VALGRIND:-0}" = 1 ]; then
    exec valgrind -q --error-exitcode=99 "$program"
fi
exec "$program"
