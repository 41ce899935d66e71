#ifndef RUN_TG_H
#define RUN_TG_H

/*
 * The terragrunt adapter: runs plan (plan + show -json) or apply for every
 * unit of a run_set through the scheduler, with the pinned commands and
 * environment (docs/design.md "Pinned details"):
 *
 *   plan:  terragrunt plan -input=false -no-color -lock-timeout=5m
 *                          -detailed-exitcode -out=<abs>
 *          terragrunt show -json <abs>
 *   apply: terragrunt apply -input=false -no-color -lock-timeout=5m <abs>
 *
 * in the unit's directory.  Each unit's output goes to its own log file
 * (<out>/logs/<unit>.log, or .apply.log); show -json's stdout goes only to
 * the plan reader, never to disk or screen (it holds sensitive values in
 * clear).  The last lines of output are kept for the failure report.
 */
#include <stddef.h>

#include "tfplan/planjson.h"
#include "run/sched.h"
#include "run/units.h"
#include "util/buf.h"

enum tg_mode { TG_PLAN, TG_APPLY };

/*
 * BLOCKED (plan only): the plan failed while a dependency planned in the
 * same run has changes not applied yet (a CRD, an endpoint, an output that
 * only exists once it is applied: Terraform's "API did not recognize
 * GroupVersionKind from manifest (CRD may not be installed)" is the classic
 * case); its reason is "needs DEP applied".  Its dependents are blocked too.
 * Not a failure: apply the dependency, then plan again (apply --waves).
 */
enum tg_status {
	TG_PENDING, TG_RUNNING, TG_CHANGES, TG_NO_CHANGES, TG_APPLIED,
	TG_FAILED, TG_SKIPPED, TG_BLOCKED
};

struct tg_result {
	enum tg_status status;
	struct plan_summary sum;	/* plan: what show -json said */
	double duration_s;		/* all steps, wall clock */
	char *reason;			/* failed/skipped: why (one line) */
	int stale_plan;			/* apply: Terraform's "Saved plan is stale" */
	int used_mocks;			/* plan: mock outputs were (or may be) used */
	char *mock_reason;
	char *log_path;			/* absolute */
	char *plan_path;		/* absolute */
	struct buf tail;		/* the last bytes of output */
	/* private */
	int step, plan_code, log_fd;
	double started_s;
	struct plan_reader *reader;
	char *argv[12];
};

struct tg_run {
	const struct run_set *set;
	enum tg_mode mode;
	const char *binary;	/* terragrunt (path or name) */
	const char *out_dir;	/* absolute; plans and logs/ */
	char **envp;		/* from proc_env_build */
	/* per unit plan file name (relative to out_dir), apply mode only; when
	 * NULL "<unit>.tfplan" */
	char **plan_files;
	struct tg_result *res;	/* set->nr, filled by tg_run */
	/* UI hooks (the face layer prints); any may be NULL */
	void (*on_state)(void *ui, size_t unit);
	void (*on_tick)(void *ui);
	void (*on_interrupt)(void *ui, int count);
	void *ui;
};

/*
 * Runs every unit.  run->res is allocated (release with tg_run_release).
 * Fails only for system errors; unit failures are in the results.
 * `costs` (estimated seconds per unit, or NULL) steer the scheduler.
 */
int tg_run(struct tg_run *run, const struct sched_opts *opts,
	   const double *costs, int *interrupted, struct err *err);
void tg_run_release(struct tg_run *run);

const char *tg_status_name(enum tg_status st);
/* The last `lines` lines of a unit's output (borrowed into *out). */
void tg_tail_lines(struct buf *out, const struct tg_result *r, int lines);

#endif
