#ifndef VALIDATE_INPUTS_H
#define VALIDATE_INPUTS_H

/*
 * The input checks of validate (see validate.h), on a loaded stack and its
 * modules read already: `mods` is indexed like st->components (components
 * that share a module share the pointer).  Modules in state MISSING or
 * BROKEN are skipped (they were reported when loaded), so that one mistake
 * does not cascade into a screen of errors.  Problems go to `r`, sorted by
 * their position in the stack file.
 */
#include "stack/stack.h"
#include "validate/module.h"
#include "validate/validate.h"

void validate_inputs(struct validate_report *r, const struct stack *st,
		     const struct validate_module *const *mods);

#endif
