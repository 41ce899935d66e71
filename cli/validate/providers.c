/*
 * Component `providers:` lists against the modules' required_providers.
 */
#include "validate/providers.h"

#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"
#include "validate/report.h"

static int listed(const struct stack_component *c, const char *name)
{
	size_t i;

	for (i = 0; i < c->nr_providers; i++)
		if (!strcmp(c->providers[i], name))
			return 1;
	return 0;
}

static int configurable(const struct stack *st, const char *name)
{
	size_t i;

	for (i = 0; i < st->nr_providers; i++)
		if (!strcmp(st->providers[i].name, name))
			return 1;
	return 0;
}

/* The `providers:` node of a component, or NULL. */
static const struct yaml_node *providers_node(const struct stack *st,
					      const struct stack_component *c,
					      const struct yaml_node **key)
{
	const struct yaml_node *map = yaml_map_get(
		yaml_map_get(st->doc->root, "components"), c->name);
	size_t i;

	*key = NULL;
	for (i = 0; map && map->kind == YAML_MAP && i < map->nr_pairs; i++)
		if (!strcmp(map->pairs[i].key->str, "providers")) {
			*key = map->pairs[i].key;
			return map->pairs[i].value;
		}
	return NULL;
}

static void check_missing(struct validate_report *r, const struct stack *st,
			  const struct stack_component *c,
			  const struct validate_module *m,
			  const struct yaml_node *key)
{
	unsigned line = key ? key->line : c->line;
	unsigned col = key ? key->col : c->col;
	size_t i;

	for (i = 0; i < m->nr_providers; i++) {
		const struct validate_decl *p = &m->providers[i];
		char *note;

		if (listed(c, p->name) || !configurable(st, p->name))
			continue;
		note = xasprintf("provider '%s' is required here", p->name);
		validate_report_add(r, VALIDATE_NO_ENV, st->path, line, col,
				    p->file, p->line, p->col, note,
				    "component '%s': %s requires provider '%s', but the component's providers do not list it",
				    c->name, c->module, p->name);
		free(note);
	}
}

static void check_extra(struct validate_report *r, const struct stack *st,
			const struct stack_component *c,
			const struct validate_module *m,
			const struct yaml_node *list)
{
	size_t i;

	for (i = 0; i < c->nr_providers; i++) {
		const struct yaml_node *at = list && list->kind == YAML_SEQ &&
			i < list->nr_items ? list->items[i] : NULL;

		if (validate_decl_find(m->providers, m->nr_providers,
				       c->providers[i]))
			continue;
		validate_report_add(r, VALIDATE_NO_ENV, st->path,
				    at ? at->line : c->line,
				    at ? at->col : c->col, NULL, 0, 0, NULL,
				    "component '%s': provider '%s' is listed, but %s does not require it",
				    c->name, c->providers[i], c->module);
	}
}

void validate_providers(struct validate_report *r, const struct stack *st,
			const struct validate_module *const *mods)
{
	size_t from = r->nr, i;

	for (i = 0; i < st->nr_components; i++) {
		const struct stack_component *c = &st->components[i];
		const struct yaml_node *key, *list;

		if (mods[i]->state != VALIDATE_MODULE_OK)
			continue;
		list = providers_node(st, c, &key);
		check_missing(r, st, c, mods[i], key);
		check_extra(r, st, c, mods[i], list);
	}
	validate_report_finish(r, from, NULL, 0);
}
