#ifndef RENDER_RENDER_H
#define RENDER_RENDER_H

/*
 * The Terragrunt tree rendered from a stack, and its comparison with disk.
 *
 * Files (paths relative to stack->dir, '/'-separated):
 *	terragrunt/root.hcl                     remote_state (S3 on MinIO)
 *	terragrunt/<env>/env.hcl                the environment's locals
 *	terragrunt/<env>/<component>/terragrunt.hcl
 * Every file starts with STACK_MARKER (stack/stack.h); output is a pure
 * function of the stack (sorted keys, LF, one trailing newline) and is
 * formatted exactly as hclfmt / `terraform fmt` leaves it.
 *
 * Three steps, each usable alone:
 *	render_stack()   stack -> files in memory (no I/O)
 *	render_compare() files vs disk -> the changes (creates, updates,
 *	                 deletes of stale generated files), optionally with a
 *	                 unified diff; refuses (ERR_CONFLICT) when it would
 *	                 overwrite a file that lacks the marker
 *	render_apply()   writes the changes atomically (one fs_txn: all or
 *	                 nothing), then removes the stale files
 * render_check() is render_stack + render_compare with the diff: what
 * `render --check` and `plan` (to refuse a stale tree) use.
 */
#include <stddef.h>

#include "stack/stack.h"
#include "util/buf.h"
#include "util/err.h"

#define RENDER_TREE_DIR "terragrunt"

struct render_file {
	char *path;		/* relative to stack->dir: "terragrunt/dev/env.hcl" */
	struct buf content;
};

struct render_set {
	struct render_file *files;	/* sorted by path */
	size_t nr, alloc;
};

#define RENDER_SET_INIT { NULL, 0, 0 }

struct render_opts {
	/* environments to render; NULL / 0 = every environment */
	const char *const *envs;
	size_t nr_envs;
};

/*
 * Renders the selected environments (root.hcl always).  The caller owns
 * *out (release with render_set_release).  ERR_NOTFOUND for an environment
 * name the stack does not define.
 */
int render_stack(struct render_set *out, const struct stack *st,
		 const struct render_opts *opts, struct err *err);
/* One file of a set by path, or NULL. */
const struct render_file *render_set_find(const struct render_set *set,
					  const char *path);
void render_set_release(struct render_set *set);

enum render_change_kind { RENDER_CREATE, RENDER_UPDATE, RENDER_DELETE };

struct render_change {
	enum render_change_kind kind;
	char *path;			/* relative to stack->dir */
	const struct render_file *file;	/* new content; NULL for DELETE */
};

struct render_changes {
	struct render_change *items;	/* sorted by path */
	size_t nr, alloc;
	int drift;		/* nr > 0 */
	/* with want_diff: a unified diff (git style, a/ b/ prefixes, /dev/null
	 * for created and deleted files) of every change, in path order */
	struct buf diff;
};

#define RENDER_CHANGES_INIT { NULL, 0, 0, 0, BUF_INIT }

/*
 * Compares `set` (from render_stack with the same opts) with the tree under
 * stack->dir.  Stale files are generated files (marker on line 1) under the
 * selected environments' directories (every directory of the tree when all
 * environments are selected) that the set does not hold.  A file of the set
 * whose current version lacks the marker is refused with ERR_CONFLICT.
 * The changes borrow from `set`: keep it alive while using them.
 */
int render_compare(struct render_changes *out, const struct stack *st,
		   const struct render_set *set,
		   const struct render_opts *opts, int want_diff,
		   struct err *err);
/* Writes creates/updates in one transaction, then deletes stale files. */
int render_apply(const struct stack *st, const struct render_changes *ch,
		 struct err *err);
void render_changes_release(struct render_changes *ch);

/*
 * render_stack + render_compare(want_diff = 1) in one call, for `render
 * --check` and `plan`: out->drift says whether the committed tree is stale,
 * out->diff shows how.  Writes nothing.  (The changes' file pointers are
 * cleared: the set is gone when this returns.)
 */
int render_check(struct render_changes *out, const struct stack *st,
		 const struct render_opts *opts, struct err *err);

#endif
