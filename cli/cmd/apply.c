/*
 * apply: apply exactly the saved plans of an environment, in dependency
 * order.
 *
 * Refuses (exit 1), before running anything, when: there is no saved plan;
 * manifest.json does not match the current commit, stack file, rendered
 * files or plan files; the plan was incomplete (a component failed or was
 * skipped) or violated the plan policy; the rendered tree is stale; the
 * environment is protected and neither --approve nor the environment's
 * name typed on the terminal confirms it; another apply holds the lock
 * (.mds/locks/ENV.lock).  Only components whose plan has changes run.
 * Terraform's "Saved plan is stale" is reported as "re-plan needed".
 * Deliberately no --auto-approve alias: --approve says what it does.
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd/apply_bundle.h"
#include "cmd/cmd.h"
#include "cmd/runprep.h"
#include "cmd/runview.h"
#include "plan/report.h"
#include "run/lock.h"
#include "run/spawn.h"
#include "run/tg.h"
#include "util/fs.h"
#include "util/msg.h"
#include "util/xalloc.h"

struct apply_opts {
	const char *plan;
	const char *bundle;
	int approve;
	int jobs;
	int fail_fast;
	int timeout;
};

static const struct opt_spec apply_options[] = {
	OPT_STRING(0, "plan", struct apply_opts, plan, "DIR",
		   "the saved plans (default .mds/plans/ENV)"),
	OPT_STRING(0, "bundle", struct apply_opts, bundle, "FILE",
		   "apply the plans of a bundle (mds-infra bundle), verified and extracted"),
	OPT_BOOL(0, "approve", struct apply_opts, approve,
		 "confirm applying to a protected environment"),
	OPT_INT('j', "jobs", struct apply_opts, jobs, "N",
		"apply at most N components at once (default: number of cores)"),
	OPT_BOOL(0, "fail-fast", struct apply_opts, fail_fast,
		 "stop everything at the first failure"),
	OPT_INT(0, "timeout", struct apply_opts, timeout, "SECONDS",
		"per terragrunt process (default: none)"),
	OPT_END()
};

struct apply_state {
	struct apply_opts o;
	struct stack *st;
	struct run_set set;
	struct manifest man;
	char *binary, *dir, *commit;
	char *bundle_dir;	/* --bundle: its extracted plans */
	char **plan_files;
	size_t nr_plan_files;
	char **envp;
	struct tg_run run;
	struct run_lock lock;
	int interrupted;
};

static int load_manifest(struct apply_state *s)
{
	char *path = fs_join(s->dir, "manifest.json");
	struct err err = ERR_INIT;
	int ret = 0;

	if (manifest_load(&s->man, path, &err) == ERR_NOTFOUND) {
		msg_error("no saved plan for '%s' in %s; run 'mds-infra plan %s' first",
			  s->set.env, s->dir, s->set.env);
		ret = EXIT_NEGATIVE;
	} else if (err_is_set(&err)) {
		ret = cmd_fail(&err);
	}
	free(path);
	err_release(&err);
	return ret;
}

/* The manifest must match what is here now, and be complete and clean. */
static int verify(struct apply_state *s)
{
	struct buf why = BUF_INIT;
	int dirty;
	size_t i, bad;

	s->commit = runprep_commit(&s->set, &dirty);
	bad = manifest_verify(&why, &s->man, &s->set, s->commit, s->dir);
	for (i = 0; i < s->man.nr_comps; i++) {
		const char *st = s->man.comps[i].status;

		if (strcmp(st, "changes") && strcmp(st, "no_changes")) {
			buf_addf(&why, "'%s' was not planned (%s)\n",
				 s->man.comps[i].name, st);
			bad++;
		}
	}
	if (s->man.nr_violations) {
		buf_addf(&why, "the plan violated the plan policy (%zu violations)\n",
			 s->man.nr_violations);
		bad++;
	}
	if (bad) {
		msg_error("refusing to apply '%s':",
			  s->set.env);
		fputs(why.ptr, stderr);
		fprintf(stderr, "fix: mds-infra plan %s (then apply again)\n",
			s->set.env);
	}
	buf_release(&why);
	return bad ? EXIT_NEGATIVE : 0;
}

/* Keeps the units whose plan has changes, in the current graph's order. */
static void select_planned(struct apply_state *s)
{
	char *keep = xcalloc(s->set.nr + 1, 1);
	size_t i, k;

	s->plan_files = xcalloc(s->set.nr + 1, sizeof(char *));
	for (i = 0; i < s->set.nr; i++)
		for (k = 0; k < s->man.nr_comps; k++) {
			const struct manifest_component *c = &s->man.comps[k];

			if (strcmp(c->name, s->set.units[i].name) ||
			    strcmp(c->status, "changes") || !c->plan_file)
				continue;
			keep[i] = 1;
		}
	units_filter(&s->set, keep);
	for (i = 0; i < s->set.nr; i++)
		for (k = 0; k < s->man.nr_comps; k++)
			if (!strcmp(s->man.comps[k].name, s->set.units[i].name))
				s->plan_files[s->nr_plan_files++] =
					xstrdup(s->man.comps[k].plan_file);
	free(keep);
}

static int approve(const struct apply_state *s)
{
	char line[256];
	size_t len;

	if (!s->set.protected || s->o.approve)
		return 0;
	if (!isatty(0) || !isatty(2)) {
		msg_error("'%s' is protected: refusing to apply without --approve",
			  s->set.env);
		return EXIT_NEGATIVE;
	}
	fprintf(stderr, "'%s' is protected. Apply %zu component%s? Type '%s' to confirm: ",
		s->set.env, s->set.nr, s->set.nr == 1 ? "" : "s", s->set.env);
	fflush(stderr);
	if (!fgets(line, sizeof(line), stdin))
		line[0] = '\0';
	len = strcspn(line, "\r\n");
	line[len] = '\0';
	if (!strcmp(line, s->set.env))
		return 0;
	msg_error("not confirmed; nothing applied");
	return EXIT_NEGATIVE;
}

