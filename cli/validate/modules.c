/*
 * Reading every module a stack deploys, once each, and reporting those
 * that are missing or do not parse.
 */
#include "validate/modules.h"

#include <stdlib.h>
#include <string.h>

#include "util/fs.h"
#include "util/suggest.h"
#include "util/xalloc.h"
#include "validate/report.h"

/* "terraform/modules/query" for "terraform/modules/qurey", or NULL. */
static char *sibling_suggestion(const struct stack *st, const char *module)
{
	char *parent = fs_dirname(module), *full = fs_join(st->dir, parent);
	const char *base = strrchr(module, '/'), *best;
	char **names, *res = NULL;
	size_t nr = fs_list(&names, full, NULL);

	best = suggest_closest(base ? base + 1 : module,
			       (const char *const *)names, nr);
	if (best)
		res = strchr(module, '/') ? xasprintf("%s/%s", parent, best) :
			xstrdup(best);
	fs_list_free(names, nr);
	free(full);
	free(parent);
	return res;
}

static void report_missing(struct validate_report *r, const struct stack *st,
			   const struct stack_component *c,
			   enum validate_module_state state)
{
	const struct yaml_node *map = yaml_map_get(
		yaml_map_get(st->doc->root, "components"), c->name);
	const struct yaml_node *mod = yaml_map_get(map, "module");
	unsigned line = mod ? mod->line : c->line;
	unsigned col = mod ? mod->col : c->col;
	char *near = sibling_suggestion(st, c->module), *tail;

	if (state == VALIDATE_MODULE_EMPTY)
		tail = xstrdup("holds no .tf file");
	else if (near)
		tail = xasprintf("does not exist (did you mean '%s'?)", near);
	else
		tail = xstrdup("does not exist");
	validate_report_add(r, VALIDATE_NO_ENV, st->path, line, col, NULL, 0, 0,
			    NULL, "component '%s': module directory '%s' %s",
			    c->name, c->module, tail);
	free(tail);
	free(near);
}

static struct validate_module *load_one(struct validate_modules *m,
					struct validate_report *r,
					const char *dir)
{
	struct validate_module *mod;
	struct err err = ERR_INIT;

	ALLOC_GROW(m->items, m->nr, m->alloc);
	mod = &m->items[m->nr++];
	if (validate_module_load(mod, dir, &err) < 0)
		validate_report_error(r, dir, &err);
	err_release(&err);
	return mod;
}

/*
 * `dir` joined to `module` without "./" segments, doubled or trailing
 * slashes, so that "./terraform/modules/x/" and "terraform/modules/x" are
 * one module (and one README).  ".." is kept: it is not ours to resolve.
 */
static char *module_dir(const char *dir, const char *module)
{
	char *joined = fs_join(dir, module);
	struct buf out = BUF_INIT;
	const char *p = joined;

	while (*p) {
		size_t len = strcspn(p, "/");

		if (len && !(len == 1 && p[0] == '.')) {
			if (out.len || joined[0] == '/')
				buf_addch(&out, '/');
			buf_add(&out, p, len);
		}
		p += len;
		p += *p == '/';
	}
	if (!out.len)
		buf_addstr(&out, joined[0] == '/' ? "/" : ".");
	free(joined);
	return buf_detach(&out, NULL);
}

/* Index into m->items of the module read from `dir`, or -1. */
static long find_loaded(const struct validate_modules *m, const char *dir)
{
	size_t i;

	for (i = 0; i < m->nr; i++)
		if (!strcmp(m->items[i].dir, dir))
			return (long)i;
	return -1;
}

void validate_modules_load(struct validate_modules *out,
			   struct validate_report *r, const struct stack *st)
{
	long *idx = xcalloc(st->nr_components + 1, sizeof(*idx));
	enum validate_module_state state;
	size_t i;

	for (i = 0; i < st->nr_components; i++) {
		const struct stack_component *c = &st->components[i];
		char *dir = module_dir(st->dir, c->module);

		idx[i] = find_loaded(out, dir);
		if (idx[i] < 0) {
			load_one(out, r, dir);
			idx[i] = (long)out->nr - 1;
		}
		state = out->items[idx[i]].state;
		if (state == VALIDATE_MODULE_MISSING ||
		    state == VALIDATE_MODULE_EMPTY)
			report_missing(r, st, c, state);
		free(dir);
	}
	/* pointers only now: items may have moved while growing */
	out->of = xcalloc(st->nr_components + 1, sizeof(*out->of));
	for (i = 0; i < st->nr_components; i++)
		out->of[i] = &out->items[idx[i]];
	free(idx);
}

void validate_modules_release(struct validate_modules *m)
{
	size_t i;

	if (!m)
		return;
	for (i = 0; i < m->nr; i++)
		validate_module_release(&m->items[i]);
	free(m->items);
	free(m->of);
	memset(m, 0, sizeof(*m));
}
