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
#include <time.h>
#include <unistd.h>

#include "cmd/applied.h"
#include "cmd/apply_bundle.h"
#include "cmd/cmd.h"
#include "cmd/planrun.h"
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
	int waves;
	int json;
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
	OPT_BOOL(0, "waves", struct apply_opts, waves,
		 "apply, plan what was blocked, apply again, until all is applied"),
	OPT_BOOL(0, "json", struct apply_opts, json,
		 "print the result as JSON (schema mds-infra/apply/v1) on stdout"),
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
	int wave;
	char **blocked;		/* the saved plan's blocked components */
	size_t nr_blocked;
	json_t *results;	/* --json: every wave's components */
	const struct cmd_ctx *ctx;
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

/* A plan is applied once: then it is marked, and a new plan is needed. */
/* The command that makes plans apply will take again. */
static void print_replan_fix(const struct apply_state *s)
{
	if (s->o.bundle)
		fprintf(stderr, "fix: mds-infra plan %s && mds-infra bundle %s -o FILE "
			"(then apply the new bundle)\n", s->set.env, s->set.env);
	else
		fprintf(stderr, "fix: mds-infra plan %s (then apply again)\n",
			s->set.env);
}

static int refuse_applied(const struct apply_state *s)
{
	char *path = fs_join(s->dir, PLAN_APPLIED_FILE);
	char *mark_path = applied_mark_path(s->set.root, s->set.env, s->dir);
	json_t *mark;
	const char *when;
	int applied = fs_exists(path);

	if (!applied && mark_path && fs_exists(mark_path)) {
		free(path);	/* the same plan came back, e.g. in a bundle */
		path = mark_path;
		mark_path = NULL;
		applied = 1;
	}
	mark = json_load_file(path, 0, NULL);
	when = json_string_value(json_object_get(mark, "applied_at"));

	if (applied) {
		msg_error("the plans %s %s were already applied%s%s; a plan is applied once",
			  s->o.bundle ? "of bundle" : "in",
			  s->o.bundle ? s->o.bundle : s->dir,
			  when ? " at " : "", when ? when : "");
		print_replan_fix(s);
	}
	json_decref(mark);
	free(mark_path);
	free(path);
	return applied ? EXIT_NEGATIVE : 0;
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

		if (strcmp(st, "changes") && strcmp(st, "no_changes") &&
		    strcmp(st, "blocked")) {
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
		print_replan_fix(s);
	}
	buf_release(&why);
	return bad ? EXIT_NEGATIVE : 0;
}

/*
 * --waves: a plan computed against mock outputs (a dependency's outputs
 * were not there yet, or are about to change) is not applied; it waits,
 * with what depends on it, to be planned again once the dependency is
 * applied.  Returns a mask over s->set.units (all zero without --waves).
 */
static char *deferred_units(const struct apply_state *s)
{
	char *defer = xcalloc(s->set.nr + 1, 1);
	char *path;
	struct plan_json pj = PLAN_JSON_INIT;
	struct err err = ERR_INIT;
	size_t i;

	if (!s->o.waves)
		return defer;
	path = fs_join(s->dir, "plan.json");
	plan_json_read(&pj, path, &err);	/* manifest_verify checked it */
	for (i = 0; i < s->set.nr; i++) {
		const struct plan_json_component *c =
			plan_json_find(&pj, s->set.units[i].name);

		defer[i] = c && c->used_mocks;
	}
	units_add_dependents(&s->set, defer);
	plan_json_release(&pj);
	err_release(&err);
	free(path);
	return defer;
}

/* Keeps the units whose plan has changes and is not deferred, in the
 * current graph's order. */
static void select_planned(struct apply_state *s, const char *defer)
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
			keep[i] = !defer[i];
		}
	units_filter(&s->set, keep);
	for (i = 0; i < s->set.nr; i++)
		for (k = 0; k < s->man.nr_comps; k++)
			if (!strcmp(s->man.comps[k].name, s->set.units[i].name))
				s->plan_files[s->nr_plan_files++] =
					xstrdup(s->man.comps[k].plan_file);
	free(keep);
}

