/*
 * jenkins: drive Jenkins pipelines over the remote API.
 *
 *   build JOB [-p K=V]... [--follow] [--input ask|proceed|abort]
 *   log JOB [N] [--follow]     status JOB [N] [--json]
 *   stop JOB N                 input JOB N --proceed|--abort
 *
 * Credentials come from JENKINS_URL, JENKINS_USER_ID and JENKINS_API_TOKEN
 * (or ~/.netrc), never from argv.  The console log goes to stdout byte for
 * byte; stage progress, queue reasons and the result go to stderr.  The
 * exit code is the build's: 0 SUCCESS, 1 anything else (the result is
 * printed), 2 bad job path or parameters, 3 Jenkins unreachable or
 * authentication refused.
 *
 * Deliberate choices: Ctrl-C never aborts a build by accident (on a
 * terminal it asks; otherwise it detaches and exits 130), and `stop` is
 * the explicit way to abort.  The network work lives in net/jenkins*.c;
 * this file parses options, prints and maps errors to exit codes.
 */
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "cmd/envconf.h"
#include "cmd/jenkins_ui.h"
#include "net/jenkins.h"
#include "net/jenkins_follow.h"
#include "util/msg.h"
#include "util/suggest.h"
#include "util/xalloc.h"

struct jk_opts {
	struct strlist params;
	int follow;
	const char *input;
	const char *ca_file;
	int insecure;
	int json;
	int proceed;
	int abort;
	const char *id;
	int tail;
};

#define OPT_CA OPT_STRING(0, "ca-file", struct jk_opts, ca_file, "FILE", \
			  "extra CA certificates (PEM) to trust")
#define OPT_INSECURE OPT_BOOL(0, "insecure", struct jk_opts, insecure, \
			      "do not verify the server's TLS certificate")

static const struct opt_spec build_options[] = {
	OPT_LIST('p', "param", struct jk_opts, params, "NAME=VALUE",
		 "build parameter (repeatable); NAME=@PATH uploads a file"),
	OPT_BOOL(0, "follow", struct jk_opts, follow,
		 "follow the log and stages until the build ends"),
	OPT_STRING(0, "input", struct jk_opts, input, "ask|proceed|abort",
		   "answer to input steps while following (default ask)"),
	OPT_CA, OPT_INSECURE, OPT_END()
};

static const struct opt_spec log_options[] = {
	OPT_BOOL(0, "follow", struct jk_opts, follow,
		 "keep printing until the build ends"),
	OPT_INT(0, "tail", struct jk_opts, tail, "N",
		"only the last N lines of the log as it is now"),
	OPT_STRING(0, "input", struct jk_opts, input, "ask|proceed|abort",
		   "answer to input steps while following (default ask)"),
	OPT_CA, OPT_INSECURE, OPT_END()
};

static const struct opt_spec status_options[] = {
	OPT_BOOL(0, "json", struct jk_opts, json,
		 "print JSON instead of text (mds-infra/jenkins-status/v1)"),
	OPT_CA, OPT_INSECURE, OPT_END()
};

static const struct opt_spec stop_options[] = {
	OPT_CA, OPT_INSECURE, OPT_END()
};

static const struct opt_spec input_options[] = {
	OPT_BOOL(0, "proceed", struct jk_opts, proceed,
		 "approve the pending input (parameters keep their defaults)"),
	OPT_BOOL(0, "abort", struct jk_opts, abort,
		 "reject the pending input; the build ends ABORTED"),
	OPT_STRING(0, "id", struct jk_opts, id, "ID",
		   "which input, when several are pending"),
	OPT_CA, OPT_INSECURE, OPT_END()
};

/* Connects from the environment; prints and returns an exit code on failure. */
static int connect_jenkins(struct jenkins **out, const struct jk_opts *o,
			   const struct cmd_ctx *ctx, struct jk_ui *ui)
{
	struct jenkins_conf conf = JENKINS_CONF_INIT;
	struct http_options http;
	struct err err = ERR_INIT;
	int ret;

	cmd_http_options(&http);
	http.ca_file = o->ca_file;
	http.insecure = o->insecure;
	http.cancel = jk_ui_cancel_requested;
	http.cancel_data = ui;
	if (ctx->verbose) {
		http.trace = jk_ui_trace;
		http.trace_data = ui;
	}
	if (o->insecure)
		msg_warn("--insecure: the server's certificate is not verified");
	ret = cmd_jenkins_conf(&conf, &err);
	if (!ret)
		ret = jenkins_open(out, &conf, &http, &err);
	jenkins_conf_release(&conf);
	ret = ret ? cmd_fail(&err) : 0;
	err_release(&err);
	return ret;
}

