#ifndef VALIDATE_MODULES_H
#define VALIDATE_MODULES_H

/*
 * The modules of a stack, each read once however many components use it.
 * A module directory that does not exist (or holds no .tf file) is a
 * problem at the component's `module:` line (with a "did you mean" among
 * its siblings); a .tf file that does not parse is a fatal problem at its
 * own FILE:LINE:COL.
 */
#include "stack/stack.h"
#include "validate/module.h"
#include "validate/validate.h"

struct validate_modules {
	struct validate_module *items;	/* distinct modules */
	size_t nr, alloc;
	/* per component (indexed like st->components): into items */
	const struct validate_module **of;
};

#define VALIDATE_MODULES_INIT { NULL, 0, 0, NULL }

void validate_modules_load(struct validate_modules *out,
			   struct validate_report *r, const struct stack *st);
void validate_modules_release(struct validate_modules *m);

#endif