/* The planned counts per selected unit, from plan.json. */
struct planned {
	long add, change, destroy, import;
};

static struct planned *planned_counts(const struct apply_state *s)
{
	char *path = fs_join(s->dir, "plan.json");
	struct planned *out = xcalloc(s->set.nr + 1, sizeof(*out));
	struct plan_json pj = PLAN_JSON_INIT;
	struct err err = ERR_INIT;
	size_t i;

	plan_json_read(&pj, path, &err);	/* missing: counts stay 0 */
	for (i = 0; i < s->set.nr; i++) {
		const struct plan_json_component *c =
			plan_json_find(&pj, s->set.units[i].name);

		if (!c)
			continue;
		out[i].add = c->add;
		out[i].change = c->change;
		out[i].destroy = c->destroy;
		out[i].import = c->import;
	}
	plan_json_release(&pj);
	err_release(&err);
	free(path);
	return out;
}

/* What is about to be applied, so that nobody confirms blind. */
static void list_planned(const struct apply_state *s)
{
	struct planned *p = planned_counts(s);
	size_t i;

	for (i = 0; i < s->set.nr; i++)
		fprintf(stderr, "  %-24s %ld to add, %ld to change, %ld to destroy%s\n",
			s->set.units[i].name, p[i].add, p[i].change,
			p[i].destroy, p[i].import ? ", imports" : "");
	free(p);
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
		list_planned(s);
		return EXIT_NEGATIVE;
	}
	fprintf(stderr, "'%s' is protected. Apply these %zu component%s:\n",
		s->set.env, s->set.nr, s->set.nr == 1 ? "" : "s");
	list_planned(s);
	fprintf(stderr, "Type '%s' to confirm: ", s->set.env);
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

/* The counts of the applied plans, for the summary. */
static void copy_counts(struct apply_state *s)
{
	struct planned *p = planned_counts(s);
	size_t i;

	for (i = 0; i < s->set.nr; i++) {
		struct plan_summary *sum = &s->run.res[i].sum;

		if (s->run.res[i].status != TG_APPLIED)
			continue;
		sum->add = p[i].add;
		sum->change = p[i].change;
		sum->destroy = p[i].destroy;
		sum->import = p[i].import;
	}
	free(p);
}

/* The same mark under .mds/applied/, which outlives a bundle's extraction. */
static int write_mark(const struct apply_state *s, const struct buf *b,
		      struct err *err)
{
	char *path = applied_mark_path(s->set.root, s->set.env, s->dir);
	int ret = 0;

	if (path && (fs_mkdirs_for(path, err) < 0 ||
		     fs_write_atomic(path, b->ptr, b->len, 0600, err) < 0))
		ret = -1;
	free(path);
	return ret;
}

/* applied.json: when and what, so that the same plan is not applied twice. */
static int mark_applied(const struct apply_state *s)
{
	json_t *root = json_object(), *comps = json_array();
	char *path = fs_join(s->dir, PLAN_APPLIED_FILE), *text, when[32];
	struct buf b = BUF_INIT;
	struct err err = ERR_INIT;
	time_t now = time(NULL);
	struct tm tm;
	size_t i;
	int ret = 0;

	gmtime_r(&now, &tm);
	strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm);
	for (i = 0; i < s->set.nr; i++)
		if (s->run.res[i].status == TG_APPLIED)
			json_array_append_new(comps,
				json_string(s->set.units[i].name));
	json_object_set_new(root, "schema", json_string("mds-infra/applied/v1"));
	json_object_set_new(root, "environment", json_string(s->set.env));
	json_object_set_new(root, "applied_at", json_string(when));
	json_object_set_new(root, "components", comps);
	text = json_dumps(root, JSON_INDENT(2));
	buf_addstr(&b, text);
	buf_addch(&b, '\n');
	if (fs_write_atomic(path, b.ptr, b.len, 0600, &err) < 0 ||
	    write_mark(s, &b, &err) < 0)
		ret = cmd_fail(&err);
	buf_release(&b);
	free(text);
	free(path);
	json_decref(root);
	err_release(&err);
	return ret;
}

