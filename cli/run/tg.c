#include "run/tg.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "util/fs.h"
#include "util/xalloc.h"

#define TAIL_MAX 16384

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

const char *tg_status_name(enum tg_status st)
{
	static const char *const names[] = {
		"pending", "running", "changes", "no_changes", "applied",
		"failed", "skipped", "blocked"
	};

	return names[st];
}

static void free_argv(struct tg_result *r)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(r->argv); i++) {
		free(r->argv[i]);
		r->argv[i] = NULL;
	}
}

static void set_argv(struct tg_result *r, const char *const *args)
{
	size_t i;

	free_argv(r);
	for (i = 0; args[i] && i + 1 < ARRAY_SIZE(r->argv); i++)
		r->argv[i] = xstrdup(args[i]);
}

static void keep_tail(struct tg_result *r, const char *data, size_t len)
{
	if (len >= TAIL_MAX) {
		buf_reset(&r->tail);
		buf_add(&r->tail, data + len - TAIL_MAX, TAIL_MAX);
		return;
	}
	if (r->tail.len + len > TAIL_MAX) {
		size_t drop = r->tail.len + len - TAIL_MAX;

		memmove(r->tail.ptr, r->tail.ptr + drop, r->tail.len - drop);
		buf_truncate(&r->tail, r->tail.len - drop);
	}
	buf_add(&r->tail, data, len);
}

