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
#include "util/msg.h"
#include "util/xalloc.h"
#include "validate/validate.h"

struct validate_opts {
	int dummy;
};

static const struct opt_spec validate_options[] = {
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

		print_at(stdout, p->file, p->line, p->col, "error", p->msg);
		if (p->note)
			print_at(stdout, p->note_file, p->note_line,
				 p->note_col, "note", p->note);
	}
}

static int summarize(const struct validate_report *r, const char *stack)
{
	if (r->nr) {
		msg_error("%zu problem%s found by validate", r->nr,
			  r->nr == 1 ? "" : "s");
		return r->nr_fatal ? EXIT_USAGE : EXIT_NEGATIVE;
	}
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
	validate_run(&report, stack, VALIDATE_ALL);
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
	.usage = "validate",
	.description =
		"Checks, for every environment x component of the stack, that the "
		"inputs stack.yaml renders cover every module variable without a "
		"default, name no variable the module lacks, and that every "
		"${component.output} names an output the referenced module "
		"declares; that mock_outputs name declared outputs; that each "
		"module README's generated inputs/outputs table is current; and "
		"that every policies/*.yaml loads.\n\n"
		"Each problem is printed on stdout as FILE:LINE:COL: error: what, "
		"followed by a note where the module declares the variable or "
		"output concerned.  Exit 0 when everything is consistent, 1 when "
		"something disagrees, 2 when a file cannot be read or parsed.",
	.options = validate_options,
	.run = run_validate,
};
