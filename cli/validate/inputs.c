/*
 * The inputs stack.yaml renders against the variables and outputs the
 * modules declare, per environment x component.
 */
#include "validate/inputs.h"

#include <stdlib.h>
#include <string.h>

#include "util/suggest.h"
#include "util/xalloc.h"
#include "validate/report.h"
#include "validate/types.h"

/* The key node of `name` in a mapping, or NULL. */
static const struct yaml_node *key_of(const struct yaml_node *map,
				      const char *name)
{
	size_t i;

	if (!map || map->kind != YAML_MAP)
		return NULL;
	for (i = 0; i < map->nr_pairs; i++)
		if (!strcmp(map->pairs[i].key->str, name))
			return map->pairs[i].key;
	return NULL;
}

/* The mapping of component `c` in the document. */
static const struct yaml_node *component_map(const struct stack *st,
					     const struct stack_component *c)
{
	const struct yaml_node *all = yaml_map_get(st->doc->root, "components");

	return yaml_map_get(all, c->name);
}

struct pos {
	unsigned line, col;
};

/* Where an input is missing: the `inputs:` key, else the component. */
static struct pos missing_pos(const struct stack *st,
			      const struct stack_component *c)
{
	const struct yaml_node *k = key_of(component_map(st, c), "inputs");
	struct pos p = { c->line, c->col };

	if (k) {
		p.line = k->line;
		p.col = k->col;
	}
	return p;
}

/* Where an input is written: its key in the override or in the defaults. */
static struct pos input_pos(const struct stack_component *c, size_t env,
			    const struct stack_input *in)
{
	const struct yaml_node *map = in->overridden && c->env_inputs ?
		c->env_inputs[env] : c->inputs;
	const struct yaml_node *k = key_of(map, in->name);
	struct pos p = { in->value->line, in->value->col };

	if (k) {
		p.line = k->line;
		p.col = k->col;
	}
	return p;
}

static const char **decl_names(const struct validate_decl *d, size_t nr)
{
	const char **v = xcalloc(nr + 1, sizeof(*v));
	size_t i;

	for (i = 0; i < nr; i++)
		v[i] = d[i].name;
	return v;
}

/* The declaration closest to `word`, or NULL. */
static const struct validate_decl *closest(const struct validate_decl *d,
					   size_t nr, const char *word)
{
	const char **names = decl_names(d, nr);
	const char *best = suggest_closest(word, names, nr);

	free(names);
	return best ? validate_decl_find(d, nr, best) : NULL;
}

/* The note "KIND 'NAME' is declared here[ SUFFIX]" at `d`, or none. */
static char *decl_note(const struct validate_decl *d, const char *kind,
		       const char *suffix)
{
	return d ? xasprintf("%s '%s' is declared here%s", kind, d->name,
			     suffix) : NULL;
}

static void check_missing(struct validate_report *r, const struct stack *st,
			  size_t env, const struct stack_component *c,
			  const struct validate_module *m,
			  const struct stack_inputs *in)
{
	struct pos p = missing_pos(st, c);
	size_t i, j;

	for (i = 0; i < m->nr_vars; i++) {
		const struct validate_decl *v = &m->vars[i];
		char *note;

		if (v->has_default)
			continue;
		for (j = 0; j < in->nr; j++)
			if (!strcmp(in->items[j].name, v->name))
				break;
		if (j < in->nr)
			continue;
		note = decl_note(v, "variable", " without a default");
		validate_report_add(r, env, st->path, p.line, p.col, v->file,
				    v->line, v->col, note,
				    "component '%s': missing required input '%s'",
				    c->name, v->name);
		free(note);
	}
}

static void check_unknown(struct validate_report *r, const struct stack *st,
			  size_t env, const struct stack_component *c,
			  const struct validate_module *m,
			  const struct stack_input *in)
{
	const struct validate_decl *near;
	struct pos p;
	char *note;

	if (validate_decl_find(m->vars, m->nr_vars, in->name))
		return;
	p = input_pos(c, env, in);
	near = closest(m->vars, m->nr_vars, in->name);
	note = decl_note(near, "variable", "");
	if (near)
		validate_report_add(r, env, st->path, p.line, p.col, near->file,
				    near->line, near->col, note,
				    "component '%s': unknown input '%s', not a variable of %s (did you mean '%s'?)",
				    c->name, in->name, c->module, near->name);
	else
		validate_report_add(r, env, st->path, p.line, p.col, NULL, 0, 0,
				    NULL,
				    "component '%s': unknown input '%s', not a variable of %s",
				    c->name, in->name, c->module);
	free(note);
}

