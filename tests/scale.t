#!/usr/bin/env bash
# Scale: blocks of hundreds of MiB, ids in the millions and billions,
# and a trace that needs more than the default arena (the error names -H).
source "$(dirname "$0")/lib.sh"

big="$TMP_DIR/big.rep"
# One 200 MiB block among small ones; ids far apart, the largest near 2^32.
printf '%s\n' 0 4000000001 8 1 \
    "a 0 64" "a 2000000 209715200" "a 4000000000 24" "r 0 4096" \
    "f 2000000" "a 1999999 100" "f 0" "f 4000000000" > "$big"

run_driver -a mm --no-timing -f "$big"
expect_status "a 200 MiB block does not fit the default 128 MiB arena: exit 1" 1
expect_text "the error names the line, the size and the flag to use" stderr "big.rep:6: size 209715200 is larger than the heap can hold (134217728 bytes; give a bigger arena with -H)"

run_driver -a mm --no-timing -H 1G -v -f "$big"
expect_status "with -H 1G the same trace is valid" 0
expect_text "the table shows it valid" stdout "big.rep                  yes"

grow="$TMP_DIR/grow.rep"
# Each block fits the arena alone, together they do not.
printf '%s\n' 0 3 3 1 "a 0 50000000" "a 1 50000000" "a 2 50000000" > "$grow"
run_driver -a mm --no-timing -f "$grow"
expect_status "a trace that outgrows the arena is invalid" 1
expect_text "the NULL is blamed on the full arena, naming -H" stderr "give a bigger arena with -H"

huge="$TMP_DIR/huge.rep"
# Past 32 bits no arena helps: the message must not send the user to -H.
printf '%s\n' 0 1 2 1 "a 0 5000000000" "f 0" > "$huge"
run_driver -a mm --no-timing -H 8G -f "$huge"
expect_status "a block of 5 GB is refused even with -H 8G: exit 1" 1
expect_text "the error gives the trace format's limit, not -H" stderr "huge.rep:5: size 5000000000 is larger than a trace block may be (4294967295 bytes: sizes are 32-bit)"

plan "$TEST_NUMBER"
done_testing
