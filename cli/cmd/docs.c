/*
 * docs: writes the inputs and outputs tables of each Terraform module's
 * README.md, generated from the module's variable and output blocks,
 * between the markers <!-- BEGIN mds-infra docs --> and
 * <!-- END mds-infra docs -->; the rest of the README is the author's and
 * stays as it is.  With --check nothing is written: it lists the stale
 * READMEs and exits 1.  Every module is read before anything is written,
 * and all READMEs are replaced together (fs_txn), so a bad module leaves
 * every file as it was.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "cmd/json_out.h"
#include "hcl/hcl.h"
#include "hcl/readme.h"
#include "util/buf.h"
#include "util/fs.h"
#include "util/msg.h"
#include "util/xalloc.h"

#define DOCS_USAGE "docs [--check] [--json] [--modules <dir>] [<module-dir>...]"

struct docs_opts {
	int check;
	int json;
	const char *modules;
};

static const struct opt_spec docs_options[] = {
	OPT_BOOL(0, "check", struct docs_opts, check,
		 "write nothing; list stale READMEs and exit 1 if there are any"),
	OPT_BOOL(0, "json", struct docs_opts, json,
		 "print the stale or updated READMEs as JSON (mds-infra/docs/v1)"),
	OPT_STRING(0, "modules", struct docs_opts, modules, "dir",
		   "directory whose subdirectories are the modules "
		   "(default: terraform/modules at the repository root)"),
	OPT_END()
};

static int by_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int has_tf(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	int found = 0;

	while (d && !found && (de = readdir(d))) {
		size_t len = strlen(de->d_name);

		found = len > 3 && de->d_name[0] != '.' && !strcmp(de->d_name + len - 3, ".tf");
	}
	if (d)
		closedir(d);
	return found;
}

/* The subdirectories of `root` that hold a .tf file, sorted (others, such
 * as a shared files/ directory, are not modules). */
static int find_modules(struct strlist *out, char ***owned, size_t *nr,
			const char *root, struct err *err)
{
	DIR *d = opendir(root);
	struct dirent *de;
	size_t alloc = 0;

	if (!d)
		return err_set(err, errno == ENOENT ? ERR_NOTFOUND : ERR_IO,
			       "cannot open modules directory '%s': %s", root, strerror(errno));
	while ((de = readdir(d))) {
		char *path;

		if (de->d_name[0] == '.')
			continue;
		path = fs_join(root, de->d_name);
		if (!fs_is_dir(path) || !has_tf(path)) {
			free(path);
			continue;
		}
		ALLOC_GROW(*owned, *nr, alloc);
		(*owned)[(*nr)++] = path;
	}
	closedir(d);
	qsort(*owned, *nr, sizeof(**owned), by_str);
	for (size_t i = 0; i < *nr; i++)
		strlist_push(out, (*owned)[i]);
	if (!*nr)
		return err_set(err, ERR_NOTFOUND, "no module directory under '%s'", root);
	return 0;
}

/* Stages the README of module `dir` if it differs; *stale tells whether it did. */
static int doc_module(struct fs_txn *txn, const char *dir, int check, int *stale,
		      struct err *err)
{
	struct hcl_module m = HCL_MODULE_INIT;
	struct buf old = BUF_INIT, want = BUF_INIT;
	char *path = fs_join(dir, "README.md");
	int rc, exists;

	*stale = 0;
	rc = hcl_module_load(&m, dir, err);
	if (!rc) {
		rc = fs_read_file(&old, path, err);
		exists = rc != ERR_NOTFOUND;
		if (rc == ERR_NOTFOUND) {
			err_clear(err);
			rc = 0;
		}
	}
	if (!rc)
		rc = hcl_readme_update(&want, path, exists ? old.ptr : NULL, old.len, &m, err);
	if (!rc && (!exists || !buf_equals(&old, &want))) {
		*stale = 1;
		if (!check)
			rc = fs_txn_stage(txn, path, want.ptr, want.len, 0644, err);
	}
	hcl_module_release(&m);
	buf_release(&old);
	buf_release(&want);
	free(path);
	return rc;
}

/* `path` shown relative to the repository root when it lies inside it. */
static const char *shown(const char *path, const char *root)
{
	size_t len = root ? strlen(root) : 0;

	if (len && !strncmp(path, root, len) && path[len] == '/')
		return path + len + 1;
	return path;
}

