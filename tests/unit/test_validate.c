/*
 * validate as a library: the problem list (merging one problem seen in
 * several environments, splitting loader errors into positions) and the
 * input checks on stacks loaded from text against hand-made module tables,
 * so that each rule is tested without any file on disk.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "stack/stack.h"
#include "util/xalloc.h"
#include "validate/inputs.h"
#include "validate/module.h"
#include "validate/report.h"
#include "validate/types.h"
#include "validate/validate.h"

TestSuite(validate);

/* One problem as a line: "FILE:L:C: msg" plus " [note FILE:L:C: note]". */
static char *problem_line(const struct validate_problem *p)
{
	struct buf b = BUF_INIT;

	buf_addf(&b, "%s:%u:%u: %s", p->file, p->line, p->col, p->msg);
	if (p->note)
		buf_addf(&b, " [note %s:%u:%u: %s]", p->note_file, p->note_line,
			 p->note_col, p->note);
	if (p->fatal)
		buf_addstr(&b, " [fatal]");
	return buf_detach(&b, NULL);
}

/* The whole report, one problem per line. */
static char *report_text(const struct validate_report *r)
{
	struct buf b = BUF_INIT;
	size_t i;

	for (i = 0; i < r->nr; i++) {
		char *line = problem_line(&r->items[i]);

		buf_addf(&b, "%s\n", line);
		free(line);
	}
	return buf_detach(&b, NULL);
}

Test(validate, same_problem_in_several_environments_is_merged)
{
	static const char *const envs[] = { "dev", "staging", "prod" };
	struct validate_report r = VALIDATE_REPORT_INIT;
	char *text;

	validate_report_add(&r, 0, "s.yaml", 9, 5, NULL, 0, 0, NULL, "a");
	validate_report_add(&r, 1, "s.yaml", 9, 5, NULL, 0, 0, NULL, "a");
	validate_report_add(&r, 2, "s.yaml", 9, 5, NULL, 0, 0, NULL, "a");
	validate_report_add(&r, 0, "s.yaml", 3, 1, "m.tf", 1, 1, "n", "b");
	validate_report_add(&r, 2, "s.yaml", 3, 1, "m.tf", 1, 1, "n", "b");
	validate_report_add(&r, 1, "s.yaml", 3, 1, "m.tf", 2, 1, "n", "b");
	validate_report_add(&r, VALIDATE_NO_ENV, "s.yaml", 3, 1, NULL, 0, 0,
			    NULL, "c");
	validate_report_finish(&r, 0, envs, 3);
	text = report_text(&r);
	/* sorted by position, stable among equal ones */
	cr_assert_str_eq(text,
			 "s.yaml:3:1: b (environments: dev, prod) [note m.tf:1:1: n]\n"
			 "s.yaml:3:1: b (environment: staging) [note m.tf:2:1: n]\n"
			 "s.yaml:3:1: c\n"
			 "s.yaml:9:5: a\n");
	cr_assert_eq(r.nr_fatal, 0);
	free(text);
	validate_report_release(&r);
}

Test(validate, loader_errors_become_positions)
{
	static const struct {
		const char *file, *msg, *want;
	} cases[] = {
		{ "p/gate.yaml", "p/gate.yaml:3:7: unknown key 'fial_on'",
		  "p/gate.yaml:3:7: unknown key 'fial_on' [fatal]" },
		{ "m", "m/variables.tf:12:3: unterminated string",
		  "m/variables.tf:12:3: unterminated string [fatal]" },
		{ "p/x.yaml", "p/x.yaml:4: bad line",
		  "p/x.yaml:4:0: bad line [fatal]" },
		{ "p/x.yaml", "p/x.yaml: cannot read: No such file",
		  "p/x.yaml:0:0: cannot read: No such file [fatal]" },
		{ "p/x.yaml", "cannot open 'p/x.yaml': Permission denied",
		  "p/x.yaml:0:0: cannot open 'p/x.yaml': Permission denied [fatal]" },
		{ "p", "a:b: c", "p:0:0: a:b: c [fatal]" },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		struct validate_report r = VALIDATE_REPORT_INIT;
		struct err err = ERR_INIT;
		char *line;

		err_set(&err, ERR_INPUT, "%s", cases[i].msg);
		validate_report_error(&r, cases[i].file, &err);
		cr_assert_eq(r.nr, 1);
		cr_assert_eq(r.nr_fatal, 1);
		line = problem_line(&r.items[0]);
		cr_assert_str_eq(line, cases[i].want, "case %zu", i);
		free(line);
		err_release(&err);
		validate_report_release(&r);
	}
}

