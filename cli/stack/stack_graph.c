/*
 * The dependency graph: depends_on resolved to indices, cycles reported
 * with their path, and a deterministic topological order.
 */
#include <stdlib.h>
#include <string.h>

#include "stack/stack_int.h"
#include "util/buf.h"
#include "util/xalloc.h"

const struct yaml_node *stack_component_node(const struct stack *st,
					     size_t comp)
{
	return yaml_map_get(yaml_map_get(st->doc->root, "components"),
			    st->components[comp].name);
}

static int resolve_deps(struct stack *st, size_t i, struct err *err)
{
	struct stack_component *c = &st->components[i];
	const struct yaml_node *list =
		yaml_map_get(stack_component_node(st, i), "depends_on");
	size_t j, k;

	c->deps = xcalloc(c->nr_depends_on + 1, sizeof(*c->deps));
	for (j = 0; j < c->nr_depends_on; j++) {
		long d = stack_component_find(st, c->depends_on[j]);

		if (d < 0)
			return yaml_err(err, st->doc, list->items[j],
					"component '%s' depends on unknown component '%s'",
					c->name, c->depends_on[j]);
		if ((size_t)d == i)
			return yaml_err(err, st->doc, list->items[j],
					"component '%s' depends on itself", c->name);
		for (k = 0; k < c->nr_deps; k++)
			if (c->deps[k] == (size_t)d)
				return yaml_err(err, st->doc, list->items[j],
						"'%s' is listed twice in depends_on",
						c->depends_on[j]);
		c->deps[c->nr_deps++] = (size_t)d;
	}
	return 0;
}

static void link_dependents(struct stack *st)
{
	size_t i, j;

	for (i = 0; i < st->nr_components; i++)
		st->components[i].dependents =
			xcalloc(st->nr_components + 1, sizeof(size_t));
	for (i = 0; i < st->nr_components; i++) {
		const struct stack_component *c = &st->components[i];

		for (j = 0; j < c->nr_deps; j++) {
			struct stack_component *d = &st->components[c->deps[j]];

			d->dependents[d->nr_dependents++] = i;
		}
	}
}

enum { WHITE, GREY, BLACK };

struct dfs {
	struct stack *st;
	int *color;
	size_t *path;
	size_t depth;
};

static int report_cycle(struct dfs *d, size_t back, struct err *err)
{
	struct buf msg = BUF_INIT;
	size_t i = 0, start;
	const struct stack_component *c;

	while (d->path[i] != back)
		i++;
	start = i;
	for (; i < d->depth; i++)
		buf_addf(&msg, "%s -> ", d->st->components[d->path[i]].name);
	buf_addstr(&msg, d->st->components[back].name);
	c = &d->st->components[d->path[start]];
	err_set(err, ERR_INPUT, "%s:%u:%u: dependency cycle: %s", d->st->doc->filename,
		c->line, c->col, msg.ptr);
	buf_release(&msg);
	return err->code;
}

static int visit(struct dfs *d, size_t n, struct err *err)
{
	const struct stack_component *c = &d->st->components[n];
	size_t j;

	d->color[n] = GREY;
	d->path[d->depth++] = n;
	for (j = 0; j < c->nr_deps; j++) {
		size_t m = c->deps[j];

		if (d->color[m] == GREY)
			return report_cycle(d, m, err);
		if (d->color[m] == WHITE && visit(d, m, err) < 0)
			return err->code;
	}
	d->depth--;
	d->color[n] = BLACK;
	return 0;
}

static int find_cycles(struct stack *st, struct err *err)
{
	struct dfs d = { st, NULL, NULL, 0 };
	size_t i;
	int ret = 0;

	d.color = xcalloc(st->nr_components + 1, sizeof(*d.color));
	d.path = xcalloc(st->nr_components + 1, sizeof(*d.path));
	for (i = 0; i < st->nr_components && !ret; i++)
		if (d.color[i] == WHITE)
			ret = visit(&d, i, err);
	free(d.color);
	free(d.path);
	return ret;
}

/* Kahn's algorithm, always taking the first ready component in file order. */
static void topo_order(struct stack *st)
{
	size_t n = st->nr_components, i, k, done = 0;
	size_t *pending = xcalloc(n + 1, sizeof(*pending));
	char *placed = xcalloc(n + 1, 1);

	st->order = xcalloc(n + 1, sizeof(*st->order));
	for (i = 0; i < n; i++)
		pending[i] = st->components[i].nr_deps;
	while (done < n) {
		for (i = 0; i < n && (placed[i] || pending[i]); i++)
			;
		placed[i] = 1;
		st->order[done++] = i;
		for (k = 0; k < st->components[i].nr_dependents; k++)
			pending[st->components[i].dependents[k]]--;
	}
	free(pending);
	free(placed);
}

int stack_build_graph(struct stack *st, struct err *err)
{
	size_t i;

	for (i = 0; i < st->nr_components; i++)
		if (resolve_deps(st, i, err) < 0)
			return err->code;
	link_dependents(st);
	if (find_cycles(st, err) < 0)
		return err->code;
	topo_order(st);
	return 0;
}

int stack_depends(const struct stack *st, size_t a, size_t b)
{
	const struct stack_component *c = &st->components[a];
	size_t j;

	for (j = 0; j < c->nr_deps; j++)
		if (c->deps[j] == b || stack_depends(st, c->deps[j], b))
			return 1;
	return 0;
}
