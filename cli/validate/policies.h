#ifndef VALIDATE_POLICIES_H
#define VALIDATE_POLICIES_H

/*
 * Every policies/ *.yaml (and *.yml) under `root` loads: gate.yaml through
 * the gate policy loader, plan.yaml through the plan policy loader, any
 * other file as YAML.  A file that does not load is a fatal problem at the
 * loader's FILE:LINE:COL.  With a stack (`st` not NULL), the environment
 * and component names the policies use must exist (policy_refs.h).  No
 * policies directory means nothing to check.
 * Returns how many files were checked.
 */
#include <stddef.h>

#include "stack/stack.h"
#include "validate/validate.h"

#define VALIDATE_POLICY_DIR "policies"

size_t validate_policies(struct validate_report *r, const char *root,
			 const struct stack *st);

#endif
