/*
 * gate: one verdict from everything the scanners said.
 *
 * Reads every --report (format detected from the content, streamed), applies
 * the policy (--policy, else policies/gate.yaml at the repository root if
 * present, else the built-in default) for --env, with its waivers and
 * baseline, and writes the verdict in each -o format.  Exit 0 on PASS and
 * WARN, 1 on FAIL, 2 on a bad report, policy or command line, 3 when an
 * output cannot be written.  Outputs go through one file transaction: when
 * anything fails, no file is written or replaced.
 *
 * --sonar fetches the quality gate, issues and hotspots from a live
 * SonarQube (after waiting for the analysis of a report-task.txt); the token
 * comes from SONAR_TOKEN only, never from the command line.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>

#include "cmd/cmd.h"
#include "cmd/envconf.h"
#include "gate/gate.h"
#include "gate/sonar_fetch.h"
#include "stack/stack.h"
#include "util/fs.h"
#include "util/msg.h"
#include "util/suggest.h"
#include "util/xalloc.h"

#define GATE_USAGE \
	"gate [--env E] [--policy FILE] [--report FILE]... [-o FMT[:FILE]]...\n" \
	"gate --sonar KEY|report-task.txt [--sonar-url URL] [...]\n" \
	"gate --write-baseline FILE [--policy FILE] [--report FILE]..."

struct gate_opts {
	const char *env, *policy, *baseline, *write_baseline, *date;
	const char *sonar, *sonar_url, *sonar_branch, *sonar_pr;
	struct strlist reports, outputs;
	int json, soft_fail;
};

static const struct opt_spec gate_options[] = {
	OPT_STRING('e', "env", struct gate_opts, env, "ENV",
		   "apply the policy's overrides for this environment"),
	OPT_STRING('p', "policy", struct gate_opts, policy, "FILE",
		   "policy file (default: policies/gate.yaml, else built in)"),
	OPT_LIST('r', "report", struct gate_opts, reports, "FILE",
		 "a Checkov, Trivy, SARIF or SonarQube report (repeatable; "
		 "'-' reads standard input)"),
	OPT_LIST('o', "output", struct gate_opts, outputs, "FMT[:FILE]",
		 "write text, json, sarif, junit, markdown or sonar to FILE, "
		 "or to standard output without FILE or with '-' "
		 "(repeatable)"),
	OPT_BOOL(0, "json", struct gate_opts, json,
		 "the same as -o json: the verdict as JSON on standard output"),
	OPT_BOOL(0, "soft-fail", struct gate_opts, soft_fail,
		 "print the verdict but exit 0 on FAIL (a report that cannot "
		 "be read still fails)"),
	OPT_STRING(0, "baseline", struct gate_opts, baseline, "FILE",
		   "only findings absent from this baseline count "
		   "(default: the policy's baseline)"),
	OPT_STRING(0, "write-baseline", struct gate_opts, write_baseline, "FILE",
		   "record the fingerprints of the current findings and exit"),
	OPT_STRING(0, "date", struct gate_opts, date, "YYYY-MM-DD",
		   "judge waiver expiry as of this day (default: today, UTC)"),
	OPT_STRING(0, "sonar", struct gate_opts, sonar, "KEY|FILE",
		   "fetch from SonarQube: a project key, or the scanner's "
		   "report-task.txt (waits for that analysis); token from "
		   "SONAR_TOKEN"),
	OPT_STRING(0, "sonar-url", struct gate_opts, sonar_url, "URL",
		   "SonarQube server (default: SONAR_HOST_URL, else the "
		   "report-task.txt's serverUrl)"),
	OPT_STRING(0, "sonar-branch", struct gate_opts, sonar_branch, "BRANCH",
		   "the branch analysed (default: report-task.txt's)"),
	OPT_STRING(0, "sonar-pr", struct gate_opts, sonar_pr, "ID",
		   "the pull request analysed (default: report-task.txt's)"),
	OPT_END()
};

struct output {
	enum gate_out fmt;
	const char *path;	/* NULL: standard output */
};

