/*
 * validate: stack.yaml, the modules it deploys, the module READMEs and the
 * policies agree with each other (cli/validate/ does the checks).  Every
 * problem is one line on stdout, `FILE:LINE:COL: error: what`, followed by
 * a `note:` line where the module declares the variable or output it is
 * about, as compilers print them, so that editors and CI can jump to both.
 *
 * Exit 0 when all is consistent, 1 when something disagrees, 2 when a file
 * could not be read or parsed (everything is still checked and shown).
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "cmd/json_out.h"
#include "util/msg.h"
#include "util/xalloc.h"
#include "validate/validate.h"

struct validate_opts {
	int json;
	const char *charts;
};

static const struct opt_spec validate_options[] = {
	OPT_BOOL(0, "json", struct validate_opts, json,
		 "print the problems as one JSON document (mds-infra/validate/v1)"),
	OPT_STRING(0, "charts", struct validate_opts, charts, "DIR",
		   "also check every Helm values key against DIR/<chart>/<version>/"),
	OPT_END()
};

/* `path` relative to the working directory when it lies below it. */
static char *display_path(const char *path)
{
	char *cwd = getcwd(NULL, 0);
	size_t len = cwd ? strlen(cwd) : 0;
	char *res;

	if (cwd && len > 1 && !strncmp(path, cwd, len) && path[len] == '/')
		res = xstrdup(path + len + 1);
	else
		res = xstrdup(path);
	free(cwd);
	return res;
}

static void print_at(FILE *out, const char *file, unsigned line,
		     unsigned col, const char *level, const char *msg)
{
	if (line && col)
		fprintf(out, "%s:%u:%u: %s: %s\n", file, line, col, level, msg);
	else if (line)
		fprintf(out, "%s:%u: %s: %s\n", file, line, level, msg);
	else
		fprintf(out, "%s: %s: %s\n", file, level, msg);
}

static void print_report(const struct validate_report *r)
{
	size_t i;

	for (i = 0; i < r->nr; i++) {
		const struct validate_problem *p = &r->items[i];

		print_at(stdout, p->file, p->line, p->col,
			 p->warning ? "warning" : "error", p->msg);
		if (p->note)
			print_at(stdout, p->note_file, p->note_line,
				 p->note_col, "note", p->note);
	}
}

static json_t *json_at(const char *file, unsigned line, unsigned col,
		       const char *msg)
{
	return json_pack("{s:s, s:I, s:I, s:s}", "file", file,
			 "line", (json_int_t)line, "column", (json_int_t)col,
			 "message", msg);
}

static void print_json(const struct validate_report *r, const char *stack)
{
	json_t *doc = json_out_new(JSON_OUT_SCHEMA("validate"));
	json_t *problems = json_array();
	size_t i;

	for (i = 0; i < r->nr; i++) {
		const struct validate_problem *p = &r->items[i];
		json_t *o = json_at(p->file, p->line, p->col, p->msg);

		json_object_set_new(o, "fatal", json_boolean(p->fatal));
		json_object_set_new(o, "warning", json_boolean(p->warning));
		json_object_set_new(o, "note", p->note ?
				    json_at(p->note_file, p->note_line,
					    p->note_col, p->note) : json_null());
		json_array_append_new(problems, o);
	}
	json_object_set_new(doc, "stack", json_string(stack));
	json_object_set_new(doc, "consistent", json_boolean(r->nr == r->nr_warnings));
	json_object_set_new(doc, "counts", json_pack(
		"{s:I, s:I, s:I, s:I, s:I}",
		"environments", (json_int_t)r->nr_envs,
		"components", (json_int_t)r->nr_components,
		"modules", (json_int_t)r->nr_modules,
		"readmes", (json_int_t)r->nr_readmes,
		"policies", (json_int_t)r->nr_policies));
	json_object_set_new(doc, "problems", problems);
	json_out_print(doc);
}

static int summarize(const struct validate_report *r, const char *stack)
{
	size_t errors = r->nr - r->nr_warnings;

	if (errors) {
		msg_error("%zu problem%s found by validate", errors,
			  errors == 1 ? "" : "s");
		return r->nr_fatal ? EXIT_USAGE : EXIT_NEGATIVE;
	}
	if (r->nr_releases)
		msg_note("%zu Helm release%s checked against the charts",
			 r->nr_releases, r->nr_releases == 1 ? "" : "s");
	msg_note("%s is consistent: %zu environment%s x %zu component%s, "
		 "%zu module%s, %zu README%s, %zu polic%s",
		 stack, r->nr_envs, r->nr_envs == 1 ? "" : "s",
		 r->nr_components, r->nr_components == 1 ? "" : "s",
		 r->nr_modules, r->nr_modules == 1 ? "" : "s",
		 r->nr_readmes, r->nr_readmes == 1 ? "" : "s",
		 r->nr_policies, r->nr_policies == 1 ? "y" : "ies");
	return EXIT_OK;
}

static int run_validate(int argc, const char **argv, const struct cmd_ctx *ctx)
{
	struct validate_report report = VALIDATE_REPORT_INIT;
	struct validate_opts opts = { 0 };
	char *abs_path, *stack;
	int code, nr = cmd_parse(&cmd_validate_entry, argc, argv, &opts, &code);

	if (nr < 0)
		return code;
	if (nr > 0)
		return cmd_usage_error(&cmd_validate_entry,
				       "validate takes no arguments");
	abs_path = cmd_stack_path(ctx);
	stack = display_path(abs_path);
	validate_run_opts(&report, stack, VALIDATE_ALL,
			  &(struct validate_options){ opts.charts });
	if (opts.json)
		print_json(&report, stack);
	else
		print_report(&report);
	fflush(stdout);
	code = summarize(&report, stack);
	validate_report_release(&report);
	free(stack);
	free(abs_path);
	return code;
}

const struct cmd_entry cmd_validate_entry = {
	.name = "validate",
	.summary = "check that stack.yaml, policies and modules agree",
	.usage = "validate [--charts DIR] [--json]",
	.description =
	"Checks that stack.yaml, the modules it deploys, their READMEs and the\n"
	"policies agree.  For every environment x component: the inputs the\n"
	"stack renders cover every module variable without a default, name no\n"
	"variable the module lacks (with a \"did you mean\"), and have the\n"
	"outer shape the variable's type needs; every ${component.output} and\n"
	"every mock_outputs key names an output of the referenced module; the\n"
	"component's providers match the module's required_providers.  Each\n"
	"module README's generated table is current (as `docs --check` sees\n"
	"it), and every policies/*.yaml loads through its own loader and names\n"
	"only environments and components the stack defines.  A chart_version,\n"
	"image_tag or *_version the stack pins that differs from the module's\n"
	"default is a warning unless a \"# pin: reason\" comment ends its line\n"
	"or stands on the line above.  With --charts DIR, every key a module's\n"
	"helm_release values set must exist in DIR/<chart>/<version>/\n"
	"(values.yaml, values.schema.json, Values-Reference.md), reported at\n"
	"the .tf file:line that sets it.\n"
	"\n"
	"Each problem is one line on stdout, FILE:LINE:COL: error: what,\n"
	"followed by a note line where the module declares what it is about.\n"
	"Exit 0 when everything is consistent, 1 when something disagrees, 2\n"
	"when a file cannot be read or parsed (everything else is still\n"
	"checked and shown).  --json prints the same as one document\n"
	"(schema mds-infra/validate/v1, docs/json.md).",
	.options = validate_options,
	.run = run_validate,
};
