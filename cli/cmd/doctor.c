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
#include "run/proc.h"
#include "util/msg.h"
#include "util/xalloc.h"

#define DOCTOR_USAGE "doctor [JOB...]"

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
	int dummy;
};

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

		for (j = 0; jobs[j] && strcmp(jobs[j], argv[i]); j++)
			;
		if (!jobs[j])
			return cmd_usage_error(&cmd_doctor_entry,
					       "unknown job '%s' (plan, apply, scan, pre-commit, "
					       "jenkinsfile, render, validate, gate, jenkins)",
					       argv[i]);
	}
	return 0;
}

/* Prints one tool's line; returns 1 when it is needed and not usable. */
static int report_tool(const struct tool *t, int need, int *have_engine)
{
	const char *tg = getenv("MDS_TERRAGRUNT");
	int broken = 0, bad = 0;
	char *version = tool_version(t, &broken);

	if (version && broken) {
		printf("%-8s %-11s %s\n", need ? "BROKEN" : "broken", t->name,
		       version);
		bad = need;
	} else if (version) {
		printf("ok       %-11s %s\n", t->name, version);
		if (!strcmp(t->name, "terraform") || !strcmp(t->name, "tofu"))
			*have_engine = 1;
	} else if (!strcmp(t->name, "terragrunt") && tg && *tg) {
		printf("%-8s %-11s MDS_TERRAGRUNT=%s cannot be run\n",
		       need ? "MISSING" : "absent", t->name, tg);
		bad = need;
	} else {
		printf("%-8s %-11s install: %s\n", need ? "MISSING" : "absent",
		       t->name, t->install);
		bad = need;
	}
	free(version);
	return bad;
}

static int run_doctor(int argc, const char **argv, const struct cmd_ctx *ctx)
{
	static const char *const all[] = { "plan", "apply", "scan", "pre-commit",
					   "jenkinsfile" };
	struct doctor_opts opts = { 0 };
	int code, nr = cmd_parse(&cmd_doctor_entry, argc, argv, &opts, &code);
	int missing = 0, have_engine = 0;
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
	for (i = 0; i < ARRAY_SIZE(tools); i++)
		missing += report_tool(&tools[i], needed(&tools[i], nr, argv),
				       &have_engine);
	if (engine_needed(nr, argv) && !have_engine) {
		printf("MISSING  terraform or tofu (plan and apply need one)\n");
		missing++;
	}
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
	"missing.",
	.run = run_doctor,
};