/* "(outputs: a, b)" or "(it declares no outputs)", for a hopeless miss. */
static char *outputs_list(const struct validate_module *m)
{
	struct buf b = BUF_INIT;
	size_t i;

	if (!m->nr_outputs)
		return xstrdup("(it declares no outputs)");
	buf_addstr(&b, "(outputs: ");
	for (i = 0; i < m->nr_outputs; i++)
		buf_addf(&b, "%s%s", i ? ", " : "", m->outputs[i].name);
	buf_addch(&b, ')');
	return buf_detach(&b, NULL);
}

/*
 * A sensitive output must reach a sensitive variable: Terraform redacts a
 * variable only when it is marked, so otherwise the secret is printed by
 * every plan (into CI logs).
 */
static void check_secret(struct validate_report *r, const struct stack *st,
			 size_t env, const struct stack_component *c,
			 const struct validate_module *m,
			 const struct stack_input *in,
			 const struct stack_ref *ref,
			 const struct validate_decl *out)
{
	const struct validate_decl *v = validate_decl_find(m->vars, m->nr_vars,
							   in->name);
	char *note;

	if (!out->sensitive || !v || v->sensitive)
		return;
	note = decl_note(v, "variable", " without sensitive = true");
	validate_report_add(r, env, st->path, ref->line, ref->col, v->file,
			    v->line, v->col, note,
			    "component '%s': input '%s' gets the sensitive output '%s.%s', but variable '%s' is not sensitive (plans would print the secret)",
			    c->name, in->name, ref->component, ref->name,
			    v->name);
	free(note);
}

static void check_ref(struct validate_report *r, const struct stack *st,
		      size_t env, const struct stack_component *c,
		      const struct validate_module *const *mods,
		      const struct stack_input *in, const struct stack_ref *ref)
{
	long target = stack_component_find(st, ref->component);
	const struct validate_module *tm;
	const struct validate_decl *near, *out;
	char *note, *tail;

	if (target < 0 || mods[target]->state != VALIDATE_MODULE_OK)
		return;
	tm = mods[target];
	out = validate_decl_find(tm->outputs, tm->nr_outputs, ref->name);
	if (out) {
		check_secret(r, st, env, c, mods[c - st->components], in, ref,
			     out);
		return;
	}
	near = closest(tm->outputs, tm->nr_outputs, ref->name);
	note = decl_note(near, "output", "");
	tail = near ? xasprintf("(did you mean '%s'?)", near->name) :
		outputs_list(tm);
	validate_report_add(r, env, st->path, ref->line, ref->col,
			    near ? near->file : NULL, near ? near->line : 0,
			    near ? near->col : 0, note,
			    "component '%s': input '%s' refers to '%s.%s', not an output of %s %s",
			    c->name, in->name, ref->component, ref->name,
			    st->components[target].module, tail);
	free(tail);
	free(note);
}

/* The string render writes as the mock of an output without mock_outputs. */
static const struct yaml_node generated_mock = {
	.kind = YAML_SCALAR, .str = (char *)"mock-component-output", .len = 21,
	.quoted = 1,
};

/*
 * The value a whole ${component.output} has when Terragrunt plans with
 * mocks: the component's mock_outputs entry, else the string render
 * generates.  *via says which (caller frees).
 */
static const struct yaml_node *mock_value(const struct stack *st,
					  const struct stack_ref *ref,
					  char **via)
{
	long t = stack_component_find(st, ref->component);
	const struct yaml_node *m = t < 0 ? NULL :
		yaml_map_get(st->components[t].mock_outputs, ref->name);

	if (!m) {
		*via = xasprintf("the mock render generates for ${%s.%s}; give '%s' a mock_outputs.%s",
				 ref->component, ref->name, ref->component,
				 ref->name);
		return &generated_mock;
	}
	*via = xasprintf("mock_outputs.%s of '%s'", ref->name, ref->component);
	return m;	/* the loader refuses references in mock_outputs */
}

/*
 * The value Terraform will get: a whole ${env.X} is X's value in the
 * environment, a whole ${component.output} its mock at plan time (*via
 * names them; caller frees).  NULL when unknown (${env.name} is a string).
 * *tmpl: a string with references in it, whose content is not known yet.
 */