/* --json: one entry per component of this wave. */
static void add_results(struct apply_state *s)
{
	size_t i;

	for (i = 0; s->results && i < s->set.nr; i++) {
		const struct tg_result *r = &s->run.res[i];

		json_array_append_new(s->results, json_pack(
			"{s:s, s:i, s:s, s:I, s:I, s:I, s:I, s:f, s:o, s:o}",
			"name", s->set.units[i].name, "wave", s->wave,
			"status", tg_status_name(r->status),
			"add", (json_int_t)r->sum.add,
			"change", (json_int_t)r->sum.change,
			"destroy", (json_int_t)r->sum.destroy,
			"import", (json_int_t)r->sum.import,
			"duration_s", (double)(long long)(r->duration_s * 10 + 0.5) / 10,
			"reason", r->reason ? json_string(r->reason) : json_null(),
			"log", r->log_path ? json_string(r->log_path) : json_null()));
	}
}

static int report(struct apply_state *s)
{
	FILE *out = s->o.json ? stderr : stdout;
	size_t i, failed = 0, stale = 0, applied = 0;
	int ret = 0;

	copy_counts(s);
	runview_summary(out, &s->run);
	runview_verdict(out, &s->run, 0, s->interrupted);
	fflush(out);
	runview_failures(stderr, &s->run, 15);
	for (i = 0; i < s->set.nr; i++) {
		failed += s->run.res[i].status != TG_APPLIED;
		applied += s->run.res[i].status == TG_APPLIED;
		stale += s->run.res[i].stale_plan;
	}
	add_results(s);
	if (applied)
		ret = mark_applied(s);
	if (stale)
		msg_error("re-plan needed: %zu saved plan%s stale (the state changed since planning); run 'mds-infra plan %s'",
			  stale, stale == 1 ? " is" : "s are", s->set.env);
	if (s->interrupted) {
		msg_error("apply of '%s' interrupted", s->set.env);
		return EXIT_INTERRUPTED;
	}
	return failed ? EXIT_NEGATIVE : ret;
}

static void forget_blocked(struct apply_state *s)
{
	size_t i;

	for (i = 0; i < s->nr_blocked; i++)
		free(s->blocked[i]);
	free(s->blocked);
	s->blocked = NULL;
	s->nr_blocked = 0;
}

/* What the next wave plans: the saved plan's blocked components and the
 * deferred ones. */
static void remember_blocked(struct apply_state *s, const char *defer)
{
	size_t i;

	forget_blocked(s);
	s->blocked = xcalloc(s->man.nr_comps + s->set.nr + 1, sizeof(char *));
	for (i = 0; i < s->man.nr_comps; i++)
		if (!strcmp(s->man.comps[i].status, "blocked"))
			s->blocked[s->nr_blocked++] = xstrdup(s->man.comps[i].name);
	for (i = 0; i < s->set.nr; i++)
		if (defer[i])
			s->blocked[s->nr_blocked++] = xstrdup(s->set.units[i].name);
}



/* Loads and checks the saved plan of `env` and keeps what it changes. */
static int load_wave(struct apply_state *s, const char *env)
{
	char *defer;
	int ret;

	if ((ret = runprep_units(&s->st, &s->set, s->ctx, env)) ||
	    (s->o.bundle && !s->bundle_dir &&
	     (ret = apply_bundle_open(&s->bundle_dir, s->o.bundle, env,
				      s->set.root))) ||
	    (!s->dir && (ret = runprep_saved_dir(&s->dir, s->bundle_dir ?
						 s->bundle_dir : s->o.plan,
						 &s->set))) ||
	    (ret = load_manifest(s)) || (ret = refuse_applied(s)) ||
	    (ret = verify(s)))
		return ret;
	defer = deferred_units(s);
	remember_blocked(s, defer);
	select_planned(s, defer);
	free(defer);
	return 0;
}

