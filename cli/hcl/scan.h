#ifndef HCL_SCAN_H
#define HCL_SCAN_H
/*
 * The HCL reader's cursor and expression scanner (private to cli/hcl/).
 * The scanner walks an expression far enough to know where it ends:
 * strings, templates, heredocs, comments and brackets, nothing more.
 */
#include <stddef.h>

#include "hcl/hcl.h"
#include "util/err.h"

struct hcl_scan {
	const char *path;
	const char *s;
	size_t len;
	struct hcl_pos at;	/* the next character */
	struct err *err;
	unsigned depth;		/* template/string nesting, bounded */
	unsigned blocks;	/* block nesting, bounded (parse.c) */
};

/* Where an expression stops at depth 0. */
enum hcl_expr_end {
	HCL_END_NEWLINE,	/* an attribute in a body */
	HCL_END_NEWLINE_OR_BRACE, /* the argument of a single-line block */
	HCL_END_BRACE,		/* the inside of ${ } or %{ } */
};

int hcl_scan_peek(const struct hcl_scan *sc, size_t ahead);
void hcl_scan_advance(struct hcl_scan *sc, size_t n);
int hcl_scan_eof(const struct hcl_scan *sc);
/* Sets an ERR_INPUT "path:line:col: what" at `pos`; returns ERR_INPUT. */
int hcl_scan_error(struct hcl_scan *sc, struct hcl_pos pos,
		   const char *fmt, ...) __attribute__((format(printf, 3, 4)));

int hcl_is_ident_start(int c);
int hcl_is_ident_char(int c);

/* Skips blanks (space, tab, CR before LF) and comments that do not end
 * the line; stops at a newline.  Error on an unterminated comment. */
int hcl_scan_skip_blank(struct hcl_scan *sc);
/* At a newline (or CRLF): 1 and how many bytes it takes, else 0. */
size_t hcl_scan_newline(const struct hcl_scan *sc);

/*
 * Scans one expression from the cursor; on success `end` is the position
 * just after its last token, and the cursor is at the terminator (not
 * consumed).  Error if the expression is empty.
 */
int hcl_scan_expr(struct hcl_scan *sc, enum hcl_expr_end until,
		  struct hcl_pos *end);
/* Scans a quoted string from its opening quote to after its closing one;
 * `templates` 0 rejects ${ } and %{ } (as in block labels). */
int hcl_scan_quoted(struct hcl_scan *sc, int templates);

#endif
