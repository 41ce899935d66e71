/*
 * Printing and asking for `mds-infra jenkins` (see jenkins_ui.h).  stdout
 * carries only the console log (or status data); everything else goes to
 * stderr.
 */
#include "cmd/jenkins_ui.h"
#include "cmd/json_out.h"

#include <jansson.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "util/msg.h"
#include "util/xalloc.h"

static volatile sig_atomic_t got_sigint;

static void on_sigint(int sig)
{
	(void)sig;
	got_sigint = 1;
}

void jk_ui_install(struct jk_ui *ui)
{
	struct sigaction sa;

	(void)ui;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_sigint;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
}

int jk_ui_cancel_requested(void *ui)
{
	const struct jk_ui *u = ui;

	return got_sigint || u->detach;
}

void jk_ui_trace(void *ui, const char *line)
{
	(void)ui;
	fprintf(stderr, "mds-infra: http: %s\n", line);
}

double jk_ui_time_scale(void)
{
	const char *v = getenv("MDS_JENKINS_TIME_SCALE");
	char *end;
	double s;

	if (!v || !*v)
		return 1;
	s = strtod(v, &end);
	return *end || s <= 0 || s > 100 ? 1 : s;
}

static int interactive(void)
{
	return isatty(STDIN_FILENO) && isatty(STDERR_FILENO);
}

/* One answer character from the terminal, or 0 on EOF / interrupt. */
static int ask(const char *question)
{
	char line[64];

	fflush(stdout);
	fprintf(stderr, "%s ", question);
	fflush(stderr);
	if (!fgets(line, sizeof(line), stdin))
		return 0;
	return line[0];
}

static void stop_build(struct jk_ui *ui)
{
	struct err err = ERR_INIT;

	if (jenkins_stop(ui->j, ui->job, ui->number, &err) < 0)
		msg_error("%s", err.msg.ptr);
	else
		msg_note("%s #%ld: abort requested; following until it ends",
			 ui->job, ui->number);
	err_release(&err);
}

/* Ctrl-C: on a terminal ask; otherwise detach.  Never aborts by itself. */
static int interrupted(void *data)
{
	struct jk_ui *ui = data;
	int a;

	if (ui->detach)
		return 1;
	if (!got_sigint)
		return 0;
	got_sigint = 0;
	if (!interactive()) {
		ui->detach = 1;
		return 1;
	}
	a = ask(ui->number > 0 ?
		"\ninterrupted: [d]etach (the build goes on), [a]bort the build, "
		"or [c]ontinue following?" :
		"\ninterrupted: [d]etach (the item stays queued) or [c]ontinue?");
	if (a == 'c')
		return 0;
	if (a == 'a' && ui->number > 0) {
		stop_build(ui);
		return 0;
	}
	ui->detach = 1;
	return 1;
}

static void on_log(void *data, const char *text, size_t len)
{
	(void)data;
	fwrite(text, 1, len, stdout);
	fflush(stdout);
}

static void on_stage(void *data, const struct jenkins_stage *s, int done)
{
	struct jk_ui *ui = data;

	if (!done) {
		msg_note("stage '%s' started", s->name);
		snprintf(ui->stage, sizeof(ui->stage), "%s", s->name);
	} else {
		msg_note("stage '%s' %s (%.1f s)", s->name, s->status,
			 s->duration_ms / 1000.0);
		if (!strcmp(ui->stage, s->name))
			ui->stage[0] = '\0';
	}
}

/*
 * A heartbeat on a terminal after every HEARTBEAT_S of silence, so that a
 * stage printing nothing for minutes does not look hung.  stderr only:
 * stdout is the log, byte for byte; without a terminal (CI logs) nothing.
 */
#define HEARTBEAT_S 30

static void on_idle(void *data, long silent_ms)
{
	struct jk_ui *ui = data;
	long every = (long)(HEARTBEAT_S * 1000 * jk_ui_time_scale());

	if (!isatty(STDERR_FILENO))
		return;
	if (silent_ms < every) {
		ui->next_beat_ms = every;
		return;
	}
	if (ui->next_beat_ms < every)
		ui->next_beat_ms = every;
	if (silent_ms < ui->next_beat_ms)
		return;
	/* Said in the build's seconds, as MDS_JENKINS_TIME_SCALE hides them. */
	msg_note("%s #%ld still running%s%s%s; no output for %ld s", ui->job,
		 ui->number, ui->stage[0] ? " (stage '" : "", ui->stage,
		 ui->stage[0] ? "')" : "",
		 (long)(silent_ms / 1000.0 / jk_ui_time_scale()));
	ui->next_beat_ms += every;
}

