/*
 * The interface of a Terraform module: the `variable` and `output` blocks
 * of every *.tf file in its directory (Terraform reads them all, in name
 * order).  validate compares stack.yaml's inputs with it; docs writes the
 * README tables from it.
 */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "hcl/hcl.h"
#include "util/fs.h"
#include "util/xalloc.h"

static int by_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The *.tf files of `dir`, sorted, as a NULL-terminated array. */
static int list_tf(char ***out, size_t *nr, const char *dir, struct err *err)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	size_t alloc = 0;

	*out = NULL;
	*nr = 0;
	if (!d)
		return err_set(err, errno == ENOENT ? ERR_NOTFOUND : ERR_IO,
			       "cannot open module directory '%s': %s", dir, strerror(errno));
	while ((de = readdir(d))) {
		size_t len = strlen(de->d_name);

		if (len < 4 || strcmp(de->d_name + len - 3, ".tf") || de->d_name[0] == '.')
			continue;
		ALLOC_GROW(*out, *nr, alloc);
		(*out)[(*nr)++] = fs_join(dir, de->d_name);
	}
	closedir(d);
	if (!*nr)
		return err_set(err, ERR_NOTFOUND, "'%s' holds no .tf file", dir);
	qsort(*out, *nr, sizeof(**out), by_str);
	return 0;
}

/* Description: decoded when a literal string, else the expression's text. */
static char *text_attr(const struct hcl_body *body, const char *name, int decode)
{
	const struct hcl_node *a = hcl_body_attr(body, name);
	struct buf b = BUF_INIT;

	if (!a)
		return NULL;
	if (!decode || !hcl_string_literal(&b, a->expr))
		buf_addstr(&b, a->expr);
	return buf_detach(&b, NULL);
}

static int bool_attr(int *out, const struct hcl_file *f, const struct hcl_body *body,
		     const char *name, int dflt, struct err *err)
{
	const struct hcl_node *a = hcl_body_attr(body, name);

	*out = dflt;
	if (!a)
		return 0;
	if (strcmp(a->expr, "true") && strcmp(a->expr, "false"))
		return err_set(err, ERR_INPUT, "%s:%u:%u: '%s' must be true or false, not %s",
			       f->path, a->expr_pos.line, a->expr_pos.col, name, a->expr);
	*out = !strcmp(a->expr, "true");
	return 0;
}

static int check_label(const struct hcl_file *f, const struct hcl_node *b, struct err *err)
{
	if (b->nr_labels != 1)
		return err_set(err, ERR_INPUT, "%s:%u:%u: a %s block takes exactly one label (its name), found %zu",
			       f->path, b->pos.line, b->pos.col, b->name, b->nr_labels);
	return 0;
}

static int add_variable(struct hcl_module *m, const struct hcl_file *f,
			const struct hcl_node *b, struct err *err)
{
	const struct hcl_node *dflt = hcl_body_attr(&b->body, "default");
	struct hcl_variable v = { 0 };

	if (bool_attr(&v.sensitive, f, &b->body, "sensitive", 0, err) ||
	    bool_attr(&v.nullable, f, &b->body, "nullable", 1, err))
		return ERR_INPUT;
	v.name = xstrdup(b->labels[0]);
	v.file = xstrdup(f->path);
	v.pos = b->pos;
	v.has_default = dflt != NULL;
	v.default_expr = dflt ? xstrdup(dflt->expr) : NULL;
	v.type = text_attr(&b->body, "type", 0);
	v.description = text_attr(&b->body, "description", 1);
	for (size_t i = 0; i < b->body.nr; i++)
		if (b->body.nodes[i].kind == HCL_BLOCK && !strcmp(b->body.nodes[i].name, "validation"))
			v.nr_validations++;
	ALLOC_GROW(m->vars, m->nr_vars, m->alloc_vars);
	m->vars[m->nr_vars++] = v;
	return 0;
}

static int add_output(struct hcl_module *m, const struct hcl_file *f,
		      const struct hcl_node *b, struct err *err)
{
	struct hcl_output o = { 0 };

	if (bool_attr(&o.sensitive, f, &b->body, "sensitive", 0, err))
		return ERR_INPUT;
	o.name = xstrdup(b->labels[0]);
	o.file = xstrdup(f->path);
	o.pos = b->pos;
	o.description = text_attr(&b->body, "description", 1);
	ALLOC_GROW(m->outputs, m->nr_outputs, m->alloc_outputs);
	m->outputs[m->nr_outputs++] = o;
	return 0;
}

