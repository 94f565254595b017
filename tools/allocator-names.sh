# shellcheck shell=bash
# tools/allocator-names.sh - the allocator names a driver has, for the
# scripts that take names from their user (tools/bench.sh, seeds.sh and
# plot.sh; sourced). Each checks its names against these before anything
# runs, so that a typo costs nothing, and says what is wrong in its own
# words (which setting named it, whether libc may be named too).
#
# allocator_names PROGRAM WHAT DRIVER [SHOWN]: the names DRIVER --list
# gives (its first column; libc left out, which -l measures and -a does
# not take), one a line. If it gives none (it failed, or is no driver),
# "PROGRAM: SHOWN --list named no allocators: cannot check WHAT" on
# stderr and status 1: the caller exits 2, a usage error, since the
# names it was given cannot be checked. SHOWN: the driver as the user
# named it (default DRIVER), where the script runs a copy.
allocator_names() {
    local names
    if ! names=$("$3" --list </dev/null 2>/dev/null | awk '$1 != "libc" { print $1 }') ||
        [ -z "$names" ]; then
        printf '%s: %s --list named no allocators: cannot check %s\n' "$1" "${4:-$3}" "$2" >&2
        return 1
    fi
    printf '%s\n' "$names"
}

# is_allocator NAME NAMES: NAME is one of NAMES (allocator_names's lines),
# whole: "mm" is not "mm-copy".
is_allocator() { [ -n "$1" ] && grep -qxF -- "$1" <<<"$2"; }

# names_joined NAMES SEPARATOR: NAMES on one line, SEPARATOR between them.
names_joined() { awk -v separator="$2" '{ printf "%s%s", (NR > 1 ? separator : ""), $0 }' <<<"$1"; }
