#ifndef NET_JENKINS_FOLLOW_H
#define NET_JENKINS_FOLLOW_H

/*
 * Following a running build: the progressiveText offset loop, Stage View
 * progress, pending inputs, and the final result.  Library code: it prints
 * nothing and hands everything to the caller's callbacks.
 *
 * Guarantees: every byte Jenkins serves is handed to ops->log exactly once
 * and in order, across retries, connection resets, restarts (same offsets
 * continue) and a "rolled over" log (Jenkins resends from 0: the bytes
 * already handed out are skipped).  One request is in flight at a time; the
 * log poll interval starts at poll_min_ms, grows by half each time nothing
 * new arrives up to poll_max_ms, and drops back when output flows.  Stage
 * View is asked when the log shows a "[Pipeline]" marker or an input
 * prompt, and at least every stage_every_ms.
 */
#include "net/jenkins.h"

enum jenkins_input_action { JENKINS_INPUT_WAIT, JENKINS_INPUT_PROCEED,
			    JENKINS_INPUT_ABORT };

struct jenkins_follow_ops {
	void *data;
	/* New log bytes (ConsoleNotes stripped, LF line ends). */
	void (*log)(void *data, const char *text, size_t len);
	/* A stage started (`done` 0) or reached a final status (`done` 1). */
	void (*stage)(void *data, const struct jenkins_stage *s, int done);
	/* A pending input seen for the first time: what to do with it. */
	enum jenkins_input_action (*input)(void *data,
					   const struct jenkins_input *in);
	/* Something worth telling: lost contact, log restarted, ... */
	void (*note)(void *data, const char *msg);
	/* Non-zero: stop following now (detach); the build is left alone. */
	int (*interrupted)(void *data);
	/*
	 * After each poll that brought no new log bytes: how long the log has
	 * been silent, so the caller can show that the build is alive.  May
	 * be NULL.
	 */
	void (*idle)(void *data, long silent_ms);
};

struct jenkins_follow_opts {
	long poll_min_ms;	/* default 1000 */
	long poll_max_ms;	/* default 4000 */
	long stage_every_ms;	/* default 15000 */
	long outage_ms;		/* give up after this long unreachable (600000) */
	int stages;		/* ask Stage View (Pipelines) */
};

/* Defaults scaled by `scale` (tests and benchmarks run time faster). */
void jenkins_follow_opts_defaults(struct jenkins_follow_opts *o, double scale);

#define JENKINS_DETACHED 1

/*
 * Follows build `number` of `job` from log offset 0 until the log is
 * complete and the build finished; fills `final`.  Returns 0,
 * JENKINS_DETACHED when ops->interrupted said so, or an error.
 */
int jenkins_follow(struct jenkins_build *final, struct jenkins *j,
		   const char *job, long number,
		   const struct jenkins_follow_opts *o,
		   const struct jenkins_follow_ops *ops, struct err *err);

/* Monotonic clock in ms, and a sleep that wakes up on `interrupted`. */
long jenkins_now_ms(void);
void jenkins_sleep_ms(long ms, const struct jenkins_follow_ops *ops);

#endif
