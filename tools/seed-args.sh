# tools/seed-args.sh - what tools/stress.sh and tools/seeds.sh both do with
# their arguments and settings (sourced, before they change folder).
#
# from_caller PATH: PATH as given by the caller, made absolute against the
# caller's folder. A path from the environment is the caller's, relative
# to where it runs; the scripts then run from the project's folder, where
# their defaults are (a relative STRESS_DRIVER was looked for there, and
# said missing).
from_caller() { case $1 in /*) printf '%s' "$1" ;; *) printf '%s/%s' "$PWD" "$1" ;; esac; }

# settings_from PREFIX WORK: $driver, $gentrace and $work from
# PREFIX_DRIVER, PREFIX_GENTRACE and PREFIX_DIR where they are set (the
# caller's paths), otherwise ./mdriver, tools/gentrace and WORK.
settings_from() {
    local setting
    driver=./mdriver gentrace=tools/gentrace work=$2
    setting=$1_DRIVER
    [ -z "${!setting-}" ] || driver=$(from_caller "${!setting}")
    setting=$1_GENTRACE
    [ -z "${!setting-}" ] || gentrace=$(from_caller "${!setting}")
    setting=$1_DIR
    [ -z "${!setting-}" ] || work=$(from_caller "${!setting}")
}

# need_programs PROGRAM PREFIX: $driver and $gentrace can be run; else a
# message naming the one that cannot, and the setting that names it
# (PREFIX_DRIVER, PREFIX_GENTRACE), and status 2: a setup error, not a
# failed seed.
need_programs() {
    local program=$1 prefix=$2
    if [ ! -x "$driver" ]; then
        echo "$program: no driver at $driver (${prefix}_DRIVER): run 'make mdriver' first, or name one" >&2
        exit 2
    fi
    if [ ! -x "$gentrace" ]; then
        echo "$program: no trace generator at $gentrace (${prefix}_GENTRACE): run 'make tools/gentrace' first, or name one" >&2
        exit 2
    fi
}

# make_folder PROGRAM PREFIX DIR: DIR made (and its parents); else a
# message naming it and PREFIX_DIR, and status 2 (mkdir's own words
# alone, "File exists", named neither).
make_folder() {
    local why
    why=$(mkdir -p -- "$3" 2>&1) && return 0
    echo "$1: cannot make the folder $3 (${2}_DIR): ${why##*: }" >&2
    exit 2
}

# generate PROGRAM ARGS...: "$gentrace" ARGS...; if it fails, a message
# with its status, and status 2 (it exited 1 without a word, which read
# as a failed seed).
generate() {
    local program=$1 status=0
    shift
    "$gentrace" "$@" >/dev/null || status=$?
    [ "$status" = 0 ] && return 0
    echo "$program: $gentrace $* failed (exit $status)" >&2
    exit 2
}

# seed_number PROGRAM NAME VALUE MIN: VALUE, a seed or a count of seeds,
# printed as a decimal whole number (bash arithmetic would take 010 for
# octal 8 and refuse 08) if it is one from MIN to gentrace's largest seed,
# 4294967295; otherwise a message naming NAME on stderr, and status 1.
seed_number() {
    local program=$1 name=$2 value=$3 min=$4
    if [[ $value =~ ^0*([0-9]{1,10})$ ]] && ((10#${BASH_REMATCH[1]} >= min && 10#${BASH_REMATCH[1]} <= 4294967295)); then
        echo $((10#${BASH_REMATCH[1]}))
    else
        echo "$program: $name must be a decimal whole number from $min to 4294967295, got '$value'" >&2
        return 1
    fi
}