static int parse_outputs(struct output **out, size_t *nr,
			 const struct strlist *specs, int json)
{
	size_t i, to_stdout = 0;

	*out = xcalloc(specs->nr + 1, sizeof(**out));	/* +1: the default or --json */
	*nr = specs->nr;
	if (json) {	/* --json: -o json */
		(*out)[specs->nr].fmt = GATE_OUT_JSON;
		to_stdout++;
		++*nr;
	}
	for (i = 0; i < specs->nr; i++) {
		const char *colon = strchr(specs->v[i], ':');
		char *name = colon ? xstrndup(specs->v[i], (size_t)(colon - specs->v[i])) :
			xstrdup(specs->v[i]);
		int fmt = gate_out_parse(name);

		free(name);
		if (fmt < 0)
			return cmd_usage_error(&cmd_gate_entry, "unknown output "
					       "format in '-o %s' (text, json, "
					       "sarif, junit, markdown, sonar)",
					       specs->v[i]);
		if (colon && !colon[1])
			return cmd_usage_error(&cmd_gate_entry, "'-o %s' names "
					       "no file", specs->v[i]);
		(*out)[i].fmt = (enum gate_out)fmt;
		(*out)[i].path = colon && strcmp(colon + 1, "-") ? colon + 1 : NULL;
		to_stdout += !(*out)[i].path;
	}
	if (to_stdout > 1)
		return cmd_usage_error(&cmd_gate_entry, "only one -o FMT may go "
				       "to standard output");
	return 0;
}

static long today_of(const char *date, int *bad)
{
	*bad = 0;
	if (date) {
		long d = gate_parse_date(date);

		*bad = d < 0;
		return d;
	}
	return (long)(time(NULL) / 86400);	/* UTC days since the epoch */
}

static int load_policy(struct gate_policy **out, const struct gate_opts *o,
		       struct err *err)
{
	char *root, *path, *cwd;
	int ret = 0;

	if (o->policy)
		return gate_policy_load(out, o->policy, o->env, err);
	root = cmd_repo_root();
	cwd = getcwd(NULL, 0);
	/* relative when we run at the root: messages stay short */
	path = cwd && !strcmp(cwd, root) ? xstrdup("policies/gate.yaml") :
		fs_join(root, "policies/gate.yaml");
	free(cwd);
	if (fs_exists(path))
		ret = gate_policy_load(out, path, o->env, err);
	else
		*out = gate_policy_default(o->env);
	free(path);
	free(root);
	return ret;
}

static int read_reports(struct gate_input *in, const struct gate_opts *o,
			int argc, const char **argv, struct err *err)
{
	size_t i;
	int j;

	for (i = 0; i < o->reports.nr; i++)
		if (gate_read_file(in, o->reports.v[i], err))
			return err->code;
	for (j = 0; j < argc; j++)
		if (gate_read_file(in, argv[j], err))
			return err->code;
	return 0;
}

static int write_baseline(struct gate_input *in, const char *path,
			  const struct gate_result *res, struct err *err)
{
	struct buf data = BUF_INIT;
	size_t kept = in->nr - res->waived;
	int ret;

	gate_baseline_write(&data, in, res->today);
	ret = fs_mkdirs_for(path, err);
	if (!ret)
		ret = fs_write_atomic(path, data.ptr, data.len, 0644, err);
	buf_release(&data);
	if (!ret)
		msg_note("wrote %zu fingerprint%s to '%s'", kept,
			 kept == 1 ? "" : "s", path);
	return ret;
}

/* Every file output staged first, then all renamed: all or nothing. */
static int write_outputs(const struct output *outs, size_t nr,
			 const struct gate_input *in,
			 const struct gate_result *res, int color,
			 struct err *err)
{
	struct fs_txn txn = FS_TXN_INIT;
	struct buf doc = BUF_INIT, std = BUF_INIT;
	size_t i;
	int ret = 0;

	for (i = 0; i < nr && !ret; i++) {
		buf_reset(&doc);
		if (!outs[i].path) {
			gate_write(&std, outs[i].fmt, in, res, color);
			continue;
		}
		gate_write(&doc, outs[i].fmt, in, res, 0);
		ret = fs_txn_stage(&txn, outs[i].path, doc.ptr, doc.len, 0644, err);
	}
	if (!ret)
		ret = fs_txn_commit(&txn, err);
	if (!ret)
		fwrite(std.ptr, 1, std.len, stdout);
	fs_txn_release(&txn);
	buf_release(&doc);
	buf_release(&std);
	return ret ? err->code : 0;
}

static void show_progress(void *data, const char *line)
{
	(void)data;
	msg_note("%s", line);
}

/* The pull request of a report-task.txt: only its dashboardUrl names it. */
static char *pull_request_of(const char *dashboard)
{
	const char *p = dashboard ? strstr(dashboard, "pullRequest=") : NULL;

	return p ? xstrndup(p + 12, strcspn(p + 12, "&#")) : NULL;
}

