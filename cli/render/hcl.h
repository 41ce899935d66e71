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
 * Values are trees of struct hclw_value, built by the caller: strings are
 * escaped here (quotes, backslashes, control characters, `${` -> `$${`,
 * `%{` -> `%%{`; other UTF-8 kept), templates and expressions are written
 * as given.
 */
#include <stddef.h>

#include "util/buf.h"
#include "util/err.h"

enum hclw_kind {
	HCLW_NULL, HCLW_BOOL, HCLW_NUMBER, HCLW_STRING, HCLW_TEMPLATE, HCLW_EXPR,
	HCLW_LIST, HCLW_OBJECT
};

struct hclw_value {
	enum hclw_kind kind;
	/*
	 * BOOL "true"/"false"; NUMBER an HCL number literal; STRING the raw
	 * bytes (escaped when written); TEMPLATE the body between the quotes,
	 * already escaped, with ${...} parts; EXPR an expression written as is.
	 */
	char *text;
	size_t len;
	/* LIST items / OBJECT values; OBJECT keys (raw, quoted if needed) */
	struct hclw_value **items;
	char **keys;
	size_t nr, alloc;
};

/* Constructors; the caller owns the result (hclw_value_free). */
struct hclw_value *hclw_new(enum hclw_kind kind, const char *text, size_t len);
struct hclw_value *hclw_str(const char *s);
struct hclw_value *hclw_expr(const char *expr);
/* Appends (takes ownership of `v`); OBJECT keys are copied. */
void hclw_list_push(struct hclw_value *list, struct hclw_value *v);
void hclw_object_set(struct hclw_value *obj, const char *key,
		    struct hclw_value *v);
/* Sorts an object's keys bytewise (deterministic output). */
void hclw_object_sort(struct hclw_value *obj);
void hclw_value_free(struct hclw_value *v);

/*
 * A YAML number as an HCL number literal into `out`: decimal ints as
 * written (a leading '+' dropped), 0x/0o converted to decimal, ".5" ->
 * "0.5", "5." -> "5.0"; -1 for what HCL cannot hold (.inf, .nan).
 */
int hclw_number(struct buf *out, const char *yaml_number);
/* Appends `s` escaped for the inside of an HCL quoted string. */
void hclw_escape(struct buf *out, const char *s, size_t len);
/* 1 when `key` can be written bare as an object key / attribute name. */
int hclw_is_ident(const char *key);

struct hclw_line {
	int indent;		/* nesting level */
	char *lead;		/* text before the assign cell (no indent) */
	char *assign;		/* "= value..." or NULL; may span lines (heredoc) */
};

struct hclw_writer {
	struct hclw_line *lines;
	size_t nr, alloc;
	int depth;
};

#define HCLW_WRITER_INIT { NULL, 0, 0, 0 }

void hclw_comment(struct hclw_writer *w, const char *text);	/* "# text" */
void hclw_blank(struct hclw_writer *w);
/* `type "label"... {` ; labels may be NULL-terminated list or NULL */
void hclw_block_open(struct hclw_writer *w, const char *type,
		    const char *const *labels);
void hclw_block_close(struct hclw_writer *w);
/* name = value (one line or several, as the value needs) */
void hclw_attr(struct hclw_writer *w, const char *name,
	      const struct hclw_value *v);
/* name = <<-EOT heredoc holding `body` lines (each indented by one level) */
void hclw_attr_heredoc(struct hclw_writer *w, const char *name,
		      const char *marker, const char *body);
/* Appends the formatted document to `out` and resets the writer. */
void hclw_finish(struct buf *out, struct hclw_writer *w);
void hclw_writer_release(struct hclw_writer *w);

#endif
