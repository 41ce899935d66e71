/*
 * The values keys of each module's helm_release against the chart version
 * it pins (charts.h).  The module's .tf files are read with the HCL
 * reader; values_shape.c turns the values expression into key paths and
 * chart_keys.c answers for the chart.
 */
#include "validate/charts.h"

#include <stdlib.h>
#include <string.h>

#include "hcl/hcl.h"
#include "util/buf.h"
#include "util/fs.h"
#include "util/xalloc.h"
#include "validate/chart_keys.h"
#include "validate/modules.h"
#include "validate/report.h"
#include "util/yaml.h"
#include "validate/values_shape.h"
#include "stack/stack.h"

struct tf_files {
	struct hcl_file *items;
	size_t nr, alloc;
};


static int load_files(struct tf_files *out, const char *dir, struct err *err)
{
	char **names;
	size_t nr = fs_list(&names, dir, ".tf");
	int rc = 0;

	for (size_t i = 0; i < nr && !rc; i++) {
		char *path = fs_join(dir, names[i]);

		ALLOC_GROW(out->items, out->nr, out->alloc);
		out->items[out->nr] = (struct hcl_file)HCL_FILE_INIT;
		rc = hcl_parse_file(&out->items[out->nr], path, err);
		if (!rc)
			out->nr++;
		free(path);
	}
	fs_list_free(names, nr);
	return rc;
}

static void release_files(struct tf_files *f)
{
	for (size_t i = 0; i < f->nr; i++)
		hcl_file_release(&f->items[i]);
	free(f->items);
}

/* A string literal, or `var.X` whose default is one; NULL otherwise. */
static char *literal_value(const struct hcl_node *attr,
			   const struct hcl_module *m)
{
	struct buf b = BUF_INIT;
	const struct hcl_variable *v;

	if (!attr)
		return NULL;
	if (hcl_string_literal(&b, attr->expr))
		return buf_detach(&b, NULL);
	if (strncmp(attr->expr, "var.", 4) ||
	    !(v = hcl_module_variable(m, attr->expr + 4)) || !v->default_expr ||
	    !hcl_string_literal(&b, v->default_expr))
		return NULL;
	return buf_detach(&b, NULL);
}

/* CHARTS/<chart>/<version>, or the directory whose Chart.yaml names it. */
static char *chart_dir(const char *charts, const char *chart,
		       const char *version)
{
	char *dir = xasprintf("%s/%s/%s", charts, chart, version);
	char **names;
	size_t nr;

	if (fs_is_dir(dir))
		return dir;
	free(dir);
	dir = NULL;
	nr = fs_list(&names, charts, NULL);
	for (size_t i = 0; i < nr && !dir; i++) {
		char *cand = xasprintf("%s/%s/%s", charts, names[i], version);
		char *name = fs_is_dir(cand) ? chart_keys_name(cand) : NULL;

		if (name && !strcmp(name, chart))
			dir = cand;
		else
			free(cand);
		free(name);
	}
	fs_list_free(names, nr);
	return dir;
}

struct walk {
	struct validate_report *r;
	const struct chart_keys *chart;
	const char *module, *release, *chart_name, *version;
	const char **path;
	size_t nr, alloc;
};

static const char *form_name(enum values_form f)
{
	static const char *const names[] = {
		[VALUES_FORM_UNKNOWN] = "a value", [VALUES_FORM_OBJECT] = "a map",
		[VALUES_FORM_LIST] = "a list", [VALUES_FORM_STRING] = "a string",
		[VALUES_FORM_NUMBER] = "a number", [VALUES_FORM_BOOL] = "a boolean",
	};

	return names[f];
}

/* Maps, lists and scalars do not stand in for each other; Helm templates
 * read a number, a string or a boolean alike often enough. */
static int form_class(enum values_form f)
{
	return f == VALUES_FORM_OBJECT || f == VALUES_FORM_LIST ? (int)f : 0;
}

