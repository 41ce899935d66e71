/*
 * The stack model: the loader's errors (FILE:LINE:COL and what was
 * expected), anchors and merge keys, references, inputs, the graph.
 */
#include <criterion/criterion.h>
#include <string.h>

#include "stack/stack.h"
#include "stack/tmpl.h"

#define HEAD "version: 1\nname: t\nbackend: {s3: {bucket: b}}\n"

struct bad_case {
	const char *yaml;
	const char *msg;
};

TestSuite(stack);

static struct stack *load(const char *yaml, struct err *err)
{
	struct stack *st = NULL;

	stack_load_mem(&st, yaml, strlen(yaml), "stack.yaml", err);
	return st;
}

Test(stack, bad_input_is_refused_with_line_and_column)
{
	static const struct bad_case cases[] = {
		{ "", "stack.yaml: empty file (expected 'version: 1' and the stack)" },
		{ "- a\n", "stack.yaml:1:1: the stack must be a mapping, not a list" },
		{ "version: 2\n", "stack.yaml:1:10: version must be between 1 and 1" },
		{ "name: x\n", "stack.yaml:1:1: missing 'version' (write 'version: 1')" },
		{ HEAD "environments: {dev: {}}\ncomponents: {}\nextra: 1\n",
		  "stack.yaml:6:1: unknown key 'extra' in the stack" },
		{ HEAD "environments: {dev: {varz: {}}}\ncomponents: {}\n",
		  "stack.yaml:4:22: unknown key 'varz' in an environment (did you mean 'vars'?)" },
		{ HEAD "environments: {dev: {}}\ncomponents: {a: {module: m, depends_on: a}}\n",
		  "stack.yaml:5:41: depends_on must be a list, not a string" },
		{ HEAD "environments: {dev: {}}\ncomponents:\n  a: {module: m}\n  a: {module: m}\n",
		  "stack.yaml:7:3: duplicate key 'a'" },
		{ HEAD "environments: {dev: {}}\ncomponents:\n\ta: {module: m}\n",
		  "stack.yaml:6:1:" },
		{ HEAD "environments: {dev: {}}\ncomponents: {}\n---\nx: 1\n",
		  "stack.yaml:6:1: a second YAML document is not allowed here" },
		{ HEAD "environments: {\"d\xff\": {}}\ncomponents: {}\n",
		  "invalid UTF-8" },
		{ HEAD "environments: {dev: {}}\ncomponents: {a: {}}\n",
		  "stack.yaml:5:14: component 'a' has no 'module'" },
		{ HEAD "environments: {dev: {}}\ncomponents: {a: {module: /abs}}\n",
		  "stack.yaml:5:26: module must be a relative path to a directory" },
		{ HEAD "environments: {dev: {}}\ncomponents: {env: {module: m}}\n",
		  "stack.yaml:5:14: 'env' is reserved" },
		{ HEAD "environments: {dev: {}}\ncomponents: {\"a b\": {module: m}}\n",
		  "stack.yaml:5:14: component name 'a b' is not a safe name" },
		{ HEAD "environments: {dev: {}}\ncomponents:\n  a: {module: m, depends_on: [a]}\n",
		  "stack.yaml:6:31: component 'a' depends on itself" },
		{ HEAD "environments: {dev: {}}\ncomponents:\n  a: {module: m, depends_on: [b]}\n  b: {module: m, depends_on: [a]}\n",
		  "stack.yaml:6:3: dependency cycle: a -> b -> a" },
		{ HEAD "environments: {dev: {}}\ncomponents:\n  a: {module: m, depends_on: [b]}\n  b: {module: m, depends_on: [c]}\n  c: {module: m}\n  d: {module: m, depends_on: [e]}\n  e: {module: m, depends_on: [d, c]}\n",
		  "stack.yaml:9:3: dependency cycle: d -> e -> d" },
		{ HEAD "environments: {dev: {}}\ncomponents:\n  a: {module: m, inputs: {x: \"${env.nope}\"}}\n",
		  "stack.yaml:6:30: ${env.nope} is not defined in environment 'dev'" },
		{ HEAD "environments: {dev: {vars: {l: [1]}}}\ncomponents:\n  a: {module: m, inputs: {x: \"v${env.l}\"}}\n",
		  "stack.yaml:6:30: ${env.l} is a list in environment 'dev' and cannot be part of a longer string" },
		{ HEAD "environments: {dev: {}}\ncomponents:\n  a: {module: m, inputs: {x: \"${b.out}\"}}\n",
		  "stack.yaml:6:30: ${b.out} names unknown component 'b'" },
		{ HEAD "environments: {dev: {}}\ncomponents:\n  a: {module: m, inputs: {x: \"${oops\"}}\n",
		  "stack.yaml:6:30: bad reference at byte 0 of the string: unterminated '${'" },
		{ HEAD "environments: {dev: {}}\ncomponents:\n  a: {module: m, inputs: {x: \"${nodot}\"}}\n",
		  "a reference is ${env.NAME} or ${component.output}" },
		{ HEAD "environments: {dev: {}}\ncomponents:\n  b: {module: m, mock_outputs: {o: 1}}\n  a: {module: m, depends_on: [b], inputs: {x: \"${b.other}\"}}\n",
		  "stack.yaml:7:47: 'b' declares no output 'other' in its mock_outputs" },
		{ HEAD "environments: {dev: {}}\ncomponents:\n  a: {module: m, environments: {qa: {}}}\n",
		  "stack.yaml:6:33: unknown environment 'qa'" },
		{ HEAD "environments: {dev: {}}\ncomponents:\n  a: {module: m, providers: [helm]}\n",
		  "stack.yaml:6:30: unknown provider 'helm'" },
		{ "version: 1\nname: t\nbackend: {s3: {bucket: \"${env.name}\"}}\nenvironments: {dev: {}}\ncomponents: {}\n",
		  "stack.yaml:3:24: backend (one backend serves every environment, so it) cannot hold references" },
		{ HEAD "environments: {dev: {vars: {name: x}}}\ncomponents: {}\n",
		  "stack.yaml:4:35: 'name' is reserved" },
		{ HEAD "environments: {dev: {protected: yes}}\ncomponents: {}\n",
		  "stack.yaml:4:33: protected must be a boolean, not a string" },
		{ "version: 1\nname: t\nbackend: {s3: {region: r}}\nenvironments: {dev: {}}\ncomponents: {}\n",
		  "stack.yaml:3:15: backend.s3 needs a 'bucket'" },
		{ "version: 1\nname: t\nbackend: {s3: {bucket: b, key: k}}\nenvironments: {dev: {}}\ncomponents: {}\n",
		  "stack.yaml:3:32: backend.s3.key is derived" },
		{ HEAD "providers: {p: {x: \"${a.o}\"}}\nenvironments: {dev: {}}\ncomponents: {a: {module: m}}\n",
		  "stack.yaml:4:20: providers cannot hold component outputs (only ${env.X})" },
		{ HEAD "environments: {}\ncomponents: {}\n",
		  "stack.yaml:4:15: 'environments' is empty" },
		{ HEAD "environments: {dev: {}}\ncomponents:\n  a: {module: m, <<: 5}\n",
		  "stack.yaml:6:22: a merge key ('<<') takes a mapping or a list of mappings" },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct err err = ERR_INIT;
		struct stack *st = load(cases[i].yaml, &err);

		cr_expect_null(st, "case %zu loaded", i);
		cr_expect_eq(err.code, ERR_INPUT, "case %zu: code %d", i, err.code);
		cr_expect(strstr(err.msg.ptr, cases[i].msg) != NULL,
			  "case %zu: got '%s', want '%s'", i, err.msg.ptr, cases[i].msg);
		stack_free(st);
		err_release(&err);
	}
}