static const struct yaml_node *effective_value(const struct stack *st,
					       size_t env,
					       const struct stack_input *in,
					       char **via, int *tmpl)
{
	const struct stack_ref *ref = in->nr_refs == 1 ? &in->refs[0] : NULL;

	*via = NULL;
	*tmpl = 0;
	if (ref && ref->whole && in->value->kind == YAML_SCALAR) {
		if (ref->kind == STACK_REF_OUTPUT)
			return mock_value(st, ref, via);
		if (!strcmp(ref->name, "name"))
			return NULL;
		*via = xasprintf("${env.%s}", ref->name);
		return yaml_map_get(st->envs[env].vars, ref->name);
	}
	*tmpl = in->value->kind == YAML_SCALAR && in->nr_refs > 0;
	return in->value;
}

static void check_type(struct validate_report *r, const struct stack *st,
		       size_t env, const struct stack_component *c,
		       const struct validate_module *m,
		       const struct stack_input *in)
{
	const struct validate_decl *v = validate_decl_find(m->vars, m->nr_vars,
							   in->name);
	const struct yaml_node *value;
	const char *what;
	char *note, *via;
	struct pos p;
	int tmpl;

	if (!v || !v->type)
		return;
	value = effective_value(st, env, in, &via, &tmpl);
	if ((what = validate_type_mismatch(v->type, value, tmpl))) {
		p = input_pos(c, env, in);
		note = decl_note(v, "variable", "");
		validate_report_add(r, env, st->path, p.line, p.col, v->file,
				    v->line, v->col, note,
				    "component '%s': input '%s' is %s%s%s%s, but variable '%s' has type %s",
				    c->name, in->name, what,
				    via ? " (through " : "", via ? via : "",
				    via ? ")" : "", v->name, v->type);
		free(note);
	}
	free(via);
}

static void check_env(struct validate_report *r, const struct stack *st,
		      size_t env, size_t ci,
		      const struct validate_module *const *mods)
{
	const struct stack_component *c = &st->components[ci];
	struct stack_inputs in = STACK_INPUTS_INIT;
	size_t i, j;

	stack_inputs(&in, st, env, ci);
	check_missing(r, st, env, c, mods[ci], &in);
	for (i = 0; i < in.nr; i++) {
		check_unknown(r, st, env, c, mods[ci], &in.items[i]);
		check_type(r, st, env, c, mods[ci], &in.items[i]);
		for (j = 0; j < in.items[i].nr_refs; j++)
			if (in.items[i].refs[j].kind == STACK_REF_OUTPUT)
				check_ref(r, st, env, c, mods, &in.items[i],
					  &in.items[i].refs[j]);
	}
	stack_inputs_release(&in);
}

/* mock_outputs stand in for outputs at plan time: they must name real ones. */
static void check_mocks(struct validate_report *r, const struct stack *st,
			const struct stack_component *c,
			const struct validate_module *m)
{
	const struct yaml_node *mocks = c->mock_outputs;
	size_t i;

	if (!mocks || mocks->kind != YAML_MAP)
		return;
	for (i = 0; i < mocks->nr_pairs; i++) {
		const struct yaml_node *k = mocks->pairs[i].key;
		const struct validate_decl *near;
		char *note;

		if (validate_decl_find(m->outputs, m->nr_outputs, k->str))
			continue;
		near = closest(m->outputs, m->nr_outputs, k->str);
		note = decl_note(near, "output", "");
		validate_report_add(r, VALIDATE_NO_ENV, st->path, k->line,
				    k->col, near ? near->file : NULL,
				    near ? near->line : 0, near ? near->col : 0,
				    note,
				    "component '%s': mock output '%s' is not an output of %s%s%s%s",
				    c->name, k->str, c->module,
				    near ? " (did you mean '" : "",
				    near ? near->name : "", near ? "'?)" : "");
		free(note);
	}
}

void validate_inputs(struct validate_report *r, const struct stack *st,
		     const struct validate_module *const *mods)
{
	const char **env_names = xcalloc(st->nr_envs + 1, sizeof(*env_names));
	size_t from = r->nr, ci, e;

	for (e = 0; e < st->nr_envs; e++)
		env_names[e] = st->envs[e].name;
	for (ci = 0; ci < st->nr_components; ci++) {
		if (mods[ci]->state != VALIDATE_MODULE_OK)
			continue;
		check_mocks(r, st, &st->components[ci], mods[ci]);
		for (e = 0; e < st->nr_envs; e++)
			check_env(r, st, e, ci, mods);
	}
	validate_report_finish(r, from, env_names, st->nr_envs);
	free(env_names);
}
