/*
 * The rest of the jenkins face: waiting in the queue (with the reason
 * Jenkins gives), printing a log once, answering an input from elsewhere.
 */
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "cmd/jenkins_ui.h"
#include "util/msg.h"
#include "util/suggest.h"
#include "util/xalloc.h"

#define QUEUE_MAX_MISSES 40	/* 404s (and null executables) tolerated */

struct queue_wait {
	long q;
	long outage_since;	/* 0 while in contact */
	int misses;
	char *why;
	int warned_stuck;
};

/* The item is gone (expired after 5 min, restart): find the build by queueId. */
static int queue_gone(long *number, struct jenkins *j, const char *job,
		      struct queue_wait *w, struct err *err)
{
	int ret = jenkins_build_by_queue(number, j, job, w->q, err);

	if (ret == 0) {
		msg_note("queue item %ld is gone; build #%ld came from it",
			 w->q, *number);
		return 1;
	}
	if (ret != ERR_NOTFOUND)
		return ret;
	err_clear(err);
	if (++w->misses > QUEUE_MAX_MISSES)
		return err_set(err, ERR_ENV, "queue item %ld vanished and no "
			       "recent build of '%s' came from it", w->q, job);
	return 0;
}

/* 1 when an unreachable Jenkins is still within the outage budget. */
static int queue_outage(struct queue_wait *w, double scale, struct err *err)
{
	long now = jenkins_now_ms();

	if (!w->outage_since) {
		w->outage_since = now;
		msg_note("lost contact with Jenkins; still waiting for queue item %ld",
			 w->q);
	}
	if (now - w->outage_since > (long)(600000 * scale))
		return 0;
	err_clear(err);
	return 1;
}

static void show_why(struct queue_wait *w, const struct jenkins_queue_item *it)
{
	if (it->why && (!w->why || strcmp(w->why, it->why))) {
		msg_note("waiting in the queue: %s", it->why);
		free(w->why);
		w->why = xstrdup(it->why);
	}
	if (it->stuck && !w->warned_stuck) {
		msg_warn("queue item %ld is stuck (no executor can take it)", w->q);
		w->warned_stuck = 1;
	}
}

/* One poll: 1 started (*number set), 0 still waiting, <0 error. */
static int queue_poll(long *number, struct jenkins *j, const char *job,
		      struct queue_wait *w, struct err *err)
{
	struct jenkins_queue_item it = JENKINS_QUEUE_ITEM_INIT;
	int ret = jenkins_queue_get(&it, j, w->q, err);

	if (ret == ERR_NOTFOUND) {
		err_clear(err);
		ret = queue_gone(number, j, job, w, err);
	} else if (!ret && it.cancelled) {
		ret = err_set(err, ERR_CONFLICT, "queue item %ld was cancelled",
			      w->q);
	} else if (!ret && it.left && it.number > 0) {
		*number = it.number;
		ret = 1;
	} else if (!ret && it.left) {
		/* Left the queue, build not attached yet: a short window. */
		if (++w->misses > QUEUE_MAX_MISSES / 4)
			ret = queue_gone(number, j, job, w, err);
	} else if (!ret) {
		show_why(w, &it);
	}
	jenkins_queue_item_release(&it);
	return ret;
}

int jk_ui_wait_queue(long *number, struct jenkins *j, struct jk_ui *ui,
		     const char *job, long q)
{
	struct jenkins_follow_ops ops;
	struct queue_wait w = { .q = q };
	struct err err = ERR_INIT;
	double scale = jk_ui_time_scale();
	long t0 = jenkins_now_ms(), wait;
	int ret;

	jk_ui_follow_ops(&ops, ui);
	for (;;) {
		if (ops.interrupted(ui)) {
			jk_ui_detached(ui);
			ret = EXIT_DETACHED;
			break;
		}
		ret = queue_poll(number, j, job, &w, &err);
		if (ret < 0 && http_client_cancelled(j->http)) {
			err_clear(&err);
			continue;
		}
		if (ret == ERR_NETWORK && queue_outage(&w, scale, &err))
			ret = 0;	/* a restart: wait it out, like following */
		else if (ret >= 0)
			w.outage_since = 0;
		if (ret)
			break;
		/* 1 s for the first 10 s, then 3 s (contract §10). */
		wait = jenkins_now_ms() - t0 < 10000 * scale ? 1000 : 3000;
		jenkins_sleep_ms((long)(wait * scale), &ops);
	}
	if (ret == 1) {
		msg_note("%s #%ld started", job, *number);
		ui->number = *number;
		ret = EXIT_OK;
	} else if (ret < 0) {
		ret = jk_ui_fail(j, job, &err);
	}
	free(w.why);
	err_release(&err);
	return ret;
}

