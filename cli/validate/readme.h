#ifndef VALIDATE_README_H
#define VALIDATE_README_H

/*
 * The README of every module directory in `dirs` has a current generated
 * inputs/outputs table (the check of `docs --check`).  A stale or missing
 * table is a problem at the README; a README that cannot be read is fatal.
 * Returns how many READMEs were checked.
 */
#include <stddef.h>

#include "validate/validate.h"

size_t validate_readmes(struct validate_report *r, const char *const *dirs,
			size_t nr);

#endif
