/*
 * Change set + stacks on both sides + what is affected (changeset.h).
 */
#include "vcs/changeset.h"

#include <stdlib.h>
#include <string.h>

#include "util/fs.h"
#include "util/xalloc.h"

/* The stack file's directory in the repository ("" or "dir/") and the
 * file's repo-relative path. */
static void locate(struct changeset *cs, const char *stack_path)
{
	char *dir = fs_dirname(stack_path);
	char *real_dir = realpath(dir, NULL);
	char *repo = realpath(vcs_root(cs->vcs), NULL);
	const char *base = strrchr(stack_path, '/');
	size_t len = repo ? strlen(repo) : 0;

	base = base ? base + 1 : stack_path;
	if (repo && real_dir && !strncmp(real_dir, repo, len) &&
	    real_dir[len] == '/')
		cs->prefix = xasprintf("%s/", real_dir + len + 1);
	else
		cs->prefix = xstrdup("");
	cs->stack_rel = xasprintf("%s%s", cs->prefix, base);
	free(repo);
	free(real_dir);
	free(dir);
}

/* The stack on one side; the new side falls back to the file on disk
 * (a stack that is not staged yet is still the stack). */
static int load_side(struct stack **out, struct changeset *cs, int new_side,
		     const char *stack_path, struct err *err)
{
	struct buf data = BUF_INIT;
	int ret = vcs_changes_read(&data, cs->vcs, &cs->changes, new_side,
				   cs->stack_rel, err);

	if (ret == ERR_NOTFOUND && new_side) {
		err_clear(err);
		ret = fs_read_file(&data, stack_path, err);
	}
	if (!ret)
		ret = stack_load_mem(out, data.ptr, data.len, stack_path, err);
	buf_release(&data);
	return ret;
}

int changeset_build(struct changeset *out, const char *stack_path,
		    const char *rev, struct err *err)
{
	struct err ignored = ERR_INIT;
	struct affected_input in;
	char *dir = fs_dirname(stack_path);
	int ret;

	ret = vcs_open(&out->vcs, dir, err);
	free(dir);
	if (ret || (ret = vcs_changes_get(&out->changes, out->vcs, rev, err)))
		return ret;
	locate(out, stack_path);
	if ((ret = load_side(&out->st, out, 1, stack_path, err)))
		return ret;
	/* an old stack that is absent or broken: everything is affected */
	if (load_side(&out->old, out, 0, stack_path, &ignored))
		out->old = NULL;
	err_release(&ignored);
	in = (struct affected_input){ out->st, out->old, out->prefix,
				      out->stack_rel, out->changes.paths,
				      out->changes.nr };
	return affected_compute(&out->aff, &in, err);
}

void changeset_release(struct changeset *cs)
{
	affected_release(&cs->aff);
	stack_free(cs->st);
	stack_free(cs->old);
	vcs_changes_release(&cs->changes);
	vcs_free(cs->vcs);
	free(cs->prefix);
	free(cs->stack_rel);
	memset(cs, 0, sizeof(*cs));
}
