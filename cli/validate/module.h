#ifndef VALIDATE_MODULE_H
#define VALIDATE_MODULE_H

/*
 * What validate needs to know of a Terraform module: its variables (name,
 * whether a default exists, position) and its outputs (name, position).
 * module.c fills it from the HCL reader (cli/hcl/); the checks in inputs.c
 * work on this struct only, so that they can be tested on hand-made tables.
 */
#include <stddef.h>

#include "util/err.h"

struct validate_decl {
	char *name;
	char *file;		/* the .tf file, as displayed */
	unsigned line, col;	/* of the block */
	int has_default;	/* variables only */
	char *type;		/* variables: `type` source text, or NULL */
	int sensitive;		/* `sensitive = true` was set */
};

enum validate_module_state {
	VALIDATE_MODULE_OK,
	VALIDATE_MODULE_MISSING,	/* no such directory */
	VALIDATE_MODULE_EMPTY,		/* a directory with no .tf file */
	VALIDATE_MODULE_BROKEN,		/* a .tf file did not parse */
};

struct validate_module {
	char *dir;		/* as displayed: stack dir + `module:` */
	enum validate_module_state state;
	struct validate_decl *vars;	/* in file order */
	size_t nr_vars, alloc_vars;
	struct validate_decl *outputs;
	size_t nr_outputs, alloc_outputs;
	/* the local names of terraform { required_providers { NAME = ... } } */
	struct validate_decl *providers;
	size_t nr_providers, alloc_providers;
};

/*
 * Reads the `variable` and `output` blocks of every .tf file in `dir`, and
 * the names its `required_providers` blocks declare.
 * A missing directory gives state MISSING and 0, one without .tf files
 * EMPTY and 0; a file that cannot be read or parsed gives state BROKEN and
 * a negative return with err set ("FILE:LINE:COL: what").  Caller
 * releases *out.
 */
int validate_module_load(struct validate_module *out, const char *dir,
			 struct err *err);
void validate_module_release(struct validate_module *m);

/* Appends a declaration (copies the strings); for module.c and tests. */
void validate_module_add(struct validate_decl **arr, size_t *nr,
			 size_t *alloc, const char *name, const char *file,
			 unsigned line, unsigned col, int has_default,
			 const char *type);

/* The declaration called `name`, or NULL. */
const struct validate_decl *validate_decl_find(const struct validate_decl *arr,
					       size_t nr, const char *name);

#endif
