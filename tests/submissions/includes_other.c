/*
 * includes_other.c - a sample submission for tools/grade: its allocator
 * is another file, read by the compiler through #include. Here it is
 * the sample good.c, found through the -I the grader gives for mm.h; in
 * a class it would be a classmate's mm.c in the build folder next door
 * (../alice/mm.c), or a trace compiled in as data. No symbol shows it:
 * the grader must read the compiler's list of the files it opened, and
 * not run the submission (rule c).
 */
#include "tests/submissions/good.c"
