#ifndef HCL_HCL_H
#define HCL_HCL_H
/*
 * A reader for the structural part of HCL native syntax (the language of
 * .tf files): bodies of attributes and blocks, with comments, quoted
 * strings and their ${ } / %{ } templates, heredocs and bracket nesting
 * understood well enough to find where each expression ends.  Expressions
 * are not evaluated: an attribute keeps its expression as raw source text.
 *
 * What is checked is what decides the structure: UTF-8, unterminated strings,
 * heredocs, comments and interpolations; unbalanced brackets; invalid
 * escapes; block and attribute syntax (labels, braces, the one-argument
 * single-line block, newlines after arguments and blocks); redefined
 * attributes; two operands on one line with no operator between them ("a =
 * 1 b = 2", "0x10"), and a lone '=' outside { }.  What is not checked is the
 * rest of the grammar inside an expression ("a = 1 +", "a = x ? y"): `terraform
 * validate` does that.  The reader never rejects what hclsyntax accepts
 * (the oracle test checks that on 1000 randomly damaged files).
 *
 * HashiCorp's hclsyntax package is the oracle: tests/oracle/hcldump.go
 * prints the same structure as hcl_dump_json() and the unit tests compare
 * both on every .tf file of the repository and on tests/fixtures/hcl/.
 *
 * Errors are ERR_INPUT with "FILE:LINE:COL: what" (1-based; columns count
 * UTF-8 characters, as HCL's do).
 */
#include <stddef.h>

#include "util/buf.h"
#include "util/err.h"

struct hcl_pos {
	unsigned line;		/* 1-based */
	unsigned col;		/* 1-based, in characters */
	size_t byte;		/* 0-based offset */
};

enum hcl_node_kind { HCL_ATTR, HCL_BLOCK };

struct hcl_node;

/* The items of a file or a block, in source order. */
struct hcl_body {
	struct hcl_node *nodes;
	size_t nr, alloc;
};

struct hcl_node {
	enum hcl_node_kind kind;
	char *name;		/* attribute name or block type */
	struct hcl_pos pos;	/* where the name starts */

	/* HCL_ATTR: the expression's source text, from its first character
	 * to the end of its last token (no trailing comment or blank). */
	char *expr;
	struct hcl_pos expr_pos;

	/* HCL_BLOCK: labels with quotes removed and escapes decoded. */
	char **labels;
	size_t nr_labels;
	struct hcl_body body;
};

struct hcl_file {
	char *path;
	struct hcl_body body;
};

#define HCL_FILE_INIT { NULL, { NULL, 0, 0 } }

/*
 * Parses `len` bytes of `src`; `path` is used in messages and kept.  On
 * error `out` is left empty (released).  `out` is the caller's to release.
 */
int hcl_parse(struct hcl_file *out, const char *path, const char *src,
	      size_t len, struct err *err);
/* Reads and parses a file. */
int hcl_parse_file(struct hcl_file *out, const char *path, struct err *err);
void hcl_file_release(struct hcl_file *f);

/* The attribute `name` directly in `body`, or NULL. */
const struct hcl_node *hcl_body_attr(const struct hcl_body *body,
				     const char *name);

/*
 * If `expr` is a string literal (a quoted string or a heredoc, without
 * interpolation or directive), appends its decoded value to `out` and
 * returns 1; returns 0 (out untouched) for anything else.  `<<-` heredocs
 * lose their common indentation, as in HCL.
 */
int hcl_string_literal(struct buf *out, const char *expr);

/*
 * The structure as canonical JSON, the format tests/oracle/hcldump prints:
 * {"attributes":{NAME:{"line":N,"expr":TEXT},...},"blocks":[{"type":T,
 * "labels":[...],"line":N,"body":{...}},...]} with attribute names sorted
 * bytewise and one trailing newline.
 */
void hcl_dump_json(struct buf *out, const struct hcl_file *f);

/*
 * The interface of a Terraform module: its `variable` and `output` blocks,
 * read from every *.tf file of a directory (files in name order, blocks in
 * source order).  Text fields are NULL when the attribute is absent.
 * Typical use (validate):
 *
 *	struct hcl_module m = HCL_MODULE_INIT;
 *
 *	if (hcl_module_load(&m, "terraform/modules/minio", &err))
 *		return err.code;	// message has FILE:LINE:COL
 *	for (size_t i = 0; i < m.nr_vars; i++)
 *		if (!m.vars[i].has_default && !given(m.vars[i].name))
 *			report("%s:%u: required input '%s' missing", ...);
 *	if (!hcl_module_variable(&m, key))	// unknown input: did you mean?
 *		suggest_closest(key, names_of(m.vars), m.nr_vars);
 *	hcl_module_release(&m);
 *
 * Lookups are linear: fine for a module's tens of names.
 */
struct hcl_variable {
	char *name;
	char *file;		/* path of the .tf file */
	struct hcl_pos pos;	/* of the block */
	int has_default;	/* a `default` attribute exists (even = null) */
	char *default_expr;	/* its source text, or NULL */
	char *type;		/* source text of `type`, e.g. "list(string)" */
	char *description;	/* decoded if a string literal, else source text */
	int sensitive;		/* sensitive = true */
	int nullable;		/* nullable (default true) */
	size_t nr_validations;
};

struct hcl_output {
	char *name;
	char *file;
	struct hcl_pos pos;
	char *description;
	int sensitive;
};

struct hcl_module {
	char *dir;
	struct hcl_variable *vars;
	size_t nr_vars, alloc_vars;
	struct hcl_output *outputs;
	size_t nr_outputs, alloc_outputs;
};

#define HCL_MODULE_INIT { NULL, NULL, 0, 0, NULL, 0, 0 }

/*
 * Loads the interface of the module in `dir`.  ERR_NOTFOUND if `dir` does
 * not exist or holds no .tf file; ERR_INPUT (FILE:LINE:COL) on a syntax
 * error, a variable or output without its one name label, a variable or
 * output declared twice, or `sensitive` that is not a literal bool.
 */
int hcl_module_load(struct hcl_module *out, const char *dir, struct err *err);
void hcl_module_release(struct hcl_module *m);
const struct hcl_variable *hcl_module_variable(const struct hcl_module *m,
					       const char *name);
const struct hcl_output *hcl_module_output(const struct hcl_module *m,
					   const char *name);

#endif
