#!/usr/bin/env bash
# tools/recorder/suite.sh OUTDIR - records the programs whose traces are
# in traces/recorded/ (make recorded-traces writes them there): a
# compiler, two interpreters and a shell, each doing ordinary work.
#
# A recording is not reproducible byte for byte, unlike the generated
# traces: it depends on the versions of the programs and of glibc, on
# the system headers cc1 reads, and perl and python seed their hash
# tables anew on every run. traces/README.md ("Recorded programs") says
# which versions made the shipped files. Needs gcc, perl, python3 and
# bash.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
[ $# -eq 1 ] || { echo "usage: tools/recorder/suite.sh OUTDIR" >&2; exit 2; }
out=$1
mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
record() { "$root/tools/record" -o "$out/$1" -- "${@:2}"; }

# gcc's compiler proper (cc1, which the gcc driver starts) at -O2 on
# memlib.c, preprocessed first so that it reads no headers itself.
gcc -E -I"$root" "$root/memlib.c" -o "$work/memlib.i"
record cc1.rep "$(gcc -print-prog-name=cc1)" -fpreprocessed "$work/memlib.i" -quiet -O2 -o /dev/null

# perl: a hash of 4000 strings of up to 200 bytes, its keys sorted,
# joined into one string and split again.
record perl.rep perl -e 'my %h; for my $i (1..4000) { $h{"key$i"} = "v" x ($i % 200); }
    my @k = sort keys %h; my $s = join(",", @k); my @w = split /,/, $s;'

# python: a dict of 20000 lists, dumped as JSON, split and sorted
# (python keeps objects up to 512 bytes in its own pools: what reaches
# malloc is its bigger objects and its pools' arenas).
record python.rep python3 -c '
import json
d = {}
for i in range(20000):
    d["k%d" % i] = [i] * (i % 50)
s = json.dumps(d)
l = sorted(s.split(","))'

# bash: an array and a string grown item by item in a loop.
record bash.rep bash -c 'a=(); for i in $(seq 1 300); do a+=("item $i"); s="$s$i"; done; echo "${#a[@]} items" >/dev/null'
