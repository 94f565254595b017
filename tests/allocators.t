#!/usr/bin/env bash
# Every compiled-in allocator is correct on every trace: the default
# suite with every op checked and mm_checkheap at the end of each pass,
# and the short and corner-case traces with mm_checkheap and every live
# payload verified after every op (-d 2). (-d 2 over every trace takes
# about four minutes for all allocators: `make check-d2`, run by CI.)
source "$(dirname "$0")/lib.sh"

allocators=$("$BUILD/mdriver" --list | awk '{print $1}')
small_traces=(traces/short1.rep traces/short2.rep traces/corner-*.rep)

for allocator in $allocators; do
    run_driver -a "$allocator" --no-timing -v
    if [ "$status" = 0 ]; then
        pass "$allocator: every default-suite trace valid"
    else
        fail "$allocator: every default-suite trace valid" "$(echo "$err" | head -5)"
    fi
    args=()
    for trace in "${small_traces[@]}"; do args+=(-f "$trace"); done
    run_driver -a "$allocator" --no-timing -d 2 "${args[@]}"
    if [ "$status" = 0 ]; then
        pass "$allocator: short and corner traces valid at -d 2"
    else
        fail "$allocator: short and corner traces valid at -d 2" "$(echo "$err" | head -5)"
    fi
done

plan "$TEST_NUMBER"
done_testing
