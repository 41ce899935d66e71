#ifndef VCS_AFFECTED_H
#define VCS_AFFECTED_H

/*
 * Which environments x components a set of changed paths affects: what
 * `changed` prints, what `hook pre-commit` checks and what CI plans.
 *
 *  - a path under a component's module directory, or under a local
 *    module that one sources (`source = "../common"`, followed
 *    transitively), affects that component in every environment;
 *  - terragrunt/<env>/<component>/... affects that pair, terragrunt/<env>/
 *    env.hcl (any file directly in an environment) the whole environment,
 *    terragrunt/root.hcl (any file directly in terragrunt/) everything;
 *  - an edit of the stack file affects exactly the pairs whose rendered
 *    files differ between the old and the new stack (both rendered in
 *    memory), so a comment or a reordering affects nothing; without an
 *    old stack (a new file, or one that did not load) everything;
 *  - policies/... is listed, and marks every environment (gate and plan
 *    verdicts may change) without marking components;
 * then every component depending on a marked one is marked in the same
 * environment.  Paths are relative to the repository root; `prefix` is
 * the stack directory's path in it ("" or "infra/").
 */
#include <stddef.h>

#include "stack/stack.h"
#include "util/err.h"

struct affected {
	const struct stack *st;		/* borrowed: the new stack */
	/* [env * st->nr_components + component]: 1 when affected */
	unsigned char *mark;
	unsigned char *env_mark;	/* per environment */
	char **policies;		/* changed policy files, repo-relative */
	size_t nr_policies, alloc_policies;
	/* "env/component" of components the change removes */
	char **removed;
	size_t nr_removed, alloc_removed;
	int stack_changed;
};

#define AFFECTED_INIT { 0 }

struct affected_input {
	const struct stack *st;		/* the new side, loaded */
	/* the old stack: NULL when there was none or it did not load */
	const struct stack *old;
	const char *prefix;		/* stack dir in the repo, "" or "x/" */
	const char *stack_rel;		/* the stack file, repo-relative */
	char *const *paths;
	size_t nr;
};

/* Fills *out (caller releases).  ERR_INPUT when a stack does not render. */
int affected_compute(struct affected *out, const struct affected_input *in,
		     struct err *err);
void affected_release(struct affected *a);

/* Marked pairs in all. */
size_t affected_count(const struct affected *a);

/* A '/'-path with "." and ".." segments resolved and no trailing '/'
 * ("" for the top; NULL when ".." climbs out).  Caller frees. */
char *affected_normalize(const char *path);

#endif
