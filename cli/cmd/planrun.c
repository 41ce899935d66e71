/*
 * The plan of a selected set of components, shared by plan and
 * apply --waves (see planrun.h).
 */
#include "cmd/planrun.h"

#include <stdlib.h>
#include <string.h>

#include "cmd/applied.h"
#include "cmd/runprep.h"
#include "cmd/runview.h"
#include "plan/report.h"
#include "run/spawn.h"
#include "run/sched.h"
#include "util/fs.h"
#include "util/msg.h"
#include "util/xalloc.h"

/* Durations of the previous plan.json in `dir`, to steer the scheduler. */
static double *previous_costs(const struct run_set *set, const char *dir)
{
	char *path = fs_join(dir, "plan.json");
	struct plan_json pj = PLAN_JSON_INIT;
	struct err err = ERR_INIT;
	double *costs = NULL, sum = 0;
	size_t i, known = 0;

	if (plan_json_read(&pj, path, &err) < 0)
		goto out;	/* no estimates: all equal */
	costs = xcalloc(set->nr + 1, sizeof(*costs));
	for (i = 0; i < set->nr; i++) {
		const struct plan_json_component *c =
			plan_json_find(&pj, set->units[i].name);

		if (c && c->duration_s > 0) {
			costs[i] = c->duration_s;
			sum += c->duration_s;
			known++;
		}
	}
	for (i = 0; i < set->nr; i++)
		if (costs[i] <= 0)
			costs[i] = known ? sum / (double)known : 1.0;
out:
	plan_json_release(&pj);
	err_release(&err);
	free(path);
	return costs;
}

static int load_policy(struct plan_policy *p, const char *path,
		       const struct run_set *set, const struct stack *st)
{
	char *def = fs_join(set->root, "policies/plan.yaml");
	struct err err = ERR_INIT;
	int ret = plan_policy_load(p, path ? path : def, &err);

	if (ret == ERR_NOTFOUND && !path) {
		plan_policy_release(p);
		plan_policy_default(p);
		ret = 0;
	}
	if (!ret)
		ret = plan_policy_check_envs(p, st, &err);
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

/* A new plan replaces the applied one: its "applied" mark goes. */
static int forget_applied(const char *dir, struct err *err)
{
	char *path = fs_join(dir, PLAN_APPLIED_FILE);
	int ret = fs_remove(path, err);

	free(path);
	return ret == ERR_NOTFOUND ? (err_release(err), 0) : ret;
}

/* plan.json, plan.xml, plan.md and manifest.json, all or none. */
static int write_reports(const struct plan_report *rep, const char *dir,
			 const char *root, const char *env, int dirty,
			 struct buf *json)
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
	if (!ret)
		ret = forget_applied(dir, &err);
	if (!ret)
		ret = applied_forget(root, env, dir, &err);
	fs_txn_release(&txn);
	if (ret)
		ret = cmd_fail(&err);
	buf_release(&junit);
	buf_release(&md);
	buf_release(&man);
	err_release(&err);
	return ret;
}

static int run_units(struct planrun *p)
{
	struct sched_opts so = SCHED_OPTS_INIT;
	struct runview view;
	struct err err = ERR_INIT;
	int ret = 0;

	runprep_sched(&so, &p->envp, p->jobs, p->fail_fast, p->timeout);
	p->run = (struct tg_run){ p->set, TG_PLAN, p->binary, p->out, p->envp,
				  NULL, NULL, runview_state, runview_tick,
				  runview_interrupt, &view };
	runview_init(&view, &p->run, "plan", p->quiet);
	if (tg_run(&p->run, &so, p->costs, &p->interrupted, &err) < 0)
		ret = cmd_fail(&err);
	runview_done(&view);
	err_release(&err);
	return ret;
}

int planrun_execute(struct planrun *p)
{
	struct plan_report rep = { p->set, NULL, &p->viol, NULL, 0 };
	size_t i;
	int ret;

	if ((ret = load_policy(&p->policy, p->policy_path, p->set,
			       p->stack)))
		return ret;
	p->commit = runprep_commit(p->set, &p->dirty);
	p->costs = previous_costs(p->set, p->out);
	if ((ret = run_units(p)))
		return ret;
	for (i = 0; i < p->set->nr; i++) {
		enum tg_status st = p->run.res[i].status;

		p->changes_present |= st == TG_CHANGES;
		p->failed += st == TG_FAILED || st == TG_SKIPPED;
		p->blocked += st == TG_BLOCKED;
	}
	plan_policy_check(&p->viol, &p->policy, p->set, p->run.res);
	rep.res = p->run.res;
	rep.commit = p->commit;
	rep.changes_present = p->changes_present;
	return write_reports(&rep, p->out, p->set->root, p->set->env, p->dirty,
			     &p->json);
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

void planrun_print(const struct planrun *p, FILE *summary)
{
	runview_summary(summary, &p->run);
	runview_verdict(summary, &p->run, p->viol.nr, p->interrupted);
	fflush(summary);
	runview_failures(stderr, &p->run, 15);
	print_violations(&p->viol, &p->policy);
}

void planrun_release(struct planrun *p)
{
	tg_run_release(&p->run);
	plan_violations_release(&p->viol);
	plan_policy_release(&p->policy);
	proc_env_free(p->envp);
	free(p->costs);
	free(p->commit);
	buf_release(&p->json);
}