/* --json: every module read, and whether its README is (was) stale. */
static void print_json(const struct strlist *dirs, const struct strlist *changed,
		       const char *root, int check)
{
	json_t *doc = json_out_new(JSON_OUT_SCHEMA("docs"));
	json_t *readmes = json_array();
	size_t i, j;

	for (i = 0; i < dirs->nr; i++) {
		char *readme = fs_join(shown(dirs->v[i], root), "README.md");
		int stale = 0;

		for (j = 0; j < changed->nr && !stale; j++)
			stale = changed->v[j] == dirs->v[i];
		json_array_append_new(readmes, json_pack("{s:s, s:s}",
			"path", readme, "state",
			!stale ? "current" : check ? "stale" : "updated"));
		free(readme);
	}
	json_object_set_new(doc, "check", json_boolean(check));
	json_object_set_new(doc, "stale", json_integer((json_int_t)changed->nr));
	json_object_set_new(doc, "readmes", readmes);
	json_out_print(doc);
}

static int docs_all(const struct strlist *dirs, const char *root, int check,
		    int json, struct err *err)
{
	struct fs_txn txn = FS_TXN_INIT;
	struct strlist changed = STRLIST_INIT;
	int rc = 0;

	for (size_t i = 0; !rc && i < dirs->nr; i++) {
		int stale;

		rc = doc_module(&txn, dirs->v[i], check, &stale, err);
		if (!rc && stale)
			strlist_push(&changed, dirs->v[i]);
	}
	if (!rc && !check)
		rc = fs_txn_commit(&txn, err);
	fs_txn_release(&txn);
	if (!rc && json)
		print_json(dirs, &changed, root, check);
	for (size_t i = 0; !rc && !json && i < changed.nr; i++)
		printf("%s %s/README.md\n", check ? "stale  " : "updated",
		       shown(changed.v[i], root));
	if (!rc && check && changed.nr)
		msg_error("%zu module README%s out of date; run 'mds-infra docs'",
			  changed.nr, changed.nr == 1 ? " is" : "s are");
	rc = rc ? rc : check && changed.nr ? ERR_CONFLICT : 0;
	strlist_release(&changed);
	return rc;
}

static int run_docs(int argc, const char **argv, const struct cmd_ctx *ctx)
{
	struct docs_opts opts = { 0 };
	struct strlist dirs = STRLIST_INIT;
	struct err err = ERR_INIT;
	char **owned = NULL, *root = NULL, *dflt = NULL;
	size_t nr_owned = 0;
	int code, nr = cmd_parse(&cmd_docs_entry, argc, argv, &opts, &code), rc = 0;

	(void)ctx;
	if (nr < 0)
		return code;
	if (nr && opts.modules)
		return cmd_usage_error(&cmd_docs_entry, "give --modules or module directories, not both");
	for (int i = 0; i < nr; i++)
		strlist_push(&dirs, argv[i]);
	if (!nr) {
		root = cmd_repo_root();
		dflt = fs_join(root, "terraform/modules");
		rc = find_modules(&dirs, &owned, &nr_owned, opts.modules ? opts.modules : dflt, &err);
	}
	if (!rc)
		rc = docs_all(&dirs, root, opts.check, opts.json, &err);
	code = rc == ERR_CONFLICT && !err_is_set(&err) ? EXIT_NEGATIVE : rc ? cmd_fail(&err) : EXIT_OK;
	for (size_t i = 0; i < nr_owned; i++)
		free(owned[i]);
	free(owned);
	free(root);
	free(dflt);
	strlist_release(&dirs);
	err_release(&err);
	return code;
}

const struct cmd_entry cmd_docs_entry = {
	.name = "docs",
	.summary = "write the inputs and outputs tables of the module READMEs",
	.usage = DOCS_USAGE,
	.description =
	"Reads the variable and output blocks of each Terraform module and\n"
	"writes its README.md inputs and outputs tables between the lines\n"
	"<!-- BEGIN mds-infra docs --> and <!-- END mds-infra docs -->, adding\n"
	"them at the end of a README without markers and creating a README\n"
	"with a title when there is none.  Text outside the markers is kept.\n"
	"Without arguments every subdirectory of terraform/modules at the\n"
	"repository root that holds a .tf file is a module.  With --check\n"
	"nothing is written: stale READMEs are listed and the exit status is\n"
	"1.  Exit 2 for a module that cannot be read (file:line:col), nothing\n"
	"written.  --json lists every README with its state (current, stale\n"
	"or updated) as one document (schema mds-infra/docs/v1, docs/json.md).",
	.options = docs_options,
	.args_completion = "files",
	.run = run_docs,
};