/*
 * A module from a spec: "var NAME" (with a default), "req NAME" (without),
 * "out NAME", separated by commas; a variable may end in ":TYPE"; a
 * final "!" marks it sensitive.  Declaration N of the spec is at line N
 * of FILE.
 */
static void module_from_spec(struct validate_module *m, const char *dir,
			     const char *spec)
{
	char *copy = xstrdup(spec), *next, *tok;
	char *file = xasprintf("%s/main.tf", dir);
	unsigned line = 1;

	memset(m, 0, sizeof(*m));
	m->dir = xstrdup(dir);
	for (tok = *copy ? copy : NULL; tok; tok = next, line++) {
		char *type;

		if ((next = strchr(tok, ',')))
			*next++ = '\0';
		type = strchr(tok, ':');

		while (*tok == ' ')
			tok++;
		if (type)
			*type++ = '\0';
		size_t len = strlen(tok);
		int secret = len && tok[len - 1] == '!';

		if (secret)
			tok[len - 1] = '\0';
		if (!strncmp(tok, "out ", 4)) {
			validate_module_add(&m->outputs, &m->nr_outputs,
					    &m->alloc_outputs, tok + 4, file,
					    line, 1, 0, NULL);
			m->outputs[m->nr_outputs - 1].sensitive = secret;
		} else {
			validate_module_add(&m->vars, &m->nr_vars,
					    &m->alloc_vars, tok + 4, file, line,
					    1, !strncmp(tok, "var ", 4), type);
			m->vars[m->nr_vars - 1].sensitive = secret;
		}
	}
	free(file);
	free(copy);
}

struct inputs_case {
	const char *name;
	const char *stack;
	const char *a, *b;	/* specs of modules m/a and m/b */
	const char *want;	/* report_text() */
};

#define HEAD "version: 1\nname: t\nbackend: {s3: {bucket: b, region: r}}\n" \
	"environments:\n  dev: {vars: {n: 1}}\n  prod: {vars: {n: 3}}\n" \
	"components:\n"

