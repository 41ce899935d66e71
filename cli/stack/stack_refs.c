/*
 * ${env.X} and ${component.output}: found in every value, checked against
 * the environments' vars and the components' direct dependencies; and the
 * merged inputs of one environment x component.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stack/stack_int.h"
#include "util/xalloc.h"

static int scan_scalar(struct stack_ref **refs, size_t *nr, size_t *alloc,
		       const struct yaml_doc *doc, const struct yaml_node *node,
		       struct err *err)
{
	struct tmpl t = TMPL_INIT;
	const char *why = NULL;
	size_t at = 0, i;

	if (tmpl_parse(&t, node->str, node->len, &why, &at) < 0) {
		tmpl_release(&t);
		return yaml_err(err, doc, node, "bad reference at byte %zu of the string: %s",
				at, why);
	}
	for (i = 0; i < t.nr; i++) {
		struct stack_ref *r;

		if (t.segs[i].kind != TMPL_REF)
			continue;
		ALLOC_GROW(*refs, *nr, *alloc);
		r = &(*refs)[(*nr)++];
		r->kind = strcmp(t.segs[i].scope, "env") ? STACK_REF_OUTPUT :
			STACK_REF_ENV;
		r->component = r->kind == STACK_REF_OUTPUT ?
			xstrdup(t.segs[i].scope) : NULL;
		r->name = xstrdup(t.segs[i].name);
		r->whole = tmpl_is_whole_ref(&t);
		r->line = node->line;
		r->col = node->col;
	}
	tmpl_release(&t);
	return 0;
}

/*
 * Scans one string for ${...} references (`$${` is a literal and skipped).
 * Appends to *refs / *nr (growable with ALLOC_GROW; *alloc tracks it).
 * ERR_INPUT via `doc` when a reference is malformed (not `env.X` nor
 * `component.output`, or unterminated).
 */
static int stack_scan_refs(struct stack_ref **refs, size_t *nr, size_t *alloc,
			   const struct yaml_doc *doc,
			   const struct yaml_node *node, struct err *err)
{
	size_t i;

	if (!node)
		return 0;
	switch (node->kind) {
	case YAML_SCALAR:
		if (yaml_type_of(node) != YAML_T_STR)
			return 0;
		return scan_scalar(refs, nr, alloc, doc, node, err);
	case YAML_SEQ:
		for (i = 0; i < node->nr_items; i++)
			if (stack_scan_refs(refs, nr, alloc, doc, node->items[i], err) < 0)
				return err->code;
		return 0;
	case YAML_MAP:
		for (i = 0; i < node->nr_pairs; i++)
			if (stack_scan_refs(refs, nr, alloc, doc,
					    node->pairs[i].value, err) < 0)
				return err->code;
		return 0;
	}
	return 0;
}

static void stack_refs_free(struct stack_ref *refs, size_t nr)
{
	size_t i;

	for (i = 0; i < nr; i++) {
		free(refs[i].component);
		free(refs[i].name);
	}
	free(refs);
}

