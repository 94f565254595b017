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