/* Everything of one wave that the next one loads afresh. */
static void wave_release(struct apply_state *s)
{
	size_t i;

	tg_run_release(&s->run);
	for (i = 0; i < s->nr_plan_files; i++)
		free(s->plan_files[i]);
	free(s->plan_files);
	s->plan_files = NULL;
	s->nr_plan_files = 0;
	proc_env_free(s->envp);
	s->envp = NULL;
	manifest_release(&s->man);
	free(s->commit);
	s->commit = NULL;
	run_set_release(&s->set);
	stack_free(s->st);
	s->st = NULL;
}


/* Plans the components the last plan left blocked, into the same dir. */
static int replan_blocked(struct apply_state *s, const char *env)
{
	struct planrun pr = PLANRUN_INIT;
	char *keep;
	size_t i, k;
	int ret;

	wave_release(s);
	if ((ret = runprep_units(&s->st, &s->set, s->ctx, env)))
		return ret;
	keep = xcalloc(s->set.nr + 1, 1);
	for (i = 0; i < s->set.nr; i++)
		for (k = 0; k < s->nr_blocked; k++)
			keep[i] |= !strcmp(s->set.units[i].name, s->blocked[k]);
	units_filter(&s->set, keep);
	free(keep);
	msg_note("wave %d: planning %zu blocked component%s", s->wave,
		 s->set.nr, s->set.nr == 1 ? "" : "s");
	pr.set = &s->set;
	pr.stack = s->st;
	pr.binary = s->binary;
	pr.out = s->dir;
	pr.jobs = s->o.jobs;
	pr.fail_fast = s->o.fail_fast;
	pr.timeout = s->o.timeout;
	pr.quiet = s->ctx->quiet;
	ret = planrun_execute(&pr);
	if (!ret) {
		planrun_print(&pr, s->o.json ? stderr : stdout);
		if (pr.interrupted)
			ret = EXIT_INTERRUPTED;
		else if (pr.failed || pr.viol.nr)
			ret = EXIT_NEGATIVE;
	}
	if (ret && ret != EXIT_INTERRUPTED)
		msg_error("wave %d: the plan of the blocked components failed; nothing more applied",
			  s->wave);
	planrun_release(&pr);
	wave_release(s);
	return ret;
}

static int apply_wave(struct apply_state *s, const char *env)
{
	int ret;

	if ((ret = load_wave(s, env)))
		return ret;
	if (!s->set.nr && s->nr_blocked && s->o.waves) {
		msg_error("wave %d: nothing can be applied, and %zu component%s still wait%s (first: '%s')",
			  s->wave, s->nr_blocked, s->nr_blocked == 1 ? "" : "s",
			  s->nr_blocked == 1 ? "s" : "", s->blocked[0]);
		return EXIT_NEGATIVE;
	}
	if (!s->set.nr) {
		if (!s->nr_blocked)
			msg_note("nothing to apply in '%s': the saved plan has no changes",
				 env);
		return 0;
	}
	if (s->o.waves)
		msg_note("wave %d: applying %zu component%s", s->wave, s->set.nr,
			 s->set.nr == 1 ? "" : "s");
	if ((ret = approve(s)) ||
	    (!s->binary && (ret = runprep_binary(&s->binary))) ||
	    (!s->lock.held && (ret = runprep_lock(&s->lock, &s->set))) ||
	    (ret = run_units(s, s->ctx)))
		return ret;
	return report(s);
}