static void log_write(struct tg_result *r, const char *data, size_t len)
{
	while (r->log_fd >= 0 && len) {
		ssize_t n = write(r->log_fd, data, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return;	/* a full disk loses log lines, not the run */
		data += n;
		len -= (size_t)n;
	}
}

static void log_line(struct tg_result *r, const char *what)
{
	log_write(r, what, strlen(what));
}

/* Describes how a process ended, as a failure reason. */
static void exit_reason(struct tg_result *r, const char *cmd,
			const struct sched_exit *ex)
{
	free(r->reason);
	if (ex->timed_out)
		r->reason = xasprintf("terragrunt %s timed out", cmd);
	else if (ex->interrupted)
		r->reason = xasprintf("terragrunt %s interrupted", cmd);
	else if (!ex->exited)
		r->reason = xasprintf("terragrunt %s killed by signal %d", cmd,
				      ex->status);
	else
		r->reason = xasprintf("terragrunt %s exited %d", cmd,
				      ex->status);
}

static int open_log(struct tg_result *r, const char *dir, const char *name,
		    const char *suffix)
{
	char *logs = fs_join(dir, "logs");
	struct err err = ERR_INIT;

	fs_mkdirs(logs, &err);
	err_release(&err);
	free(r->log_path);
	r->log_path = xasprintf("%s/%s%s", logs, name, suffix);
	free(logs);
	/* A log is a stream, appended as output arrives (not an atomic
	 * replace): O_TRUNC starts this run's log afresh. */
	r->log_fd = open(r->log_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
			 0600);
	return r->log_fd;
}

static void fill_spec(struct tg_run *run, size_t i, struct proc_spec *spec)
{
	struct tg_result *r = &run->res[i];

	spec->argv = (const char *const *)r->argv;
	spec->cwd = run->set->units[i].dir;
	spec->envp = run->envp;
	log_line(r, "$ terragrunt");
	for (size_t k = 1; r->argv[k]; k++) {
		log_line(r, " ");
		log_line(r, r->argv[k]);
	}
	log_line(r, "\n");
}

static int plan_start(struct tg_run *run, size_t i, struct proc_spec *spec)
{
	struct tg_result *r = &run->res[i];
	char *out = xasprintf("-out=%s", r->plan_path);
	const char *args[] = { run->binary, "plan", "-input=false", "-no-color",
			       "-lock-timeout=5m", "-detailed-exitcode", out,
			       NULL };
	struct err err = ERR_INIT;

	/* An old plan must not survive a failed new one. */
	fs_remove(r->plan_path, &err);
	err_release(&err);
	open_log(r, run->out_dir, run->set->units[i].name, ".log");
	set_argv(r, args);
	free(out);
	fill_spec(run, i, spec);
	return SCHED_STEP_RUN;
}

static int show_start(struct tg_run *run, size_t i, struct proc_spec *spec)
{
	struct tg_result *r = &run->res[i];
	const struct run_unit *u = &run->set->units[i];
	const char *args[] = { run->binary, "show", "-json", r->plan_path, NULL };
	char *name = xasprintf("%s: terragrunt show -json", u->name);

	r->reader = tfplan_reader_new(name, (const char *const *)u->mocks,
				    u->nr_mocks);
	free(name);
	set_argv(r, args);
	fill_spec(run, i, spec);
	log_line(r, "(show -json output is read, not logged: it holds sensitive values)\n");
	return SCHED_STEP_RUN;
}

/* Mock outputs: found in the plan, or a dependency whose outputs are about
 * to change (never applied, or changed): this plan saw mocks or stale
 * values (Terragrunt #2178). */
static void check_mocks(struct tg_run *run, size_t i)
{
	struct tg_result *r = &run->res[i];
	const struct run_unit *u = &run->set->units[i];
	size_t k;

	if (r->sum.uses_mocks) {
		r->used_mocks = 1;
		r->mock_reason = xstrdup("planned values contain mock outputs of its dependencies");
		return;
	}
	for (k = 0; k < u->nr_deps; k++)
		if (run->res[u->deps[k]].sum.outputs_changed) {
			r->used_mocks = 1;
			r->mock_reason = xasprintf("dependency '%s' has unapplied output changes: its outputs were mocked or stale when this was planned",
						   run->set->units[u->deps[k]].name);
			return;
		}
}

static int show_done(struct tg_run *run, size_t i, const struct sched_exit *ex)
{
	struct tg_result *r = &run->res[i];
	struct err err = ERR_INIT;
	int ret = SCHED_STEP_FAIL;

	if (!ex->exited || ex->status != 0 || ex->interrupted) {
		exit_reason(r, "show -json", ex);
	} else if (r->reason) {
		;	/* the reader failed while the output arrived */
	} else if (tfplan_reader_finish(&r->sum, r->reader, &err) < 0) {
		r->reason = xstrdup(err.msg.ptr);
	} else if (r->sum.errored) {
		r->reason = xstrdup("the plan is errored (incomplete)");
	} else {
		r->status = r->sum.changes_present || r->plan_code == 2 ?
			    TG_CHANGES : TG_NO_CHANGES;
		check_mocks(run, i);
		ret = SCHED_STEP_OK;
	}
	tfplan_reader_free(r->reader);
	r->reader = NULL;
	err_release(&err);
	return ret;
}

/*
 * A plan that failed while dependencies of this run have unapplied changes
 * is blocked on them, not failed: "needs a, b applied".  Returns 1 when so.
 */
static int check_blocked(struct tg_run *run, size_t i,
			 const struct sched_exit *ex)
{
	const struct run_unit *u = &run->set->units[i];
	struct buf names = BUF_INIT;
	size_t k;

	if (!ex->exited || ex->interrupted || ex->timed_out)
		return 0;
	for (k = 0; k < u->nr_deps; k++)
		if (run->res[u->deps[k]].status == TG_CHANGES)
			buf_addf(&names, "%s%s", names.len ? ", " : "",
				 run->set->units[u->deps[k]].name);
	if (!names.len) {
		buf_release(&names);
		return 0;
	}
	free(run->res[i].reason);
	run->res[i].reason = xasprintf("needs %s applied", names.ptr);
	buf_release(&names);
	return 1;
}

static int plan_step(struct tg_run *run, size_t i, const struct sched_exit *ex,
		     struct proc_spec *spec)
{
	struct tg_result *r = &run->res[i];

	switch (r->step++) {
	case 0:
		return plan_start(run, i, spec);
	case 1:
		if (ex->exited && !ex->interrupted &&
		    (ex->status == 0 || ex->status == 2)) {
			r->plan_code = ex->status;
			return show_start(run, i, spec);
		}
		if (check_blocked(run, i, ex))
			return SCHED_STEP_HOLD;
		exit_reason(r, "plan", ex);
		return SCHED_STEP_FAIL;
	default:
		return show_done(run, i, ex);
	}
}

static int is_stale(const struct buf *tail)
{
	return memmem(tail->ptr, tail->len, "Saved plan is stale", 19) ||
	       memmem(tail->ptr, tail->len,
		      "Saved plan does not match the given state", 41);
}

static int apply_step(struct tg_run *run, size_t i,
		      const struct sched_exit *ex, struct proc_spec *spec)
{
	struct tg_result *r = &run->res[i];
	const char *args[] = { run->binary, "apply", "-input=false", "-no-color",
			       "-lock-timeout=5m", r->plan_path, NULL };

	if (r->step++ == 0) {
		open_log(r, run->out_dir, run->set->units[i].name, ".apply.log");
		set_argv(r, args);
		fill_spec(run, i, spec);
		return SCHED_STEP_RUN;
	}
	if (ex->exited && ex->status == 0 && !ex->interrupted) {
		r->status = TG_APPLIED;
		return SCHED_STEP_OK;
	}
	if (is_stale(&r->tail)) {
		r->stale_plan = 1;
		r->reason = xstrdup("re-plan needed: the saved plan is stale (the state changed since it was planned)");
		return SCHED_STEP_FAIL;
	}
	exit_reason(r, "apply", ex);
	return SCHED_STEP_FAIL;
}

static int cb_step(void *ctx, size_t i, const struct sched_exit *ex,
		   struct proc_spec *spec)
{
	struct tg_run *run = ctx;

	if (!ex)
		run->res[i].started_s = now_s();
	return run->mode == TG_PLAN ? plan_step(run, i, ex, spec) :
	       apply_step(run, i, ex, spec);
}

static void cb_output(void *ctx, size_t i, int stream, const char *data,
		      size_t len)
{
	struct tg_run *run = ctx;
	struct tg_result *r = &run->res[i];
	struct err err = ERR_INIT;

	if (r->reader && stream == 1) {
		if (!r->reason &&
		    tfplan_reader_feed(r->reader, data, len, &err) < 0)
			r->reason = xstrdup(err.msg.ptr);
		err_release(&err);
		return;
	}
	log_write(r, data, len);
	keep_tail(r, data, len);
}

static void cb_state(void *ctx, size_t i, enum sched_state st, size_t cause)
{
	struct tg_run *run = ctx;
	struct tg_result *r = &run->res[i];

	if (st == SCHED_RUNNING) {
		r->status = TG_RUNNING;
	} else if (st == SCHED_HELD) {
		r->status = TG_BLOCKED;
	} else if (st == SCHED_SKIPPED && cause != (size_t)-1 &&
		   run->res[cause].status == TG_BLOCKED) {
		r->status = TG_BLOCKED;
		free(r->reason);
		r->reason = xasprintf("needs %s applied",
				      run->set->units[cause].name);
	} else if (st == SCHED_FAILED || st == SCHED_SKIPPED) {
		r->status = st == SCHED_FAILED ? TG_FAILED : TG_SKIPPED;
		if (st == SCHED_SKIPPED && !r->reason)
			r->reason = cause == (size_t)-1 ?
				    xstrdup("not started: the run was stopped") :
				    xasprintf("dependency '%s' failed",
					      run->set->units[cause].name);
		else if (!r->reason)
			r->reason = xstrdup("failed");
	}
	if (st != SCHED_RUNNING && st != SCHED_PENDING) {
		if (r->started_s > 0)
			r->duration_s = now_s() - r->started_s;
		if (r->log_fd >= 0)
			close(r->log_fd);
		r->log_fd = -1;
		free_argv(r);
	}
	if (run->on_state)
		run->on_state(run->ui, i);
}

static void cb_spawn_failed(void *ctx, size_t i, const struct err *err)
{
	struct tg_run *run = ctx;

	free(run->res[i].reason);
	run->res[i].reason = xstrdup(err->msg.ptr);
}

static void cb_tick(void *ctx)
{
	struct tg_run *run = ctx;

	if (run->on_tick)
		run->on_tick(run->ui);
}

static void cb_interrupt(void *ctx, int count)
{
	struct tg_run *run = ctx;

	if (run->on_interrupt)
		run->on_interrupt(run->ui, count);
}

static const struct sched_ops tg_ops = {
	cb_step, cb_output, cb_state, cb_spawn_failed, cb_tick, cb_interrupt
};

int tg_run(struct tg_run *run, const struct sched_opts *opts,
	   const double *costs, int *interrupted, struct err *err)
{
	const struct run_set *set = run->set;
	size_t *nr_deps = xcalloc(set->nr + 1, sizeof(*nr_deps));
	const size_t **deps = xcalloc(set->nr + 1, sizeof(*deps));
	enum sched_state *states = xcalloc(set->nr + 1, sizeof(*states));
	struct sched_graph g = { set->nr, nr_deps, (const size_t *const *)deps,
				 costs };
	size_t i;
	int ret;

	run->res = xcalloc(set->nr + 1, sizeof(*run->res));
	for (i = 0; i < set->nr; i++) {
		struct tg_result *r = &run->res[i];
		const char *file = run->plan_files ? run->plan_files[i] : NULL;
		char *name = file ? xstrdup(file) :
			     xasprintf("%s.tfplan", set->units[i].name);

		r->log_fd = -1;
		r->plan_path = fs_join(run->out_dir, name);
		free(name);
		nr_deps[i] = set->units[i].nr_deps;
		deps[i] = set->units[i].deps;
	}
	ret = sched_run(states, interrupted, &g, opts, &tg_ops, run, err);
	free(nr_deps);
	free(deps);
	free(states);
	return ret;
}

void tg_run_release(struct tg_run *run)
{
	size_t i;

	for (i = 0; run->res && i < run->set->nr; i++) {
		struct tg_result *r = &run->res[i];

		tfplan_summary_release(&r->sum);
		tfplan_reader_free(r->reader);
		free(r->reason);
		free(r->mock_reason);
		free(r->log_path);
		free(r->plan_path);
		buf_release(&r->tail);
		free_argv(r);
		if (r->log_fd >= 0)
			close(r->log_fd);
	}
	free(run->res);
	run->res = NULL;
}

void tg_tail_lines(struct buf *out, const struct tg_result *r, int lines)
{
	const char *start = r->tail.ptr, *p = r->tail.ptr + r->tail.len;

	while (p > start && (p[-1] == '\n' || p[-1] == '\r'))
		p--;
	{
		const char *end = p;

		while (p > start && lines > 0) {
			p--;
			if (*p == '\n' && --lines == 0) {
				p++;
				break;
			}
		}
		buf_add(out, p, (size_t)(end - p));
	}
}
