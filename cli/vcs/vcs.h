#ifndef VCS_VCS_H
#define VCS_VCS_H

/*
 * The libgit2 wrapper: repository root, HEAD commit, paths changed since a
 * revision, dirty check, and git blob ids of files (the digests plan
 * manifests use: `git hash-object FILE` gives the same).  libgit2 handles
 * never leave this module.
 */
#include <stddef.h>

#include "util/err.h"

#define VCS_OID_HEX 41		/* 40 hex digits and the NUL */

struct vcs;

/* Finds the repository containing `path`.  ERR_NOTFOUND outside one.
 * Caller frees with vcs_free(). */
int vcs_open(struct vcs **out, const char *path, struct err *err);
void vcs_free(struct vcs *v);
/* The working directory, with a trailing '/'; borrowed. */
const char *vcs_root(const struct vcs *v);

/* HEAD's commit id.  ERR_NOTFOUND on an unborn branch. */
int vcs_head(char out[VCS_OID_HEX], struct vcs *v, struct err *err);
/* HEAD's committer time (seconds since the epoch). */
int vcs_head_time(long long *out, struct vcs *v, struct err *err);

/*
 * Paths (relative to the root, '/'-separated) that differ between REV's
 * tree and the working directory (staged, unstaged and untracked alike,
 * both sides of renames).  Appended to *paths (array of owned strings,
 * grown with ALLOC_GROW; free each and the array).  ERR_NOTFOUND when REV
 * does not name a commit.
 */
int vcs_changed_paths(char ***paths, size_t *nr, size_t *alloc,
		      struct vcs *v, const char *rev, struct err *err);

/* 1 when the working directory or index differs from HEAD (untracked
 * files included), else 0. */
int vcs_is_dirty(int *out, struct vcs *v, struct err *err);

/* The git blob id of a file's content (no repository needed). */
int vcs_hash_file(char out[VCS_OID_HEX], const char *path, struct err *err);

#endif