static int parse_number(long *out, const struct cmd_entry *e, const char *s)
{
	char *end;

	*out = strtol(s, &end, 10);
	if (!*s || *end || *out <= 0)
		return cmd_usage_error(e, "'%s' is not a build number", s);
	return 0;
}

/*
 * argv[0] as a job path: a pasted job or build URL is turned into the path
 * (and the build number in it fills argv[1] when none was given).  Returns
 * an exit code; *job is owned by the caller.
 */
static int job_arg(char **job, long *url_number, const struct cmd_entry *e,
		   const char *text)
{
	struct err err = ERR_INIT;
	int ret = jenkins_job_from_text(job, url_number, text, &err);

	if (ret)
		ret = cmd_usage_error(e, "%s", err.msg.ptr);
	err_release(&err);
	return ret;
}

static int input_mode(enum jk_input_mode *out, const struct cmd_entry *e,
		      const char *s)
{
	if (!s || !strcmp(s, "ask"))
		*out = JK_INPUT_ASK;
	else if (!strcmp(s, "proceed"))
		*out = JK_INPUT_PROCEED;
	else if (!strcmp(s, "abort"))
		*out = JK_INPUT_ABORT;
	else
		return cmd_usage_error(e, "--input takes ask, proceed or abort, "
				       "not '%s'", s);
	return 0;
}

/* Follows build N and turns its result into the exit code. */
static int follow_build(struct jenkins *j, struct jk_ui *ui, const char *job,
			long number)
{
	struct jenkins_build final = JENKINS_BUILD_INIT;
	struct jenkins_follow_opts fo;
	struct jenkins_follow_ops ops;
	struct err err = ERR_INIT;
	int ret;

	jenkins_follow_opts_defaults(&fo, jk_ui_time_scale());
	jk_ui_follow_ops(&ops, ui);
	ui->j = j;
	ui->job = job;
	ui->number = number;
	ret = jenkins_follow(&final, j, job, number, &fo, &ops, &err);
	if (ret == JENKINS_DETACHED) {
		jk_ui_detached(ui);
		ret = EXIT_DETACHED;
	} else if (ret < 0) {
		ret = jk_ui_fail(j, job, &err);
	} else {
		jk_ui_print_result(job, &final);
		ret = jenkins_result_failed(final.result) ? EXIT_NEGATIVE : EXIT_OK;
	}
	jenkins_build_release(&final);
	err_release(&err);
	return ret;
}

/* Splits and checks -p against the job; prints on failure. */
static int check_params(struct jenkins_param **out, char ***copies,
			const struct jenkins_job *def, const struct strlist *l)
{
	struct err err = ERR_INIT;
	size_t i;
	int ret = 0;

	*out = xcalloc(l->nr + 1, sizeof(**out));
	*copies = xcalloc(l->nr + 1, sizeof(char *));
	for (i = 0; !ret && i < l->nr; i++) {
		(*copies)[i] = xstrdup(l->v[i]);
		ret = jenkins_param_split(&(*out)[i], (*copies)[i], &err);
	}
	if (!ret)
		ret = jenkins_params_check(def, *out, l->nr, &err);
	ret = ret ? cmd_fail(&err) : 0;
	err_release(&err);
	return ret;
}

static void free_copies(char **copies)
{
	size_t i;

	for (i = 0; copies && copies[i]; i++)
		free(copies[i]);
	free(copies);
}

