/*
 * The follow loop (see jenkins_follow.h).  State is one struct so that
 * each step is a small function: fetch a chunk, emit it, maybe look at the
 * stages, decide how long to wait.
 */
#include "net/jenkins_follow.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "util/xalloc.h"

struct stage_seen {
	char *id;
	char *status;
};

struct follow {
	struct jenkins *j;
	const char *job;
	long number;
	const struct jenkins_follow_opts *o;
	const struct jenkins_follow_ops *ops;
	long start;		/* raw offset for the next request */
	size_t emitted;		/* cleaned bytes handed to ops->log */
	size_t shown_at;	/* cleaned bytes before offset `start` */
	long interval;
	long outage_since;	/* 0 while in contact */
	long last_output;	/* when log bytes last arrived */
	long last_stages;
	int want_stages;
	int stages_off;		/* not a Pipeline */
	struct stage_seen *seen;
	size_t nr_seen, alloc_seen;
	char **inputs_done;
	size_t nr_inputs, alloc_inputs;
};

long jenkins_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void jenkins_sleep_ms(long ms, const struct jenkins_follow_ops *ops)
{
	long until = jenkins_now_ms() + ms;

	for (;;) {
		long left = until - jenkins_now_ms();
		struct timespec ts;

		if (left <= 0 || (ops->interrupted && ops->interrupted(ops->data)))
			return;
		if (left > 50)
			left = 50;
		ts.tv_sec = 0;
		ts.tv_nsec = left * 1000000L;
		nanosleep(&ts, NULL);
	}
}

void jenkins_follow_opts_defaults(struct jenkins_follow_opts *o, double scale)
{
	if (scale <= 0)
		scale = 1;
	o->poll_min_ms = (long)(1000 * scale);
	o->poll_max_ms = (long)(4000 * scale);
	o->stage_every_ms = (long)(15000 * scale);
	o->outage_ms = (long)(600000 * scale);
	o->stages = 1;
	if (o->poll_min_ms < 1)
		o->poll_min_ms = 1;
}

static void note(struct follow *f, const char *msg)
{
	if (f->ops->note)
		f->ops->note(f->ops->data, msg);
}

/*
 * `text` holds cleaned bytes [shown_at, shown_at + len) of the log; hand out only
 * those past what was already emitted (after a rollover Jenkins resends
 * from 0, and the stream may lag behind what we showed for a while).
 */
static void emit(struct follow *f, const struct buf *text)
{
	size_t end = f->shown_at + text->len;

	if (end > f->emitted) {
		size_t skip = f->emitted - f->shown_at;

		f->ops->log(f->ops->data, text->ptr + skip, text->len - skip);
		f->emitted = end;
	}
	f->shown_at = end;
}

static int has_marker(const struct buf *text)
{
	return strstr(text->ptr, "[Pipeline] ") || strstr(text->ptr, "Proceed or Abort") ||
	       strstr(text->ptr, "Input requested");
}

static void take_chunk(struct follow *f, const struct jenkins_log_chunk *c)
{
	if (c->next < f->start) {
		char msg[160];

		/* Jenkins resent the whole log from 0: skip what was shown. */
		snprintf(msg, sizeof(msg), "console log restarted at offset 0 "
			 "(asked for %ld); skipping %zu bytes already shown",
			 f->start, f->emitted);
		note(f, msg);
		f->shown_at = 0;
	}
	emit(f, &c->text);
	f->start = c->next;
	if (has_marker(&c->text))
		f->want_stages = 1;
}

static struct stage_seen *seen_find(struct follow *f, const char *id)
{
	size_t i;

	for (i = 0; i < f->nr_seen; i++)
		if (!strcmp(f->seen[i].id, id))
			return &f->seen[i];
	return NULL;
}

static int status_final(const char *s)
{
	return strcmp(s, "IN_PROGRESS") && strcmp(s, "PAUSED_PENDING_INPUT") &&
	       strcmp(s, "NOT_EXECUTED");
}

static void report_stage(struct follow *f, const struct jenkins_stage *s)
{
	struct stage_seen *seen = seen_find(f, s->id);

	if (!seen) {
		ALLOC_GROW(f->seen, f->nr_seen, f->alloc_seen);
		seen = &f->seen[f->nr_seen++];
		seen->id = xstrdup(s->id);
		seen->status = xstrdup("");
		if (f->ops->stage)
			f->ops->stage(f->ops->data, s, 0);
	}
	if (strcmp(seen->status, s->status) && status_final(s->status) &&
	    f->ops->stage)
		f->ops->stage(f->ops->data, s, 1);
	free(seen->status);
	seen->status = xstrdup(s->status);
}

static int input_done(struct follow *f, const char *id)
{
	size_t i;

	for (i = 0; i < f->nr_inputs; i++)
		if (!strcmp(f->inputs_done[i], id))
			return 1;
	ALLOC_GROW(f->inputs_done, f->nr_inputs, f->alloc_inputs);
	f->inputs_done[f->nr_inputs++] = xstrdup(id);
	return 0;
}

static int handle_inputs(struct follow *f, struct err *err)
{
	struct jenkins_input *in = NULL;
	size_t nr = 0, i;
	int ret = jenkins_inputs_get(&in, &nr, f->j, f->job, f->number, err);

	for (i = 0; !ret && i < nr; i++) {
		enum jenkins_input_action a;

		if (input_done(f, in[i].id) || !f->ops->input)
			continue;
		a = f->ops->input(f->ops->data, &in[i]);
		if (a == JENKINS_INPUT_WAIT)
			continue;
		ret = jenkins_input_answer(f->j, f->job, f->number, &in[i],
					   a == JENKINS_INPUT_PROCEED, NULL, err);
		if (ret == ERR_CONFLICT) {	/* someone else answered */
			note(f, err->msg.ptr);
			err_clear(err);
			ret = 0;
		}
	}
	jenkins_inputs_free(in, nr);
	return ret;
}

