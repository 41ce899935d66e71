#include "vcs/vcs.h"

#include <git2.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

struct vcs {
	git_repository *repo;
};

static int git_fail(struct err *err, int code, const char *what)
{
	const git_error *e = git_error_last();

	return err_set(err, code, "%s: %s", what,
		       e && e->message ? e->message : "unknown libgit2 error");
}

static void vcs_init_once(void)
{
	static int done;

	if (!done) {
		git_libgit2_init();
		done = 1;
	}
}

int vcs_open(struct vcs **out, const char *path, struct err *err)
{
	git_repository *repo = NULL;

	vcs_init_once();
	if (git_repository_open_ext(&repo, path, 0, NULL) < 0)
		return git_fail(err, ERR_NOTFOUND,
				"not in a git repository");
	*out = xcalloc(1, sizeof(**out));
	(*out)->repo = repo;
	return 0;
}

void vcs_free(struct vcs *v)
{
	if (!v)
		return;
	git_repository_free(v->repo);
	free(v);
}

const char *vcs_root(const struct vcs *v)
{
	const char *wd = git_repository_workdir(v->repo);

	return wd ? wd : git_repository_path(v->repo);
}

int vcs_head(char out[VCS_OID_HEX], struct vcs *v, struct err *err)
{
	git_oid oid;

	if (git_reference_name_to_id(&oid, v->repo, "HEAD") < 0)
		return git_fail(err, ERR_NOTFOUND, "cannot resolve HEAD");
	git_oid_tostr(out, VCS_OID_HEX, &oid);
	return 0;
}

int vcs_head_time(long long *out, struct vcs *v, struct err *err)
{
	git_commit *commit = NULL;
	git_oid oid;

	if (git_reference_name_to_id(&oid, v->repo, "HEAD") < 0 ||
	    git_commit_lookup(&commit, v->repo, &oid) < 0)
		return git_fail(err, ERR_NOTFOUND, "cannot resolve HEAD");
	*out = (long long)git_commit_time(commit);
	git_commit_free(commit);
	return 0;
}

struct path_list {
	char ***paths;
	size_t *nr, *alloc;
};

static void push_path(struct path_list *l, const char *p)
{
	size_t i;

	if (!p)
		return;
	for (i = 0; i < *l->nr; i++)
		if (!strcmp((*l->paths)[i], p))
			return;
	ALLOC_GROW(*l->paths, *l->nr, *l->alloc);
	(*l->paths)[(*l->nr)++] = xstrdup(p);
}

static int on_delta(const git_diff_delta *d, float progress, void *payload)
{
	push_path(payload, d->old_file.path);
	push_path(payload, d->new_file.path);
	return 0;
}

int vcs_changed_paths(char ***paths, size_t *nr, size_t *alloc,
		      struct vcs *v, const char *rev, struct err *err)
{
	git_diff_options opts = GIT_DIFF_OPTIONS_INIT;
	struct path_list l = { paths, nr, alloc };
	git_object *obj = NULL;
	git_tree *tree = NULL;
	git_diff *diff = NULL;
	int ret = 0;

	opts.flags = GIT_DIFF_INCLUDE_UNTRACKED | GIT_DIFF_RECURSE_UNTRACKED_DIRS;
	if (git_revparse_single(&obj, v->repo, rev) < 0)
		return git_fail(err, ERR_NOTFOUND, "unknown revision");
	if (git_object_peel((git_object **)&tree, obj, GIT_OBJECT_TREE) < 0)
		ret = git_fail(err, ERR_NOTFOUND, "revision has no tree");
	else if (git_diff_tree_to_workdir_with_index(&diff, v->repo, tree,
						     &opts) < 0)
		ret = git_fail(err, ERR_IO, "cannot compute the changes");
	else
		git_diff_foreach(diff, on_delta, NULL, NULL, NULL, &l);
	git_diff_free(diff);
	git_tree_free(tree);
	git_object_free(obj);
	return ret;
}

int vcs_is_dirty(int *out, struct vcs *v, struct err *err)
{
	git_status_options opts = GIT_STATUS_OPTIONS_INIT;
	git_status_list *list = NULL;

	opts.flags = GIT_STATUS_OPT_INCLUDE_UNTRACKED;
	if (git_status_list_new(&list, v->repo, &opts) < 0)
		return git_fail(err, ERR_IO, "cannot read the status");
	*out = git_status_list_entrycount(list) > 0;
	git_status_list_free(list);
	return 0;
}

int vcs_hash_file(char out[VCS_OID_HEX], const char *path, struct err *err)
{
	git_oid oid;

	vcs_init_once();
#if LIBGIT2_VER_MAJOR >= 2
	if (git_odb_hashfile(&oid, path, GIT_OBJECT_BLOB, GIT_OID_SHA1) < 0)
#else
	if (git_odb_hashfile(&oid, path, GIT_OBJECT_BLOB) < 0)
#endif
		return err_set(err, ERR_IO, "cannot read '%s'", path);
	git_oid_tostr(out, VCS_OID_HEX, &oid);
	return 0;
}

/* For diff.c, the module's other half; not in vcs.h on purpose. */
git_repository *vcs_repo(struct vcs *v);
git_repository *vcs_repo(struct vcs *v)
{
	return v->repo;
}
