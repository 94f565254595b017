#!/usr/bin/env bash
# The trace reader: tests/test_trace.c, built by make test-programs.
exec "${BUILD:-build}/tests/test_trace"
