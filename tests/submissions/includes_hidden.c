/*
 * includes_hidden.c - a sample submission for tools/grade: includes
 * another file, as includes_other.c does, after a linemarker that says
 * what follows comes from a system header. A compiler asked for the
 * files it read minus the system's (-MMD) then leaves the included file
 * out too; the grader asks for all of them (-MD) and sorts out the
 * system's by their path, so it must still name tests/submissions/good.c
 * (rule c), and not run the submission.
 */
# 1 "/usr/include/not-really.h" 1 3
#include "tests/submissions/good.c"
