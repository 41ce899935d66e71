/*
 * doctor: which external tools are here, their versions, and how to get the
 * missing ones.  `doctor JOB...` checks only what those jobs need; the exit
 * code is 3 when a needed tool is missing, so scripts can gate on it.
 *
 * Versions come from each tool's own --version, run with a short timeout so
 * that a hung binary cannot hang the doctor.
 *
 * The list is what some command or jenkins/Jenkinsfile really runs:
 * terragrunt (plan, apply; $MDS_TERRAGRUNT when set, as plan uses it) over
 * terraform or tofu; checkov, trivy and sonar-scanner (the Jenkinsfile's
 * scan stages, whose reports gate reads); git and pre-commit (the hooks);
 * groovy (the Jenkinsfile's syntax test); tflint only for the optional
 * pre-commit hook, so it is never required.
 */
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "cmd/json_out.h"
#include "run/proc.h"
#include "util/msg.h"
#include "util/suggest.h"
#include "util/xalloc.h"

#define DOCTOR_USAGE "doctor [JOB...] [--json]"

struct tool {
	const char *name;
	const char *version_arg;
	const char *jobs;	/* space-separated jobs that need it */
	const char *install;
};

/*
 * plan and apply need terragrunt and one of terraform/tofu; that "one of" is
 * written as the job "plan-engine" and checked separately below.
 */
static const struct tool tools[] = {
	{ "terragrunt", "--version", "plan apply",
	  "https://terragrunt.gruntwork.io/docs/getting-started/install/ (or set MDS_TERRAGRUNT)" },
	{ "terraform", "version", "",
	  "https://developer.hashicorp.com/terraform/install (or use tofu)" },
	{ "tofu", "--version", "",
	  "https://opentofu.org/docs/intro/install/ (or use terraform)" },
	{ "checkov", "--version", "scan", "pipx install checkov" },
	{ "trivy", "--version", "scan",
	  "https://trivy.dev/latest/getting-started/installation/" },
	{ "sonar-scanner", "--version", "scan",
	  "https://docs.sonarsource.com/sonarqube/latest/analyzing-source-code/scanners/sonarscanner/" },
	{ "tflint", "--version", "",
	  "https://github.com/terraform-linters/tflint#installation (optional pre-commit hook)" },
	{ "git", "--version", "pre-commit", "apt-get install git" },
	{ "pre-commit", "--version", "pre-commit", "apt-get install pre-commit" },
	{ "groovy", "--version", "jenkinsfile", "apt-get install groovy" },
};

static const char *const jobs[] = {
	"plan", "apply", "scan", "pre-commit", "jenkinsfile", "render",
	"validate", "gate", "jenkins", NULL
};

struct doctor_opts {
	int json;
};

static const struct opt_spec doctor_options[] = {
	OPT_BOOL(0, "json", struct doctor_opts, json,
		 "print the tools as one JSON document (mds-infra/doctor/v1)"),
	OPT_END()
};

/* One tool's line: text now, or an entry of the --json document. */
static void report_tool(json_t *list, const struct tool *t, const char *state,
			int need, const char *version)
{
	if (list) {
		json_array_append_new(list, json_pack("{s:s, s:s, s:b, s:o, s:o}",
			"name", t->name, "state", state, "needed", need,
			"version", json_out_str(version),
			"install", json_out_str(strcmp(state, "missing") ?
						NULL : t->install)));
		return;
	}
	if (!strcmp(state, "ok"))
		printf("ok       %-11s %s\n", t->name, version);
	else if (!strcmp(state, "broken"))
		printf("%-8s %-11s %s\n", need ? "BROKEN" : "broken", t->name,
		       version);
	else if (!strcmp(t->name, "terragrunt") && getenv("MDS_TERRAGRUNT") &&
		 *getenv("MDS_TERRAGRUNT"))
		printf("%-8s %-11s MDS_TERRAGRUNT=%s cannot be run\n",
		       need ? "MISSING" : "absent", t->name,
		       getenv("MDS_TERRAGRUNT"));
	else
		printf("%-8s %-11s install: %s\n", need ? "MISSING" : "absent",
		       t->name, t->install);
}

static void print_json(json_t *tools_list, int argc, const char **argv,
		       int engine_missing, int missing)
{
	json_t *doc = json_out_new(JSON_OUT_SCHEMA("doctor"));
	json_t *jobs_list = json_array();
	int i;

	for (i = 0; i < argc; i++)
		json_array_append_new(jobs_list, json_string(argv[i]));
	json_object_set_new(doc, "jobs", jobs_list);
	json_object_set_new(doc, "tools", tools_list);
	json_object_set_new(doc, "engine_missing", json_boolean(engine_missing));
	json_object_set_new(doc, "missing", json_integer(missing));
	json_out_print(doc);
}

static int job_needs(const char *job, const struct tool *t)
{
	size_t len = strlen(job);
	const char *p = t->jobs;

	while ((p = strstr(p, job))) {
		if ((p == t->jobs || p[-1] == ' ') && (p[len] == ' ' || !p[len]))
			return 1;
		p += len;
	}
	return 0;
}

