#ifndef VALIDATE_VALUES_SHAPE_H
#define VALIDATE_VALUES_SHAPE_H

/*
 * The key paths a module gives a Helm chart: the shape of the HCL
 * expression that `yamlencode()` turns into the release's values, read
 * from source text without evaluating anything.
 *
 *	{ a = { b = 1 }, "c.d" = x }         keys a, a.b, c.d
 *	merge({ a = 1 }, cond ? {} : { b })  keys a, b (every branch counts)
 *	local.name                           the local's own shape
 *
 * Anything else (a variable, a function call other than merge, a list, a
 * `for` expression) is a leaf: its key is checked, what lies below it is
 * not.  Every key keeps the position of its name in the .tf file.
 */
#include <stddef.h>

#include "hcl/hcl.h"
#include "util/err.h"

struct values_key {
	char *name;
	char *file;		/* borrowed from the hcl_file */
	unsigned line, col;
	struct values_key *children;
	size_t nr, alloc;
	int object;		/* written as an object constructor */
};

/* The locals a values expression may refer to (every `locals` block). */
struct values_local {
	const struct hcl_node *attr;
	const char *file;
};

struct values_locals {
	struct values_local *items;
	size_t nr, alloc;
};

#define VALUES_LOCALS_INIT { NULL, 0, 0 }

void values_locals_add(struct values_locals *l, const struct hcl_file *f);
void values_locals_release(struct values_locals *l);
const struct hcl_node *values_locals_find(const struct values_locals *l,
					  const char *name, const char **file);

/*
 * Reads the shape of `expr` (an attribute's expression, at `pos` in
 * `file`) into `root` (its children are the top-level keys).  ERR_INPUT
 * with FILE:LINE:COL when the text is not an expression this reader
 * understands (an unterminated string, unbalanced brackets).
 */
int values_shape(struct values_key *root, const char *file,
		 const char *expr, struct hcl_pos pos,
		 const struct values_locals *locals, struct err *err);
void values_key_release(struct values_key *k);

#endif
