#ifndef RUN_STACKUNITS_H
#define RUN_STACKUNITS_H

#include "run/units.h"
#include "stack/stack.h"

/*
 * The run_set of environment `env` of a loaded stack: its components in
 * the stack's topological order, their dependencies, the string mock
 * outputs of each one's dependencies, the rendered files of the
 * environment (root.hcl and env.hcl included) and the stack file.
 * ERR_NOTFOUND (naming the defined environments) for an unknown env.
 */
int units_from_stack(struct run_set *out, const struct stack *st,
		     const char *env, struct err *err);

#endif
