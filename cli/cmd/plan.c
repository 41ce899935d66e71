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
 * A component whose plan fails while a dependency of the same run has
 * unapplied changes is "blocked" (needs that dependency applied first),
 * not failed; apply --waves stages such environments.
 *
 * Exit: 0 no changes (or changes without --detailed-exitcode), 4 changes
 * (or blocked components) with --detailed-exitcode, 1 a component failed
 * or the policy was violated, 130 interrupted, 2 usage, 3 terragrunt
 * missing.  Durations of the
 * previous plan.json in --out, when there is one, steer the scheduler.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "cmd/planrun.h"
#include "cmd/runprep.h"
#include "run/lock.h"
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
		 "exit 4 when changes are present (terraform's 2 is our usage error)"),
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

struct plan_state {
	struct plan_opts o;
	struct stack *st;
	struct run_set set;
	char *binary, *out;
	struct planrun pr;
	struct run_lock lock;
};

/* Exit: interrupted 130; failed, skipped or policy 1; changes with
 * --detailed-exitcode 4 (no error shares it); else 0.  Blocked components
 * wait on a dependency with changes: not a failure. */
static int finish(struct plan_state *s)
{
	struct planrun *p = &s->pr;

	planrun_print(p, s->o.json ? stderr : stdout);
	if (s->o.json)
		fputs(p->json.ptr, stdout);
	if (p->interrupted)
		msg_error("plan of '%s' interrupted", s->set.env);
	msg_note("plans and reports in %s", s->out);
	if (p->interrupted)
		return EXIT_INTERRUPTED;
	if (p->failed || p->viol.nr)
		return EXIT_NEGATIVE;
	return (p->changes_present || p->blocked) && s->o.detailed ?
	       EXIT_CHANGES : EXIT_OK;
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
	if ((ret = runprep_binary(&s->binary)) ||
	    (ret = runprep_dir(&s->out, s->o.out, &s->set, "plans")))
		return ret;
	/* the lock: a plan rewriting plan files while an apply reads them
	 * would apply something nobody reviewed */
	if ((ret = runprep_lock(&s->lock, &s->set)))
		return ret;
	if (!s->set.nr)
		msg_note("nothing to plan in '%s'", env);
	s->pr = (struct planrun)PLANRUN_INIT;
	s->pr.set = &s->set;
	s->pr.stack = s->st;
	s->pr.binary = s->binary;
	s->pr.out = s->out;
	s->pr.policy_path = s->o.policy;
	s->pr.jobs = s->o.jobs;
	s->pr.fail_fast = s->o.fail_fast;
	s->pr.timeout = s->o.timeout;
	s->pr.quiet = ctx->quiet;
	if ((ret = planrun_execute(&s->pr)))
		return ret;
	return finish(s);
}

static int run_plan(int argc, const char **argv, const struct cmd_ctx *ctx)
{
	struct plan_state s;
	int ret = 0, nr;

	memset(&s, 0, sizeof(s));
	s.pr = (struct planrun)PLANRUN_INIT;
	nr = cmd_parse(&cmd_plan_entry, argc, argv, &s.o, &ret);
	if (nr < 0)
		goto out;
	/* docs/design.md writes `--changed [REV]`: take `plan ENV --changed REV` too */
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
	if (!(ret = runprep_check_limits(&cmd_plan_entry, s.o.jobs, s.o.timeout)))
		ret = plan_env(&s, argv[0], ctx);
out:
	run_lock_release(&s.lock);
	planrun_release(&s.pr);
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
		"A component whose plan fails while one of its dependencies has "
		"unapplied changes is 'blocked: needs DEP applied', not failed (apply "
		"--waves stages it). Exit 0 without changes, 4 with changes (or blocked "
		"components) and --detailed-exitcode, 1 when a component failed or the "
		"plan policy was violated, 130 when interrupted, 2 on usage errors, 3 "
		"when terragrunt is missing.",
	.options = plan_options,
	.args_completion = "envs",
	.run = run_plan,
};
