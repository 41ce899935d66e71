/*
 * Environment and component names in policies against the stack.
 */
#include "validate/policy_refs.h"

#include <stdlib.h>
#include <string.h>

#include "util/suggest.h"
#include "util/xalloc.h"
#include "validate/report.h"

enum ref_kind { REF_ENV, REF_COMPONENT };

static const char **stack_names(const struct stack *st, enum ref_kind kind,
				size_t *nr)
{
	size_t n = kind == REF_ENV ? st->nr_envs : st->nr_components, i;
	const char **v = xcalloc(n + 1, sizeof(*v));

	for (i = 0; i < n; i++)
		v[i] = kind == REF_ENV ? st->envs[i].name :
			st->components[i].name;
	*nr = n;
	return v;
}

/* Reports `name` (at `at`) unless the stack defines it. */
static void check_name(struct validate_report *r, const char *path,
		       const struct yaml_node *at, const char *name, size_t len,
		       enum ref_kind kind, const struct stack *st)
{
	const char *what = kind == REF_ENV ? "environment" : "component";
	char *word = xstrndup(name, len);
	size_t nr, i;
	const char **names = stack_names(st, kind, &nr);
	const char *near;

	for (i = 0; i < nr && strcmp(names[i], word); i++)
		;
	if (i == nr) {
		near = suggest_closest(word, names, nr);
		validate_report_add(r, VALIDATE_NO_ENV, path, at->line, at->col,
				    NULL, 0, 0, NULL,
				    "%s '%s' is not defined in %s%s%s%s", what,
				    word, st->path, near ? " (did you mean '" : "",
				    near ? near : "", near ? "'?)" : "");
	}
	free(names);
	free(word);
}

/* plan.yaml: "component:glob" entries of protected.allow_destroy. */
static void check_allow(struct validate_report *r, const char *path,
			const struct yaml_node *seq, const struct stack *st)
{
	size_t i;

	for (i = 0; seq && seq->kind == YAML_SEQ && i < seq->nr_items; i++) {
		const struct yaml_node *item = seq->items[i];
		const char *colon;

		if (item->kind != YAML_SCALAR)
			continue;
		colon = strchr(item->str, ':');
		/* no component, or a glob for it: not a name to look up */
		if (!colon ||
		    strcspn(item->str, "*?[") < (size_t)(colon - item->str))
			continue;
		check_name(r, path, item, item->str,
			   (size_t)(colon - item->str), REF_COMPONENT, st);
	}
}

/* Environment names: the items of a list or the keys of a mapping. */
static void check_envs(struct validate_report *r, const char *path,
		       const struct yaml_node *node, const struct stack *st)
{
	size_t i;

	if (node && node->kind == YAML_SEQ)
		for (i = 0; i < node->nr_items; i++)
			if (node->items[i]->kind == YAML_SCALAR)
				check_name(r, path, node->items[i],
					   node->items[i]->str,
					   strlen(node->items[i]->str), REF_ENV,
					   st);
	if (node && node->kind == YAML_MAP)
		for (i = 0; i < node->nr_pairs; i++) {
			const struct yaml_node *k = node->pairs[i].key;

			check_name(r, path, k, k->str, strlen(k->str), REF_ENV,
				   st);
		}
}

/* gate.yaml: the `environments` list of each waiver. */
static void check_waivers(struct validate_report *r, const char *path,
			  const struct yaml_node *seq, const struct stack *st)
{
	size_t i;

	for (i = 0; seq && seq->kind == YAML_SEQ && i < seq->nr_items; i++)
		check_envs(r, path, yaml_map_get(seq->items[i], "environments"),
			   st);
}

void validate_policy_refs(struct validate_report *r, const char *path,
			  const char *name, const struct stack *st)
{
	struct yaml_doc *doc = NULL;
	struct err err = ERR_INIT;
	size_t from = r->nr;

	if (strcmp(name, "plan.yaml") && strcmp(name, "gate.yaml"))
		return;
	if (yaml_load_file(&doc, path, &err) == 0 && doc->root) {
		check_envs(r, path, yaml_map_get(doc->root, "environments"), st);
		if (!strcmp(name, "plan.yaml"))
			check_allow(r, path,
				    yaml_map_get(yaml_map_get(doc->root,
							      "protected"),
						 "allow_destroy"), st);
		else
			check_waivers(r, path, yaml_map_get(doc->root, "waivers"),
				      st);
	}
	validate_report_finish(r, from, NULL, 0);	/* in file order */
	yaml_doc_free(doc);
	err_release(&err);
}