static void describe_input(const struct jk_ui *ui, const struct jenkins_input *in)
{
	size_t i;

	msg_note("%s #%ld waits for input '%s': %s", ui->job, ui->number,
		 in->id, in->message ? in->message : "");
	for (i = 0; i < in->nr_params; i++)
		msg_note("  parameter %s (default '%s')", in->params[i].name,
			 in->params[i].def ? in->params[i].def : "");
}

static enum jenkins_input_action on_input(void *data,
					  const struct jenkins_input *in)
{
	struct jk_ui *ui = data;
	int a;

	describe_input(ui, in);
	if (ui->input == JK_INPUT_PROCEED || ui->input == JK_INPUT_ABORT) {
		msg_note("answering '%s': %s", in->id,
			 ui->input == JK_INPUT_PROCEED ? "proceed" : "abort");
		return ui->input == JK_INPUT_PROCEED ? JENKINS_INPUT_PROCEED :
						       JENKINS_INPUT_ABORT;
	}
	if (interactive()) {
		a = ask("[p]roceed, [a]bort, or [w]ait for someone else?");
		if (a == 'p')
			return JENKINS_INPUT_PROCEED;
		if (a == 'a')
			return JENKINS_INPUT_ABORT;
	}
	msg_note("waiting; answer with 'mds-infra jenkins input %s %ld "
		 "--proceed' (or --abort)", ui->job, ui->number);
	return JENKINS_INPUT_WAIT;
}

static void on_note(void *data, const char *msg)
{
	(void)data;
	msg_note("%s", msg);
}

void jk_ui_follow_ops(struct jenkins_follow_ops *ops, struct jk_ui *ui)
{
	memset(ops, 0, sizeof(*ops));
	ops->data = ui;
	ops->log = on_log;
	ops->stage = on_stage;
	ops->input = on_input;
	ops->note = on_note;
	ops->interrupted = interrupted;
	ops->idle = on_idle;
}

void jk_ui_detached(const struct jk_ui *ui)
{
	if (ui->number > 0)
		msg_note("detached; %s #%ld goes on (follow again with "
			 "'mds-infra jenkins log %s %ld --follow')", ui->job,
			 ui->number, ui->job, ui->number);
	else
		msg_note("detached; the queue item stays queued");
}

/* The error of a request about `job`, or 130 when Ctrl-C cancelled it. */
int jk_ui_fail(struct jenkins *j, const char *job, struct err *err)
{
	struct err e2 = ERR_INIT;
	char *hint = NULL;
	int code;

	if (j && http_client_cancelled(j->http)) {
		msg_note("interrupted");
		return EXIT_DETACHED;	/* 130, as after any Ctrl-C */
	}
	if (err->code == ERR_NOTFOUND && j && job &&
	    jenkins_job_suggest(&hint, j, job, &e2) == 0 && hint) {
		/* a hint means the job itself is missing: say that, not 404s */
		msg_error("no job '%s' in Jenkins (did you mean '%s'?)", job,
			  hint);
		code = cmd_exit_code(err->code);
	} else {
		code = cmd_fail(err);
	}
	free(hint);
	err_release(&e2);
	return code;
}

void jk_ui_print_result(const char *job, const struct jenkins_build *b)
{
	fflush(stdout);
	fprintf(stderr, "%s #%ld: %s%s%s\n", job, b->number,
		b->result ? b->result : "UNKNOWN", b->url ? " " : "",
		b->url ? b->url : "");
}

int jk_ui_print_status(const char *job, const struct jenkins_build *b,
		       int json)
{
	if (json) {
		json_t *o = json_pack("{s:s, s:s, s:I, s:b, s:s?, s:s?, s:I, s:I}",
				      "schema", JSON_OUT_SCHEMA("jenkins-status"),
				      "job", job, "number", (json_int_t)b->number,
				      "building", b->building, "result", b->result,
				      "url", b->url, "duration_ms",
				      (json_int_t)b->duration_ms, "timestamp",
				      (json_int_t)b->timestamp);
		json_out_print(o);
	} else {
		printf("%s #%ld: %s", job, b->number,
		       b->building ? "BUILDING" : b->result ? b->result : "UNKNOWN");
		if (b->building && b->result)
			printf(" (result so far %s)", b->result);
		printf("\nurl: %s\nduration: %.1f s\n", b->url ? b->url : "",
		       b->duration_ms / 1000.0);
	}
	if (b->building)
		return EXIT_OK;
	return jenkins_result_failed(b->result) ? EXIT_NEGATIVE : EXIT_OK;
}
