#!/usr/bin/env bash
# The simulated OS: tests/test_memlib.c, built by make test-programs.
exec "${BUILD:-build}/tests/test_memlib"
