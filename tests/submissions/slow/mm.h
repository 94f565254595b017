/* slow/mm.h - a stale copy of the handout header next to the student's
 * mm.c. The grader copies only mm.c and builds against the project's
 * mm.h, so this file must never be used. */
#error "tools/grade used the submission's own mm.h"