static const struct inputs_case inputs_cases[] = {
	{ "all good",
	  HEAD "  a:\n    module: m/a\n    inputs: {n: \"${env.n}\"}\n"
	  "  b:\n    module: m/b\n    depends_on: [a]\n"
	  "    inputs: {url: \"http://${a.host}:9000\", x: \"${a.port}\"}\n",
	  "req n, var size, out host, out port", "req url, req x, var y",
	  "" },
	{ "missing in every environment",
	  HEAD "  a:\n    module: m/a\n    inputs: {size: 1}\n"
	  "  b:\n    module: m/b\n",
	  "req n, var size", "var y",
	  "s.yaml:10:5: component 'a': missing required input 'n'"
	  " [note m/a/main.tf:1:1: variable 'n' is declared here without a default]\n" },
	{ "missing where no override gives it; position of the component",
	  HEAD "  a:\n    module: m/a\n    environments: {prod: {inputs: {n: 3}}}\n"
	  "  b:\n    module: m/b\n",
	  "req n", "",
	  "s.yaml:8:3: component 'a': missing required input 'n' (environment: dev)"
	  " [note m/a/main.tf:1:1: variable 'n' is declared here without a default]\n" },
	{ "misspelt and unknown inputs, in defaults and in an override",
	  HEAD "  a:\n    module: m/a\n    inputs: {n: 1, sise: 2}\n"
	  "    environments: {prod: {inputs: {colour: red}}}\n"
	  "  b:\n    module: m/b\n",
	  "req n, var size, var color", "",
	  "s.yaml:10:20: component 'a': unknown input 'sise', not a variable of m/a"
	  " (did you mean 'size'?) [note m/a/main.tf:2:1: variable 'size' is declared here]\n"
	  "s.yaml:11:36: component 'a': unknown input 'colour', not a variable of m/a"
	  " (did you mean 'color'?) (environment: prod) [note m/a/main.tf:3:1: variable 'color' is declared here]\n" },
	{ "references to outputs: misspelt, absent, nested in a list",
	  HEAD "  a:\n    module: m/a\n"
	  "  b:\n    module: m/b\n    depends_on: [a]\n"
	  "    inputs:\n      url: \"${a.hots}\"\n      y: [\"${a.secret}\"]\n",
	  "out host, out port", "var url, var y",
	  "s.yaml:14:12: component 'b': input 'url' refers to 'a.hots', not an output of m/a"
	  " (did you mean 'host'?) [note m/a/main.tf:1:1: output 'host' is declared here]\n"
	  "s.yaml:15:11: component 'b': input 'y' refers to 'a.secret', not an output of m/a"
	  " (outputs: host, port)\n" },
	{ "a reference into a module without outputs",
	  HEAD "  a:\n    module: m/a\n"
	  "  b:\n    module: m/b\n    depends_on: [a]\n    inputs: {y: \"${a.x}\"}\n",
	  "var n", "var y",
	  "s.yaml:13:17: component 'b': input 'y' refers to 'a.x', not an output of m/a"
	  " (it declares no outputs)\n" },
	{ "types: shapes, through ${env.X}, templates, the generated mock of an output",
	  HEAD "  a:\n    module: m/a\n    depends_on: [b]\n"
	  "    inputs: {n: \"${env.n}\", l: [1], m: x, s: {k: v}, t: \"${b.o}\", u: \"1${env.n}\"}\n"
	  "    environments: {prod: {inputs: {l: 5}}}\n"
	  "  b:\n    module: m/b\n",
	  "var n:number, var l:list(number), var m:map(string), var s:string, var t:bool, var u:number",
	  "out o",
	  "s.yaml:11:37: component 'a': input 'm' is a string, but variable 'm' has type map(string)"
	  " [note m/a/main.tf:3:1: variable 'm' is declared here]\n"
	  "s.yaml:11:43: component 'a': input 's' is a mapping, but variable 's' has type string"
	  " [note m/a/main.tf:4:1: variable 's' is declared here]\n"
	  "s.yaml:11:54: component 'a': input 't' is a string (through the mock render generates"
	  " for ${b.o}; give 'b' a mock_outputs.o), but variable 't' has type bool"
	  " [note m/a/main.tf:5:1: variable 't' is declared here]\n"
	  "s.yaml:12:36: component 'a': input 'l' is a number, but variable 'l' has type list(number)"
	  " (environment: prod) [note m/a/main.tf:2:1: variable 'l' is declared here]\n" },
	{ "types: an environment variable of the wrong shape",
	  "version: 1\nname: t\nbackend: {s3: {bucket: b, region: r}}\n"
	  "environments:\n  dev: {vars: {n: [1]}}\n  prod: {vars: {n: 3}}\n"
	  "components:\n  a:\n    module: m/a\n    inputs: {n: \"${env.n}\"}\n"
	  "  b:\n    module: m/b\n",
	  "req n:number", "",
	  "s.yaml:10:14: component 'a': input 'n' is a list (through ${env.n}), but variable 'n' has type number"
	  " (environment: dev) [note m/a/main.tf:1:1: variable 'n' is declared here]\n" },
	{ "types: an output's mock_outputs entry is what plan sees",
	  HEAD "  a:\n    module: m/a\n    depends_on: [b]\n"
	  "    inputs: {t: \"${b.o}\", l: \"${b.p}\", u: \"${b.q}\"}\n"
	  "  b:\n    module: m/b\n    mock_outputs: {o: true, p: x, q: \"5\"}\n",
	  "var t:bool, var l:list(string), var u:number", "out o, out p, out q",
	  "s.yaml:11:27: component 'a': input 'l' is a string (through mock_outputs.p of 'b'),"
	  " but variable 'l' has type list(string) [note m/a/main.tf:2:1: variable 'l' is declared here]\n" },
	{ "a sensitive output reaches only sensitive variables",
	  HEAD "  a:\n    module: m/a\n"
	  "  b:\n    module: m/b\n    depends_on: [a]\n"
	  "    inputs: {k: \"${a.key}\", ok: \"${a.key}\", conf: {nested: \"${a.key}\"}, h: \"${a.host}\"}\n",
	  "out key!, out host", "var k, var ok!, var conf, var h",
	  "s.yaml:13:17: component 'b': input 'k' gets the sensitive output 'a.key', but variable 'k' is not sensitive"
	  " (plans would print the secret) [note m/b/main.tf:1:1: variable 'k' is declared here without sensitive = true]\n"
	  "s.yaml:13:60: component 'b': input 'conf' gets the sensitive output 'a.key', but variable 'conf' is not sensitive"
	  " (plans would print the secret) [note m/b/main.tf:3:1: variable 'conf' is declared here without sensitive = true]\n" },
	{ "mock_outputs name declared outputs",
	  HEAD "  a:\n    module: m/a\n    mock_outputs: {hots: h, port: 1, zzz: 2}\n"
	  "  b:\n    module: m/b\n",
	  "out host, out port", "",
	  "s.yaml:10:20: component 'a': mock output 'hots' is not an output of m/a"
	  " (did you mean 'host'?) [note m/a/main.tf:1:1: output 'host' is declared here]\n"
	  "s.yaml:10:38: component 'a': mock output 'zzz' is not an output of m/a\n" },
};

