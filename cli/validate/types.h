#ifndef VALIDATE_TYPES_H
#define VALIDATE_TYPES_H

/*
 * Whether a YAML value can be given to a Terraform variable of a declared
 * type, by the conversions Terraform itself applies to inputs (a number or
 * a bool converts to a string; "3" converts to a number; "true" to a bool;
 * nothing converts between scalars, lists and maps).  Only the outer shape
 * is checked: element and attribute types are left to Terraform, and a type
 * this does not know (any, or an expression) accepts everything.
 */
#include "util/yaml.h"

/*
 * NULL when `value` fits `type` (the `type` attribute's source text, or
 * NULL when the variable has none), else what the value is ("a list", "a
 * mapping", "a boolean", "a number", "a string").  `is_template`: the
 * value is a string with ${...} in it, whose content is not known yet.
 */
const char *validate_type_mismatch(const char *type,
				   const struct yaml_node *value,
				   int is_template);

#endif