static int load_file(struct hcl_module *m, const char *path, struct err *err)
{
	struct hcl_file f = HCL_FILE_INIT;
	int rc = hcl_parse_file(&f, path, err);

	for (size_t i = 0; !rc && i < f.body.nr; i++) {
		const struct hcl_node *b = &f.body.nodes[i];
		int is_var = b->kind == HCL_BLOCK && !strcmp(b->name, "variable");
		int is_out = b->kind == HCL_BLOCK && !strcmp(b->name, "output");

		if (!is_var && !is_out)
			continue;
		rc = check_label(&f, b, err);
		if (!rc)
			rc = is_var ? add_variable(m, &f, b, err) : add_output(m, &f, b, err);
	}
	hcl_file_release(&f);
	return rc;
}

/* A name with where it was declared, for the duplicate check. */
struct decl {
	const char *name, *file;
	struct hcl_pos pos;
	size_t order;
};

static int by_name_then_order(const void *a, const void *b)
{
	const struct decl *x = a, *y = b;
	int c = strcmp(x->name, y->name);

	return c ? c : x->order < y->order ? -1 : 1;
}

/*
 * Two declarations of one name: sorted by name (n log n, modules can be
 * generated and large), the later of the first adjacent pair is reported.
 */
static int check_unique(struct decl *d, size_t nr, const char *what, struct err *err)
{
	const struct decl *worst = NULL, *first = NULL;

	qsort(d, nr, sizeof(*d), by_name_then_order);
	for (size_t i = 1; i < nr; i++)
		if (!strcmp(d[i].name, d[i - 1].name) && (!worst || d[i].order < worst->order)) {
			size_t j = i - 1;

			while (j > 0 && !strcmp(d[j - 1].name, d[i].name))
				j--;
			worst = &d[i];
			first = &d[j];
		}
	if (!worst)
		return 0;
	return err_set(err, ERR_INPUT, "%s:%u:%u: %s '%s' declared twice (first at %s:%u:%u)",
		       worst->file, worst->pos.line, worst->pos.col, what, worst->name,
		       first->file, first->pos.line, first->pos.col);
}

static int check_duplicates(const struct hcl_module *m, struct err *err)
{
	size_t nr = m->nr_vars > m->nr_outputs ? m->nr_vars : m->nr_outputs;
	struct decl *d = xcalloc(nr + 1, sizeof(*d));
	int rc;

	for (size_t i = 0; i < m->nr_vars; i++)
		d[i] = (struct decl){ m->vars[i].name, m->vars[i].file, m->vars[i].pos, i };
	rc = check_unique(d, m->nr_vars, "variable", err);
	for (size_t i = 0; !rc && i < m->nr_outputs; i++)
		d[i] = (struct decl){ m->outputs[i].name, m->outputs[i].file, m->outputs[i].pos, i };
	if (!rc)
		rc = check_unique(d, m->nr_outputs, "output", err);
	free(d);
	return rc;
}

int hcl_module_load(struct hcl_module *out, const char *dir, struct err *err)
{
	char **files;
	size_t nr;
	int rc;

	memset(out, 0, sizeof(*out));
	out->dir = xstrdup(dir);
	rc = list_tf(&files, &nr, dir, err);
	for (size_t i = 0; i < nr; i++) {
		if (!rc)
			rc = load_file(out, files[i], err);
		free(files[i]);
	}
	free(files);
	if (!rc)
		rc = check_duplicates(out, err);
	if (rc)
		hcl_module_release(out);
	return rc;
}

void hcl_module_release(struct hcl_module *m)
{
	if (!m)
		return;
	for (size_t i = 0; i < m->nr_vars; i++) {
		free(m->vars[i].name);
		free(m->vars[i].file);
		free(m->vars[i].default_expr);
		free(m->vars[i].type);
		free(m->vars[i].description);
	}
	for (size_t i = 0; i < m->nr_outputs; i++) {
		free(m->outputs[i].name);
		free(m->outputs[i].file);
		free(m->outputs[i].description);
	}
	free(m->vars);
	free(m->outputs);
	free(m->dir);
	memset(m, 0, sizeof(*m));
}

const struct hcl_variable *hcl_module_variable(const struct hcl_module *m, const char *name)
{
	for (size_t i = 0; i < m->nr_vars; i++)
		if (!strcmp(m->vars[i].name, name))
			return &m->vars[i];
	return NULL;
}

const struct hcl_output *hcl_module_output(const struct hcl_module *m, const char *name)
{
	for (size_t i = 0; i < m->nr_outputs; i++)
		if (!strcmp(m->outputs[i].name, name))
			return &m->outputs[i];
	return NULL;
}