/* "FILE:L:C: message" at the scalar a reference was found in. */
static int ref_err(struct err *err, const struct stack *st,
		   const struct stack_ref *r, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static int ref_err(struct err *err, const struct stack *st,
		   const struct stack_ref *r, const char *fmt, ...)
{
	struct buf msg = BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	buf_vaddf(&msg, fmt, ap);
	va_end(ap);
	err_set(err, ERR_INPUT, "%s:%u:%u: %s", st->doc->filename, r->line,
		r->col, msg.ptr);
	buf_release(&msg);
	return err->code;
}

static int check_env_ref(const struct stack *st, size_t env,
			 const struct stack_ref *r, struct err *err)
{
	const struct yaml_node *v;
	char ref[160];

	if (!strcmp(r->name, "name"))
		return 0;
	snprintf(ref, sizeof(ref), "${env.%s}", r->name);
	v = yaml_map_get(st->envs[env].vars, r->name);
	if (!v)
		return ref_err(err, st, r, "%s is not defined in environment '%s' (add it under its vars)",
			       ref, st->envs[env].name);
	if (!r->whole && v->kind != YAML_SCALAR)
		return ref_err(err, st, r, "%s is a %s in environment '%s' and cannot be part of a longer string",
			       ref, yaml_type_name(yaml_type_of(v)),
			       st->envs[env].name);
	return 0;
}

static int check_output_ref(const struct stack *st, size_t comp,
			    const struct stack_ref *r, struct err *err)
{
	const struct stack_component *c = &st->components[comp];
	long d = stack_component_find(st, r->component);
	size_t j;

	if (d < 0)
		return ref_err(err, st, r, "${%s.%s} names unknown component '%s'",
			       r->component, r->name, r->component);
	for (j = 0; j < c->nr_deps && c->deps[j] != (size_t)d; j++)
		;
	if (j == c->nr_deps)
		return ref_err(err, st, r, "'%s' uses an output of '%s' but does not depend on it (add '%s' to its depends_on)",
			       c->name, r->component, r->component);
	if (st->components[d].mock_outputs &&
	    !yaml_map_get(st->components[d].mock_outputs, r->name))
		return ref_err(err, st, r, "'%s' declares no output '%s' in its mock_outputs",
			       r->component, r->name);
	return 0;
}

/* Refs of `node` checked for environment `env`; comp < 0: only ${env.X}. */
static int check_node(const struct stack *st, const struct yaml_node *node,
		      size_t env, long comp, const char *where,
		      struct err *err)
{
	struct stack_ref *refs = NULL;
	size_t nr = 0, alloc = 0, i;
	int ret = stack_scan_refs(&refs, &nr, &alloc, st->doc, node, err);

	for (i = 0; !ret && i < nr; i++) {
		if (refs[i].kind == STACK_REF_ENV && env != (size_t)-1)
			ret = check_env_ref(st, env, &refs[i], err);
		else if (refs[i].kind == STACK_REF_ENV || comp < 0)
			ret = ref_err(err, st, &refs[i], "%s cannot hold %s", where,
				      env != (size_t)-1 ? "component outputs (only ${env.X})" :
				      "references");
		else
			ret = check_output_ref(st, (size_t)comp, &refs[i], err);
	}
	stack_refs_free(refs, nr);
	return ret;
}

static int check_providers(const struct stack *st, size_t comp,
			   struct err *err)
{
	const struct stack_component *c = &st->components[comp];
	size_t i, j;

	for (i = 0; i < c->nr_providers; i++) {
		for (j = 0; j < st->nr_providers; j++)
			if (!strcmp(st->providers[j].name, c->providers[i]))
				break;
		if (j == st->nr_providers)
			return yaml_err(err, st->doc,
					yaml_map_get(stack_component_node(st, comp),
						     "providers")->items[i],
					"unknown provider '%s' (not under 'providers')",
					c->providers[i]);
	}
	return 0;
}

static int check_component(const struct stack *st, size_t comp,
			   struct err *err)
{
	size_t e, i;

	if (check_providers(st, comp, err) < 0 ||
	    check_node(st, st->components[comp].mock_outputs, (size_t)-1, -1,
		       "mock_outputs", err) < 0)
		return err->code;
	for (e = 0; e < st->nr_envs; e++) {
		struct stack_inputs in = STACK_INPUTS_INIT;
		int ret = 0;

		stack_inputs(&in, st, e, comp);
		for (i = 0; !ret && i < in.nr; i++)
			ret = check_node(st, in.items[i].value, e, (long)comp,
					 "inputs", err);
		stack_inputs_release(&in);
		if (ret)
			return ret;
	}
	return 0;
}

int stack_check_refs(const struct stack *st, struct err *err)
{
	size_t i, e;

	if (check_node(st, st->backend_s3, (size_t)-1, -1,
		       "backend (one backend serves every environment, so it)", err) < 0)
		return err->code;
	for (e = 0; e < st->nr_envs; e++)
		if (check_node(st, st->envs[e].vars, (size_t)-1, -1, "vars", err) < 0)
			return err->code;
	for (i = 0; i < st->nr_providers; i++)
		for (e = 0; e < st->nr_envs; e++)
			if (check_node(st, st->providers[i].config, e, -1,
				       "providers", err) < 0)
				return err->code;
	for (i = 0; i < st->nr_components; i++)
		if (check_component(st, i, err) < 0)
			return err->code;
	return 0;
}

static void put_input(struct stack_inputs *out, size_t *alloc,
		      const struct yaml_pair *p, int overridden)
{
	size_t i;
	struct stack_input *in = NULL;

	for (i = 0; i < out->nr; i++)
		if (!strcmp(out->items[i].name, p->key->str))
			in = &out->items[i];
	if (!in) {
		ALLOC_GROW(out->items, out->nr, *alloc);
		in = &out->items[out->nr++];
		memset(in, 0, sizeof(*in));
		in->name = xstrdup(p->key->str);
	}
	in->value = p->value;
	in->overridden = overridden;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(((const struct stack_input *)a)->name,
		      ((const struct stack_input *)b)->name);
}

void stack_inputs(struct stack_inputs *out, const struct stack *st,
		  size_t env, size_t comp)
{
	const struct stack_component *c = &st->components[comp];
	const struct yaml_node *over = c->env_inputs ? c->env_inputs[env] : NULL;
	size_t alloc = 0, i;
	struct err err = ERR_INIT;

	out->items = NULL;
	out->nr = 0;
	for (i = 0; c->inputs && i < c->inputs->nr_pairs; i++)
		put_input(out, &alloc, &c->inputs->pairs[i], 0);
	for (i = 0; over && i < over->nr_pairs; i++)
		put_input(out, &alloc, &over->pairs[i], 1);
	if (out->nr)
		qsort(out->items, out->nr, sizeof(*out->items), by_name);
	for (i = 0; i < out->nr; i++) {
		size_t ralloc = 0;
		struct stack_input *in = &out->items[i];

		/* a malformed ref is reported by stack_check_refs; skip it here */
		stack_scan_refs(&in->refs, &in->nr_refs, &ralloc, st->doc,
				in->value, &err);
		err_clear(&err);
	}
	err_release(&err);
}

void stack_inputs_release(struct stack_inputs *in)
{
	size_t i;

	for (i = 0; i < in->nr; i++) {
		free(in->items[i].name);
		stack_refs_free(in->items[i].refs, in->items[i].nr_refs);
	}
	free(in->items);
	in->items = NULL;
	in->nr = 0;
}