static void run_inputs_case(const struct inputs_case *c)
{
	struct stack *st = NULL;
	struct err err = ERR_INIT;
	struct validate_module ma, mb;
	const struct validate_module *mods[2];
	struct validate_report r = VALIDATE_REPORT_INIT;
	char *text;

	cr_assert_eq(stack_load_mem(&st, c->stack, strlen(c->stack), "s.yaml",
				    &err), 0, "%s: %s", c->name, err.msg.ptr);
	cr_assert_eq(st->nr_components, 2, "%s", c->name);
	module_from_spec(&ma, "m/a", c->a);
	module_from_spec(&mb, "m/b", c->b);
	mods[0] = &ma;
	mods[1] = &mb;
	validate_inputs(&r, st, mods);
	text = report_text(&r);
	cr_assert_str_eq(text, c->want, "%s\n%s", c->name, text);
	free(text);
	validate_report_release(&r);
	validate_module_release(&ma);
	validate_module_release(&mb);
	stack_free(st);
	err_release(&err);
}

Test(validate, inputs_table)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(inputs_cases); i++)
		run_inputs_case(&inputs_cases[i]);
}

Test(validate, broken_or_missing_modules_are_skipped)
{
	const char *text = HEAD "  a:\n    module: m/a\n"
		"  b:\n    module: m/b\n    depends_on: [a]\n"
		"    inputs: {nope: \"${a.nothing}\"}\n";
	struct stack *st = NULL;
	struct err err = ERR_INIT;
	struct validate_module ma, mb;
	const struct validate_module *mods[2] = { &ma, &mb };
	struct validate_report r = VALIDATE_REPORT_INIT;

	cr_assert_eq(stack_load_mem(&st, text, strlen(text), "s.yaml", &err), 0,
		     "%s", err.msg.ptr);
	module_from_spec(&ma, "m/a", "req n");
	module_from_spec(&mb, "m/b", "req y");
	ma.state = VALIDATE_MODULE_BROKEN;
	mb.state = VALIDATE_MODULE_MISSING;
	validate_inputs(&r, st, mods);
	cr_assert_eq(r.nr, 0);
	/* a fine module that refers to a broken one: only its own problems */
	mb.state = VALIDATE_MODULE_OK;
	validate_inputs(&r, st, mods);
	cr_assert_eq(r.nr, 2);
	cr_assert(strstr(r.items[0].msg, "missing required input 'y'"));
	cr_assert(strstr(r.items[1].msg, "unknown input 'nope'"));
	validate_report_release(&r);
	validate_module_release(&ma);
	validate_module_release(&mb);
	stack_free(st);
}

