#ifndef VALIDATE_README_H
#define VALIDATE_README_H

/*
 * The README.md of every module has a current generated inputs/outputs
 * table, as `docs --check` decides it (hcl/readme.h): the modules are
 * those the stack deploys (`mods`, NULL when the stack did not load) and
 * every subdirectory of ROOT/terraform/modules, as `docs` finds them, each
 * once; modules of `mods` that are missing or broken were reported already
 * and are skipped.  A stale or
 * missing table is a problem at the README (at its BEGIN marker when there
 * is one); markers out of order, a README that cannot be read or a module
 * outside the stack that does not parse are fatal.  Returns how many
 * READMEs were checked.
 */
#include <stddef.h>

#include "validate/modules.h"
#include "validate/validate.h"

#define VALIDATE_MODULES_DIR "terraform/modules"

size_t validate_readmes(struct validate_report *r, const char *root,
			const struct validate_modules *mods);

#endif
