/*
 * hook pre-commit: the fast check pre-commit runs before each commit.
 * The staged paths come from libgit2 (no `git` process), and only what
 * they affect is checked (vcs/affected.h):
 *  - the rendered tree of the affected environments is what the stack
 *    renders (a hand edit of a generated file, or a stack edit without
 *    `mds-infra render`);
 *  - when the stack, a module or a policy is staged: the stack loads, the
 *    inputs fit the modules, READMEs and policies are consistent (the
 *    checks of `validate`, only those the change can break).
 * Nothing staged that matters: exit 0 at once.  Every failure ends with
 * the exact command that fixes it, or that shows the details.
 *
 * The checks read the working tree: pre-commit stashes unstaged changes
 * before running hooks, so there the working tree is what is staged.
 */
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "render/render.h"
#include "util/msg.h"
#include "util/xalloc.h"
#include "validate/validate.h"
#include "vcs/changeset.h"

struct hook_opts {
	int dummy;
};

static const struct opt_spec hook_options[] = {
	OPT_END()
};

/* The affected environments' names, in the stack's order. */
static size_t affected_envs(const char **out, const struct changeset *cs)
{
	size_t e, nr = 0;

	for (e = 0; e < cs->st->nr_envs; e++)
		if (cs->aff.env_mark[e])
			out[nr++] = cs->st->envs[e].name;
	return nr;
}

static int check_render(const struct changeset *cs, const char **envs,
			size_t nr)
{
	struct render_opts ro = { envs, nr };
	struct render_changes ch = RENDER_CHANGES_INIT;
	struct err err = ERR_INIT;
	struct buf fix = BUF_INIT;
	size_t i;
	int ret = 0;

	if (render_check(&ch, cs->st, &ro, &err) < 0) {
		ret = cmd_fail(&err);
	} else if (ch.drift) {
		for (i = 0; i < ch.nr; i++)
			printf("%s: %s\n", ch.items[i].path,
			       ch.items[i].kind == RENDER_CREATE ? "missing" :
			       ch.items[i].kind == RENDER_DELETE ? "stale" :
			       "differs from what stack.yaml renders");
		for (i = 0; i < nr; i++)
			buf_addf(&fix, " %s", envs[i]);
		msg_error("the rendered tree is out of date (%zu file%s); fix: mds-infra render%s && git add %s",
			  ch.nr, ch.nr == 1 ? "" : "s", fix.ptr, RENDER_TREE_DIR);
		ret = EXIT_NEGATIVE;
	}
	buf_release(&fix);
	render_changes_release(&ch);
	err_release(&err);
	return ret;
}

/* Only the validate checks the staged change can break. */
static unsigned validate_checks(const struct changeset *cs)
{
	unsigned checks = 0;
	size_t i;

	if (cs->aff.stack_changed || affected_count(&cs->aff))
		checks |= VALIDATE_INPUTS;
	if (cs->aff.stack_changed || cs->aff.nr_policies)
		checks |= VALIDATE_POLICIES;
	for (i = 0; i < cs->changes.nr; i++) {
		const char *p = cs->changes.paths[i];
		size_t len = strlen(p);

		if ((len > 3 && !strcmp(p + len - 3, ".tf")) ||
		    (len >= 9 && !strcmp(p + len - 9, "README.md")))
			checks |= VALIDATE_READMES;
	}
	return checks;
}

static int check_validate(const struct changeset *cs, const char *stack)
{
	struct validate_report r = VALIDATE_REPORT_INIT;
	unsigned checks = validate_checks(cs);
	size_t i;
	int ret = 0;

	if (!checks)
		return 0;
	validate_run(&r, stack, checks);
	for (i = 0; i < r.nr; i++) {
		const struct validate_problem *p = &r.items[i];

		printf("%s:%u:%u: error: %s\n", p->file, p->line, p->col,
		       p->msg);
	}
	if (r.nr) {
		msg_error("%zu problem%s in the staged change; fix them, then check with: mds-infra validate",
			  r.nr, r.nr == 1 ? "" : "s");
		ret = r.nr_fatal ? EXIT_USAGE : EXIT_NEGATIVE;
	}
	validate_report_release(&r);
	return ret;
}

static int pre_commit(const struct cmd_ctx *ctx)
{
	struct changeset cs = CHANGESET_INIT;
	struct err err = ERR_INIT;
	char *stack = cmd_stack_path(ctx);
	const char **envs = NULL;
	size_t nr;
	int ret, r2;

	if (changeset_build(&cs, stack, NULL, &err) < 0) {
		ret = cmd_fail(&err);
		if (ret == EXIT_USAGE)
			fprintf(stderr, "fix: correct %s, then check with: mds-infra validate\n",
				stack);
		goto out;
	}
	envs = xcalloc(cs.st->nr_envs + 1, sizeof(*envs));
	nr = affected_envs(envs, &cs);
	ret = nr ? check_render(&cs, envs, nr) : 0;
	r2 = check_validate(&cs, stack);
	ret = ret ? ret : r2;
	if (!ret && !ctx->quiet && ctx->verbose)
		msg_note("%zu staged path%s, %zu environment%s checked",
			 cs.changes.nr, cs.changes.nr == 1 ? "" : "s", nr,
			 nr == 1 ? "" : "s");
out:
	free(envs);
	changeset_release(&cs);
	err_release(&err);
	free(stack);
	return ret;
}

static int run_hook(int argc, const char **argv, const struct cmd_ctx *ctx)
{
	struct hook_opts o = { 0 };
	int ret = 0, nr = cmd_parse(&cmd_hook_entry, argc, argv, &o, &ret);

	if (nr < 0)
		return ret;
	if (nr < 1)
		return cmd_usage_error(&cmd_hook_entry, "expected a hook name");
	if (strcmp(argv[0], "pre-commit"))
		return cmd_usage_error(&cmd_hook_entry,
				       "unknown hook '%s' (only pre-commit)",
				       argv[0]);
	/* pre-commit passes the staged file names; libgit2 knows them */
	return pre_commit(ctx);
}

const struct cmd_entry cmd_hook_entry = {
	.name = "hook",
	.summary = "fast checks of the staged changes, for pre-commit",
	.usage = "hook pre-commit [FILE...]",
	.description =
		"Reads the staged paths through libgit2 and checks only what they "
		"affect: the rendered tree of the affected environments (render "
		"--check), and when the stack, a module or a policy is staged the "
		"checks of validate that the change can break. FILE arguments (what "
		"pre-commit passes) are ignored: the index is the truth. Every failure "
		"ends with the command that fixes it. Exit 0 when all is well or "
		"nothing relevant is staged, 1 when a check fails, 2 when the stack "
		"does not load.",
	.options = hook_options,
	.args_completion = "words:pre-commit files",
	.run = run_hook,
};
