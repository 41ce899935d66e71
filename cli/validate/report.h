#ifndef VALIDATE_REPORT_H
#define VALIDATE_REPORT_H

/*
 * Building a validate_report (internal to cli/validate/).
 *
 * The input checks run once per environment; a mistake in a component's
 * common inputs would then be reported once per environment.  Instead a
 * problem added with an environment is merged with an identical one (same
 * positions, same words) and remembers every environment it was seen in;
 * validate_report_finish() names those environments when they are not all
 * of them: "(environments: dev)".
 */
#include <stdarg.h>

#include "validate/validate.h"

/*
 * Appends a problem at FILE:LINE:COL (or merges it, see above, when `env`
 * is not VALIDATE_NO_ENV).  Returns it, borrowed, for validate_problem_note.
 */
#define VALIDATE_NO_ENV ((size_t)-1)
struct validate_problem *validate_report_add(struct validate_report *r,
					     size_t env, const char *file,
					     unsigned line, unsigned col,
					     const char *note_file,
					     unsigned note_line,
					     unsigned note_col,
					     const char *note,
					     const char *fmt, ...)
	__attribute__((format(printf, 10, 11)));

/*
 * Appends a fatal problem from a loader's error, whose message is
 * "FILE:LINE:COL: what" or "FILE:LINE: what" (split back into a position),
 * or anything else (then `file`, the file being read, is the position).
 */
void validate_report_error(struct validate_report *r, const char *file,
			   const struct err *err);

/*
 * For the problems from index `from` on: names the environments of those
 * not seen in all `nr_envs` of them (`env_names` indexed as the
 * environments were passed to _add), then sorts them by line and column,
 * keeping the order of problems at the same position.
 */
void validate_report_finish(struct validate_report *r, size_t from,
			    const char *const *env_names, size_t nr_envs);

#endif
