/*
 * vcs/affected.c: changed paths -> environments x components, on stacks
 * loaded from text (no repository needed).
 */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "stack/stack.h"
#include "util/buf.h"
#include "util/xalloc.h"
#include "vcs/affected.h"

TestSuite(vcs_changed);

#define STACK_HEAD \
	"version: 1\nname: t\nbackend: {s3: {bucket: b}}\n" \
	"environments:\n  dev: {vars: {n: 1}}\n  prod: {vars: {n: 3}}\n"

static const char stack_text[] = STACK_HEAD
	"components:\n"
	"  a: {module: mod/a, inputs: {n: \"${env.n}\"}}\n"
	"  b: {module: mod/b, depends_on: [a], inputs: {x: 1}}\n"
	"  c: {module: mod/c, depends_on: [b]}\n"
	"  d: {module: ./mod/d/}\n";

static struct stack *load(const char *text)
{
	struct stack *st = NULL;
	struct err err = ERR_INIT;

	cr_assert_eq(stack_load_mem(&st, text, strlen(text), "/nonexistent/stack.yaml",
				    &err), 0, "%s", err.msg.ptr);
	err_release(&err);
	return st;
}

/* "dev:a,b prod:a" for the marked pairs, in env and file order. */
static char *render_marks(const struct affected *a)
{
	struct buf out = BUF_INIT;
	size_t e, c;

	for (e = 0; e < a->st->nr_envs; e++) {
		int first = 1;

		if (!a->env_mark[e])
			continue;
		buf_addf(&out, "%s%s:", out.len ? " " : "", a->st->envs[e].name);
		for (c = 0; c < a->st->nr_components; c++)
			if (a->mark[e * a->st->nr_components + c]) {
				buf_addf(&out, "%s%s", first ? "" : ",",
					 a->st->components[c].name);
				first = 0;
			}
	}
	return buf_detach(&out, NULL);
}

static char *run(const struct stack *st, const struct stack *old,
		 const char *prefix, const char *const *paths, size_t nr,
		 struct affected *a)
{
	struct affected_input in = { st, old, prefix, "", (char *const *)paths, nr };
	struct err err = ERR_INIT;
	char *stack_rel = NULL;

	stack_rel = xasprintf("%sstack.yaml", prefix);
	in.stack_rel = stack_rel;
	cr_assert_eq(affected_compute(a, &in, &err), 0, "%s", err.msg.ptr);
	free(stack_rel);
	err_release(&err);
	return render_marks(a);
}

Test(vcs_changed, path_rules)
{
	static const struct {
		const char *path;
		const char *want;
	} cases[] = {
		{ "mod/a/main.tf", "dev:a,b,c prod:a,b,c" },
		{ "mod/b/sub/x.json", "dev:b,c prod:b,c" },
		{ "mod/d/main.tf", "dev:d prod:d" },		/* ./mod/d/ normalised */
		{ "mod/ab/main.tf", "" },			/* not mod/a */
		{ "mod/c", "dev:c prod:c" },
		{ "terragrunt/prod/b/terragrunt.hcl", "prod:b,c" },
		{ "terragrunt/dev/env.hcl", "dev:a,b,c,d" },
		{ "terragrunt/root.hcl", "dev:a,b,c,d prod:a,b,c,d" },
		{ "terragrunt/qa/a/terragrunt.hcl", "" },	/* no such env */
		{ "README.md", "" },
		{ "policies/gate.yaml", "dev: prod:" },
	};
	struct stack *st = load(stack_text);
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct affected a;
		char *got = run(st, st, "", &cases[i].path, 1, &a);

		cr_assert_str_eq(got, cases[i].want, "%s", cases[i].path);
		free(got);
		affected_release(&a);
	}
	stack_free(st);
}

