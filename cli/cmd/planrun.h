#ifndef CMD_PLANRUN_H
#define CMD_PLANRUN_H

/*
 * The plan of a selected set of components, as `plan` runs it and as
 * `apply --waves` re-runs it for the components that were blocked: load
 * the plan policy, run terragrunt plan + show -json through the scheduler,
 * check the policy, and write the plans and reports (plan.json, plan.xml,
 * plan.md, manifest.json) into the plan directory, which then holds a
 * fresh, not yet applied plan.  The caller holds the environment's lock.
 */
#include <stdio.h>

#include "cmd/cmd.h"
#include "plan/policy.h"
#include "run/tg.h"
#include "util/buf.h"

struct planrun {
	/* in */
	struct run_set *set;
	const struct stack *stack;	/* the policy's environments are checked */
	const char *binary;
	const char *out;		/* absolute, existing plan directory */
	const char *policy_path;	/* NULL: policies/plan.yaml or built-in */
	int jobs, fail_fast, timeout, quiet;
	/* out */
	struct tg_run run;
	struct plan_policy policy;
	struct plan_violations viol;
	char *commit;
	char **envp;
	double *costs;
	int dirty, interrupted, changes_present;
	size_t failed, blocked;
	struct buf json;		/* plan.json as written */
};

#define PLANRUN_INIT { .json = BUF_INIT }

/* 0 when the plan ran and its reports were written (whatever the
 * components' results), else the exit code of what went wrong (printed). */
int planrun_execute(struct planrun *p);

/* The summary table and verdict line to `summary`; failures and policy
 * violations to stderr. */
void planrun_print(const struct planrun *p, FILE *summary);

void planrun_release(struct planrun *p);

#endif
