/*
 * plan: plan one environment in dependency order, in parallel, and
 * summarise it.
 *
 * Steps: load the stack and the environment's components; refuse a stale
 * rendered tree (render --check); select (--component, --changed [REV]
 * plus dependents); run the pinned `terragrunt plan` + `show -json` per
 * component through the scheduler (-j N, longest chain first, a failure
 * skips only its dependents); count as Terraform does; check the plan
 * policy; write the plans, plan.json, plan.xml (JUnit), plan.md and
 * manifest.json (commit, stack and rendered-file digests) into --out.
 *
 * Exit: 0 no changes (or changes without --detailed-exitcode), 2 changes
 * with --detailed-exitcode, 1 a component failed, the run was interrupted
 * or the policy was violated, 3 terragrunt missing.  Durations of the
 * previous plan.json in --out, when there is one, steer the scheduler.
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "cmd/runprep.h"
#include "cmd/runview.h"
#include "plan/policy.h"
#include "plan/report.h"
#include "run/lock.h"
#include "run/spawn.h"
#include "run/tg.h"
#include "util/fs.h"
#include "util/msg.h"
#include "util/suggest.h"
#include "util/xalloc.h"
#include "vcs/vcs.h"

struct plan_opts {
	struct strlist components;
	const char *changed;
	int jobs;
	const char *out;
	int json;
	int detailed;
	int fail_fast;
	int timeout;
	const char *policy;
};

static const struct opt_spec plan_options[] = {
	OPT_LIST('c', "component", struct plan_opts, components, "C",
		 "plan only this component (repeatable)"),
	OPT_OPTARG(0, "changed", struct plan_opts, changed, "REV",
		   "only components changed since REV (default HEAD: uncommitted changes), plus their dependents"),
	OPT_INT('j', "jobs", struct plan_opts, jobs, "N",
		"run at most N components at once (default: number of cores)"),
	OPT_STRING('o', "out", struct plan_opts, out, "DIR",
		   "where plans and reports go (default .mds/plans/ENV)"),
	OPT_BOOL(0, "json", struct plan_opts, json, "also print plan.json to stdout"),
	OPT_BOOL(0, "detailed-exitcode", struct plan_opts, detailed,
		 "exit 2 when changes are present (as terraform plan does)"),
	OPT_BOOL(0, "fail-fast", struct plan_opts, fail_fast,
		 "stop everything at the first failure"),
	OPT_INT(0, "timeout", struct plan_opts, timeout, "SECONDS",
		"per terragrunt process; then it is interrupted (default: none)"),
	OPT_STRING(0, "policy", struct plan_opts, policy, "FILE",
		   "plan policy (default policies/plan.yaml, else built-in)"),
	OPT_END()
};

static int select_components(struct run_set *set, const struct strlist *names)
{
	char *keep = xcalloc(set->nr + 1, 1);
	const char **all = xcalloc(set->nr + 1, sizeof(char *));
	size_t i;
	int ret = 0;

	for (i = 0; i < set->nr; i++)
		all[i] = set->units[i].name;
	for (i = 0; i < names->nr && !ret; i++) {
		long k = units_find(set, names->v[i]);
		const char *hint;

		if (k >= 0) {
			keep[k] = 1;
			continue;
		}
		hint = suggest_closest(names->v[i], all, set->nr);
		msg_error("unknown component '%s'%s%s%s", names->v[i],
			  hint ? " (did you mean '" : "", hint ? hint : "",
			  hint ? "'?)" : "");
		ret = EXIT_USAGE;
	}
	if (!ret)
		units_filter(set, keep);
	free(keep);
	free(all);
	return ret;
}

/* Path of the stack's directory inside the repository ("" at the root). */
static char *repo_prefix(struct vcs *v, const char *root)
{
	char *repo = realpath(vcs_root(v), NULL);
	size_t len = repo ? strlen(repo) : 0;
	char *ret;

	if (repo && !strncmp(root, repo, len) && root[len] == '/')
		ret = xasprintf("%s/", root + len + 1);
	else
		ret = xstrdup("");
	free(repo);
	return ret;
}