static int poll_stages(struct follow *f, struct err *err)
{
	struct jenkins_run run = JENKINS_RUN_INIT;
	int paused = 0, ret;
	size_t i;

	f->want_stages = 0;
	f->last_stages = jenkins_now_ms();
	ret = jenkins_run_get(&run, f->j, f->job, f->number, err);
	if (ret == ERR_NOTFOUND) {	/* not a Pipeline: no stages */
		f->stages_off = 1;
		err_clear(err);
		return 0;
	}
	if (ret == ERR_NETWORK) {	/* the log loop handles outages */
		err_clear(err);
		return 0;
	}
	for (i = 0; !ret && i < run.nr_stages; i++) {
		report_stage(f, &run.stages[i]);
		paused |= !strcmp(run.stages[i].status, "PAUSED_PENDING_INPUT");
	}
	paused |= run.status && !strcmp(run.status, "PAUSED_PENDING_INPUT");
	if (!ret && paused)
		ret = handle_inputs(f, err);
	jenkins_run_release(&run);
	return ret;
}

/* Transport trouble: keep trying (same offset) until the outage budget. */
static int outage(struct follow *f, struct err *err)
{
	long now = jenkins_now_ms();

	if (!f->outage_since) {
		f->outage_since = now;
		note(f, "lost contact with Jenkins; retrying from the same "
		     "log offset");
	}
	if (now - f->outage_since > f->o->outage_ms)
		return err_prefix(err, "Jenkins unreachable for %ld s",
				  (now - f->outage_since) / 1000);
	err_clear(err);
	f->interval = f->o->poll_max_ms;
	return 0;
}

static void follow_release(struct follow *f)
{
	size_t i;

	for (i = 0; i < f->nr_seen; i++) {
		free(f->seen[i].id);
		free(f->seen[i].status);
	}
	free(f->seen);
	for (i = 0; i < f->nr_inputs; i++)
		free(f->inputs_done[i]);
	free(f->inputs_done);
}

/* The log is complete: is the build finished too? 1 yes, 0 no, <0 error. */
static int check_finished(struct follow *f, struct jenkins_build *final,
			  struct err *err)
{
	char num[32];
	int ret;

	snprintf(num, sizeof(num), "%ld", f->number);
	jenkins_build_release(final);
	ret = jenkins_build_get(final, f->j, f->job, num, err);
	if (ret == ERR_NETWORK)
		return outage(f, err);
	if (ret < 0)
		return ret;
	return jenkins_build_finished(final);
}

/* One round: fetch, emit, stages; returns 1 when done, 0 to go on. */
static int step(struct follow *f, struct jenkins_build *final, struct err *err)
{
	struct jenkins_log_chunk c = JENKINS_LOG_CHUNK_INIT;
	size_t before = f->emitted;
	int ret = jenkins_log_get(&c, f->j, f->job, f->number, f->start, err);

	if (ret == ERR_NETWORK) {
		jenkins_log_chunk_release(&c);
		return outage(f, err);
	}
	if (ret < 0)
		goto out;
	f->outage_since = 0;
	take_chunk(f, &c);
	if (f->o->stages && !f->stages_off &&
	    (f->want_stages || jenkins_now_ms() - f->last_stages >= f->o->stage_every_ms))
		ret = poll_stages(f, err);
	if (!ret && !c.more)
		ret = check_finished(f, final, err);
	if (f->emitted > before)
		f->last_output = jenkins_now_ms();
	else if (!ret && f->ops->idle)
		f->ops->idle(f->ops->data, jenkins_now_ms() - f->last_output);
	if (!ret) {
		f->interval = f->emitted > before ? f->o->poll_min_ms :
			f->interval + f->interval / 2;
		if (f->interval > f->o->poll_max_ms)
			f->interval = f->o->poll_max_ms;
	}
out:
	jenkins_log_chunk_release(&c);
	return ret;
}

int jenkins_follow(struct jenkins_build *final, struct jenkins *j,
		   const char *job, long number,
		   const struct jenkins_follow_opts *o,
		   const struct jenkins_follow_ops *ops, struct err *err)
{
	struct follow f = { .j = j, .job = job, .number = number, .o = o,
			    .ops = ops, .interval = o->poll_min_ms,
			    .want_stages = 1, .last_output = jenkins_now_ms() };
	int ret, detached = 0;

	for (;;) {
		if (ops->interrupted && ops->interrupted(ops->data)) {
			detached = 1;
			ret = 0;
			break;
		}
		ret = step(&f, final, err);
		if (ret < 0 && http_client_cancelled(j->http)) {
			/* Ctrl-C mid-request: the next round asks what to do. */
			err_clear(err);
			continue;
		}
		if (ret)
			break;
		jenkins_sleep_ms(f.interval, ops);
	}
	if (ret == 1 && f.o->stages && !f.stages_off)
		ret = poll_stages(&f, err);	/* final statuses */
	else if (ret == 1)
		ret = 0;
	if (ret < 0 && err->code == ERR_GENERIC && ops->interrupted &&
	    ops->interrupted(ops->data)) {
		err_clear(err);
		ret = 0;
		detached = 1;
	}
	if (detached)
		ret = JENKINS_DETACHED;
	follow_release(&f);
	return ret;
}
