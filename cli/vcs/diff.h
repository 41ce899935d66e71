#ifndef VCS_DIFF_H
#define VCS_DIFF_H

/*
 * What changed, for `changed` and `hook pre-commit`: the paths of a diff
 * and the content of one file on either side of it.  libgit2 only: the
 * hook must not pay for a `git` process.
 *
 * Two kinds of change set:
 *  - staged (base NULL): HEAD's tree against the index, what the next
 *    commit would record.  On an unborn branch (the first commit) the
 *    old side is the empty tree.
 *  - since REV: the merge base of REV and HEAD against the working
 *    directory (index, unstaged and untracked files included), as
 *    `git diff REV...` plus the uncommitted work.  On a merge commit that
 *    is everything the merged branch brought that REV lacks.
 * Renames are detected and both their paths are listed.
 */
#include <stddef.h>

#include "util/buf.h"
#include "util/err.h"
#include "vcs/vcs.h"

struct vcs_changes {
	char **paths;		/* repo-relative, '/'-separated, sorted, unique */
	size_t nr, alloc;
	int staged;		/* 1: the new side is the index */
	/* the old side's commit ("" when it is the empty tree) */
	char base[VCS_OID_HEX];
};

#define VCS_CHANGES_INIT { NULL, 0, 0, 0, "" }

/* Fills *out (caller releases).  ERR_NOTFOUND when REV names no commit,
 * or when REV is given and HEAD is unborn. */
int vcs_changes_get(struct vcs_changes *out, struct vcs *v, const char *rev,
		    struct err *err);
void vcs_changes_release(struct vcs_changes *c);

/*
 * The old (`new_side` 0) or new (1) content of `path` (repo-relative) in
 * the change set: old from the base commit, new from the index (staged)
 * or the working directory.  ERR_NOTFOUND when the file does not exist on
 * that side.
 */
int vcs_changes_read(struct buf *out, struct vcs *v,
		     const struct vcs_changes *c, int new_side,
		     const char *path, struct err *err);

#endif
