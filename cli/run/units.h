#ifndef RUN_UNITS_H
#define RUN_UNITS_H

/*
 * What plan and apply run over: the components of one environment, each
 * with its rendered directory and its dependencies among the selected
 * components (a dependency outside the selection is taken as already
 * applied, as `terragrunt run` with a filter does).
 *
 * Built from the stack by units_from_stack() (run/stackunits.h).
 */
#include <stddef.h>

#include "util/err.h"

struct run_unit {
	char *name;
	char *dir;		/* absolute: <root>/terragrunt/<env>/<name> */
	char *module;		/* relative to the root, or NULL */
	size_t *deps;		/* indices into run_set.units */
	size_t nr_deps;
	/* string mock outputs of its dependencies: finding one in the plan
	 * means the plan was computed against a mock */
	char **mocks;
	size_t nr_mocks;
};

struct run_set {
	char *env;
	int protected;
	char *root;		/* absolute directory holding terragrunt/ */
	char *stack_path;	/* absolute */
	struct run_unit *units;	/* in the stack's topological order */
	size_t nr, alloc;
	/* rendered files of the environment (relative to root, sorted),
	 * root.hcl and env.hcl included: the manifest digests them */
	char **files;
	size_t nr_files, alloc_files;
};

#define RUN_SET_INIT { 0 }

/* Index of a unit by name, or -1. */
long units_find(const struct run_set *set, const char *name);

/*
 * Keeps the units whose `keep[i]` is non-zero (array of set->nr), dropping
 * dependencies on units not kept; the order is kept.
 */
void units_filter(struct run_set *set, const char *keep);

/* Marks in keep[] every unit that depends (transitively) on a marked one. */
void units_add_dependents(const struct run_set *set, char *keep);

void run_set_release(struct run_set *set);

#endif