/* Where the last `tail` lines of `text` start (a final partial line counts). */
static size_t tail_start(const struct buf *text, long tail)
{
	size_t i = text->len;

	if (i && text->ptr[i - 1] == '\n')
		i--;
	while (i > 0) {
		if (text->ptr[i - 1] == '\n' && --tail == 0)
			return i;
		i--;
	}
	return 0;
}

int jk_ui_print_log(struct jenkins *j, const char *job, long number,
		    long tail)
{
	struct jenkins_log_chunk c = JENKINS_LOG_CHUNK_INIT;
	struct buf all = BUF_INIT;	/* --tail: the whole log first */
	struct err err = ERR_INIT;
	long start = 0;
	size_t from;
	int ret;

	for (;;) {
		ret = jenkins_log_get(&c, j, job, number, start, &err);
		if (ret < 0)
			break;
		if (c.next < start)	/* rolled over: printed already */
			break;
		if (tail > 0)
			buf_add(&all, c.text.ptr, c.text.len);
		else
			fwrite(c.text.ptr, 1, c.text.len, stdout);
		if (!c.more || c.next == start || !c.text.len)
			break;
		start = c.next;
	}
	if (ret >= 0 && tail > 0) {
		from = tail_start(&all, tail);
		fwrite(all.ptr + from, 1, all.len - from, stdout);
	}
	jenkins_log_chunk_release(&c);
	buf_release(&all);
	ret = ret < 0 ? jk_ui_fail(j, job, &err) : EXIT_OK;
	err_release(&err);
	return ret;
}

int jk_ui_stop(struct jenkins *j, const char *job, long number)
{
	struct jenkins_build b = JENKINS_BUILD_INIT;
	struct err err = ERR_INIT;
	char num[32];
	int ret;

	snprintf(num, sizeof(num), "%ld", number);
	ret = jenkins_build_get(&b, j, job, num, &err);
	if (ret < 0) {
		ret = jk_ui_fail(j, job, &err);
	} else if (!b.building) {
		/* Jenkins accepts a stop of a finished build and does nothing. */
		msg_error("%s #%ld already finished (%s); nothing to stop", job,
			  number, b.result ? b.result : "no result");
		ret = EXIT_NEGATIVE;
	} else if (jenkins_stop(j, job, number, &err) < 0) {
		ret = jk_ui_fail(j, job, &err);
	} else {
		msg_note("%s #%ld: abort requested; it ends ABORTED once Jenkins "
			 "stops it (follow with 'mds-infra jenkins log %s %ld "
			 "--follow')", job, number, job, number);
		ret = EXIT_OK;
	}
	jenkins_build_release(&b);
	err_release(&err);
	return ret;
}

/* One line per pending input, for the one who has to choose. */
static void list_inputs(const struct jenkins_input *in, size_t nr)
{
	size_t i;

	for (i = 0; i < nr; i++)
		fprintf(stderr, "  --id %s\t%s\n", in[i].id,
			in[i].message ? in[i].message : "");
}

static const struct jenkins_input *pick_input(const struct jenkins_input *in,
					      size_t nr, const char *id,
					      long number)
{
	const char *ids[32];
	const char *hint;
	size_t i;

	if (!nr) {
		msg_error("build #%ld has no pending input", number);
		return NULL;
	}
	for (i = 0; id && i < nr; i++)
		if (!strcmp(in[i].id, id))
			return &in[i];
	for (i = 0; i < nr && i < ARRAY_SIZE(ids); i++)
		ids[i] = in[i].id;
	if (id) {
		hint = suggest_closest(id, ids, i);
		msg_error("build #%ld has no pending input '%s'%s%s%s; pending:",
			  number, id, hint ? " (did you mean '" : "",
			  hint ? hint : "", hint ? "'?)" : "");
		list_inputs(in, nr);
		return NULL;
	}
	if (nr > 1) {
		msg_error("build #%ld has %zu pending inputs; choose one with --id:",
			  number, nr);
		list_inputs(in, nr);
		return NULL;
	}
	return &in[0];
}

int jk_ui_answer_input(struct jenkins *j, const char *job, long number,
		       const char *id, int proceed)
{
	struct jenkins_input *in = NULL;
	const struct jenkins_input *one;
	struct err err = ERR_INIT;
	size_t nr = 0;
	int ret = jenkins_inputs_get(&in, &nr, j, job, number, &err);

	if (ret < 0) {
		ret = jk_ui_fail(j, job, &err);
	} else if (!(one = pick_input(in, nr, id, number))) {
		ret = EXIT_NEGATIVE;
	} else if (jenkins_input_answer(j, job, number, one, proceed, NULL,
					&err) < 0) {
		ret = jk_ui_fail(j, job, &err);
	} else {
		msg_note("%s #%ld: input '%s' %s", job, number, one->id,
			 proceed ? "approved" : "aborted");
		ret = EXIT_OK;
	}
	jenkins_inputs_free(in, nr);
	err_release(&err);
	return ret;
}