Test(vcs_changed, policies_and_removed_are_listed)
{
	const char *paths[] = { "policies/plan.yaml", "terragrunt/dev/gone/terragrunt.hcl" };
	struct stack *st = load(stack_text);
	struct affected a;
	char *got = run(st, st, "", paths, 2, &a);

	cr_assert_eq(a.nr_policies, 1);
	cr_assert_str_eq(a.policies[0], "policies/plan.yaml");
	cr_assert_eq(a.nr_removed, 1);
	cr_assert_str_eq(a.removed[0], "dev/gone");
	cr_assert_eq(affected_count(&a), 0);
	free(got);
	affected_release(&a);
	stack_free(st);
}

Test(vcs_changed, prefix_limits_to_the_stack_directory)
{
	const char *paths[] = { "mod/a/main.tf", "infra/mod/b/main.tf" };
	struct stack *st = load(stack_text);
	struct affected a;
	char *got = run(st, st, "infra/", paths, 2, &a);

	cr_assert_str_eq(got, "dev:b,c prod:b,c");
	free(got);
	affected_release(&a);
	stack_free(st);
}

Test(vcs_changed, stack_edit_marks_what_renders_differently)
{
	static const char edited[] = STACK_HEAD
		"components:\n"
		"  a: {module: mod/a, inputs: {n: \"${env.n}\"}}\n"
		"  b: {module: mod/b, depends_on: [a], inputs: {x: 1},\n"
		"      environments: {prod: {inputs: {x: 2}}}}\n"
		"  c: {module: mod/c, depends_on: [b]}\n"
		"  d: {module: ./mod/d/}\n"
		"  e: {module: mod/e}\n";
	const char *paths[] = { "stack.yaml" };
	struct stack *old = load(stack_text), *st = load(edited);
	struct affected a;
	char *got = run(st, old, "", paths, 1, &a);

	/* b changes in prod only (and c depends on it); e is new everywhere */
	cr_assert_str_eq(got, "dev:e prod:b,c,e");
	cr_assert(a.stack_changed);
	free(got);
	affected_release(&a);
	/* the other way round: e is removed */
	got = run(old, st, "", paths, 1, &a);
	cr_assert_str_eq(got, "prod:b,c");
	cr_assert_eq(a.nr_removed, 2);
	cr_assert_str_eq(a.removed[0], "dev/e");
	free(got);
	affected_release(&a);
	/* without an old stack (new file, or it did not load): everything */
	got = run(st, NULL, "", paths, 1, &a);
	cr_assert_str_eq(got, "dev:a,b,c,d,e prod:a,b,c,d,e");
	free(got);
	affected_release(&a);
	stack_free(st);
	stack_free(old);
}

Test(vcs_changed, an_env_var_change_marks_its_users_only)
{
	static const char edited[] = "version: 1\nname: t\nbackend: {s3: {bucket: b}}\n"
		"environments:\n  dev: {vars: {n: 2}}\n  prod: {vars: {n: 3}}\n"
		"components:\n"
		"  a: {module: mod/a, inputs: {n: \"${env.n}\"}}\n"
		"  b: {module: mod/b, depends_on: [a], inputs: {x: 1}}\n"
		"  c: {module: mod/c, depends_on: [b]}\n"
		"  d: {module: ./mod/d/}\n";
	const char *paths[] = { "stack.yaml" };
	struct stack *old = load(stack_text), *st = load(edited);
	struct affected a;
	char *got = run(st, old, "", paths, 1, &a);

	/* env.hcl of dev changes too, but d does not read n: not d */
	cr_assert_str_eq(got, "dev:a,b,c");
	free(got);
	affected_release(&a);
	stack_free(st);
	stack_free(old);
}

Test(vcs_changed, normalize)
{
	static const struct { const char *in, *want; } cases[] = {
		{ "a/b", "a/b" }, { "./a//b/", "a/b" }, { "a/../b", "b" },
		{ "mod/x/../../mod/y", "mod/y" }, { ".", "" }, { "a/..", "" },
		{ "..", NULL }, { "a/../../b", NULL },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *got = affected_normalize(cases[i].in);

		if (!cases[i].want)
			cr_assert_null(got, "%s", cases[i].in);
		else
			cr_assert_str_eq(got, cases[i].want, "%s", cases[i].in);
		free(got);
	}
}