static int run_units(struct apply_state *s, const struct cmd_ctx *ctx)
{
	struct sched_opts so = SCHED_OPTS_INIT;
	struct runview view;
	struct err err = ERR_INIT;
	int ret = 0;

	runprep_sched(&so, &s->envp, s->o.jobs, s->o.fail_fast, s->o.timeout);
	s->run = (struct tg_run){ &s->set, TG_APPLY, s->binary, s->dir, s->envp,
				  s->plan_files, NULL, runview_state,
				  runview_tick, runview_interrupt, &view };
	runview_init(&view, &s->run, "apply", ctx->quiet);
	if (tg_run(&s->run, &so, NULL, &s->interrupted, &err) < 0)
		ret = cmd_fail(&err);
	runview_done(&view);
	err_release(&err);
	return ret;
}

/* The counts of the applied plans, from plan.json, for the summary. */
static void planned_counts(struct apply_state *s)
{
	char *path = fs_join(s->dir, "plan.json");
	json_t *root = json_load_file(path, 0, NULL), *c;
	size_t k;

	json_array_foreach(json_object_get(root, "components"), k, c) {
		const char *name = json_string_value(json_object_get(c, "name"));
		long i = name ? units_find(&s->set, name) : -1;
		struct plan_summary *sum;

		if (i < 0 || s->run.res[i].status != TG_APPLIED)
			continue;
		sum = &s->run.res[i].sum;
		sum->add = (long)json_integer_value(json_object_get(c, "add"));
		sum->change = (long)json_integer_value(json_object_get(c, "change"));
		sum->destroy = (long)json_integer_value(json_object_get(c, "destroy"));
		sum->import = (long)json_integer_value(json_object_get(c, "import"));
	}
	json_decref(root);
	free(path);
}

static int report(struct apply_state *s)
{
	size_t i, failed = 0, stale = 0;

	planned_counts(s);
	runview_summary(stdout, &s->run);
	runview_failures(stderr, &s->run, 15);
	for (i = 0; i < s->set.nr; i++) {
		failed += s->run.res[i].status != TG_APPLIED;
		stale += s->run.res[i].stale_plan;
	}
	if (stale)
		msg_error("re-plan needed: %zu saved plan%s stale (the state changed since planning); run 'mds-infra plan %s'",
			  stale, stale == 1 ? " is" : "s are", s->set.env);
	if (s->interrupted)
		msg_error("apply of '%s' interrupted", s->set.env);
	return failed || s->interrupted ? EXIT_NEGATIVE : EXIT_OK;
}

static int apply_env(struct apply_state *s, const char *env,
		     const struct cmd_ctx *ctx)
{
	int ret;

	if ((ret = runprep_units(&s->st, &s->set, ctx, env)) ||
	    (s->o.bundle && (ret = apply_bundle_open(&s->bundle_dir, s->o.bundle,
						     env, s->set.root))) ||
	    (ret = runprep_dir(&s->dir, s->bundle_dir ? s->bundle_dir : s->o.plan,
			       &s->set, "plans")) ||
	    (ret = load_manifest(s)) || (ret = verify(s)))
		return ret;
	select_planned(s);
	if (!s->set.nr) {
		msg_note("nothing to apply in '%s': the saved plan has no changes", env);
		return EXIT_OK;
	}
	if ((ret = approve(s)) || (ret = runprep_binary(&s->binary)) ||
	    (ret = runprep_lock(&s->lock, &s->set)) || (ret = run_units(s, ctx)))
		return ret;
	return report(s);
}

static int run_apply(int argc, const char **argv, const struct cmd_ctx *ctx)
{
	struct apply_state s;
	int ret = 0, nr;
	size_t i;

	memset(&s, 0, sizeof(s));
	nr = cmd_parse(&cmd_apply_entry, argc, argv, &s.o, &ret);
	if (nr < 0)
		return ret;
	if (nr != 1)
		return cmd_usage_error(&cmd_apply_entry, "expected one environment");
	if (s.o.bundle && s.o.plan)
		return cmd_usage_error(&cmd_apply_entry,
				       "--bundle and --plan do not go together");
	ret = apply_env(&s, argv[0], ctx);
	apply_bundle_cleanup(s.bundle_dir);
	free(s.bundle_dir);
	run_lock_release(&s.lock);
	tg_run_release(&s.run);
	proc_env_free(s.envp);
	for (i = 0; i < s.nr_plan_files; i++)
		free(s.plan_files[i]);
	free(s.plan_files);
	manifest_release(&s.man);
	free(s.commit);
	free(s.dir);
	free(s.binary);
	run_set_release(&s.set);
	stack_free(s.st);
	return ret;
}

const struct cmd_entry cmd_apply_entry = {
	.name = "apply",
	.summary = "apply the saved plans of an environment",
	.usage = "apply ENV [--plan DIR | --bundle FILE] [--approve] [-j N]",
	.description =
		"Applies exactly the plans saved by 'mds-infra plan ENV' (terragrunt apply "
		"PLANFILE per component with changes), in dependency order. Refuses "
		"(exit 1) when there is no saved plan, when the commit, stack file, "
		"rendered files or plan files changed since planning, when the plan was "
		"incomplete or violated the plan policy, when another apply holds the "
		"lock, and for a protected environment without --approve (or the "
		"environment's name typed on a terminal). Terraform's 'Saved plan is "
		"stale' is reported as 're-plan needed'.",
	.options = apply_options,
	.args_completion = "envs",
	.run = run_apply,
};
