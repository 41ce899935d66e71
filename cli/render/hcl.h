#ifndef RENDER_HCL_H
#define RENDER_HCL_H

/*
 * An HCL writer whose output is byte-identical to hclfmt's (`terraform
 * fmt`): two-space indents, `=` aligned over runs of consecutive one-line
 * attributes (hclwrite/format.go: a blank line, a block header, a closing
 * brace or an attribute that opens a multi-line value ends the run), one
 * space around `=`, `[a, b]` and `{}` spacing, LF, one trailing newline.
 *
 * The writer collects "format lines" exactly as hclfmt splits them (indent,
 * lead cell, optional assign cell) and aligns when finished, so alignment
 * is computed by the same rule rather than imitated.
 *
 * Values are trees of struct hcl_value, built by the caller: strings are
 * escaped here (quotes, backslashes, control characters, `${` -> `$${`,
 * `%{` -> `%%{`; other UTF-8 kept), templates and expressions are written
 * as given.
 */
#include <stddef.h>

#include "util/buf.h"
#include "util/err.h"

enum hcl_kind {
	HCL_NULL, HCL_BOOL, HCL_NUMBER, HCL_STRING, HCL_TEMPLATE, HCL_EXPR,
	HCL_LIST, HCL_OBJECT
};

struct hcl_value {
	enum hcl_kind kind;
	/*
	 * BOOL "true"/"false"; NUMBER an HCL number literal; STRING the raw
	 * bytes (escaped when written); TEMPLATE the body between the quotes,
	 * already escaped, with ${...} parts; EXPR an expression written as is.
	 */
	char *text;
	size_t len;
	/* LIST items / OBJECT values; OBJECT keys (raw, quoted if needed) */
	struct hcl_value **items;
	char **keys;
	size_t nr, alloc;
};

/* Constructors; the caller owns the result (hcl_value_free). */
struct hcl_value *hcl_new(enum hcl_kind kind, const char *text, size_t len);
struct hcl_value *hcl_str(const char *s);
struct hcl_value *hcl_expr(const char *expr);
/* Appends (takes ownership of `v`); OBJECT keys are copied. */
void hcl_list_push(struct hcl_value *list, struct hcl_value *v);
void hcl_object_set(struct hcl_value *obj, const char *key,
		    struct hcl_value *v);
/* Sorts an object's keys bytewise (deterministic output). */
void hcl_object_sort(struct hcl_value *obj);
void hcl_value_free(struct hcl_value *v);

/*
 * A YAML number as an HCL number literal into `out`: decimal ints as
 * written (a leading '+' dropped), 0x/0o converted to decimal, ".5" ->
 * "0.5", "5." -> "5.0"; -1 for what HCL cannot hold (.inf, .nan).
 */
int hcl_number(struct buf *out, const char *yaml_number);
/* Appends `s` escaped for the inside of an HCL quoted string. */
void hcl_escape(struct buf *out, const char *s, size_t len);
/* 1 when `key` can be written bare as an object key / attribute name. */
int hcl_is_ident(const char *key);

struct hcl_line {
	int indent;		/* nesting level */
	char *lead;		/* text before the assign cell (no indent) */
	char *assign;		/* "= value..." or NULL; may span lines (heredoc) */
};

struct hcl_writer {
	struct hcl_line *lines;
	size_t nr, alloc;
	int depth;
};

#define HCL_WRITER_INIT { NULL, 0, 0, 0 }

void hcl_comment(struct hcl_writer *w, const char *text);	/* "# text" */
void hcl_blank(struct hcl_writer *w);
/* `type "label"... {` ; labels may be NULL-terminated list or NULL */
void hcl_block_open(struct hcl_writer *w, const char *type,
		    const char *const *labels);
void hcl_block_close(struct hcl_writer *w);
/* name = value (one line or several, as the value needs) */
void hcl_attr(struct hcl_writer *w, const char *name,
	      const struct hcl_value *v);
/* name = <<-EOT heredoc holding `body` lines (each indented by one level) */
void hcl_attr_heredoc(struct hcl_writer *w, const char *name,
		      const char *marker, const char *body);
/* Appends the formatted document to `out` and resets the writer. */
void hcl_finish(struct buf *out, struct hcl_writer *w);
void hcl_writer_release(struct hcl_writer *w);

#endif
