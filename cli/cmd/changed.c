/*
 * changed: the environments and components a change affects, for CI (plan
 * only what changed) and for people.  The change is the staged one by
 * default (what the next commit records) or, with --base REV, everything
 * since the merge base of REV and HEAD plus the uncommitted work.  The
 * rules (modules and the local modules they source, rendered files, the
 * stack file compared by what it renders, policies, dependents) are in
 * vcs/affected.h.
 *
 * Output: one line per affected environment, "ENV COMPONENT...", in the
 * stack's order (a shell loop or a Jenkinsfile splits it); --json gives
 * schema mds-infra/changed/v1 with the paths, policies and removed
 * components too.  Nothing affected is not an error: exit 0, no output.
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "util/msg.h"
#include "util/xalloc.h"
#include "vcs/changeset.h"

struct changed_opts {
	const char *base;
	int json;
};

static const struct opt_spec changed_options[] = {
	OPT_STRING(0, "base", struct changed_opts, base, "REV",
		   "changes since the merge base of REV and HEAD, uncommitted work included (default: the staged changes)"),
	OPT_BOOL(0, "json", struct changed_opts, json,
		 "print schema mds-infra/changed/v1"),
	OPT_END()
};

static int is_marked(const struct affected *a, size_t e, size_t c)
{
	return a->mark[e * a->st->nr_components + c];
}

static void print_text(const struct changeset *cs, int quiet)
{
	const struct stack *st = cs->st;
	size_t e, k, i;

	for (e = 0; e < st->nr_envs; e++) {
		if (!cs->aff.env_mark[e])
			continue;
		fputs(st->envs[e].name, stdout);
		for (k = 0; k < st->nr_components; k++)
			if (is_marked(&cs->aff, e, st->order[k]))
				printf(" %s", st->components[st->order[k]].name);
		putchar('\n');
	}
	if (quiet)
		return;
	for (i = 0; i < cs->aff.nr_policies; i++)
		msg_note("policy changed: %s", cs->aff.policies[i]);
	for (i = 0; i < cs->aff.nr_removed; i++)
		msg_note("removed: %s", cs->aff.removed[i]);
	if (!cs->changes.nr)
		msg_note("no changes %s", cs->changes.staged ? "staged" :
			 "since the base");
}

static json_t *str_array(char *const *v, size_t nr)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; i < nr; i++)
		json_array_append_new(a, json_string(v[i]));
	return a;
}

static json_t *env_array(const struct changeset *cs, json_t *all)
{
	const struct stack *st = cs->st;
	json_t *envs = json_array();
	char *seen = xcalloc(st->nr_components + 1, 1);
	size_t e, k;

	for (e = 0; e < st->nr_envs; e++) {
		json_t *comps = json_array();

		if (!cs->aff.env_mark[e]) {
			json_decref(comps);
			continue;
		}
		for (k = 0; k < st->nr_components; k++) {
			size_t c = st->order[k];

			if (!is_marked(&cs->aff, e, c))
				continue;
			json_array_append_new(comps,
				json_string(st->components[c].name));
			seen[c] = 1;
		}
		json_array_append_new(envs, json_pack("{s:s, s:o}", "name",
			st->envs[e].name, "components", comps));
	}
	for (k = 0; k < st->nr_components; k++)
		if (seen[st->order[k]])
			json_array_append_new(all, json_string(
				st->components[st->order[k]].name));
	free(seen);
	return envs;
}

static void print_json(const struct changeset *cs)
{
	json_t *all = json_array(), *root;
	json_t *envs = env_array(cs, all);
	char *text;

	root = json_pack("{s:s, s:b, s:s?, s:o, s:b, s:o, s:o, s:o, s:o}",
		"schema", "mds-infra/changed/v1",
		"staged", cs->changes.staged,
		"base", *cs->changes.base ? cs->changes.base : NULL,
		"paths", str_array(cs->changes.paths, cs->changes.nr),
		"stack_changed", cs->aff.stack_changed,
		"policies", str_array(cs->aff.policies, cs->aff.nr_policies),
		"removed", str_array(cs->aff.removed, cs->aff.nr_removed),
		"environments", envs,
		"components", all);
	text = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	puts(text);
	free(text);
	json_decref(root);
}

static int run_changed(int argc, const char **argv, const struct cmd_ctx *ctx)
{
	struct changed_opts o = { 0 };
	struct changeset cs = CHANGESET_INIT;
	struct err err = ERR_INIT;
	char *stack = NULL;
	int ret = 0, nr = cmd_parse(&cmd_changed_entry, argc, argv, &o, &ret);

	if (nr < 0)
		return ret;
	if (nr)
		return cmd_usage_error(&cmd_changed_entry,
				       "unexpected argument '%s'", argv[0]);
	stack = cmd_stack_path(ctx);
	if (changeset_build(&cs, stack, o.base, &err) < 0)
		ret = cmd_fail(&err);
	else if (o.json)
		print_json(&cs);
	else
		print_text(&cs, ctx->quiet);
	changeset_release(&cs);
	err_release(&err);
	free(stack);
	return ret;
}

const struct cmd_entry cmd_changed_entry = {
	.name = "changed",
	.summary = "list the environments and components a change affects",
	.usage = "changed [--base REV] [--json]",
	.description =
		"Prints one line per affected environment, 'ENV COMPONENT...', in the "
		"stack's order. The change is the staged one by default, or with --base "
		"REV everything since the merge base of REV and HEAD plus uncommitted and "
		"untracked files. A component is affected when its module changed (or a "
		"local module it sources), when its rendered files changed, when the "
		"stack file changes what is rendered for it, or when a component it "
		"depends on is affected; root.hcl and env.hcl affect every component "
		"beneath them. Policy edits mark every environment and are listed. "
		"Exit 0 also when nothing is affected.",
	.options = changed_options,
	.run = run_changed,
};
