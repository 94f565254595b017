# tools/locale.sh - sourced by the scripts that print or read figures
# (bench.sh, seeds.sh, plot.sh) and by tests/lib.sh: one locale for all
# of them, whatever the caller's. Under one with a decimal comma (de_DE)
# bash's printf refused "92.8" and awk printed "92,8", so figures came
# out cut or as -, and gnuplot misread the heap maps. C.UTF-8 where the
# system has it, since gnuplot is told its text is UTF-8 (under plain C
# it warns, once a chart, that it cannot convert a degree sign); else C.
if grep -qixE 'c\.utf-?8' <<<"$(locale -a 2>/dev/null)"; then export LC_ALL=C.UTF-8; else export LC_ALL=C; fi
