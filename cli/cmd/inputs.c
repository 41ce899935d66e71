/*
 * inputs: the inputs one environment x component receives, after the
 * environment's overrides and with ${env.NAME} resolved, as `terragrunt
 * render-json` shows them; a ${component.output} is only known at plan
 * time and is shown as the reference (with its mock_outputs value).
 *
 * Text: one `name = value` line per input (JSON values), marked when the
 * environment overrides it.  --json: mds-infra/inputs/v1 (docs/json.md).
 * Exit 2 for an unknown environment or component (with "did you mean").
 */
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "cmd/json_out.h"
#include "stack/stack.h"
#include "stack/tmpl.h"
#include "util/suggest.h"
#include "util/xalloc.h"

struct inputs_opts {
	int json;
};

static const struct opt_spec inputs_options[] = {
	OPT_BOOL(0, "json", struct inputs_opts, json,
		 "print the inputs as one JSON document (mds-infra/inputs/v1)"),
	OPT_END()
};

static json_t *scalar_json(const struct yaml_node *n)
{
	char *end;

	switch (yaml_type_of(n)) {
	case YAML_T_NULL:
		return json_null();
	case YAML_T_BOOL:
		return json_boolean(n->str[0] == 't' || n->str[0] == 'T');
	case YAML_T_INT:
		return json_integer(strtoll(n->str, &end, 0));
	case YAML_T_FLOAT:
		return json_real(strtod(n->str, &end));
	default:
		return json_stringn(n->str, n->len);
	}
}

/* The value as written: YAML types kept, strings verbatim. */
static json_t *written_json(const struct yaml_node *n)
{
	json_t *v;
	size_t i;

	if (!n)
		return json_null();
	if (n->kind == YAML_SEQ) {
		v = json_array();
		for (i = 0; i < n->nr_items; i++)
			json_array_append_new(v, written_json(n->items[i]));
		return v;
	}
	if (n->kind == YAML_MAP) {
		v = json_object();
		for (i = 0; i < n->nr_pairs; i++)
			json_object_set_new(v, n->pairs[i].key->str,
					    written_json(n->pairs[i].value));
		return v;
	}
	return scalar_json(n);
}

static json_t *value_json(const struct stack *st, size_t env,
			  const struct yaml_node *n);

/* The text of an env var inside a longer string, as render writes it. */
static void var_text(struct buf *out, const struct stack *st, size_t env,
		     const struct yaml_node *v)
{
	/* value_json undoes a var's "$${" as render does; vars hold no refs. */
	json_t *j = v && v->kind == YAML_SCALAR ? value_json(st, env, v) : NULL;
	char *text;

	if (json_is_string(j)) {
		buf_addstr(out, json_string_value(j));
	} else if (j && !json_is_null(j)) {
		text = json_dumps(j, JSON_ENCODE_ANY);	/* true, 3, 1.5 */
		buf_addstr(out, text ? text : "");
		free(text);
	}
	json_decref(j);
}

/* A string with references: the env ones resolved; null when an output is in it. */
static json_t *template_json(const struct stack *st, size_t env,
			     const struct tmpl *t)
{
	struct buf b = BUF_INIT;
	json_t *v;
	size_t i;

	for (i = 0; i < t->nr; i++) {
		const struct tmpl_seg *s = &t->segs[i];

		if (s->kind == TMPL_LIT)
			buf_add(&b, s->lit.ptr, s->lit.len);
		else if (strcmp(s->scope, "env"))
			break;
		else if (!strcmp(s->name, "name"))
			buf_addstr(&b, st->envs[env].name);
		else
			var_text(&b, st, env,
				 yaml_map_get(st->envs[env].vars, s->name));
	}
	v = i < t->nr ? json_null() : json_stringn(b.ptr ? b.ptr : "", b.len);
	buf_release(&b);
	return v;
}

static json_t *string_json(const struct stack *st, size_t env,
			   const struct yaml_node *n)
{
	struct tmpl t = TMPL_INIT;
	const char *why;
	size_t at;
	json_t *v;

	if (tmpl_parse(&t, n->str, n->len, &why, &at) < 0) {
		tmpl_release(&t);
		return json_stringn(n->str, n->len);	/* the loader refused it */
	}
	if (tmpl_is_whole_ref(&t) && !strcmp(t.segs[0].scope, "env") &&
	    strcmp(t.segs[0].name, "name"))
		/* A whole ${env.X} keeps the variable's own type. */
		v = value_json(st, env, yaml_map_get(st->envs[env].vars,
						     t.segs[0].name));
	else
		v = template_json(st, env, &t);
	tmpl_release(&t);
	return v;
}

static json_t *value_json(const struct stack *st, size_t env,
			  const struct yaml_node *n)
{
	json_t *v;
	size_t i;

	if (!n)
		return json_null();
	if (n->kind == YAML_SEQ) {
		v = json_array();
		for (i = 0; i < n->nr_items; i++)
			json_array_append_new(v, value_json(st, env, n->items[i]));
		return v;
	}
	if (n->kind == YAML_MAP) {
		v = json_object();
		for (i = 0; i < n->nr_pairs; i++)
			json_object_set_new(v, n->pairs[i].key->str,
					    value_json(st, env, n->pairs[i].value));
		return v;
	}
	if (yaml_type_of(n) == YAML_T_STR)
		return string_json(st, env, n);
	return scalar_json(n);
}

