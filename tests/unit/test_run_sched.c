/*
 * run/sched: dependency order, failure skips only dependents, the -j
 * limit, longest-chain-first priority, separate stdout/stderr, cycles.
 * Nodes run /bin/sh scripts.
 */
#include <criterion/criterion.h>
#include <string.h>

#include "run/sched.h"
#include "util/buf.h"

struct fixture {
	const char *script[8];
	char events[256];	/* "s0 e0 s1 ..." start/end order */
	struct buf out[8], errout[8];
	size_t skip_cause[8];
};

static void ev(struct fixture *f, char kind, size_t node)
{
	size_t n = strlen(f->events);

	f->events[n] = kind;
	f->events[n + 1] = (char)('0' + node);
	f->events[n + 2] = '\0';
}

static int step(void *ctx, size_t node, const struct sched_exit *prev,
		struct proc_spec *spec)
{
	struct fixture *f = ctx;
	static const char *argv[8][4];

	if (prev && prev->exited && prev->status == 42)
		return SCHED_STEP_HOLD;	/* the scripts' way to say "not yet" */
	if (prev)
		return prev->exited && prev->status == 0 ? SCHED_STEP_OK :
		       SCHED_STEP_FAIL;
	argv[node][0] = "/bin/sh";
	argv[node][1] = "-c";
	argv[node][2] = f->script[node];
	argv[node][3] = NULL;
	spec->argv = argv[node];
	return SCHED_STEP_RUN;
}

static void output(void *ctx, size_t node, int stream, const char *d, size_t n)
{
	struct fixture *f = ctx;

	buf_add(stream == 1 ? &f->out[node] : &f->errout[node], d, n);
}

static void state(void *ctx, size_t node, enum sched_state st, size_t cause)
{
	struct fixture *f = ctx;

	if (st == SCHED_RUNNING)
		ev(f, 's', node);
	else if (st == SCHED_OK)
		ev(f, 'e', node);
	else if (st == SCHED_FAILED)
		ev(f, 'F', node);
	else if (st == SCHED_HELD)
		ev(f, 'H', node);
	else if (st == SCHED_SKIPPED) {
		ev(f, 'K', node);
		f->skip_cause[node] = cause;
	}
}

static void spawn_failed(void *ctx, size_t node, const struct err *err)
{
}

static const struct sched_ops ops = { step, output, state, spawn_failed,
				      NULL, NULL };

/* Criterion's zeroed buffers are not BUF_INIT: set them up properly. */
static void fx_init(struct fixture *f)
{
	for (int i = 0; i < 8; i++) {
		buf_init(&f->out[i], 0);
		buf_init(&f->errout[i], 0);
	}
}

static void release(struct fixture *f)
{
	for (int i = 0; i < 8; i++) {
		buf_release(&f->out[i]);
		buf_release(&f->errout[i]);
	}
}

/* 0 -> 1 -> 2; 3 fails; 4 needs 3 */
Test(run_sched, order_and_failure_skips_dependents_only)
{
	static const size_t d1[] = { 0 }, d2[] = { 1 }, d4[] = { 3 };
	const size_t nr_deps[] = { 0, 1, 1, 0, 1 };
	const size_t *const deps[] = { NULL, d1, d2, NULL, d4 };
	struct sched_graph g = { 5, nr_deps, deps, NULL };
	struct sched_opts o = SCHED_OPTS_INIT;
	struct fixture f = { .script = { "echo out0; echo err0 >&2", "true", "true",
			       "exit 3", "true" } };
	enum sched_state st[5];
	struct err err = ERR_INIT;
	int intr = 0;

	fx_init(&f);
	o.jobs = 2;
	cr_assert_eq(sched_run(st, &intr, &g, &o, &ops, &f, &err), 0);
	cr_expect_eq(st[0], SCHED_OK);
	cr_expect_eq(st[2], SCHED_OK);
	cr_expect_eq(st[3], SCHED_FAILED);
	cr_expect_eq(st[4], SCHED_SKIPPED);
	cr_expect_eq(f.skip_cause[4], 3);
	cr_expect(strstr(f.events, "e0") < strstr(f.events, "s1"), "%s", f.events);
	cr_expect(strstr(f.events, "e1") < strstr(f.events, "s2"), "%s", f.events);
	cr_expect(!strstr(f.events, "s4"), "%s", f.events);
	cr_expect_str_eq(f.out[0].ptr, "out0\n");
	cr_expect_str_eq(f.errout[0].ptr, "err0\n");
	release(&f);
}

