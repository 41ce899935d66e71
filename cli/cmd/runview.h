#ifndef CMD_RUNVIEW_H
#define CMD_RUNVIEW_H

/*
 * How plan and apply show a run (face layer: the only place that prints).
 *
 * Progress goes to stderr and never interleaves: the scheduler is one
 * thread, every line is written whole.  On a terminal a live footer lists
 * the running components with their elapsed time, redrawn in place, and
 * every finished component prints one permanent line above it; otherwise
 * one line per state change, prefixed with the component.  At the end a
 * summary table and, for each failure, the last lines of its output and the
 * path of its full log.
 */
#include <stdio.h>

#include "run/tg.h"

struct runview {
	const struct tg_run *run;
	const char *verb;	/* "plan" or "apply" */
	int live;		/* stderr is a terminal */
	int quiet;
	int footer;		/* lines of the live footer on screen */
	double t0;
};

void runview_init(struct runview *v, const struct tg_run *run,
		  const char *verb, int quiet);
/* Hook these into struct tg_run. */
void runview_state(void *ui, size_t unit);
void runview_tick(void *ui);
void runview_interrupt(void *ui, int count);
/* Clears the live footer before other output. */
void runview_done(struct runview *v);

/* The summary table (component, status, counts, duration). */
void runview_summary(FILE *out, const struct tg_run *run);
/*
 * The one verdict line that ends the summary: FAILED (failed, skipped,
 * policy violations, interrupted), or for a plan CHANGES (with the blocked
 * ones and the command that stages them) or NO CHANGES, for an apply
 * APPLIED.
 */
void runview_verdict(FILE *out, const struct tg_run *run, size_t violations,
		     int interrupted);
/* For each failed component: reason, log path and the last lines. */
void runview_failures(FILE *out, const struct tg_run *run, int lines);

#endif