static int fetch_sonar(struct gate_input *in, const struct gate_opts *o,
		       struct err *err)
{
	struct sonar_query q = { 0 };
	struct http_options http;
	char *project = NULL, *task = NULL, *url = NULL, *branch = NULL, *pr = NULL;
	int ret = 0;

	if (fs_exists(o->sonar) && !fs_is_dir(o->sonar)) {
		if ((ret = gate_read_file(in, o->sonar, err)))
			return ret;
		project = in->sonar.project_key ? xstrdup(in->sonar.project_key) : NULL;
		task = in->sonar.ce_task_id ? xstrdup(in->sonar.ce_task_id) : NULL;
		url = in->sonar.server_url ? xstrdup(in->sonar.server_url) : NULL;
		branch = in->sonar.branch ? xstrdup(in->sonar.branch) : NULL;
		pr = pull_request_of(in->sonar.dashboard_url);
	} else {
		project = xstrdup(o->sonar);
	}
	/* CI reaches the server by its own URL, not always the public one */
	q.url = o->sonar_url ? o->sonar_url : getenv("SONAR_HOST_URL") ?
		getenv("SONAR_HOST_URL") : url;
	q.token = getenv("SONAR_TOKEN");
	q.project = project;
	q.ce_task = task;
	q.branch = o->sonar_branch ? o->sonar_branch : branch;
	q.pull_request = o->sonar_pr ? o->sonar_pr : pr;
	q.progress = show_progress;
	cmd_http_options(&http);
	q.http = &http;
	q.poll_ms = cmd_sonar_poll_ms();
	if (!q.url)
		ret = err_set(err, ERR_USAGE, "--sonar: no server (give --sonar-url "
			      "or set SONAR_HOST_URL)");
	else if (q.url == url && q.token && *q.token)
		/* a report-task.txt is a file in the workspace: whoever wrote
		 * it would get the token sent to the server it names */
		ret = err_set(err, ERR_USAGE, "--sonar: SONAR_TOKEN is only sent "
			      "to a server you name: give --sonar-url or set "
			      "SONAR_HOST_URL (%s names '%s')", o->sonar, url);
	else
		ret = sonar_fetch(in, &q, err);
	free(project);
	free(task);
	free(url);
	free(branch);
	free(pr);
	return ret;
}

/* Where a path is, whatever the spelling: its directory's real path. */
static char *output_identity(const char *path)
{
	char *dir = fs_dirname(path), *real = realpath(dir, NULL);
	const char *base = strrchr(path, '/');
	char *id = fs_join(real ? real : dir, base ? base + 1 : path);

	free(real);
	free(dir);
	return id;
}

/* A character device (/dev/null, a terminal) takes every output in turn. */
static int is_char_device(const char *path)
{
	struct stat st;

	return !stat(path, &st) && S_ISCHR(st.st_mode);
}

/* Two outputs into one file: the last would silently replace the first. */
static int check_output_clash(const struct output *outs, size_t nr,
			      struct err *err)
{
	size_t i, j;
	int clash = 0;

	for (i = 0; i < nr && !clash; i++) {
		char *a = outs[i].path && !is_char_device(outs[i].path) ?
			  output_identity(outs[i].path) : NULL;

		for (j = i + 1; a && j < nr && !clash; j++) {
			char *b = outs[j].path ? output_identity(outs[j].path) : NULL;

			clash = b && !strcmp(a, b);
			if (clash)
				err_set(err, ERR_USAGE, "-o %s:%s and -o %s:%s write "
					"the same file", gate_out_name(outs[i].fmt),
					outs[i].path, gate_out_name(outs[j].fmt),
					outs[j].path);
			free(b);
		}
		free(a);
	}
	return clash ? err->code : 0;
}

/* An output's directory must exist: a typo never creates a tree. */
static int check_output_dirs(const struct output *outs, size_t nr,
			     struct err *err)
{
	size_t i;

	for (i = 0; i < nr; i++) {
		char *dir = outs[i].path ? fs_dirname(outs[i].path) : NULL;
		int missing = dir && !fs_is_dir(dir);

		if (missing)
			err_set(err, ERR_IO, "cannot write '%s': no directory '%s'",
				outs[i].path, dir);
		free(dir);
		if (missing)
			return err->code;
	}
	return 0;
}

static void add_name(const char ***names, size_t *nr, const char *name)
{
	size_t i;

	for (i = 0; i < *nr; i++)
		if (!strcmp((*names)[i], name))
			return;
	*names = xrealloc(*names, (*nr + 1) * sizeof(**names));
	(*names)[(*nr)++] = name;
}

