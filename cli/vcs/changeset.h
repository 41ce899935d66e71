#ifndef VCS_CHANGESET_H
#define VCS_CHANGESET_H

/*
 * One call for `changed` and `hook pre-commit`: open the stack's
 * repository, list the change set (vcs/diff.h: staged when `rev` is
 * NULL, else since REV), load the stack as it is on the new side and as
 * it was on the old side, and compute what the change affects
 * (vcs/affected.h).
 */
#include "stack/stack.h"
#include "vcs/affected.h"
#include "vcs/diff.h"

struct changeset {
	struct vcs *vcs;
	struct vcs_changes changes;
	struct stack *st;		/* the new side's stack */
	struct stack *old;		/* NULL: none, or it did not load */
	char *prefix;			/* the stack directory in the repo */
	char *stack_rel;		/* the stack file in the repo */
	struct affected aff;
};

#define CHANGESET_INIT { NULL, VCS_CHANGES_INIT, NULL, NULL, NULL, NULL, AFFECTED_INIT }

/*
 * Fills *out (caller releases, also on failure).  Errors: ERR_NOTFOUND
 * outside a repository or for an unknown REV; the new stack's own load
 * error (ERR_INPUT with FILE:LINE:COL) when it does not load.
 */
int changeset_build(struct changeset *out, const char *stack_path,
		    const char *rev, struct err *err);
void changeset_release(struct changeset *cs);

#endif
