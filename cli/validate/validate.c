/*
 * validate_run: the checks of validate.h in order (stack and modules, the
 * modules' READMEs, then policies), each adding its problems to the report.  A
 * stack.yaml that does not load stops the input checks only: policies and
 * READMEs are still checked, so one run shows everything.
 */
#include "validate/validate.h"

#include <stdlib.h>
#include <string.h>

#include "stack/stack.h"
#include "util/fs.h"
#include "util/xalloc.h"
#include "validate/inputs.h"
#include "validate/modules.h"
#include "validate/policies.h"
#include "validate/readme.h"
#include "validate/report.h"

/* The distinct module directories that loaded, for the README check. */
static const char **module_dirs(const struct validate_modules *m, size_t *nr)
{
	const char **dirs = xcalloc(m->nr + 1, sizeof(*dirs));
	size_t i;

	*nr = 0;
	for (i = 0; i < m->nr; i++)
		if (m->items[i].state == VALIDATE_MODULE_OK)
			dirs[(*nr)++] = m->items[i].dir;
	return dirs;
}

static void check_stack(struct validate_report *r, const struct stack *st,
			unsigned checks)
{
	struct validate_modules mods = VALIDATE_MODULES_INIT;
	const char **dirs;
	size_t nr_dirs;

	r->nr_envs = st->nr_envs;
	r->nr_components = st->nr_components;
	validate_modules_load(&mods, r, st);
	r->nr_modules = mods.nr;
	if (checks & VALIDATE_INPUTS)
		validate_inputs(r, st, mods.of);
	if (checks & VALIDATE_READMES) {
		dirs = module_dirs(&mods, &nr_dirs);
		r->nr_readmes = validate_readmes(r, dirs, nr_dirs);
		free(dirs);
	}
	validate_modules_release(&mods);
}

void validate_run(struct validate_report *out, const char *stack_path,
		  unsigned checks)
{
	struct stack *st = NULL;
	struct err load_err = ERR_INIT;
	char *root = fs_dirname(stack_path);

	if (stack_load(&st, stack_path, &load_err) < 0)
		validate_report_error(out, stack_path, &load_err);
	else
		check_stack(out, st, checks);
	if (checks & VALIDATE_POLICIES)
		out->nr_policies = validate_policies(out, root, st);
	stack_free(st);
	err_release(&load_err);
	free(root);
}
