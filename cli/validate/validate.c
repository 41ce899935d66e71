/*
 * validate_run: the checks of validate.h in order (stack and modules, the
 * modules' READMEs, then policies), each adding its problems to the report.  A
 * stack.yaml that does not load stops the input checks only: policies and
 * READMEs are still checked, so one run shows everything.
 */
#include "validate/validate.h"

#include <stdlib.h>

#include "stack/stack.h"
#include "util/fs.h"
#include "validate/charts.h"
#include "validate/inputs.h"
#include "validate/modules.h"
#include "validate/pins.h"
#include "validate/policies.h"
#include "validate/providers.h"
#include "validate/readme.h"
#include "validate/report.h"

static void check_stack(struct validate_report *r, const struct stack *st,
			const char *root, unsigned checks,
			const struct validate_options *opts)
{
	struct validate_modules mods = VALIDATE_MODULES_INIT;

	r->nr_envs = st->nr_envs;
	r->nr_components = st->nr_components;
	validate_modules_load(&mods, r, st);
	r->nr_modules = mods.nr;
	if (checks & VALIDATE_INPUTS) {
		size_t from = r->nr;

		validate_inputs(r, st, mods.of);
		validate_providers(r, st, mods.of);
		validate_pins(r, st, mods.of);
		/* one order for every stack.yaml problem */
		validate_report_finish(r, from, NULL, 0);
	}
	if (checks & VALIDATE_READMES)
		r->nr_readmes = validate_readmes(r, root, &mods);
	if (opts && opts->charts_dir)
		r->nr_releases = validate_charts(r, st, &mods,
						 opts->charts_dir);
	validate_modules_release(&mods);
}

void validate_run(struct validate_report *out, const char *stack_path,
		  unsigned checks)
{
	validate_run_opts(out, stack_path, checks, NULL);
}

void validate_run_opts(struct validate_report *out, const char *stack_path,
		       unsigned checks, const struct validate_options *opts)
{
	struct stack *st = NULL;
	struct err load_err = ERR_INIT;
	char *root = fs_dirname(stack_path);

	if (stack_load(&st, stack_path, &load_err) == 0) {
		check_stack(out, st, root, checks, opts);
	} else {
		validate_report_error(out, stack_path, &load_err);
		if (checks & VALIDATE_READMES)
			out->nr_readmes = validate_readmes(out, root, NULL);
	}
	if (checks & VALIDATE_POLICIES)
		out->nr_policies = validate_policies(out, root, st);
	stack_free(st);
	err_release(&load_err);
	free(root);
}