/* The likely intended name: a near spelling, else a prefix ("production"). */
static const char *nearest(const char *word, const char **names, size_t nr)
{
	const char *near = suggest_closest(word, names, nr);
	size_t i, a, b;

	for (i = 0; !near && i < nr; i++) {
		a = strlen(word);
		b = strlen(names[i]);
		if (a >= 3 && b >= 3 && !strncasecmp(word, names[i], a < b ? a : b))
			near = names[i];
	}
	return near;
}

/*
 * --env must name an environment the stack or the policy knows: a typo
 * would silently judge by the laxer top-level policy.
 */
static int check_env(const char *env, const struct gate_policy *pol,
		     const struct cmd_ctx *ctx, struct err *err)
{
	struct stack *st = NULL;
	struct err ignored = ERR_INIT;
	const char **names = NULL, *near;
	char *path;
	size_t nr = 0, i;
	struct buf list = BUF_INIT;

	if (!env || pol->env_found)
		return 0;
	path = cmd_stack_path(ctx);
	if (fs_exists(path) && !stack_load(&st, path, &ignored))
		for (i = 0; i < st->nr_envs; i++)
			add_name(&names, &nr, st->envs[i].name);
	for (i = 0; i < pol->nr_env_names; i++)
		add_name(&names, &nr, pol->env_names[i]);
	for (i = 0; i < nr && strcmp(names[i], env); i++)
		;
	if (nr && i == nr) {
		near = nearest(env, names, nr);
		for (i = 0; i < nr; i++)
			buf_addf(&list, "%s%s", i ? ", " : "", names[i]);
		err_set(err, ERR_USAGE, "--env: unknown environment '%s'%s%s%s "
			"(the stack and the policy know: %s)", env,
			near ? " (did you mean '" : "", near ? near : "",
			near ? "'?)" : "", list.ptr);
	}
	buf_release(&list);
	free(names);
	free(path);
	stack_free(st);
	err_release(&ignored);
	return err_is_set(err) ? err->code : 0;
}

static int check_args(struct output **outs, size_t *nr_outs,
		      const struct gate_opts *o, int argc, int bad_date)
{
	static const struct output text = { GATE_OUT_TEXT, NULL };
	int code;

	if (bad_date)
		return cmd_usage_error(&cmd_gate_entry, "--date takes a date "
				       "YYYY-MM-DD, not '%s'", o->date);
	if (!o->reports.nr && !argc && !o->sonar)
		return cmd_usage_error(&cmd_gate_entry, "no report given "
				       "(--report FILE or --sonar)");
	if (o->env && !*o->env)
		return cmd_usage_error(&cmd_gate_entry, "--env names no "
				       "environment");
	/* a server, branch or pull request for no query: a forgotten --sonar */
	if (!o->sonar && (o->sonar_url || o->sonar_branch || o->sonar_pr))
		return cmd_usage_error(&cmd_gate_entry, "%s without --sonar",
				       o->sonar_url ? "--sonar-url" :
				       o->sonar_branch ? "--sonar-branch" :
				       "--sonar-pr");
	if ((code = parse_outputs(outs, nr_outs, &o->outputs, o->json)))
		return code;
	if (!*nr_outs) {	/* the terminal summary by default */
		(*outs)[0] = text;
		*nr_outs = 1;
	}
	return 0;
}

static int publish(const struct output *outs, size_t nr,
		   const struct gate_input *in, const struct gate_result *res,
		   const struct cmd_ctx *ctx, struct err *err)
{
	size_t i, files = 0;

	if (write_outputs(outs, nr, in, res,
			  msg_want_color(stdout, ctx->color_mode), err))
		return err->code;
	for (i = 0; i < nr; i++)
		files += outs[i].path != NULL;
	if (!ctx->quiet && files == nr)	/* nothing on stdout: say it here */
		msg_note("gate %s (%zu open, %zu waived, %zu baseline)",
			 gate_verdict_name(res->verdict),
			 in->nr - res->waived - res->baselined - res->ignored,
			 res->waived, res->baselined);
	return 0;
}