Test(stack, fixture_model_graph_and_inputs)
{
	struct err err = ERR_INIT;
	struct stack *st = NULL;
	struct stack_inputs in = STACK_INPUTS_INIT;
	long dev, prod, minio, dremio, certs;
	size_t i;

	cr_assert_eq(stack_load(&st, FIXTURES "/stacks/basic/stack.yaml", &err), 0,
		     "%s", err.msg.ptr);
	cr_expect_str_eq(st->name, "fixture");
	cr_assert_eq(st->nr_envs, 2);
	dev = stack_env_find(st, "dev");
	prod = stack_env_find(st, "prod");
	cr_expect_eq(st->envs[dev].protected, 0);
	cr_expect_eq(st->envs[prod].protected, 1);
	certs = stack_component_find(st, "certs");
	minio = stack_component_find(st, "minio");
	dremio = stack_component_find(st, "dremio");
	cr_expect_eq(stack_component_find(st, "nope"), -1);
	/* graph: dremio after both of its dependencies; dependents known */
	cr_assert_eq(st->components[dremio].nr_deps, 2);
	cr_expect_eq(st->components[minio].nr_dependents, 1);
	cr_expect_eq(st->components[minio].dependents[0], (size_t)dremio);
	cr_expect_eq(st->order[2], (size_t)dremio);
	cr_expect(stack_depends(st, dremio, minio));
	cr_expect(!stack_depends(st, minio, dremio));
	cr_expect_eq(stack_check_modules(st, &err), 0, "%s", err.msg.ptr);

	/* prod overrides add storage_size; inputs sorted; refs found */
	stack_inputs(&in, st, prod, minio);
	cr_assert_eq(in.nr, 5);
	cr_expect_str_eq(in.items[0].name, "buckets");
	cr_expect_str_eq(in.items[4].name, "storage_size");
	cr_expect_eq(in.items[4].overridden, 1);
	cr_expect_str_eq(in.items[3].name, "replicas");
	cr_assert_eq(in.items[3].nr_refs, 1);
	cr_expect_eq(in.items[3].refs[0].kind, STACK_REF_ENV);
	cr_expect_eq(in.items[3].refs[0].whole, 1);
	stack_inputs_release(&in);

	stack_inputs(&in, st, dev, dremio);
	for (i = 0; i < in.nr && strcmp(in.items[i].name, "url"); i++)
		;
	cr_assert_lt(i, in.nr);
	cr_assert_eq(in.items[i].nr_refs, 2);
	cr_expect_eq(in.items[i].refs[0].kind, STACK_REF_OUTPUT);
	cr_expect_str_eq(in.items[i].refs[0].component, "minio");
	cr_expect_str_eq(in.items[i].refs[1].name, "port");
	cr_expect_eq(in.items[i].refs[1].whole, 0);
	stack_inputs_release(&in);
	(void)certs;
	stack_free(st);
	err_release(&err);
}