/* Validate, trigger, wait in the queue; *number gets the build. */
static int trigger(long *number, struct jenkins *j, struct jk_ui *ui,
		   const char *job, const struct strlist *params)
{
	struct jenkins_job def = JENKINS_JOB_INIT;
	struct jenkins_param *p = NULL;
	struct err err = ERR_INIT;
	char **copies = NULL;
	long q = -1;
	int ret = jenkins_job_get(&def, j, job, &err);

	if (ret) {
		ret = jk_ui_fail(j, job, &err);
		goto out;
	}
	if ((ret = check_params(&p, &copies, &def, params)))
		goto out;
	if (jenkins_trigger(&q, j, job, &def, p, params->nr, &err) < 0) {
		ret = jk_ui_fail(j, job, &err);
		goto out;
	}
	msg_note("%s: queued as item %ld", job, q);
	ret = jk_ui_wait_queue(number, j, ui, job, q);
out:
	free(p);
	free_copies(copies);
	jenkins_job_release(&def);
	err_release(&err);
	return ret;
}

static int run_build(int argc, const char **argv, const struct cmd_ctx *ctx);
static int run_log(int argc, const char **argv, const struct cmd_ctx *ctx);
static int run_status(int argc, const char **argv, const struct cmd_ctx *ctx);
static int run_stop(int argc, const char **argv, const struct cmd_ctx *ctx);
static int run_input(int argc, const char **argv, const struct cmd_ctx *ctx);

static const struct cmd_entry build_entry = {
	.name = "build",
	.summary = "trigger a build, wait for it to start, optionally follow it",
	.usage = "jenkins build JOB [-p NAME=VALUE]... [--follow] "
		 "[--input ask|proceed|abort]",
	.description =
		"Checks the parameters against the job's definitions first "
		"(Jenkins ignores unknown names), triggers, waits in the queue "
		"showing why, and prints the build number on stdout. With "
		"--follow the console log goes to stdout byte for byte, stages "
		"and the result to stderr, and the exit code is the result's: "
		"0 SUCCESS, 1 UNSTABLE, FAILURE, ABORTED or NOT_BUILT. JOB is "
		"the path with '/' between folders; a multibranch branch is "
		"named as Jenkins names it (feature%2Fx). A job or build URL "
		"pasted from the browser is accepted wherever JOB is.",
	.options = build_options,
	.run = run_build,
};

static const struct cmd_entry log_entry = {
	.name = "log",
	.summary = "print a build's console log (default: the last build)",
	.usage = "jenkins log JOB [N] [--follow | --tail N]",
	.description = "Without --follow prints what the log holds now; with "
		       "--follow keeps going until the build ends and exits "
		       "with its result.",
	.options = log_options,
	.run = run_log,
};

static const struct cmd_entry status_entry = {
	.name = "status",
	.summary = "show a build's state and result (default: the last build)",
	.usage = "jenkins status JOB [N] [--json]",
	.description = "Exit 0 while building or on SUCCESS, 1 for any other "
		       "result.",
	.options = status_options,
	.run = run_status,
};

static const struct cmd_entry stop_entry = {
	.name = "stop",
	.summary = "abort a running build",
	.usage = "jenkins stop JOB N",
	.description = "Says so and exits 1 when the build already finished "
		       "(Jenkins would accept the request and do nothing).",
	.options = stop_options,
	.run = run_stop,
};

static const struct cmd_entry input_entry = {
	.name = "input",
	.summary = "answer a build's pending input step",
	.usage = "jenkins input JOB N --proceed|--abort [--id ID]",
	.options = input_options,
	.run = run_input,
};

static int run_build(int argc, const char **argv, const struct cmd_ctx *ctx)
{
	struct jk_opts o = { .params = STRLIST_INIT };
	struct jk_ui ui = JK_UI_INIT;
	struct jenkins *j = NULL;
	char *job = NULL;
	long number = -1;
	int code, nr = cmd_parse(&build_entry, argc, argv, &o, &code);

	if (nr < 0)
		goto out;
	if (nr != 1) {
		code = cmd_usage_error(&build_entry, "expected one JOB");
		goto out;
	}
	if ((code = input_mode(&ui.input, &build_entry, o.input)) ||
	    (code = job_arg(&job, &number, &build_entry, argv[0])))
		goto out;
	jk_ui_install(&ui);
	if ((code = connect_jenkins(&j, &o, ctx, &ui)))
		goto out;
	if ((code = trigger(&number, j, &ui, job, &o.params)))
		goto out;
	if (!o.follow) {
		printf("%ld\n", number);
		goto out;
	}
	code = follow_build(j, &ui, job, number);
out:
	free(job);
	jenkins_free(j);
	strlist_release(&o.params);
	return code;
}