Test(validate, type_mismatch_table)
{
	static const struct {
		const char *type, *yaml;
		int tmpl;
		const char *want;	/* NULL: fits */
	} cases[] = {
		{ "string", "abc", 0, NULL }, { "string", "3", 0, NULL },
		{ "string", "true", 0, NULL }, { "string", "[a]", 0, "a list" },
		{ "string", "{a: b}", 0, "a mapping" },
		{ "number", "3", 0, NULL }, { "number", "2.5", 0, NULL },
		{ "number", "\"3\"", 0, NULL }, { "number", "abc", 0, "a string" },
		{ "number", "true", 0, "a boolean" },
		{ "number", "\"${x}0\"", 1, NULL },
		{ "bool", "false", 0, NULL }, { "bool", "\"true\"", 0, NULL },
		{ "bool", "1", 0, "a number" }, { "bool", "yes", 0, "a string" },
		{ "list(string)", "[a, b]", 0, NULL },
		{ " set(number)", "a", 0, "a string" },
		{ "tuple([string, number])", "{a: 1}", 0, "a mapping" },
		{ "map(string)", "{a: b}", 0, NULL },
		{ "object({a = string})", "[1]", 0, "a list" },
		{ "any", "[1]", 0, NULL }, { NULL, "{a: 1}", 0, NULL },
		{ "list(string)", "null", 0, NULL }, { "string", "~", 0, NULL },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		char *text = xasprintf("v: %s\n", cases[i].yaml);
		struct yaml_doc *doc = NULL;
		struct err err = ERR_INIT;
		const char *got;

		cr_assert_eq(yaml_load(&doc, text, strlen(text), "t.yaml", &err),
			     0, "%s", err.msg.ptr);
		got = validate_type_mismatch(cases[i].type,
					     yaml_map_get(doc->root, "v"),
					     cases[i].tmpl);
		if (cases[i].want)
			cr_assert(got && !strcmp(got, cases[i].want),
				  "%s <- %s: %s", cases[i].type, cases[i].yaml,
				  got ? got : "fits");
		else
			cr_assert_null(got, "%s <- %s: %s", cases[i].type,
				       cases[i].yaml, got);
		yaml_doc_free(doc);
		free(text);
	}
}

Test(validate, module_adapter_reads_the_hcl_interface)
{
	struct validate_module m;
	struct err err = ERR_INIT;
	const char *dir = FIXTURES "/validate/ok/terraform/modules/store";
	const struct validate_decl *v;

	cr_assert_eq(validate_module_load(&m, dir, &err), 0, "%s", err.msg.ptr);
	cr_assert_eq(m.state, VALIDATE_MODULE_OK);
	cr_assert_eq(m.nr_vars, 3);
	cr_assert_eq(m.nr_outputs, 2);
	v = validate_decl_find(m.vars, m.nr_vars, "replicas");
	cr_assert(v && !v->has_default && v->line == 1 && v->col == 1);
	cr_assert_str_eq(v->type, "number");
	cr_assert(strstr(v->file, "/store/variables.tf"));
	v = validate_decl_find(m.vars, m.nr_vars, "storage_size");
	cr_assert(v && v->has_default && v->line == 17);
	cr_assert_str_eq(m.outputs[1].name, "host");
	cr_assert_eq(m.outputs[1].line, 6);
	validate_module_release(&m);

	cr_assert_eq(validate_module_load(&m, FIXTURES "/validate/none", &err), 0);
	cr_assert_eq(m.state, VALIDATE_MODULE_MISSING);
	validate_module_release(&m);

	err_release(&err);
}

