#ifndef RUN_SCHED_H
#define RUN_SCHED_H

/*
 * The parallel DAG scheduler.
 *
 * Nodes are indices 0..nr-1; node i may start once every node in deps[i]
 * has succeeded.  At most `jobs` nodes run at once; among the ready ones the
 * node with the longest remaining chain (its cost plus the costliest path
 * through its dependents) starts first, the list-scheduling rule that keeps
 * the makespan near max(critical path, total work / jobs).  A failed node
 * makes its dependents (transitively) SKIPPED; independent nodes go on,
 * unless `fail_fast`, which interrupts the running ones and starts nothing.
 *
 * A node is a sequence of processes (plan, then show -json): the job's
 * step() callback is called when the node becomes ready (prev NULL) and
 * again each time its process ends, and says what to run next or that the
 * node is done.  Output of the running process is handed to output() as it
 * arrives, separately for stdout (1) and stderr (2), never interleaved
 * within a chunk.
 *
 * Signals: while sched_run() runs, SIGINT and SIGTERM are caught.  The
 * first is forwarded as SIGINT to each running child's leader (Terraform
 * stops gracefully) and nothing new starts; a second one SIGKILLs every
 * child's process group.  sched_run() returns only when every child it
 * started has been reaped and its process group killed: nothing is left
 * running.  The previous signal dispositions are restored on return.
 */
#include <stddef.h>

#include "run/spawn.h"
#include "util/err.h"

struct sched_graph {
	size_t nr;
	const size_t *nr_deps;		/* per node */
	const size_t *const *deps;	/* deps[i][k]: a node that i needs */
	const double *cost;		/* estimated seconds per node, or NULL (all 1) */
};

/* HELD: the node cannot go on yet (it waits for something outside this
 * run, e.g. a dependency's changes being applied): its dependents are
 * skipped as for a failure, but --fail-fast does not stop the run. */
enum sched_state {
	SCHED_PENDING, SCHED_RUNNING, SCHED_OK, SCHED_FAILED, SCHED_SKIPPED,
	SCHED_HELD
};

enum sched_step {
	SCHED_STEP_RUN, SCHED_STEP_OK, SCHED_STEP_FAIL, SCHED_STEP_HOLD
};

/* How the previous process of a node ended. */
struct sched_exit {
	int exited;		/* 1 exited (status = code), 0 killed (status = signal) */
	int status;
	int timed_out;
	int interrupted;	/* a SIGINT was forwarded to it */
	double elapsed_s;
};

struct sched_ops {
	/*
	 * Fills *spec and returns SCHED_STEP_RUN, or returns SCHED_STEP_OK,
	 * SCHED_STEP_FAIL or SCHED_STEP_HOLD.  The strings in *spec must stay valid until the
	 * next call for this node.  A process that cannot be started fails the
	 * node; the reason is passed to spawn_failed().
	 */
	int (*step)(void *ctx, size_t node, const struct sched_exit *prev,
		    struct proc_spec *spec);
	void (*output)(void *ctx, size_t node, int stream, const char *data,
		       size_t len);
	/* cause: for SKIPPED, the failed (or held) node that caused it, or (size_t)-1
	 * when the run was interrupted or stopped by --fail-fast. */
	void (*state)(void *ctx, size_t node, enum sched_state st,
		      size_t cause);
	void (*spawn_failed)(void *ctx, size_t node, const struct err *err);
	void (*tick)(void *ctx);	/* every tick_ms while running; may be NULL */
	void (*interrupt)(void *ctx, int count);	/* may be NULL */
};

struct sched_opts {
	int jobs;		/* >= 1 */
	int fail_fast;
	int timeout_ms;		/* per process; <= 0 none */
	int grace_ms;		/* after a timeout's SIGINT, before SIGKILL */
	int tick_ms;		/* <= 0: 250 */
};

#define SCHED_OPTS_INIT { 1, 0, 0, 10000, 250 }

/*
 * Checks the graph: every dependency index is in range and there is no
 * cycle.  On a cycle, *cycle_node is one node on it and the result is
 * ERR_INPUT (the message names node indices; callers re-word it).
 */
int sched_check(const struct sched_graph *g, size_t *cycle_node,
		struct err *err);

/*
 * Runs the graph.  `states` (nr entries, caller-owned) receives each node's
 * final state.  *interrupted is the number of SIGINT/SIGTERM received.
 * Fails only for system errors (pipe, poll) after stopping every child.
 */
int sched_run(enum sched_state *states, int *interrupted,
	      const struct sched_graph *g, const struct sched_opts *opts,
	      const struct sched_ops *ops, void *ctx, struct err *err);

#endif
