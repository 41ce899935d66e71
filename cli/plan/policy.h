#ifndef PLAN_POLICY_H
#define PLAN_POLICY_H

/*
 * Plan policy (policies/plan.yaml, version 1), checked on every plan before
 * it is saved for apply:
 *
 *	version: 1
 *	protected:                   # rules for protected environments
 *	  deny_destroy: true         # no delete or replace of managed resources
 *	  allow_destroy:             # ... except these address globs (fnmatch);
 *	    - "minio_bucket.scratch_*"   # "component:glob" limits one to a component
 *	    - "flink:helm_release.*"
 *	  deny_mock_outputs: true    # no plan computed against mock outputs
 *	environments: [prod]         # optional: which environments are protected
 *	                             # (default: the stack's `protected: true`)
 *
 * Without a file the built-in default is the above with no allow_destroy.
 */
#include <stddef.h>

#include "run/tg.h"
#include "run/units.h"
#include "util/err.h"

struct plan_policy {
	int deny_destroy;
	int deny_mock_outputs;
	char **allow_destroy;
	size_t nr_allow;
	char **environments;	/* NULL: use the stack's protected flag */
	size_t nr_envs;
	char *source;		/* file name, or "built-in default" */
};

#define PLAN_POLICY_INIT { 1, 1, NULL, 0, NULL, 0, NULL }

struct plan_violation {
	char *component;
	char *address;		/* NULL for a component-wide violation */
	const char *rule;	/* "deny_destroy", "deny_mock_outputs" */
	char *message;
};

struct plan_violations {
	struct plan_violation *v;
	size_t nr, alloc;
};

#define PLAN_VIOLATIONS_INIT { NULL, 0, 0 }

/* Loads `path`; ERR_NOTFOUND if absent (callers fall back to the default),
 * ERR_INPUT "FILE:L:C: what" for bad content. */
int plan_policy_load(struct plan_policy *out, const char *path,
		     struct err *err);
void plan_policy_default(struct plan_policy *out);
struct stack;
/* ERR_INPUT "did you mean" for an `environments:` name the stack lacks. */
int plan_policy_check_envs(const struct plan_policy *p,
			   const struct stack *st, struct err *err);
void plan_policy_release(struct plan_policy *p);

/* Whether the policy treats `set`'s environment as protected. */
int plan_policy_protects(const struct plan_policy *p, const struct run_set *set);

/* Appends the violations of the planned units to *out. */
void plan_policy_check(struct plan_violations *out, const struct plan_policy *p,
		       const struct run_set *set, const struct tg_result *res);
void plan_violations_release(struct plan_violations *v);

#endif
