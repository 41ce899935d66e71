/*
 * apply --bundle: verify and extract (see apply_bundle.h).  The archive
 * reader (util/archive.c) has already refused absolute paths, '..', links,
 * devices, duplicates, oversized and truncated entries before any check
 * here; the plans land in <root>/.mds/tmp/bundle.XXXXXX (mode 0700).
 */
#include "cmd/apply_bundle.h"

#include <dirent.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "bundle/bundle.h"
#include "cmd/cmd.h"
#include "plan/report.h"
#include "util/fs.h"
#include "util/msg.h"
#include "util/xalloc.h"
#include "vcs/vcs.h"

static int refuse(const char *file, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static int refuse(const char *file, const char *fmt, ...)
{
	struct buf msg = BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	buf_vaddf(&msg, fmt, ap);
	va_end(ap);
	msg_error("refusing bundle '%s': %s", file, msg.ptr);
	buf_release(&msg);
	return EXIT_NEGATIVE;
}

static int check_commit(const struct bundle *b, const char *file,
			const char *root)
{
	struct vcs *v = NULL;
	struct err err = ERR_INIT;
	char head[VCS_OID_HEX] = "";
	int ret = 0;

	if (vcs_open(&v, root, &err) == 0)
		vcs_head(head, v, &err);
	if (b->commit && strcmp(b->commit, head))
		ret = refuse(file, "it was made at commit %s, HEAD is %s; check out that commit or plan again",
			     b->commit, *head ? head : "(none)");
	vcs_free(v);
	err_release(&err);
	return ret;
}

/* Every env/ member must be byte-identical to the checkout's file. */
static int check_checkout(const struct bundle *b, const char *file,
			  const char *root)
{
	struct err err = ERR_INIT;
	size_t i;
	int ret = 0;

	for (i = 0; !ret && i < b->members.nr; i++) {
		const struct arc_member *m = &b->members.v[i];
		struct buf cur = BUF_INIT;
		char *path;

		if (strncmp(m->name, "env/", 4))
			continue;
		path = fs_join(root, m->name + 4);
		if (fs_read_file(&cur, path, &err) < 0 || !buf_equals(&cur, &m->data))
			ret = refuse(file, "entry '%s' differs from %s in the checkout",
				     m->name, m->name + 4);
		err_clear(&err);
		buf_release(&cur);
		free(path);
	}
	err_release(&err);
	return ret;
}

static int extract_plans(char **out, const struct bundle *b, const char *root)
{
	char *base = fs_join(root, ".mds/tmp"), *dir, *tmpl;
	struct err err = ERR_INIT;
	size_t i;
	int ret = 0;

	if (fs_mkdirs(base, &err) < 0) {
		free(base);
		return cmd_fail(&err);
	}
	tmpl = fs_join(base, "bundle.XXXXXX");
	free(base);
	if (!mkdtemp(tmpl)) {
		msg_error("cannot create a directory in %s/.mds/tmp", root);
		free(tmpl);
		return EXIT_ENV;
	}
	dir = fs_join(tmpl, "plan");
	for (i = 0; !ret && i < b->members.nr; i++) {
		const struct arc_member *m = &b->members.v[i];
		char *path;

		if (strncmp(m->name, "plan/", 5))
			continue;
		path = fs_join(tmpl, m->name);
		if (fs_mkdirs_for(path, &err) < 0 ||
		    fs_write_atomic(path, m->data.ptr, m->data.len, 0600, &err) < 0)
			ret = cmd_fail(&err);
		free(path);
	}
	free(tmpl);
	err_release(&err);
	*out = dir;
	return ret;
}

/*
 * The plan manifest's plan files must be members of the bundle: a
 * self-consistent but crafted bundle must not point apply at a file
 * outside the extraction ("../../x").
 */
static int check_plan_files(const struct bundle *b, const char *file,
			    const char *plan_dir)
{
	struct manifest man = MANIFEST_INIT;
	struct err err = ERR_INIT;
	char *path = fs_join(plan_dir, "manifest.json");
	size_t i;
	int ret = 0;

	if (manifest_load(&man, path, &err) < 0)
		ret = refuse(file, "entry 'plan/manifest.json': %s", err.msg.ptr);
	for (i = 0; !ret && i < man.nr_comps; i++) {
		const char *pf = man.comps[i].plan_file;
		char *name = pf ? xasprintf("plan/%s", pf) : NULL;

		if (pf && (!arc_name_safe(pf) || !arc_set_find(&b->members, name)))
			ret = refuse(file, "entry 'plan/manifest.json' names plan file '%s', which the bundle lacks",
				     pf);
		free(name);
	}
	manifest_release(&man);
	err_release(&err);
	free(path);
	return ret;
}

int apply_bundle_open(char **plan_dir, const char *file, const char *env,
		      const char *root)
{
	struct bundle b = BUNDLE_INIT;
	struct buf data = BUF_INIT;
	struct err err = ERR_INIT;
	int ret;

	*plan_dir = NULL;
	if (fs_read_file(&data, file, &err) < 0)
		ret = cmd_fail(&err);
	else if (bundle_open(&b, data.ptr, data.len, &err) < 0)
		ret = refuse(file, "%s", err.msg.ptr);
	else if (strcmp(b.environment, env))
		ret = refuse(file, "it holds the plans of '%s', not '%s'",
			     b.environment, env);
	else if (!(ret = check_commit(&b, file, root)) &&
		 !(ret = check_checkout(&b, file, root)) &&
		 !(ret = extract_plans(plan_dir, &b, root)))
		ret = check_plan_files(&b, file, *plan_dir);
	bundle_release(&b);
	buf_release(&data);
	err_release(&err);
	return ret;
}

/* Removes what is below `dir` (apply adds logs/), then `dir`. */
static void remove_tree(const char *dir, int depth)
{
	struct err err = ERR_INIT;
	struct dirent *de;
	DIR *d;

	if (depth > 4 || !(d = opendir(dir)))
		return;
	while ((de = readdir(d))) {
		char *path;
		struct stat st;

		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		path = fs_join(dir, de->d_name);
		if (!lstat(path, &st) && S_ISDIR(st.st_mode))
			remove_tree(path, depth + 1);
		else
			fs_remove(path, &err);
		err_clear(&err);
		free(path);
	}
	closedir(d);
	fs_rmdir_empty(dir);
	err_release(&err);
}

void apply_bundle_cleanup(const char *plan_dir)
{
	char *top;

	if (!plan_dir)
		return;
	top = fs_dirname(plan_dir);
	remove_tree(top, 0);
	free(top);
}
