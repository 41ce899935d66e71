#ifndef CMD_JENKINS_UI_H
#define CMD_JENKINS_UI_H

/*
 * The printing half of `mds-infra jenkins` (face layer, used only by
 * cmd/jenkins.c): Ctrl-C handling, prompts, stage and result lines, the
 * queue wait, status and log printing.
 */
#include "net/jenkins.h"
#include "net/jenkins_follow.h"

/* Exit code after Ctrl-C detached from a build that goes on (128 + SIGINT). */
#define EXIT_DETACHED 130

enum jk_input_mode { JK_INPUT_ASK, JK_INPUT_PROCEED, JK_INPUT_ABORT };

struct jk_ui {
	enum jk_input_mode input;
	struct jenkins *j;	/* borrowed, for an abort chosen after Ctrl-C */
	const char *job;
	long number;		/* -1 while queued */
	int detach;		/* decided: stop following */
	char stage[96];		/* the stage running now, "" when none */
	long next_beat_ms;	/* silence after which the next heartbeat goes */
};

#define JK_UI_INIT { JK_INPUT_ASK, NULL, NULL, -1, 0 }

/* Installs the SIGINT handler (no SA_RESTART: sleeps wake up). */
void jk_ui_install(struct jk_ui *ui);
/* http cancel hook: a Ctrl-C is pending. */
int jk_ui_cancel_requested(void *ui);
/* http trace hook: one line to stderr (already redacted). */
void jk_ui_trace(void *ui, const char *line);
/* MDS_JENKINS_TIME_SCALE, default 1. */
double jk_ui_time_scale(void);

/*
 * cmd_fail for an error about `job`: a 404 gets "did you mean" from the
 * folders' job lists when a segment of the path is mistyped.
 */
int jk_ui_fail(struct jenkins *j, const char *job, struct err *err);

void jk_ui_follow_ops(struct jenkins_follow_ops *ops, struct jk_ui *ui);
void jk_ui_detached(const struct jk_ui *ui);
void jk_ui_print_result(const char *job, const struct jenkins_build *b);

/* Waits until queue item q becomes a build; returns an exit code. */
int jk_ui_wait_queue(long *number, struct jenkins *j, struct jk_ui *ui,
		     const char *job, long q);
/* The log as it is now; with tail > 0 only its last `tail` lines. */
int jk_ui_print_log(struct jenkins *j, const char *job, long number,
		    long tail);
/* Aborts build N; a finished build is said so and exits 1. */
int jk_ui_stop(struct jenkins *j, const char *job, long number);
int jk_ui_print_status(const char *job, const struct jenkins_build *b,
		       int json);
int jk_ui_answer_input(struct jenkins *j, const char *job, long number,
		       const char *id, int proceed);

#endif