static json_t *refs_json(const struct stack *st, const struct stack_input *in)
{
	json_t *refs = json_array();
	size_t i;

	for (i = 0; i < in->nr_refs; i++) {
		const struct stack_ref *r = &in->refs[i];
		long c;

		if (r->kind != STACK_REF_OUTPUT)
			continue;
		c = stack_component_find(st, r->component);
		json_array_append_new(refs, json_pack("{s:s, s:s, s:o}",
			"component", r->component, "output", r->name, "mock",
			c < 0 ? json_null() : written_json(yaml_map_get(
				st->components[c].mock_outputs, r->name))));
	}
	return refs;
}

static json_t *inputs_doc(const struct stack *st, size_t env, size_t comp)
{
	struct stack_inputs in = STACK_INPUTS_INIT;
	json_t *doc = json_out_new(JSON_OUT_SCHEMA("inputs"));
	json_t *all = json_object();
	size_t i;

	stack_inputs(&in, st, env, comp);
	for (i = 0; i < in.nr; i++) {
		const struct stack_input *p = &in.items[i];

		json_object_set_new(all, p->name, json_pack(
			"{s:o, s:s, s:b, s:o, s:o}",
			"value", value_json(st, env, p->value),
			"source", p->overridden ? "environment" : "component",
			"overridden", p->overridden,
			"written", written_json(p->value),
			"references", refs_json(st, p)));
	}
	stack_inputs_release(&in);
	json_object_set_new(doc, "environment", json_string(st->envs[env].name));
	json_object_set_new(doc, "component", json_string(st->components[comp].name));
	json_object_set_new(doc, "module", json_string(st->components[comp].module));
	json_object_set_new(doc, "inputs", all);
	return doc;
}

static void print_text(json_t *doc)
{
	json_t *all = json_object_get(doc, "inputs"), *in;
	const char *name;

	printf("# %s / %s (%s)\n", json_string_value(json_object_get(doc, "environment")),
	       json_string_value(json_object_get(doc, "component")),
	       json_string_value(json_object_get(doc, "module")));
	json_object_foreach(all, name, in) {
		json_t *v = json_object_get(in, "value");
		json_t *refs = json_object_get(in, "references");
		char *text = json_dumps(json_array_size(refs) ?
					json_object_get(in, "written") : v,
					JSON_ENCODE_ANY | JSON_COMPACT);

		printf("%s = %s%s%s\n", name, text ? text : "null",
		       json_is_true(json_object_get(in, "overridden")) ?
		       "  # environment override" : "",
		       json_array_size(refs) ? "  # known at plan time" : "");
		free(text);
	}
}

/* Index of `name` in the stack, or an exit code after a "did you mean". */
static long find_named(const struct stack *st, const char *name, int env)
{
	const char **names;
	size_t i, nr = env ? st->nr_envs : st->nr_components;
	const char *hint;
	long at = env ? stack_env_find(st, name) : stack_component_find(st, name);

	if (at >= 0)
		return at;
	names = xcalloc(nr + 1, sizeof(*names));
	for (i = 0; i < nr; i++)
		names[i] = env ? st->envs[i].name : st->components[i].name;
	hint = suggest_closest(name, names, nr);
	cmd_usage_error(&cmd_inputs_entry, "no %s '%s' in %s%s%s%s",
			env ? "environment" : "component", name, st->path,
			hint ? " (did you mean '" : "", hint ? hint : "",
			hint ? "'?)" : "");
	free(names);
	return -1;
}

static int run_inputs(int argc, const char **argv, const struct cmd_ctx *ctx)
{
	struct inputs_opts opts = { 0 };
	struct err err = ERR_INIT;
	struct stack *st = NULL;
	long env, comp;
	char *path;
	json_t *doc;
	int code, nr = cmd_parse(&cmd_inputs_entry, argc, argv, &opts, &code);

	if (nr < 0)
		return code;
	if (nr != 2)
		return cmd_usage_error(&cmd_inputs_entry, "expected ENV COMPONENT");
	path = cmd_stack_path(ctx);
	code = EXIT_USAGE;
	if (stack_load(&st, path, &err) < 0)
		code = cmd_fail(&err);
	else if ((env = find_named(st, argv[0], 1)) >= 0 &&
		 (comp = find_named(st, argv[1], 0)) >= 0) {
		doc = inputs_doc(st, (size_t)env, (size_t)comp);
		if (opts.json) {
			json_out_print(doc);
		} else {
			print_text(doc);
			json_decref(doc);
		}
		code = EXIT_OK;
	}
	stack_free(st);
	free(path);
	err_release(&err);
	return code;
}

const struct cmd_entry cmd_inputs_entry = {
	.name = "inputs",
	.summary = "show the inputs a component gets in an environment",
	.usage = "inputs ENV COMPONENT [--json]",
	.description =
	"Prints the inputs Terragrunt receives for COMPONENT in ENV, as\n"
	"terragrunt render-json would: the component's inputs with the\n"
	"environment's overrides in place (marked) and every ${env.NAME}\n"
	"resolved.  An input that uses another component's output\n"
	"(${component.output}) is known only at plan time: it is shown as\n"
	"written, with the mock_outputs value in --json.  --json prints one\n"
	"document (schema mds-infra/inputs/v1, docs/json.md).  Exit 2 for an\n"
	"unknown environment or component.",
	.options = inputs_options,
	.args_completion = "envs components",
	.run = run_inputs,
};
