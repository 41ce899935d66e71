/*
 * Module READMEs: the generated inputs/outputs table is current.  The
 * expected README comes from the modules branch's hcl_readme_update(), the
 * function `docs` writes with, so validate and `docs --check` cannot
 * disagree; only the wording of the problem is validate's.
 */
#include "validate/readme.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include "hcl/hcl.h"
#include "hcl/readme.h"
#include "util/fs.h"
#include "util/xalloc.h"
#include "validate/report.h"

struct dirlist {
	char **v;
	size_t nr, alloc;
};

static int dirlist_has(const struct dirlist *l, const char *dir)
{
	size_t i;

	for (i = 0; i < l->nr; i++)
		if (!strcmp(l->v[i], dir))
			return 1;
	return 0;
}

static void dirlist_add(struct dirlist *l, const char *dir)
{
	if (dirlist_has(l, dir))
		return;
	ALLOC_GROW(l->v, l->nr, l->alloc);
	l->v[l->nr++] = xstrdup(dir);
}

static void dirlist_release(struct dirlist *l)
{
	size_t i;

	for (i = 0; i < l->nr; i++)
		free(l->v[i]);
	free(l->v);
}

static int by_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The subdirectories of ROOT/terraform/modules, as `docs` finds them. */
static void add_module_tree(struct dirlist *l, const struct dirlist *skip,
			    const char *root)
{
	char *top = fs_join(root, VALIDATE_MODULES_DIR);
	DIR *d = opendir(top);
	struct dirent *de;
	struct dirlist found = { NULL, 0, 0 };
	size_t i;

	while (d && (de = readdir(d))) {
		char *path;

		if (de->d_name[0] == '.')
			continue;
		path = fs_join(top, de->d_name);
		if (fs_is_dir(path))
			dirlist_add(&found, path);
		free(path);
	}
	if (d)
		closedir(d);
	if (found.nr)
		qsort(found.v, found.nr, sizeof(*found.v), by_str);
	for (i = 0; i < found.nr; i++)
		if (!dirlist_has(skip, found.v[i]))
			dirlist_add(l, found.v[i]);
	dirlist_release(&found);
	free(top);
}

/* The line of the BEGIN marker in `text`, or 0. */
static unsigned marker_line(const char *text)
{
	const char *p = strstr(text, HCL_README_BEGIN), *q;
	unsigned line = 1;

	if (!p)
		return 0;
	for (q = text; q < p; q++)
		line += *q == '\n';
	return line;
}

static void report_stale(struct validate_report *r, const char *path,
			 int exists, const struct buf *old)
{
	unsigned line = exists ? marker_line(old->ptr) : 0;

	if (!exists)
		validate_report_add(r, VALIDATE_NO_ENV, path, 0, 0, NULL, 0, 0,
				    NULL, "missing; run 'mds-infra docs' to generate it");
	else if (!line)
		validate_report_add(r, VALIDATE_NO_ENV, path, 0, 0, NULL, 0, 0,
				    NULL, "has no generated inputs/outputs table; run 'mds-infra docs'");
	else
		validate_report_add(r, VALIDATE_NO_ENV, path, line, 1, NULL, 0,
				    0, NULL, "inputs/outputs table is stale; run 'mds-infra docs'");
}

/* 1 when a README was checked (the module loaded), else 0. */
static int check_one(struct validate_report *r, const char *dir)
{
	struct hcl_module m = HCL_MODULE_INIT;
	struct buf old = BUF_INIT, want = BUF_INIT;
	struct err err = ERR_INIT;
	char *path = fs_join(dir, "README.md");
	int exists = 0, rc;

	if ((rc = hcl_module_load(&m, dir, &err)) == ERR_NOTFOUND)
		goto out;	/* not a module: `docs` would not write one */
	if (!rc && (rc = fs_read_file(&old, path, &err)) == ERR_NOTFOUND) {
		err_clear(&err);
		rc = 0;
	} else if (!rc) {
		exists = 1;
	}
	if (!rc)
		rc = hcl_readme_update(&want, path, exists ? old.ptr : NULL,
				       old.len, &m, &err);
	if (rc)
		validate_report_error(r, rc == ERR_INPUT ? dir : path, &err);
	else if (!exists || !buf_equals(&old, &want))
		report_stale(r, path, exists, &old);
out:
	hcl_module_release(&m);
	buf_release(&old);
	buf_release(&want);
	err_release(&err);
	free(path);
	return !rc;
}

size_t validate_readmes(struct validate_report *r, const char *root,
			const struct validate_modules *mods)
{
	struct dirlist todo = { NULL, 0, 0 }, skip = { NULL, 0, 0 };
	size_t i, checked = 0;

	for (i = 0; mods && i < mods->nr; i++)
		dirlist_add(mods->items[i].state == VALIDATE_MODULE_OK ? &todo :
			    &skip, mods->items[i].dir);
	add_module_tree(&todo, &skip, root);
	for (i = 0; i < todo.nr; i++)
		checked += check_one(r, todo.v[i]);
	dirlist_release(&todo);
	dirlist_release(&skip);
	return checked;
}
