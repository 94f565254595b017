#!/usr/bin/env bash
# The oracle's ordered map and patterns: tests/test_oracle.c.
exec "${BUILD:-build}/tests/test_oracle"
