#ifndef VALIDATE_PINS_H
#define VALIDATE_PINS_H

/*
 * One source of truth for versions: a module's variable default is the
 * pinned version, and stack.yaml pins a different one only with a stated
 * reason.  A pin is an input called chart_version or image_tag, or one
 * whose name ends in _version, whose value is a literal; the reason is a
 * YAML comment starting with "pin:" at the end of the pin's line or on the
 * line just above it:
 *
 *	chart_version: "1.16.0"  # pin: Airflow 3 migration not done yet
 *
 * A pin that differs from the default without one is a warning (validate
 * still succeeds), once per component with the environments it affects.
 */
#include "stack/stack.h"
#include "validate/module.h"
#include "validate/validate.h"

void validate_pins(struct validate_report *r, const struct stack *st,
		   const struct validate_module *const *mods);

/* 1 when line `line` (1-based) of `text`, or the line above, states a
 * reason as described above. */
int validate_pin_has_reason(const char *text, unsigned line);

#endif