static int path_under(const char *path, const char *prefix, const char *dir)
{
	size_t pl = strlen(prefix), dl = strlen(dir);

	return !strncmp(path, prefix, pl) && !strncmp(path + pl, dir, dl) &&
	       (path[pl + dl] == '/' || !path[pl + dl]);
}

static void mark_changed(char *keep, const struct run_set *set,
			 char **paths, size_t nr, const char *prefix)
{
	char *envdir = xasprintf("terragrunt/%s", set->env);
	size_t i, p;

	for (p = 0; p < nr; p++) {
		int global = path_under(paths[p], prefix, "terragrunt/root.hcl");
		char *envhcl = xasprintf("%s/env.hcl", envdir);

		global |= path_under(paths[p], prefix, envhcl);
		free(envhcl);
		for (i = 0; i < set->nr; i++) {
			char *dir = xasprintf("%s/%s", envdir, set->units[i].name);

			if (global || path_under(paths[p], prefix, dir) ||
			    (set->units[i].module &&
			     path_under(paths[p], prefix, set->units[i].module)))
				keep[i] = 1;
			free(dir);
		}
	}
	free(envdir);
}

static int select_changed(struct run_set *set, const char *rev)
{
	struct vcs *v = NULL;
	struct err err = ERR_INIT;
	char **paths = NULL, *prefix = NULL, *keep = xcalloc(set->nr + 1, 1);
	size_t nr = 0, alloc = 0, i;
	int ret = 0;

	if (vcs_open(&v, set->root, &err) < 0 ||
	    vcs_changed_paths(&paths, &nr, &alloc, v, *rev ? rev : "HEAD",
			      &err) < 0) {
		err_prefix(&err, "--changed %s", *rev ? rev : "HEAD");
		ret = cmd_fail(&err);
	} else {
		prefix = repo_prefix(v, set->root);
		mark_changed(keep, set, paths, nr, prefix);
		units_add_dependents(set, keep);
		units_filter(set, keep);
	}
	for (i = 0; i < nr; i++)
		free(paths[i]);
	free(paths);
	free(prefix);
	free(keep);
	vcs_free(v);
	err_release(&err);
	return ret;
}

/* Durations of the previous plan.json in `dir`, to steer the scheduler. */
static double *previous_costs(const struct run_set *set, const char *dir)
{
	char *path = fs_join(dir, "plan.json");
	json_t *root = json_load_file(path, 0, NULL), *c;
	double *costs = NULL, sum = 0;
	size_t i, k, known = 0;

	free(path);
	if (!root)
		return NULL;
	costs = xcalloc(set->nr + 1, sizeof(*costs));
	json_array_foreach(json_object_get(root, "components"), k, c) {
		long u = units_find(set, json_string_value(json_object_get(c, "name")) ?
				    json_string_value(json_object_get(c, "name")) : "");
		double d = json_number_value(json_object_get(c, "duration_s"));

		if (u >= 0 && d > 0) {
			costs[u] = d;
			sum += d;
			known++;
		}
	}
	for (i = 0; i < set->nr; i++)
		if (costs[i] <= 0)
			costs[i] = known ? sum / (double)known : 1.0;
	json_decref(root);
	return costs;
}

static int load_policy(struct plan_policy *p, const char *path,
		       const struct run_set *set)
{
	char *def = fs_join(set->root, "policies/plan.yaml");
	struct err err = ERR_INIT;
	int ret = plan_policy_load(p, path ? path : def, &err);

	if (ret == ERR_NOTFOUND && !path) {
		plan_policy_release(p);
		plan_policy_default(p);
		ret = 0;
	}
	free(def);
	if (ret < 0)
		ret = cmd_fail(&err);
	err_release(&err);
	return ret;
}

