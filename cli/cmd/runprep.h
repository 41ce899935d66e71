#ifndef CMD_RUNPREP_H
#define CMD_RUNPREP_H

/*
 * What plan and apply both do before running anything: load the stack,
 * build the environment's units, refuse a stale rendered tree, find
 * terragrunt, and turn paths absolute.  Each prints its own error and
 * returns an exit code (0 to go on).
 */
#include "cmd/cmd.h"
#include "run/units.h"
#include "stack/stack.h"

/* Loads the stack and the units of `env`; checks the rendered tree is
 * current (exit 1 with the fix command when it is not). */
int runprep_units(struct stack **st, struct run_set *set,
		  const struct cmd_ctx *ctx, const char *env);

/* $MDS_TERRAGRUNT, else terragrunt on PATH; exit 3 when missing.  Caller
 * frees *out. */
int runprep_binary(char **out);

/* `dir` (relative to the current directory), or <root>/.mds/<kind>/<env>
 * when NULL, made absolute and created.  Caller frees *out. */
int runprep_dir(char **out, const char *dir, const struct run_set *set,
		const char *kind);

/* The saved plans that apply and bundle read: `dir` or the default, as
 * runprep_dir() names it, but never created (exit 1 when it is missing). */
int runprep_saved_dir(char **out, const char *dir, const struct run_set *set);

/* -j and --timeout: negative is a usage error (0 keeps the default). */
int runprep_check_limits(const struct cmd_entry *e, int jobs, int timeout_s);

/* Takes <root>/.mds/locks/ENV.lock (exit 1 when another run holds it;
 * a stale lock is taken over with a warning). */
struct run_lock;
int runprep_lock(struct run_lock *lock, const struct run_set *set);

/*
 * The pinned environment for terragrunt (warning about TF_CLI_ARGS* it
 * drops) and the scheduler's options from -j, --fail-fast and --timeout
 * (seconds).  Caller frees *envp with proc_env_free().
 */
struct sched_opts;
void runprep_sched(struct sched_opts *so, char ***envp, int jobs,
		   int fail_fast, int timeout_s);

/* HEAD's commit in the stack's repository, or NULL outside one. */
char *runprep_commit(const struct run_set *set, int *dirty);

#endif
