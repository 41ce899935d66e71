/*
 * The adapter from the HCL reader's module interface (hcl/hcl.h) to the
 * little validate needs, so that the checks do not depend on the reader's
 * structs and can be tested on hand-made tables.
 */
#include "validate/module.h"

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
		out->state = VALIDATE_MODULE_BROKEN;
		return err->code;
	}
	for (i = 0; i < hm.nr_vars; i++)
		validate_module_add(&out->vars, &out->nr_vars, &out->alloc_vars,
				    hm.vars[i].name, hm.vars[i].file,
				    hm.vars[i].pos.line, hm.vars[i].pos.col,
				    hm.vars[i].has_default, hm.vars[i].type);
	for (i = 0; i < hm.nr_outputs; i++)
		validate_module_add(&out->outputs, &out->nr_outputs,
				    &out->alloc_outputs, hm.outputs[i].name,
				    hm.outputs[i].file, hm.outputs[i].pos.line,
				    hm.outputs[i].pos.col, 0, NULL);
	hcl_module_release(&hm);
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
	memset(m, 0, sizeof(*m));
}