Test(stack, anchors_aliases_and_merge_keys)
{
	const char *yaml = HEAD
		"environments: {dev: {}}\n"
		"components:\n"
		"  a:\n"
		"    module: m\n"
		"    inputs: &base {x: 1, y: two}\n"
		"  b:\n"
		"    module: m\n"
		"    inputs:\n"
		"      <<: *base\n"
		"      y: mine\n";
	struct err err = ERR_INIT;
	struct stack *st = load(yaml, &err);
	struct stack_inputs in = STACK_INPUTS_INIT;

	cr_assert_not_null(st, "%s", err.msg.ptr);
	stack_inputs(&in, st, 0, 1);
	cr_assert_eq(in.nr, 2);
	cr_expect_str_eq(in.items[0].name, "x");
	cr_expect_str_eq(in.items[0].value->str, "1");
	cr_expect_str_eq(in.items[1].value->str, "mine");
	stack_inputs_release(&in);
	stack_free(st);
	err_release(&err);
}

Test(stack, missing_module_directory)
{
	struct err err = ERR_INIT;
	struct stack *st = NULL;

	cr_assert_eq(stack_load(&st, FIXTURES "/stacks/bad/no-module.yaml", &err), 0);
	cr_expect_eq(stack_check_modules(st, &err), ERR_INPUT);
	cr_expect(strstr(err.msg.ptr, "no-module.yaml:6:15: module 'modules/absent'"),
		  "%s", err.msg.ptr);
	stack_free(st);
	err_release(&err);
}

Test(stack, templates)
{
	struct tmpl t = TMPL_INIT;
	const char *why = NULL;
	size_t at = 0;

	cr_assert_eq(tmpl_parse(&t, "a $${x} ${env.v}-${c.o}$", 24, &why, &at), 0);
	cr_assert_eq(t.nr, 5);
	cr_expect_str_eq(t.segs[0].lit.ptr, "a ${x} ");
	cr_expect_str_eq(t.segs[4].lit.ptr, "$");
	cr_expect_str_eq(t.segs[1].scope, "env");
	cr_expect_str_eq(t.segs[2].lit.ptr, "-");
	cr_expect_str_eq(t.segs[3].scope, "c");
	cr_expect_str_eq(t.segs[3].name, "o");
	cr_expect(!tmpl_is_whole_ref(&t));
	tmpl_release(&t);
	cr_assert_eq(tmpl_parse(&t, "${a.b}", 6, &why, &at), 0);
	cr_expect(tmpl_is_whole_ref(&t));
	tmpl_release(&t);
	cr_expect_eq(tmpl_parse(&t, "x ${a.b", 7, &why, &at), -1);
	cr_expect_eq(at, 2);
	tmpl_release(&t);
	cr_expect_eq(tmpl_parse(&t, "${a.b c}", 8, &why, &at), -1);
	tmpl_release(&t);
}