/* N from argv, else from a pasted build URL, else the last build's. */
static int resolve_number(long *out, struct jenkins *j,
			  const struct cmd_entry *e, int nr, const char **argv,
			  const char *job)
{
	struct jenkins_build b = JENKINS_BUILD_INIT;
	struct err err = ERR_INIT;
	int ret;

	if (nr > 1)
		return parse_number(out, e, argv[1]);
	if (*out > 0)
		return 0;
	ret = jenkins_build_get(&b, j, job, "lastBuild", &err);
	*out = b.number;
	ret = ret ? jk_ui_fail(j, job, &err) : 0;
	jenkins_build_release(&b);
	err_release(&err);
	return ret;
}

static int run_log(int argc, const char **argv, const struct cmd_ctx *ctx)
{
	struct jk_opts o = { .params = STRLIST_INIT };
	struct jk_ui ui = JK_UI_INIT;
	struct jenkins *j = NULL;
	char *job = NULL;
	long number = -1;
	int code, nr = cmd_parse(&log_entry, argc, argv, &o, &code);

	if (nr < 0)
		return code;
	if (nr < 1 || nr > 2)
		return cmd_usage_error(&log_entry, "expected JOB [N]");
	if (o.tail < 0 || (o.tail && o.follow))
		return cmd_usage_error(&log_entry, o.tail < 0 ?
				       "--tail takes a positive number" :
				       "--tail shows the log as it is now; "
				       "it does not go with --follow");
	if ((code = input_mode(&ui.input, &log_entry, o.input)) ||
	    (code = job_arg(&job, &number, &log_entry, argv[0])))
		return code;
	jk_ui_install(&ui);
	if (!(code = connect_jenkins(&j, &o, ctx, &ui)) &&
	    !(code = resolve_number(&number, j, &log_entry, nr, argv, job)))
		code = o.follow ? follow_build(j, &ui, job, number) :
			jk_ui_print_log(j, job, number, o.tail);
	jenkins_free(j);
	free(job);
	return code;
}

static int run_status(int argc, const char **argv, const struct cmd_ctx *ctx)
{
	struct jk_opts o = { .params = STRLIST_INIT };
	struct jk_ui ui = JK_UI_INIT;
	struct jenkins_build b = JENKINS_BUILD_INIT;
	struct jenkins *j = NULL;
	struct err err = ERR_INIT;
	int code, nr = cmd_parse(&status_entry, argc, argv, &o, &code);
	char *job = NULL, which[32] = "lastBuild";
	long number = 0;

	if (nr < 0)
		return code;
	if (nr < 1 || nr > 2)
		return cmd_usage_error(&status_entry, "expected JOB [N]");
	if (nr == 2 && (code = parse_number(&number, &status_entry, argv[1])))
		return code;
	if (nr == 1 && (code = job_arg(&job, &number, &status_entry, argv[0])))
		return code;
	if (nr == 2 && (code = job_arg(&job, &(long){ 0 }, &status_entry, argv[0])))
		return code;
	if (number > 0)
		snprintf(which, sizeof(which), "%ld", number);
	jk_ui_install(&ui);
	if (!(code = connect_jenkins(&j, &o, ctx, &ui))) {
		if (jenkins_build_get(&b, j, job, which, &err) < 0)
			code = jk_ui_fail(j, job, &err);
		else
			code = jk_ui_print_status(job, &b, o.json);
	}
	free(job);
	jenkins_build_release(&b);
	jenkins_free(j);
	err_release(&err);
	return code;
}

static int run_stop(int argc, const char **argv, const struct cmd_ctx *ctx)
{
	struct jk_opts o = { .params = STRLIST_INIT };
	struct jk_ui ui = JK_UI_INIT;
	struct jenkins *j = NULL;
	char *job = NULL;
	long number = -1;
	int code, nr = cmd_parse(&stop_entry, argc, argv, &o, &code);

	if (nr < 0)
		return code;
	if (nr < 1 || nr > 2)
		return cmd_usage_error(&stop_entry, "expected JOB N");
	if ((code = job_arg(&job, &number, &stop_entry, argv[0])))
		return code;
	if (nr == 2)
		code = parse_number(&number, &stop_entry, argv[1]);
	else if (number < 0)	/* never "the last build": stop is explicit */
		code = cmd_usage_error(&stop_entry, "expected JOB N");
	jk_ui_install(&ui);
	if (!code && !(code = connect_jenkins(&j, &o, ctx, &ui)))
		code = jk_ui_stop(j, job, number);
	jenkins_free(j);
	free(job);
	return code;
}

