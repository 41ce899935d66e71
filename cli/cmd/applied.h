#ifndef CMD_APPLIED_H
#define CMD_APPLIED_H

/*
 * Which plans were applied, beyond one plan directory: a bundle is
 * extracted into a fresh folder for every apply, so its own applied.json
 * is gone the next time.  Each applied plan also leaves
 * <root>/.mds/applied/<env>/<sha256 of its manifest.json>.json, found
 * again whether the same plan comes back through --bundle or --plan DIR.
 * A new plan with the very same manifest (a fake terragrunt, or nothing
 * that differs) is a new plan: `plan` removes the mark (applied_forget).
 */
#include "util/err.h"

/* The mark of the plan in `plan_dir`, or NULL when its manifest cannot be
 * read (then there is nothing to mark).  Caller frees. */
char *applied_mark_path(const char *root, const char *env,
			const char *plan_dir);
/* Removes the mark of the plan in `plan_dir`, if any. */
int applied_forget(const char *root, const char *env, const char *plan_dir,
		   struct err *err);

#endif