static void check_form(struct walk *w, const struct values_key *k,
		       const char *joined)
{
	unsigned line;
	enum values_form chart = chart_keys_form(w->chart, w->path, w->nr, &line);

	if (k->form == VALUES_FORM_UNKNOWN || chart == VALUES_FORM_UNKNOWN ||
	    form_class(k->form) == form_class(chart))
		return;
	validate_report_add(w->r, VALIDATE_NO_ENV, k->file, k->line, k->col,
			    NULL, 0, 0, NULL,
			    "module %s: helm_release.%s gives values key '%s' %s, where chart %s %s has %s (%s:%u)",
			    w->module, w->release, joined, form_name(k->form),
			    w->chart_name, w->version, form_name(chart),
			    w->chart->values_path, line);
}

static char *joined_path(const struct walk *w)
{
	struct buf b = BUF_INIT;

	for (size_t j = 0; j < w->nr; j++)
		buf_addf(&b, "%s%s", j ? "." : "", w->path[j]);
	return buf_detach(&b, NULL);
}

static void walk_keys(struct walk *w, const struct values_key *k)
{
	for (size_t i = 0; i < k->nr; i++) {
		const struct values_key *c = &k->children[i];
		enum chart_key verdict;
		char *why, *joined;

		ALLOC_GROW(w->path, w->nr, w->alloc);
		w->path[w->nr++] = c->name;
		verdict = chart_keys_check(w->chart, w->path, w->nr, &why);
		joined = joined_path(w);
		if (verdict == CHART_KEY_UNKNOWN) {
			validate_report_add(w->r, VALIDATE_NO_ENV, c->file, c->line,
					    c->col, NULL, 0, 0, NULL,
					    "module %s: helm_release.%s sets values key '%s', which chart %s %s does not have (%s)",
					    w->module, w->release, joined,
					    w->chart_name, w->version, why);
		} else if (verdict == CHART_KEY_KNOWN) {
			check_form(w, c, joined);
			walk_keys(w, c);
		}
		free(joined);
		free(why);
		w->nr--;
	}
}

/*
 * The next `yamlencode(local.NAME)` of the values expression at or after
 * *at: NAME (caller frees), with *at moved past it; NULL when none is left.
 */
static char *values_local(const char **at)
{
	const char *p;
	size_t len;

	while ((p = strstr(*at, "yamlencode(local."))) {
		p += strlen("yamlencode(local.");
		len = 0;
		while (p[len] == '_' || (p[len] >= 'a' && p[len] <= 'z') ||
		       (p[len] >= '0' && p[len] <= '9'))
			len++;
		*at = p + len;
		if (len && p[len] == ')')
			return xstrndup(p, len);
	}
	return NULL;
}

/* Every `yamlencode(local.NAME)` document of the values, into one shape. */
static int values_documents(struct values_key *root, const char *expr,
			    const struct values_locals *locals, size_t *nr,
			    struct err *err)
{
	const char *at = expr, *file;
	const struct hcl_node *local;
	char *name;
	int rc = 0;

	*nr = 0;
	while (!rc && (name = values_local(&at))) {
		if ((local = values_shape_locals_find(locals, name, &file))) {
			rc = values_shape(root, file, local->expr, local->expr_pos,
					  locals, err);
			(*nr)++;
		}
		free(name);
	}
	return rc;
}

static void check_release(struct validate_report *r, const char *module,
			  const char *tf, const struct hcl_node *res, const struct hcl_module *m,
			  const struct values_locals *locals, const char *charts,
			  const char *version_override)
{
	char *chart = literal_value(hcl_body_attr(&res->body, "chart"), m);
	char *version = version_override ? xstrdup(version_override) :
		literal_value(hcl_body_attr(&res->body, "version"), m);
	const struct hcl_node *values = hcl_body_attr(&res->body, "values");
	char *dir = NULL;
	struct values_key root = { 0 };
	struct chart_keys keys = CHART_KEYS_INIT;
	struct err err = ERR_INIT;
	struct walk w;
	size_t documents = 0;

	if (!chart || !version || !values)
		goto out;	/* nothing this check can read */
	if (values_documents(&root, values->expr, locals, &documents, &err)) {
		validate_report_error(r, tf, &err);
		goto out;
	}
	if (!documents)
		goto out;
	dir = chart_dir(charts, strrchr(chart, '/') ? strrchr(chart, '/') + 1 : chart,
			version);
	if (!dir) {
		validate_report_add(r, VALIDATE_NO_ENV, tf, res->pos.line,
				    res->pos.col, NULL, 0, 0, NULL,
				    "module %s: no values of chart %s %s under %s to check helm_release.%s against",
				    module, chart, version, charts, res->labels[1]);
		goto out;
	}
	if (chart_keys_load(&keys, dir, &err)) {
		validate_report_error(r, dir, &err);
		goto out;
	}
	/* a local chart path is named as its Chart.yaml names it */
	w = (struct walk){ r, &keys, module, res->labels[1],
			   strchr(chart, '/') && keys.name ? keys.name : chart,
			   version, NULL, 0, 0 };
	walk_keys(&w, &root);
	free(w.path);
out:
	values_shape_release(&root);
	chart_keys_release(&keys);
	err_release(&err);
	free(chart);
	free(version);
	free(dir);
}