static int run_input(int argc, const char **argv, const struct cmd_ctx *ctx)
{
	struct jk_opts o = { .params = STRLIST_INIT };
	struct jk_ui ui = JK_UI_INIT;
	struct jenkins *j = NULL;
	char *job = NULL;
	long number = -1;
	int code, nr = cmd_parse(&input_entry, argc, argv, &o, &code);

	if (nr < 0)
		return code;
	if (nr < 1 || nr > 2)
		return cmd_usage_error(&input_entry, "expected JOB N");
	if (o.proceed == o.abort)
		return cmd_usage_error(&input_entry, "give --proceed or --abort");
	if ((code = job_arg(&job, &number, &input_entry, argv[0])))
		return code;
	if (nr == 2)
		code = parse_number(&number, &input_entry, argv[1]);
	else if (number < 0)
		code = cmd_usage_error(&input_entry, "expected JOB N");
	jk_ui_install(&ui);
	if (!code && !(code = connect_jenkins(&j, &o, ctx, &ui)))
		code = jk_ui_answer_input(j, job, number, o.id, o.proceed);
	jenkins_free(j);
	free(job);
	return code;
}

static const struct cmd_entry *const jenkins_verbs[] = {
	&build_entry, &log_entry, &status_entry, &stop_entry, &input_entry,
	NULL
};

static int unknown_verb(const char *word)
{
	const char *names[ARRAY_SIZE(jenkins_verbs)];
	const char *hint;
	size_t nr = 0;

	while (jenkins_verbs[nr]) {
		names[nr] = jenkins_verbs[nr]->name;
		nr++;
	}
	hint = suggest_closest(word, names, nr);
	if (hint)
		return cmd_usage_error(&cmd_jenkins_entry, "unknown verb '%s' "
				       "(did you mean '%s'?)", word, hint);
	return cmd_usage_error(&cmd_jenkins_entry, "unknown verb '%s' (build, "
			       "log, status, stop or input)", word);
}

static int run_jenkins(int argc, const char **argv, const struct cmd_ctx *ctx)
{
	const struct cmd_entry *verb;
	int code = cmd_parse_verb(&cmd_jenkins_entry, &argc, argv);

	if (code >= 0)
		return code;
	if (argc < 2) {
		cmd_print_help(stderr, &cmd_jenkins_entry, "");
		return EXIT_USAGE;
	}
	verb = cmd_find(jenkins_verbs, argv[1]);
	if (!verb)
		return unknown_verb(argv[1]);
	return verb->run(argc - 1, argv + 1, ctx);
}

const struct cmd_entry cmd_jenkins_entry = {
	.name = "jenkins",
	.summary = "trigger, follow, approve and stop Jenkins pipelines",
	.usage = "jenkins build JOB [-p K=V]... [--follow] [--input proceed|abort|ask]\n"
		 "jenkins log JOB [N] [--follow | --tail N]\n"
		 "jenkins status JOB [N] [--json]\n"
		 "jenkins stop JOB N\n"
		 "jenkins input JOB N --proceed|--abort",
	.description =
		"Talks to JENKINS_URL as JENKINS_USER_ID with JENKINS_API_TOKEN "
		"(or the ~/.netrc entry for its host); credentials are never "
		"taken from arguments or printed, and -v traces HTTP with "
		"Authorization redacted. Exit codes: 0 SUCCESS; 1 UNSTABLE, "
		"FAILURE, ABORTED, NOT_BUILT or a cancelled queue item; 2 bad "
		"job path or parameters; 3 Jenkins unreachable after retries or "
		"authentication refused; 130 detached after Ctrl-C (the build "
		"goes on). MDS_HTTP_RETRIES and MDS_HTTP_RETRY_BASE_MS set the "
		"retry schedule, MDS_JENKINS_TIME_SCALE scales every poll "
		"interval (tests).",
	.subcommands = jenkins_verbs,
	.run = run_jenkins,
};