static int gate_run(struct gate_opts *o, int argc, const char **argv,
		    const struct cmd_ctx *ctx)
{
	struct gate_input in = GATE_INPUT_INIT;
	struct gate_policy *pol = NULL;
	struct gate_result *res = NULL;
	struct strmap baseline = STRMAP_INIT;
	struct output *outs = NULL;
	struct err err = ERR_INIT;
	size_t nr_outs = 0, i;
	const char *bl;
	int bad_date, code;
	long today = today_of(o->date, &bad_date);

	if ((code = check_args(&outs, &nr_outs, o, argc, bad_date)))
		goto out;
	if (check_output_dirs(outs, nr_outs, &err) ||
	    check_output_clash(outs, nr_outs, &err) || load_policy(&pol, o, &err) ||
	    check_env(o->env, pol, ctx, &err) ||
	    read_reports(&in, o, argc, argv, &err) ||
	    (o->sonar && fetch_sonar(&in, o, &err)))
		goto fail;
	gate_dedup(&in);
	for (i = 0; i < in.nr_warnings; i++)
		msg_warn("%s", in.warnings[i]);
	bl = o->baseline ? o->baseline : pol->baseline;
	if (bl && !o->write_baseline && gate_baseline_load(&baseline, bl, &err))
		goto fail;
	gate_evaluate(&res, &in, pol, o->write_baseline ? NULL : &baseline,
		      today, &err);
	if (o->write_baseline ? write_baseline(&in, o->write_baseline, res, &err) :
	    publish(outs, nr_outs, &in, res, ctx, &err))
		goto fail;
	code = !o->write_baseline && !o->soft_fail && res->verdict == V_FAIL ?
		EXIT_NEGATIVE : EXIT_OK;
	goto out;
fail:
	code = cmd_fail(&err);
out:
	free(outs);
	strmap_release(&baseline);
	gate_result_free(res);
	gate_policy_free(pol);
	gate_input_release(&in);
	err_release(&err);
	return code;
}

static int run_gate(int argc, const char **argv, const struct cmd_ctx *ctx)
{
	struct gate_opts opts = { 0 };
	int code, nr = cmd_parse(&cmd_gate_entry, argc, argv, &opts, &code);

	if (nr >= 0)
		code = gate_run(&opts, nr, argv, ctx);
	strlist_release(&opts.reports);
	strlist_release(&opts.outputs);
	return code;
}

const struct cmd_entry cmd_gate_entry = {
	.name = "gate",
	.summary = "one verdict from Checkov, Trivy, SARIF and SonarQube results",
	.usage = GATE_USAGE,
	.description =
	"Reads every report given with --report (or as an argument): Checkov\n"
	"JSON, Trivy JSON (any schema, k8s reports too), SARIF 2.1.0 from any\n"
	"tool, SonarQube Web API responses saved to files (issues/search and\n"
	"hotspots/search pages, qualitygates/project_status) and\n"
	"report-task.txt, and the generic issue import -o sonar writes.  The\n"
	"format is proven by the content's keys; another tool's report (tfsec,\n"
	"semgrep, ...) is refused, naming how to export SARIF instead; so is a\n"
	"proven report that cannot be read whole (a findings list of the wrong\n"
	"type, a SARIF run without results, a summary counting failures it does\n"
	"not list, a severity or status given twice).  UTF-16 with a BOM is\n"
	"read.  The same finding from two reports counts once, the worse copy\n"
	"kept.  Reports are streamed, never loaded whole.  --sonar fetches the\n"
	"same from a live SonarQube (quality gate, unresolved issues, hotspots to\n"
	"review, every page, past the 10,000-result cap by splitting the query),\n"
	"after waiting for the analysis when given the scanner's\n"
	"report-task.txt; the token comes from SONAR_TOKEN.\n"
	"\n"
	"The policy (--policy FILE, else policies/gate.yaml at the repository\n"
	"root, else the built-in default: fail on any critical or high finding,\n"
	"warn above 20 medium) is applied with the overrides of --env, its\n"
	"waivers and its baseline.  Every breach is a reason, spelled out.\n"
	"\n"
	"Outputs: -o FMT:FILE, repeatable, FMT one of text, json (schema\n"
	"mds-infra/gate/v1), sarif, junit, markdown, sonar (generic issue\n"
	"import); -o FMT alone writes to standard output; without -o the text\n"
	"summary goes to standard output; FILE '-' is standard output too.\n"
	"Files are written atomically, all or none, into existing directories.\n"
	"\n"
	"Exit status: 0 PASS or WARN, 1 FAIL, 2 a report, the policy, the\n"
	"baseline or the command line is invalid (nothing is written), 3 an\n"
	"output cannot be written or SonarQube cannot be reached or refuses.",
	.options = gate_options,
	.args_completion = "files",
	.run = run_gate,
};
