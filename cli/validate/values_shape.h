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
 * not.  Every key keeps the position of its name in the .tf file, and the
 * form of its value where the source shows it (values_form).
 */
#include <stddef.h>

#include "hcl/hcl.h"
#include "util/err.h"

/*
 * What a key's value is, when the source says so by itself: one object
 * constructor or merge(), one list literal or list function (concat,
 * compact, flatten, tolist), one string literal, heredoc or string function
 * (join, format, trimprefix, ...), a number or true/false, or a local that
 * is one of those.  A variable, a conditional or an operator: unknown.
 */
enum values_form {
	VALUES_FORM_UNKNOWN,
	VALUES_FORM_OBJECT,
	VALUES_FORM_LIST,
	VALUES_FORM_STRING,
	VALUES_FORM_NUMBER,
	VALUES_FORM_BOOL,
};

struct values_key {
	char *name;
	char *file;		/* borrowed from the hcl_file */
	unsigned line, col;
	struct values_key *children;
	size_t nr, alloc;
	int object;		/* written as an object constructor */
	enum values_form form;
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

void values_shape_locals_add(struct values_locals *l, const struct hcl_file *f);
void values_shape_locals_release(struct values_locals *l);
const struct hcl_node *values_shape_locals_find(const struct values_locals *l,
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
void values_shape_release(struct values_key *k);

#endif