static int write_file(struct fs_txn *txn, const char *dir, const char *name,
		      const struct buf *b, struct err *err)
{
	char *path = fs_join(dir, name);
	int ret = fs_txn_stage(txn, path, b->ptr, b->len, 0600, err);

	free(path);
	return ret;
}

/* plan.json, plan.xml, plan.md and manifest.json, all or none. */
static int write_reports(const struct plan_report *rep, const char *dir,
			 int dirty, struct buf *json)
{
	struct buf junit = BUF_INIT, md = BUF_INIT, man = BUF_INIT;
	struct fs_txn txn = FS_TXN_INIT;
	struct err err = ERR_INIT;
	int ret;

	plan_report_json(json, rep);
	plan_report_junit(&junit, rep);
	plan_report_markdown(&md, rep);
	ret = manifest_build(&man, rep, dirty, &err);
	if (!ret)
		ret = write_file(&txn, dir, "plan.json", json, &err);
	if (!ret)
		ret = write_file(&txn, dir, "plan.xml", &junit, &err);
	if (!ret)
		ret = write_file(&txn, dir, "plan.md", &md, &err);
	if (!ret)
		ret = write_file(&txn, dir, "manifest.json", &man, &err);
	if (!ret)
		ret = fs_txn_commit(&txn, &err);
	fs_txn_release(&txn);
	if (ret)
		ret = cmd_fail(&err);
	buf_release(&junit);
	buf_release(&md);
	buf_release(&man);
	err_release(&err);
	return ret;
}

static void print_violations(const struct plan_violations *v,
			     const struct plan_policy *p)
{
	size_t i;

	if (!v->nr)
		return;
	msg_error("plan policy violated (%s):", p->source);
	for (i = 0; i < v->nr; i++)
		fprintf(stderr, "  %s%s%s: %s [%s]\n", v->v[i].component,
			v->v[i].address ? " " : "",
			v->v[i].address ? v->v[i].address : "", v->v[i].message,
			v->v[i].rule);
}

struct plan_state {
	struct plan_opts o;
	struct stack *st;
	struct run_set set;
	char *binary, *out, *commit;
	char **envp;
	double *costs;
	struct tg_run run;
	struct plan_policy policy;
	struct plan_violations viol;
	struct run_lock lock;
	int dirty, interrupted;
};

static int run_units(struct plan_state *s, const struct cmd_ctx *ctx)
{
	struct sched_opts so = SCHED_OPTS_INIT;
	struct runview view;
	struct err err = ERR_INIT;
	int ret = 0;

	runprep_sched(&so, &s->envp, s->o.jobs, s->o.fail_fast, s->o.timeout);
	s->run = (struct tg_run){ &s->set, TG_PLAN, s->binary, s->out, s->envp,
				  NULL, NULL, runview_state, runview_tick,
				  runview_interrupt, &view };
	runview_init(&view, &s->run, "plan", ctx->quiet);
	if (tg_run(&s->run, &so, s->costs, &s->interrupted, &err) < 0)
		ret = cmd_fail(&err);
	runview_done(&view);
	err_release(&err);
	return ret;
}

static int finish(struct plan_state *s)
{
	struct plan_report rep = { &s->set, s->run.res, &s->viol, s->commit, 0 };
	struct buf json = BUF_INIT;
	size_t i, failed = 0;
	int ret;

	for (i = 0; i < s->set.nr; i++) {
		rep.changes_present |= s->run.res[i].status == TG_CHANGES;
		failed += s->run.res[i].status == TG_FAILED ||
			  s->run.res[i].status == TG_SKIPPED;
	}
	plan_policy_check(&s->viol, &s->policy, &s->set, s->run.res);
	if ((ret = write_reports(&rep, s->out, s->dirty, &json)))
		goto out;
	runview_summary(s->o.json ? stderr : stdout, &s->run);
	runview_failures(stderr, &s->run, 15);
	print_violations(&s->viol, &s->policy);
	if (s->o.json)
		fputs(json.ptr, stdout);
	if (s->interrupted)
		msg_error("plan of '%s' interrupted", s->set.env);
	if (failed || s->viol.nr || s->interrupted)
		ret = EXIT_NEGATIVE;
	else
		ret = rep.changes_present && s->o.detailed ? 2 : EXIT_OK;
	msg_note("plans and reports in %s", s->out);
out:
	buf_release(&json);
	return ret;
}