static int apply_env(struct apply_state *s, const char *env)
{
	int ret;

	for (s->wave = 1;;) {
		if ((ret = apply_wave(s, env)))
			return ret;
		if (!s->nr_blocked)
			return 0;
		if (!s->o.waves) {
			msg_note("%zu component%s blocked until the ones applied now are: plan them with 'mds-infra plan %s' (or use apply --waves)",
				 s->nr_blocked, s->nr_blocked == 1 ? " stays" : "s stay",
				 env);
			return 0;
		}
		if (s->wave > 64) {	/* every wave applies something: a loop */
			msg_error("still blocked after %d waves; stopping", s->wave);
			return EXIT_NEGATIVE;
		}
		s->wave++;
		if ((ret = replan_blocked(s, env)))
			return ret;
	}
}

static void print_json(const struct apply_state *s, const char *env, int code)
{
	json_t *root = json_object();
	char *text;

	json_object_set_new(root, "schema", json_string("mds-infra/apply/v1"));
	json_object_set_new(root, "environment", json_string(env));
	json_object_set_new(root, "plan_dir", s->dir ? json_string(s->dir) :
			    json_null());
	json_object_set_new(root, "waves", json_integer(s->wave));
	json_object_set_new(root, "result", json_string(
		code == EXIT_OK ? "applied" : code == EXIT_INTERRUPTED ?
		"interrupted" : json_array_size(s->results) ? "failed" :
		"refused"));
	json_object_set_new(root, "exit_code", json_integer(code));
	json_object_set_new(root, "components", json_incref(s->results));
	text = json_dumps(root, JSON_INDENT(2));
	printf("%s\n", text);
	free(text);
	json_decref(root);
}

static int run_apply(int argc, const char **argv, const struct cmd_ctx *ctx)
{
	struct apply_state s;
	int ret = 0, nr;

	memset(&s, 0, sizeof(s));
	s.ctx = ctx;
	nr = cmd_parse(&cmd_apply_entry, argc, argv, &s.o, &ret);
	if (nr < 0)
		return ret;
	if (nr != 1)
		return cmd_usage_error(&cmd_apply_entry, "expected one environment");
	if ((ret = runprep_check_limits(&cmd_apply_entry, s.o.jobs, s.o.timeout)))
		return ret;
	if (s.o.bundle && s.o.plan)
		return cmd_usage_error(&cmd_apply_entry,
				       "--bundle and --plan do not go together");
	if (s.o.bundle && s.o.waves)
		return cmd_usage_error(&cmd_apply_entry,
				       "--bundle applies exactly the approved plans and --waves plans again; use one");
	if (s.o.json)
		s.results = json_array();
	ret = apply_env(&s, argv[0]);
	if (s.o.json && ret != EXIT_USAGE)
		print_json(&s, argv[0], ret);
	apply_bundle_cleanup(s.bundle_dir);
	free(s.bundle_dir);
	run_lock_release(&s.lock);
	wave_release(&s);
	forget_blocked(&s);
	json_decref(s.results);
	free(s.dir);
	free(s.binary);
	return ret;
}

const struct cmd_entry cmd_apply_entry = {
	.name = "apply",
	.summary = "apply the saved plans of an environment",
	.usage = "apply ENV [--plan DIR | --bundle FILE] [--approve] [--waves] [--json] [-j N]",
	.description =
		"Applies exactly the plans saved by 'mds-infra plan ENV' (terragrunt apply "
		"PLANFILE per component with changes), in dependency order. Refuses "
		"(exit 1) when there is no saved plan, when the commit, stack file, "
		"rendered files or plan files changed since planning, when the plan was "
		"incomplete or violated the plan policy, when another apply holds the "
		"lock, and for a protected environment without --approve (or the "
		"environment's name typed on a terminal; a protected environment's "
		"components and counts are shown first). A plan is applied once: it "
		"is then marked applied and refused the second time. With --waves, "
		"the components the plan left blocked (waiting for a dependency to be "
		"applied) are planned and applied in turn until all is applied or "
		"something fails. --json prints schema mds-infra/apply/v1. Exit 0 "
		"applied, 1 refused or failed, 130 interrupted. Terraform's 'Saved "
		"plan is stale' is reported as 're-plan needed'.",
	.options = apply_options,
	.args_completion = "envs",
	.run = run_apply,
};