/* 0 -> 1; 0 is held; 2 independent: with --fail-fast a held node skips
 * its dependents but does not stop the run */
Test(run_sched, held_node_skips_dependents_without_stopping)
{
	static const size_t d1[] = { 0 };
	const size_t nr_deps[] = { 0, 1, 0 };
	const size_t *const deps[] = { NULL, d1, NULL };
	struct sched_graph g = { 3, nr_deps, deps, NULL };
	struct sched_opts o = SCHED_OPTS_INIT;
	struct fixture f = { .script = { "exit 42", "true", "true" } };
	enum sched_state st[3];
	struct err err = ERR_INIT;
	int intr = 0;

	fx_init(&f);
	o.jobs = 1;
	o.fail_fast = 1;
	cr_assert_eq(sched_run(st, &intr, &g, &o, &ops, &f, &err), 0);
	cr_expect_eq(st[0], SCHED_HELD);
	cr_expect_eq(st[1], SCHED_SKIPPED);
	cr_expect_eq(f.skip_cause[1], 0);
	cr_expect_eq(st[2], SCHED_OK, "%s", f.events);
	cr_expect(strstr(f.events, "H0") < strstr(f.events, "s2"), "%s", f.events);
	release(&f);
}

/* -j 1: 0 -> 1 -> 2 is the longest chain, so 0 starts before 3 and 4 */
Test(run_sched, longest_chain_first_and_job_limit)
{
	static const size_t d1[] = { 0 }, d2[] = { 1 };
	const size_t nr_deps[] = { 0, 1, 1, 0, 0 };
	const size_t *const deps[] = { NULL, d1, d2, NULL, NULL };
	struct sched_graph g = { 5, nr_deps, deps, NULL };
	struct sched_opts o = SCHED_OPTS_INIT;
	struct fixture f = { .script = { "true", "true", "true", "true", "true" } };
	enum sched_state st[5];
	struct err err = ERR_INIT;
	int intr = 0;

	fx_init(&f);
	cr_assert_eq(sched_run(st, &intr, &g, &o, &ops, &f, &err), 0);
	cr_expect_str_eq(f.events, "s0e0s1e1s2e2s3e3s4e4");
	release(&f);
}

/* Costs change the priority: a short chain of expensive nodes goes first. */
Test(run_sched, costs_steer_priority)
{
	static const size_t d1[] = { 0 };
	const size_t nr_deps[] = { 0, 1, 0 };
	const size_t *const deps[] = { NULL, d1, NULL };
	const double cost[] = { 1, 1, 5 };
	struct sched_graph g = { 3, nr_deps, deps, cost };
	struct sched_opts o = SCHED_OPTS_INIT;
	struct fixture f = { .script = { "true", "true", "true" } };
	enum sched_state st[3];
	struct err err = ERR_INIT;
	int intr = 0;

	fx_init(&f);
	cr_assert_eq(sched_run(st, &intr, &g, &o, &ops, &f, &err), 0);
	cr_expect_eq(strncmp(f.events, "s2", 2), 0, "%s", f.events);
	release(&f);
}

Test(run_sched, cycle_is_refused)
{
	static const size_t d0[] = { 2 }, d1[] = { 0 }, d2[] = { 1 };
	const size_t nr_deps[] = { 1, 1, 1, 0 };
	const size_t *const deps[] = { d0, d1, d2, NULL };
	struct sched_graph g = { 4, nr_deps, deps, NULL };
	struct err err = ERR_INIT;
	size_t at = 99;

	cr_expect_eq(sched_check(&g, &at, &err), ERR_INPUT);
	cr_expect_lt(at, 3);
	cr_expect(strstr(err.msg.ptr, "cycle"), "%s", err.msg.ptr);
	err_release(&err);
}

Test(run_sched, timeout_interrupts_then_kills)
{
	const size_t nr_deps[] = { 0 };
	const size_t *const deps[] = { NULL };
	struct sched_graph g = { 1, nr_deps, deps, NULL };
	struct sched_opts o = SCHED_OPTS_INIT;
	/* ignores SIGINT: only the SIGKILL after the grace ends it */
	struct fixture f = { .script = { "trap '' INT; sleep 5" } };
	enum sched_state st[1];
	struct err err = ERR_INIT;
	int intr = 0;

	fx_init(&f);
	o.timeout_ms = 200;
	o.grace_ms = 200;
	cr_assert_eq(sched_run(st, &intr, &g, &o, &ops, &f, &err), 0);
	cr_expect_eq(st[0], SCHED_FAILED);
	cr_expect_str_eq(f.events, "s0F0");
	release(&f);
}