static int plan_env(struct plan_state *s, const char *env,
		    const struct cmd_ctx *ctx)
{
	int ret;

	if ((ret = runprep_units(&s->st, &s->set, ctx, env)))
		return ret;
	if (s->o.components.nr &&
	    (ret = select_components(&s->set, &s->o.components)))
		return ret;
	if (s->o.changed && (ret = select_changed(&s->set, s->o.changed)))
		return ret;
	if ((ret = load_policy(&s->policy, s->o.policy, &s->set)) ||
	    (ret = runprep_binary(&s->binary)) ||
	    (ret = runprep_dir(&s->out, s->o.out, &s->set, "plans")))
		return ret;
	/* the lock: a plan rewriting plan files while an apply reads them
	 * would apply something nobody reviewed */
	if ((ret = runprep_lock(&s->lock, &s->set)))
		return ret;
	if (!s->set.nr)
		msg_note("nothing to plan in '%s'", env);
	s->commit = runprep_commit(&s->set, &s->dirty);
	s->costs = previous_costs(&s->set, s->out);
	if ((ret = run_units(s, ctx)))
		return ret;
	return finish(s);
}

static int run_plan(int argc, const char **argv, const struct cmd_ctx *ctx)
{
	struct plan_state s;
	int ret = 0, nr;

	memset(&s, 0, sizeof(s));
	nr = cmd_parse(&cmd_plan_entry, argc, argv, &s.o, &ret);
	if (nr < 0)
		goto out;
	/* DESIGN writes `--changed [REV]`: take `plan ENV --changed REV` too */
	if (nr == 2 && s.o.changed && !*s.o.changed) {
		s.o.changed = argv[1];
		nr = 1;
	}
	if (nr != 1) {
		ret = cmd_usage_error(&cmd_plan_entry, "expected one environment");
		goto out;
	}
	if (s.o.components.nr && s.o.changed) {
		ret = cmd_usage_error(&cmd_plan_entry,
				      "--component and --changed do not go together");
		goto out;
	}
	ret = plan_env(&s, argv[0], ctx);
out:
	run_lock_release(&s.lock);
	tg_run_release(&s.run);
	plan_violations_release(&s.viol);
	plan_policy_release(&s.policy);
	proc_env_free(s.envp);
	free(s.costs);
	free(s.commit);
	free(s.out);
	free(s.binary);
	run_set_release(&s.set);
	stack_free(s.st);
	strlist_release(&s.o.components);
	return ret;
}

const struct cmd_entry cmd_plan_entry = {
	.name = "plan",
	.summary = "plan an environment in dependency order",
	.usage = "plan ENV [--component C]... [--changed [REV]] [-j N] [--out DIR] [--json] [--detailed-exitcode]",
	.description =
		"Runs 'terragrunt plan' and 'terragrunt show -json' for every component of "
		"ENV in terragrunt/ENV/COMPONENT/, in dependency order and in parallel, "
		"after checking that the rendered tree is current. Prints one line per "
		"component as it finishes, then a summary table; writes the plan files, "
		"plan.json, plan.xml (JUnit), plan.md and manifest.json into --out. "
		"Exit 0 without changes, 2 with changes and --detailed-exitcode, 1 when "
		"a component failed or the plan policy was violated, 3 when terragrunt "
		"is missing.",
	.options = plan_options,
	.args_completion = "envs",
	.run = run_plan,
};
