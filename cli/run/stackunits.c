/*
 * units_from_stack: the run_set of one environment from the loaded stack
 * (components in topological order, dependencies, the stack's mock
 * outputs, the rendered files of the environment).
 */
#include "run/stackunits.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "render/render.h"
#include "util/buf.h"
#include "util/fs.h"
#include "util/xalloc.h"

/* Every string scalar under `n` (mock outputs may be nested). */
static void collect_strings(struct run_unit *u, size_t *alloc,
			    const struct yaml_node *n)
{
	size_t i;

	if (!n)
		return;
	if (n->kind == YAML_SCALAR) {
		if (yaml_type_of(n) == YAML_T_STR) {
			ALLOC_GROW(u->mocks, u->nr_mocks, *alloc);
			u->mocks[u->nr_mocks++] = xstrdup(n->str);
		}
		return;
	}
	for (i = 0; i < n->nr_items; i++)
		collect_strings(u, alloc, n->items[i]);
	for (i = 0; i < n->nr_pairs; i++)
		collect_strings(u, alloc, n->pairs[i].value);
}

static char *absolute(const char *path)
{
	char *r = realpath(path, NULL);

	return r ? r : xstrdup(path);
}

static void add_units(struct run_set *out, const struct stack *st)
{
	size_t *pos = xcalloc(st->nr_components + 1, sizeof(*pos));
	size_t i, k;

	for (i = 0; i < st->nr_components; i++)
		pos[st->order[i]] = i;
	out->units = xcalloc(st->nr_components + 1, sizeof(*out->units));
	out->nr = out->alloc = st->nr_components;
	for (i = 0; i < st->nr_components; i++) {
		const struct stack_component *c = &st->components[st->order[i]];
		struct run_unit *u = &out->units[i];
		size_t alloc = 0;
		char *rel = xasprintf("terragrunt/%s/%s", out->env, c->name);

		u->name = xstrdup(c->name);
		u->dir = fs_join(out->root, rel);
		u->module = xstrdup(c->module);
		u->deps = xcalloc(c->nr_deps + 1, sizeof(size_t));
		for (k = 0; k < c->nr_deps; k++) {
			u->deps[u->nr_deps++] = pos[c->deps[k]];
			collect_strings(u, &alloc,
					st->components[c->deps[k]].mock_outputs);
		}
		free(rel);
	}
	free(pos);
}

int units_from_stack(struct run_set *out, const struct stack *st,
		     const char *env, struct err *err)
{
	const char *envs[1] = { env };
	struct render_opts ropts = { envs, 1 };
	struct render_set files = RENDER_SET_INIT;
	long e = stack_env_find(st, env);
	size_t i;

	memset(out, 0, sizeof(*out));
	if (e < 0) {
		struct buf known = BUF_INIT;

		for (i = 0; i < st->nr_envs; i++)
			buf_addf(&known, "%s%s", i ? ", " : "", st->envs[i].name);
		err_set(err, ERR_NOTFOUND,
			"unknown environment '%s' (the stack defines: %s)", env,
			known.ptr);
		buf_release(&known);
		return err->code;
	}
	out->env = xstrdup(env);
	out->protected = st->envs[e].protected;
	out->root = absolute(st->dir);
	out->stack_path = absolute(st->path);
	add_units(out, st);
	if (render_stack(&files, st, &ropts, err) < 0) {
		run_set_release(out);
		return err->code;
	}
	out->files = xcalloc(files.nr + 1, sizeof(char *));
	for (i = 0; i < files.nr; i++)
		out->files[out->nr_files++] = xstrdup(files.files[i].path);
	out->alloc_files = out->nr_files;
	render_set_release(&files);
	return 0;
}
