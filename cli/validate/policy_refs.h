#ifndef VALIDATE_POLICY_REFS_H
#define VALIDATE_POLICY_REFS_H

/*
 * Names a policy uses that the stack must define: environments (plan.yaml
 * `environments: [..]`, gate.yaml `environments: {NAME: ..}` and its
 * waivers' `environments: [..]`) and the components of plan.yaml's
 * "component:glob" allow_destroy entries.  A name the stack lacks would
 * make the rule silently match nothing, so it is a problem at the policy's
 * FILE:LINE:COL with a "did you mean".  Called on a policy that loaded,
 * with a stack that loaded (`st` must not be NULL).
 */
#include "stack/stack.h"
#include "validate/validate.h"

void validate_policy_refs(struct validate_report *r, const char *path,
			  const char *name, const struct stack *st);

#endif
