/*
 * Change sets with libgit2 (see diff.h).
 */
#include "vcs/diff.h"

#include <git2.h>
#include <stdlib.h>
#include <string.h>

#include "util/fs.h"
#include "util/xalloc.h"

/* vcs.c keeps the handle private; this file is its other half. */
git_repository *vcs_repo(struct vcs *v);

static int git_fail(struct err *err, int code, const char *what)
{
	const git_error *e = git_error_last();

	return err_set(err, code, "%s: %s", what,
		       e && e->message ? e->message : "unknown libgit2 error");
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void push(struct vcs_changes *c, const char *p)
{
	if (!p)
		return;
	ALLOC_GROW(c->paths, c->nr, c->alloc);
	c->paths[c->nr++] = xstrdup(p);
}

static int on_delta(const git_diff_delta *d, float progress, void *payload)
{
	struct vcs_changes *c = payload;

	(void)progress;
	push(c, d->old_file.path);
	if (strcmp(d->old_file.path, d->new_file.path))
		push(c, d->new_file.path);
	return 0;
}

static void sort_unique(struct vcs_changes *c)
{
	size_t i, n = 0;

	if (c->nr)
		qsort(c->paths, c->nr, sizeof(*c->paths), cmp_str);
	for (i = 0; i < c->nr; i++) {
		if (n && !strcmp(c->paths[n - 1], c->paths[i]))
			free(c->paths[i]);
		else
			c->paths[n++] = c->paths[i];
	}
	c->nr = n;
}

/* HEAD's tree, or NULL (not an error) on an unborn branch. */
static int head_tree(git_tree **out, git_repository *repo, char base[],
		     struct err *err)
{
	git_commit *commit = NULL;
	git_oid oid;
	int ret;

	*out = NULL;
	base[0] = '\0';
	if (git_repository_head_unborn(repo) == 1)
		return 0;
	if (git_reference_name_to_id(&oid, repo, "HEAD") < 0 ||
	    git_commit_lookup(&commit, repo, &oid) < 0)
		return git_fail(err, ERR_IO, "cannot resolve HEAD");
	git_oid_tostr(base, VCS_OID_HEX, &oid);
	ret = git_commit_tree(out, commit);
	git_commit_free(commit);
	return ret < 0 ? git_fail(err, ERR_IO, "cannot read HEAD's tree") : 0;
}

/* The tree of merge-base(REV, HEAD); REV itself when HEAD is unrelated. */
static int base_tree(git_tree **out, git_repository *repo, const char *rev,
		     char base[], struct err *err)
{
	git_object *obj = NULL;
	git_commit *commit = NULL;
	git_oid head, mb, want;
	int ret = 0;

	if (git_repository_head_unborn(repo) == 1)
		return err_set(err, ERR_NOTFOUND,
			       "--base %s: the branch has no commit yet", rev);
	if (git_revparse_single(&obj, repo, rev) < 0 ||
	    git_object_peel((git_object **)&commit, obj, GIT_OBJECT_COMMIT) < 0) {
		git_object_free(obj);
		return git_fail(err, ERR_NOTFOUND, "unknown revision");
	}
	want = *git_commit_id(commit);
	if (git_reference_name_to_id(&head, repo, "HEAD") == 0 &&
	    git_merge_base(&mb, repo, &want, &head) == 0) {
		git_commit_free(commit);
		commit = NULL;
		if (git_commit_lookup(&commit, repo, &mb) < 0)
			ret = git_fail(err, ERR_IO, "cannot read the merge base");
		want = mb;
	}
	if (!ret && git_commit_tree(out, commit) < 0)
		ret = git_fail(err, ERR_IO, "cannot read the base tree");
	git_oid_tostr(base, VCS_OID_HEX, &want);
	git_commit_free(commit);
	git_object_free(obj);
	return ret;
}

static int make_diff(git_diff **diff, git_repository *repo, git_tree *tree,
		     int staged, struct err *err)
{
	git_diff_options opts = GIT_DIFF_OPTIONS_INIT;
	git_diff_find_options find = GIT_DIFF_FIND_OPTIONS_INIT;
	git_index *index = NULL;
	int ret;

	if (staged) {
		if (git_repository_index(&index, repo) < 0)
			return git_fail(err, ERR_IO, "cannot read the index");
		ret = git_diff_tree_to_index(diff, repo, tree, index, &opts);
		git_index_free(index);
	} else {
		opts.flags = GIT_DIFF_INCLUDE_UNTRACKED |
			     GIT_DIFF_RECURSE_UNTRACKED_DIRS;
		ret = git_diff_tree_to_workdir_with_index(diff, repo, tree,
							  &opts);
	}
	if (ret < 0)
		return git_fail(err, ERR_IO, "cannot compute the changes");
	find.flags = GIT_DIFF_FIND_RENAMES;
	if (git_diff_find_similar(*diff, &find) < 0)
		return git_fail(err, ERR_IO, "cannot detect renames");
	return 0;
}

int vcs_changes_get(struct vcs_changes *out, struct vcs *v, const char *rev,
		    struct err *err)
{
	git_repository *repo = vcs_repo(v);
	git_tree *tree = NULL;
	git_diff *diff = NULL;
	int ret;

	out->staged = !rev;
	ret = rev ? base_tree(&tree, repo, rev, out->base, err) :
		head_tree(&tree, repo, out->base, err);
	if (!ret)
		ret = make_diff(&diff, repo, tree, out->staged, err);
	if (!ret && git_diff_foreach(diff, on_delta, NULL, NULL, NULL, out) < 0)
		ret = git_fail(err, ERR_IO, "cannot list the changes");
	if (rev && ret == ERR_NOTFOUND)
		err_prefix(err, "--base %s", rev);
	sort_unique(out);
	git_diff_free(diff);
	git_tree_free(tree);
	return ret;
}

void vcs_changes_release(struct vcs_changes *c)
{
	size_t i;

	for (i = 0; i < c->nr; i++)
		free(c->paths[i]);
	free(c->paths);
	c->paths = NULL;
	c->nr = c->alloc = 0;
}

static int read_blob(struct buf *out, git_repository *repo,
		     const git_oid *id, const char *path, struct err *err)
{
	git_blob *blob = NULL;

	if (git_blob_lookup(&blob, repo, id) < 0)
		return git_fail(err, ERR_IO, path);
	buf_add(out, git_blob_rawcontent(blob), (size_t)git_blob_rawsize(blob));
	git_blob_free(blob);
	return 0;
}

static int read_old(struct buf *out, git_repository *repo, const char *base,
		    const char *path, struct err *err)
{
	git_oid oid;
	git_commit *commit = NULL;
	git_tree *tree = NULL;
	git_tree_entry *entry = NULL;
	int ret = ERR_NOTFOUND;

	if (!*base)
		return err_set(err, ERR_NOTFOUND, "'%s' is new", path);
	if (git_oid_fromstr(&oid, base) < 0 ||
	    git_commit_lookup(&commit, repo, &oid) < 0 ||
	    git_commit_tree(&tree, commit) < 0)
		ret = git_fail(err, ERR_IO, "cannot read the base commit");
	else if (git_tree_entry_bypath(&entry, tree, path) < 0)
		ret = err_set(err, ERR_NOTFOUND, "'%s' is new", path);
	else
		ret = read_blob(out, repo, git_tree_entry_id(entry), path, err);
	git_tree_entry_free(entry);
	git_tree_free(tree);
	git_commit_free(commit);
	return ret;
}

static int read_index(struct buf *out, git_repository *repo, const char *path,
		      struct err *err)
{
	git_index *index = NULL;
	const git_index_entry *e;
	int ret;

	if (git_repository_index(&index, repo) < 0)
		return git_fail(err, ERR_IO, "cannot read the index");
	e = git_index_get_bypath(index, path, 0);
	ret = e ? read_blob(out, repo, &e->id, path, err) :
		err_set(err, ERR_NOTFOUND, "'%s' is not staged", path);
	git_index_free(index);
	return ret;
}

int vcs_changes_read(struct buf *out, struct vcs *v,
		     const struct vcs_changes *c, int new_side,
		     const char *path, struct err *err)
{
	char *full;
	int ret;

	if (!new_side)
		return read_old(out, vcs_repo(v), c->base, path, err);
	if (c->staged)
		return read_index(out, vcs_repo(v), path, err);
	full = fs_join(vcs_root(v), path);
	ret = fs_read_file(out, full, err);
	free(full);
	return ret;
}
