/*
 * vcs: HEAD, changed paths since a revision (committed, staged, untracked),
 * dirty check and blob ids equal to `git hash-object`.  Builds a small
 * repository with the git command line.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vcs/vcs.h"

static char dir[64];

static void sh(const char *fmt)
{
	char cmd[1024];

	snprintf(cmd, sizeof(cmd), "cd '%s' && %s", dir, fmt);
	cr_assert_eq(system(cmd), 0, "%s", cmd);
}

static void setup(void)
{
	snprintf(dir, sizeof(dir), "/tmp/mds-vcs-XXXXXX");
	cr_assert(mkdtemp(dir));
	sh("git init -q && mkdir -p a b && echo 1 >a/x && echo 2 >b/y && git add -A && "
	   "git -c user.email=t@t -c user.name=t commit -qm one");
}

static void teardown(void)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	cr_expect_eq(system(cmd), 0);
}

TestSuite(vcs, .init = setup, .fini = teardown);

static int has(char **paths, size_t nr, const char *p)
{
	for (size_t i = 0; i < nr; i++)
		if (!strcmp(paths[i], p))
			return 1;
	return 0;
}

Test(vcs, changed_paths_and_dirty)
{
	struct vcs *v = NULL;
	struct err err = ERR_INIT;
	char **paths = NULL, head[VCS_OID_HEX];
	size_t nr = 0, alloc = 0, i;
	int dirty = -1;

	cr_assert_eq(vcs_open(&v, dir, &err), 0, "%s", err.msg.ptr);
	cr_assert_eq(vcs_head(head, v, &err), 0);
	cr_expect_eq(strlen(head), 40);
	cr_assert_eq(vcs_is_dirty(&dirty, v, &err), 0);
	cr_expect_eq(dirty, 0);
	sh("echo 3 >b/y && git -c user.email=t@t -c user.name=t commit -qam two && "
	   "echo new >c && echo 4 >>a/x && git add a/x");
	cr_assert_eq(vcs_changed_paths(&paths, &nr, &alloc, v, "HEAD~1", &err), 0,
		     "%s", err.msg.ptr);
	cr_expect(has(paths, nr, "b/y"));
	cr_expect(has(paths, nr, "a/x"));
	cr_expect(has(paths, nr, "c"));
	cr_expect_eq(nr, 3);
	cr_assert_eq(vcs_is_dirty(&dirty, v, &err), 0);
	cr_expect_eq(dirty, 1);
	cr_expect_eq(vcs_changed_paths(&paths, &nr, &alloc, v, "nope", &err),
		     ERR_NOTFOUND);
	for (i = 0; i < nr; i++)
		free(paths[i]);
	free(paths);
	vcs_free(v);
	err_release(&err);
}

Test(vcs, blob_id_matches_git_hash_object)
{
	char hex[VCS_OID_HEX], want[64] = "", path[128], cmd[256];
	struct err err = ERR_INIT;
	FILE *p;

	snprintf(path, sizeof(path), "%s/a/x", dir);
	cr_assert_eq(vcs_hash_file(hex, path, &err), 0);
	snprintf(cmd, sizeof(cmd), "git hash-object '%s'", path);
	p = popen(cmd, "r");
	cr_assert(p && fgets(want, sizeof(want), p));
	pclose(p);
	want[strcspn(want, "\n")] = '\0';
	cr_expect_str_eq(hex, want);
	cr_expect_neq(vcs_hash_file(hex, "/nonexistent/file", &err), 0);
	err_release(&err);
}

Test(vcs, outside_a_repository)
{
	struct vcs *v = NULL;
	struct err err = ERR_INIT;

	cr_expect_eq(vcs_open(&v, "/", &err), ERR_NOTFOUND);
	cr_expect_null(v);
	err_release(&err);
}