size_t validate_module_charts(struct validate_report *r, const char *module_dir,
			      const char *charts_dir)
{
	return validate_module_charts_at(r, module_dir, charts_dir, NULL);
}

size_t validate_module_charts_at(struct validate_report *r,
				 const char *module_dir, const char *charts_dir,
				 const char *version)
{
	struct tf_files files = { NULL, 0, 0 };
	struct values_locals locals = VALUES_LOCALS_INIT;
	struct hcl_module m = HCL_MODULE_INIT;
	struct err err = ERR_INIT;
	size_t checked = 0;

	if (load_files(&files, module_dir, &err) ||
	    hcl_module_load(&m, module_dir, &err)) {
		validate_report_error(r, module_dir, &err);
		goto out;
	}
	for (size_t i = 0; i < files.nr; i++)
		values_shape_locals_add(&locals, &files.items[i]);
	for (size_t i = 0; i < files.nr; i++) {
		const struct hcl_body *body = &files.items[i].body;

		for (size_t j = 0; j < body->nr; j++) {
			const struct hcl_node *n = &body->nodes[j];

			if (n->kind != HCL_BLOCK || strcmp(n->name, "resource") ||
			    n->nr_labels != 2 || strcmp(n->labels[0], "helm_release"))
				continue;
			check_release(r, module_dir, files.items[i].path, n, &m,
				      &locals, charts_dir, version);
			checked++;
		}
	}
out:
	values_shape_locals_release(&locals);
	hcl_module_release(&m);
	release_files(&files);
	err_release(&err);
	return checked;
}

/* The literal chart_version stack.yaml gives component `c` in `env`. */
static const char *stack_version(const struct stack *st, size_t env, size_t c)
{
	const struct yaml_node *sets[] = { st->components[c].env_inputs[env],
					   st->components[c].inputs };

	for (size_t i = 0; i < ARRAY_SIZE(sets); i++) {
		const struct yaml_node *v = yaml_map_get(sets[i], "chart_version");

		if (v)
			return v->kind == YAML_SCALAR && !strstr(v->str, "${") ?
				v->str : NULL;
	}
	return NULL;
}

static int seen(char ***done, size_t *nr, size_t *alloc, const char *key)
{
	for (size_t i = 0; i < *nr; i++)
		if (!strcmp((*done)[i], key))
			return 1;
	ALLOC_GROW(*done, *nr, *alloc);
	(*done)[(*nr)++] = xstrdup(key);
	return 0;
}

size_t validate_charts(struct validate_report *r, const struct stack *st,
		       const struct validate_modules *mods,
		       const char *charts_dir)
{
	char **done = NULL;
	size_t nr = 0, alloc = 0, checked = 0;

	for (size_t i = 0; i < mods->nr; i++)
		if (mods->items[i].state == VALIDATE_MODULE_OK)
			checked += validate_module_charts(r, mods->items[i].dir,
							  charts_dir);
	/* versions the stack pins instead of the module's default */
	for (size_t c = 0; c < st->nr_components; c++) {
		const struct validate_module *m = mods->of[c];

		for (size_t e = 0; m && m->state == VALIDATE_MODULE_OK &&
		     e < st->nr_envs; e++) {
			const char *v = stack_version(st, e, c);
			char *key = v ? xasprintf("%s@%s", m->dir, v) : NULL;

			if (key && !seen(&done, &nr, &alloc, key))
				checked += validate_module_charts_at(r, m->dir,
								     charts_dir, v);
			free(key);
		}
	}
	fs_list_free(done, nr);
	return checked;
}
