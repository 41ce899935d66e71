/*
 * The rest of the jenkins face: waiting in the queue (with the reason
 * Jenkins gives), printing a log once, answering an input from elsewhere.
 */
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "cmd/jenkins_ui.h"
#include "util/msg.h"
#include "util/xalloc.h"

#define EXIT_DETACHED 130
#define QUEUE_MAX_MISSES 40	/* 404s (and null executables) tolerated */

struct queue_wait {
	long q;
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
		return err_set(err, ERR_NETWORK, "queue item %ld vanished and no "
			       "recent build of '%s' came from it", w->q, job);
	return 0;
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
		ret = cmd_fail(&err);
	}
	free(w.why);
	err_release(&err);
	return ret;
}

int jk_ui_print_log(struct jenkins *j, const char *job, long number)
{
	struct jenkins_log_chunk c = JENKINS_LOG_CHUNK_INIT;
	struct err err = ERR_INIT;
	long start = 0;
	int ret;

	for (;;) {
		ret = jenkins_log_get(&c, j, job, number, start, &err);
		if (ret < 0)
			break;
		if (c.next < start)	/* rolled over: printed already */
			break;
		fwrite(c.text.ptr, 1, c.text.len, stdout);
		if (!c.more || c.next == start || !c.text.len)
			break;
		start = c.next;
	}
	jenkins_log_chunk_release(&c);
	ret = ret < 0 ? cmd_fail(&err) : EXIT_OK;
	err_release(&err);
	return ret;
}

static const struct jenkins_input *pick_input(const struct jenkins_input *in,
					      size_t nr, const char *id,
					      long number)
{
	size_t i;

	if (!nr) {
		msg_error("build #%ld has no pending input", number);
		return NULL;
	}
	for (i = 0; id && i < nr; i++)
		if (!strcmp(in[i].id, id))
			return &in[i];
	if (id) {
		msg_error("build #%ld has no pending input '%s'", number, id);
		return NULL;
	}
	if (nr > 1) {
		msg_error("build #%ld has %zu pending inputs; choose one with "
			  "--id (first: '%s')", number, nr, in[0].id);
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
		ret = cmd_fail(&err);
	} else if (!(one = pick_input(in, nr, id, number))) {
		ret = EXIT_NEGATIVE;
	} else if (jenkins_input_answer(j, job, number, one, proceed, NULL,
					&err) < 0) {
		ret = cmd_fail(&err);
	} else {
		msg_note("%s #%ld: input '%s' %s", job, number, one->id,
			 proceed ? "approved" : "aborted");
		ret = EXIT_OK;
	}
	jenkins_inputs_free(in, nr);
	err_release(&err);
	return ret;
}
