/*
 * The adapter from the HCL reader's module interface (hcl/hcl.h) to the
 * little validate needs, so that the checks do not depend on the reader's
 * structs and can be tested on hand-made tables.
 */
#include "validate/module.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include "hcl/hcl.h"
#include "util/fs.h"
#include "util/xalloc.h"

void validate_module_add(struct validate_decl **arr, size_t *nr,
			 size_t *alloc, const char *name, const char *file,
			 unsigned line, unsigned col, int has_default,
			 const char *type)
{
	struct validate_decl *d;

	ALLOC_GROW(*arr, *nr, *alloc);
	d = &(*arr)[(*nr)++];
	d->name = xstrdup(name);
	d->file = xstrdup(file ? file : "");
	d->line = line;
	d->col = col;
	d->has_default = has_default;
	d->type = type ? xstrdup(type) : NULL;
	d->sensitive = 0;
}

const struct validate_decl *validate_decl_find(const struct validate_decl *arr,
					       size_t nr, const char *name)
{
	size_t i;

	for (i = 0; i < nr; i++)
		if (!strcmp(arr[i].name, name))
			return &arr[i];
	return NULL;
}

/* The NAME = {...} attributes of one required_providers block. */
static void add_required(struct validate_module *m, const char *file,
			 const struct hcl_node *rp)
{
	size_t k;

	for (k = 0; k < rp->body.nr; k++) {
		const struct hcl_node *a = &rp->body.nodes[k];

		if (a->kind == HCL_ATTR)
			validate_module_add(&m->providers, &m->nr_providers,
					    &m->alloc_providers, a->name, file,
					    a->pos.line, a->pos.col, 0, NULL);
	}
}

/* terraform { required_providers { ... } } blocks of one file. */
static void add_providers(struct validate_module *m, const struct hcl_file *f)
{
	size_t i, j;

	for (i = 0; i < f->body.nr; i++) {
		const struct hcl_node *t = &f->body.nodes[i];

		if (t->kind != HCL_BLOCK || strcmp(t->name, "terraform"))
			continue;
		for (j = 0; j < t->body.nr; j++)
			if (t->body.nodes[j].kind == HCL_BLOCK &&
			    !strcmp(t->body.nodes[j].name, "required_providers"))
				add_required(m, f->path, &t->body.nodes[j]);
	}
}

static int is_tf_name(const char *name)
{
	size_t len = strlen(name);

	return name[0] != '.' && len > 3 && !strcmp(name + len - 3, ".tf");
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * The provider names of every .tf file in `dir` (which hcl_module_load has
 * just parsed, so a parse error here is not expected but still reported).
 */
static int load_providers(struct validate_module *m, const char *dir,
			  struct err *err)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	char **names = NULL;
	size_t nr = 0, alloc = 0, i;
	int ret = 0;

	while (d && (de = readdir(d))) {
		if (!is_tf_name(de->d_name))
			continue;
		ALLOC_GROW(names, nr, alloc);
		names[nr++] = xstrdup(de->d_name);
	}
	if (d)
		closedir(d);
	if (nr)
		qsort(names, nr, sizeof(*names), by_name);
	for (i = 0; i < nr; i++) {
		struct hcl_file f = HCL_FILE_INIT;
		char *path = fs_join(dir, names[i]);

		if (!ret && !(ret = hcl_parse_file(&f, path, err)))
			add_providers(m, &f);
		hcl_file_release(&f);
		free(path);
		free(names[i]);
	}
	free(names);
	return ret;
}

int validate_module_load(struct validate_module *out, const char *dir,
			 struct err *err)
{
	struct hcl_module hm = HCL_MODULE_INIT;
	size_t i;

	memset(out, 0, sizeof(*out));
	out->dir = xstrdup(dir);
	if (!fs_is_dir(dir)) {
		out->state = VALIDATE_MODULE_MISSING;
		return 0;
	}
	if (hcl_module_load(&hm, dir, err) < 0) {
		if (err->code == ERR_NOTFOUND) {	/* no .tf file */
			err_clear(err);
			out->state = VALIDATE_MODULE_EMPTY;
			return 0;
		}
		out->state = VALIDATE_MODULE_BROKEN;
		return err->code;
	}
	for (i = 0; i < hm.nr_vars; i++) {
		validate_module_add(&out->vars, &out->nr_vars, &out->alloc_vars,
				    hm.vars[i].name, hm.vars[i].file,
				    hm.vars[i].pos.line, hm.vars[i].pos.col,
				    hm.vars[i].has_default, hm.vars[i].type);
		out->vars[out->nr_vars - 1].sensitive = hm.vars[i].sensitive;
	}
	for (i = 0; i < hm.nr_outputs; i++) {
		validate_module_add(&out->outputs, &out->nr_outputs,
				    &out->alloc_outputs, hm.outputs[i].name,
				    hm.outputs[i].file, hm.outputs[i].pos.line,
				    hm.outputs[i].pos.col, 0, NULL);
		out->outputs[out->nr_outputs - 1].sensitive =
			hm.outputs[i].sensitive;
	}
	hcl_module_release(&hm);
	if (load_providers(out, dir, err) < 0) {
		out->state = VALIDATE_MODULE_BROKEN;
		return err->code;
	}
	return 0;
}

static void decls_free(struct validate_decl *d, size_t nr)
{
	size_t i;

	for (i = 0; i < nr; i++) {
		free(d[i].name);
		free(d[i].file);
		free(d[i].type);
	}
	free(d);
}

void validate_module_release(struct validate_module *m)
{
	if (!m)
		return;
	free(m->dir);
	decls_free(m->vars, m->nr_vars);
	decls_free(m->outputs, m->nr_outputs);
	decls_free(m->providers, m->nr_providers);
	memset(m, 0, sizeof(*m));
}