/* A module whose .tf does not parse (made here: committed .tf must parse). */
Test(validate, module_adapter_broken_module)
{
	char dir[] = "/tmp/mds-validate-XXXXXX";
	struct validate_module m;
	struct err err = ERR_INIT;
	char *path;
	FILE *f;

	cr_assert(mkdtemp(dir));
	path = xasprintf("%s/variables.tf", dir);
	f = fopen(path, "w");
	cr_assert(f);
	fputs("variable \"a\" {\n  default = [\n}\n", f);
	fclose(f);
	cr_assert_eq(validate_module_load(&m, dir, &err), ERR_INPUT);
	cr_assert_eq(m.state, VALIDATE_MODULE_BROKEN);
	cr_assert(strstr(err.msg.ptr, "/variables.tf:3:1: "), "%s", err.msg.ptr);
	validate_module_release(&m);
	err_release(&err);
	remove(path);
	rmdir(dir);
	free(path);
}

/* validate_run on each fixture repository: problems, and how many fatal. */
Test(validate, run_on_fixture_repositories)
{
	static const struct {
		const char *name;
		size_t nr, nr_fatal;
	} cases[] = {
		{ "ok", 0, 0 }, { "missing-input", 2, 0 },
		{ "unknown-input", 4, 0 }, { "missing-output", 2, 0 },
		{ "wrong-type", 2, 0 }, { "missing-module", 1, 0 },
		{ "bad-stack", 1, 1 },
		{ "bad-policy", 3, 3 }, { "policy-names", 5, 0 },
		{ "stale-readme", 3, 0 }, { "providers", 2, 0 },
		{ "secret-input", 1, 0 },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		struct validate_report r = VALIDATE_REPORT_INIT;
		char *path = xasprintf("%s/validate/%s/stack.yaml", FIXTURES,
				       cases[i].name);
		char *text;

		validate_run(&r, path, VALIDATE_ALL);
		text = report_text(&r);
		cr_assert_eq(r.nr, cases[i].nr, "%s:\n%s", cases[i].name, text);
		cr_assert_eq(r.nr_fatal, cases[i].nr_fatal, "%s:\n%s",
			     cases[i].name, text);
		free(text);
		free(path);
		validate_report_release(&r);
	}
}

Test(validate, checks_can_be_chosen)
{
	struct validate_report r = VALIDATE_REPORT_INIT;

	validate_run(&r, FIXTURES "/validate/stale-readme/stack.yaml",
		     VALIDATE_INPUTS | VALIDATE_POLICIES);
	cr_assert_eq(r.nr, 0);
	cr_assert_eq(r.nr_readmes, 0);
	cr_assert_eq(r.nr_policies, 1);
	validate_report_release(&r);
	validate_run(&r, FIXTURES "/validate/policy-names/stack.yaml",
		     VALIDATE_INPUTS | VALIDATE_READMES);
	cr_assert_eq(r.nr, 0);
	cr_assert_eq(r.nr_readmes, 2);
	validate_report_release(&r);
}

Test(validate, module_adapter_reads_required_providers)
{
	struct validate_module m;
	struct err err = ERR_INIT;

	cr_assert_eq(validate_module_load(&m, FIXTURES
					  "/validate/providers/terraform/modules/store",
					  &err), 0, "%s", err.msg.ptr);
	cr_assert_eq(m.nr_providers, 3);
	cr_assert_str_eq(m.providers[0].name, "helm");
	cr_assert_str_eq(m.providers[1].name, "kubernetes");
	cr_assert_eq(m.providers[1].line, 9);
	cr_assert_eq(m.providers[1].col, 5);
	cr_assert_str_eq(m.providers[2].name, "random");
	validate_module_release(&m);
	err_release(&err);
}