/*
 * First line of `tool --version`, or NULL when it cannot be run.  A tool that
 * runs but fails (groovy without a JVM) is reported as broken with its words.
 */
static char *tool_version(const struct tool *t, int *broken)
{
	const char *tg = getenv("MDS_TERRAGRUNT");
	const char *argv[] = { t->name, t->version_arg, NULL };
	struct proc_result res = PROC_RESULT_INIT;
	struct err err = ERR_INIT;
	struct buf *b;
	char *line = NULL;

	if (!strcmp(t->name, "terragrunt") && tg && *tg)
		argv[0] = tg;	/* what plan and apply will run */
	if (proc_capture(&res, argv, NULL, NULL, 10000, &err) == 0) {
		*broken = !res.exited || res.status != 0;
		b = res.out.len && (!*broken || !res.errout.len) ? &res.out :
			&res.errout;
		line = xstrndup(b->ptr, strcspn(b->ptr, "\n"));
	}
	proc_result_release(&res);
	err_release(&err);
	return line;
}

static int needed(const struct tool *t, int argc, const char **argv)
{
	int i;

	for (i = 0; i < argc; i++)
		if (job_needs(argv[i], t))
			return 1;
	return 0;
}

static int engine_needed(int argc, const char **argv)
{
	int i;

	for (i = 0; i < argc; i++)
		if (!strcmp(argv[i], "plan") || !strcmp(argv[i], "apply"))
			return 1;
	return 0;
}

static int check_jobs(int argc, const char **argv)
{
	int i;

	for (i = 0; i < argc; i++) {
		size_t j;
		const char *hint;

		for (j = 0; jobs[j] && strcmp(jobs[j], argv[i]); j++)
			;
		if (jobs[j])
			continue;
		hint = suggest_closest(argv[i], jobs, j);
		return cmd_usage_error(&cmd_doctor_entry,
				       "unknown job '%s' (%s%s%splan, apply, scan, pre-commit, "
				       "jenkinsfile, render, validate, gate or jenkins)",
				       argv[i], hint ? "did you mean '" : "",
				       hint ? hint : "", hint ? "'? " : "");
	}
	return 0;
}

static int run_doctor(int argc, const char **argv, const struct cmd_ctx *ctx)
{
	static const char *const all[] = { "plan", "apply", "scan", "pre-commit",
					   "jenkinsfile" };
	struct doctor_opts opts = { 0 };
	int code, nr = cmd_parse(&cmd_doctor_entry, argc, argv, &opts, &code);
	int missing = 0, have_engine = 0, engine_missing;
	json_t *list;
	size_t i;

	(void)ctx;
	if (nr < 0)
		return code;
	if ((code = check_jobs(nr, argv)))
		return code;
	if (!nr) {
		argv = (const char **)all;
		nr = (int)ARRAY_SIZE(all);
	}
	list = opts.json ? json_array() : NULL;
	for (i = 0; i < ARRAY_SIZE(tools); i++) {
		int broken = 0;
		char *version = tool_version(&tools[i], &broken);
		int need = needed(&tools[i], nr, argv);
		const char *state = !version ? "missing" : broken ? "broken" : "ok";

		report_tool(list, &tools[i], state, need, version);
		missing += need && strcmp(state, "ok");
		if (!strcmp(state, "ok") && (!strcmp(tools[i].name, "terraform") ||
					     !strcmp(tools[i].name, "tofu")))
			have_engine = 1;
		free(version);
	}
	engine_missing = engine_needed(nr, argv) && !have_engine;
	if (engine_missing && !list)
		printf("MISSING  terraform or tofu (plan and apply need one)\n");
	missing += engine_missing;
	if (list)
		print_json(list, nr, argv, engine_missing, missing);
	if (missing)
		msg_error("%d tool%s needed by the requested jobs %s missing",
			  missing, missing == 1 ? "" : "s",
			  missing == 1 ? "is" : "are");
	return missing ? EXIT_ENV : EXIT_OK;
}

const struct cmd_entry cmd_doctor_entry = {
	.name = "doctor",
	.summary = "show which external tools are present and what is missing",
	.usage = DOCTOR_USAGE,
	.description =
	"Prints each external tool with its version, or how to install it.\n"
	"JOB limits the check to what those jobs need: plan, apply (terragrunt\n"
	"and terraform or tofu; terragrunt is $MDS_TERRAGRUNT when set, as for\n"
	"plan), scan (checkov, trivy, sonar-scanner: they write the reports\n"
	"gate reads), pre-commit (git, pre-commit: running the repository's\n"
	"hooks), jenkinsfile (groovy); render, validate, gate and jenkins need\n"
	"none.  Without JOB every job is checked.  Exit 3 when a needed tool is\n"
	"missing.  --json prints the same as one document (schema\n"
	"mds-infra/doctor/v1, docs/json.md): state ok, broken or missing.",
	.options = doctor_options,
	.args_completion = "words:plan,apply,scan,pre-commit,jenkinsfile,"
			   "render,validate,gate,jenkins",
	.run = run_doctor,
};
