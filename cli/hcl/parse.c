/*
 * HCL bodies: attributes (NAME = EXPR) and blocks (TYPE LABEL* { BODY }),
 * one per line, as hclsyntax's parser reads them; expressions go to the
 * scanner (expr.c) and are kept as source text.
 */
#include <stdlib.h>
#include <string.h>

#include "hcl/hcl.h"
#include "hcl/scan.h"
#include "hcl/str.h"
#include "util/utf8.h"
#include "util/fs.h"
#include "util/xalloc.h"

/*
 * Blocks nested deeper than this are refused: the reader and everything
 * that walks its tree recurse once per block, and no Terraform or
 * Terragrunt file comes near it (documented in docs/security.md).
 */
#define HCL_MAX_BLOCK_DEPTH 100

/* Files larger than this are refused before parsing (docs/security.md). */
#define HCL_MAX_FILE_BYTES (8u << 20)

static void body_release(struct hcl_body *body);

static void node_release(struct hcl_node *n)
{
	free(n->name);
	free(n->expr);
	for (size_t i = 0; i < n->nr_labels; i++)
		free(n->labels[i]);
	free(n->labels);
	body_release(&n->body);
}

static void body_release(struct hcl_body *body)
{
	for (size_t i = 0; i < body->nr; i++)
		node_release(&body->nodes[i]);
	free(body->nodes);
	body->nodes = NULL;
	body->nr = body->alloc = 0;
}

static void body_push(struct hcl_body *body, struct hcl_node *n)
{
	ALLOC_GROW(body->nodes, body->nr, body->alloc);
	body->nodes[body->nr++] = *n;
	memset(n, 0, sizeof(*n));
}

static char *scan_ident(struct hcl_scan *sc)
{
	size_t start = sc->at.byte;

	while (hcl_is_ident_char(hcl_scan_peek(sc, 0)))
		hcl_scan_advance(sc, 1);
	return xstrndup(sc->s + start, sc->at.byte - start);
}

/* After an argument or a block: only blanks and a comment before the newline. */
static int expect_line_end(struct hcl_scan *sc, const char *what)
{
	if (hcl_scan_skip_blank(sc))
		return ERR_INPUT;
	if (hcl_scan_eof(sc) || hcl_scan_newline(sc))
		return 0;
	return hcl_scan_error(sc, sc->at, "missing newline after %s", what);
}

static int by_name_then_pos(const void *a, const void *b)
{
	const struct hcl_node *const *x = a, *const *y = b;
	int c = strcmp((*x)->name, (*y)->name);

	return c ? c : (*x)->pos.byte < (*y)->pos.byte ? -1 : 1;
}

/*
 * An attribute defined twice in one body is an error (hclsyntax's
 * "Attribute redefined").  Checked once per body by sorting, so a body
 * with thousands of attributes stays n log n; the redefinition reported
 * is the earliest in the source.
 */
static int check_redefined(struct hcl_scan *sc, const struct hcl_body *body)
{
	const struct hcl_node **v = xcalloc(body->nr + 1, sizeof(*v));
	const struct hcl_node *again = NULL, *first = NULL;
	size_t nr = 0;

	for (size_t i = 0; i < body->nr; i++)
		if (body->nodes[i].kind == HCL_ATTR)
			v[nr++] = &body->nodes[i];
	qsort(v, nr, sizeof(*v), by_name_then_pos);
	for (size_t i = 1, start = 0; i < nr; i++) {
		if (strcmp(v[i]->name, v[i - 1]->name)) {
			start = i;
		} else if (!again || v[i]->pos.byte < again->pos.byte) {
			again = v[i];
			first = v[start];
		}
	}
	free(v);
	if (!again)
		return 0;
	return hcl_scan_error(sc, again->pos, "attribute '%s' redefined (first defined at %u:%u)",
			      again->name, first->pos.line, first->pos.col);
}

/* At '=' after NAME; takes ownership of `name`. */
static int parse_attr(struct hcl_scan *sc, struct hcl_body *body, char *name,
		      struct hcl_pos pos, enum hcl_expr_end until)
{
	struct hcl_node n = { .kind = HCL_ATTR, .name = name, .pos = pos };
	struct hcl_pos end;

	hcl_scan_advance(sc, 1);	/* '=' */
	if (hcl_scan_skip_blank(sc))
		goto fail;
	n.expr_pos = sc->at;
	if (hcl_scan_expr(sc, until, &end))
		goto fail;
	n.expr = xstrndup(sc->s + n.expr_pos.byte, end.byte - n.expr_pos.byte);
	body_push(body, &n);
	return 0;
fail:
	node_release(&n);
	return ERR_INPUT;
}

static int parse_body(struct hcl_scan *sc, struct hcl_body *body, const struct hcl_pos *open);

static int parse_labels(struct hcl_scan *sc, struct hcl_node *n)
{
	for (;;) {
		struct buf label = BUF_INIT;
		size_t start;
		int c;

		if (hcl_scan_skip_blank(sc))
			return ERR_INPUT;
		c = hcl_scan_peek(sc, 0);
		start = sc->at.byte;
		if (c == '"') {
			if (hcl_scan_quoted(sc, 0))
				return ERR_INPUT;
			hcl_decode_quoted(&label, sc->s + start + 1, sc->at.byte - start - 2);
		} else if (hcl_is_ident_start(c)) {
			while (hcl_is_ident_char(hcl_scan_peek(sc, 0)))
				hcl_scan_advance(sc, 1);
			buf_add(&label, sc->s + start, sc->at.byte - start);
		} else {
			return 0;
		}
		n->labels = xreallocarray(n->labels, n->nr_labels + 1, sizeof(*n->labels));
		n->labels[n->nr_labels++] = buf_detach(&label, NULL);
	}
}

/* `{ NAME = VALUE }` on one line: exactly one argument, then '}'. */
static int parse_single_line(struct hcl_scan *sc, struct hcl_node *n)
{
	struct hcl_pos pos = sc->at;
	char *name = scan_ident(sc);

	if (hcl_scan_skip_blank(sc)) {
		free(name);
		return ERR_INPUT;
	}
	if (hcl_scan_peek(sc, 0) != '=' || hcl_scan_peek(sc, 1) == '=') {
		free(name);
		return hcl_scan_error(sc, pos, "a single-line block holds one argument (NAME = VALUE); "
				      "put nested blocks on their own lines");
	}
	if (parse_attr(sc, &n->body, name, pos, HCL_END_NEWLINE_OR_BRACE))
		return ERR_INPUT;
	if (hcl_scan_peek(sc, 0) != '}')
		return hcl_scan_error(sc, sc->at, "a single-line block must close with '}' right after its argument");
	return 0;
}

/* The inside of a block, from its '{' to just after its '}'. */
static int parse_block_body(struct hcl_scan *sc, struct hcl_node *n)
{
	struct hcl_pos open = sc->at;
	int c;

	if (sc->blocks >= HCL_MAX_BLOCK_DEPTH)
		return hcl_scan_error(sc, open, "blocks nested more than %d deep",
				      HCL_MAX_BLOCK_DEPTH);
	hcl_scan_advance(sc, 1);
	if (hcl_scan_skip_blank(sc))
		return ERR_INPUT;
	c = hcl_scan_peek(sc, 0);
	if (hcl_scan_newline(sc)) {
		int rc;

		sc->blocks++;
		rc = parse_body(sc, &n->body, &open);
		sc->blocks--;
		if (rc)
			return ERR_INPUT;
	} else if (c >= 0 && hcl_is_ident_start(c)) {
		if (parse_single_line(sc, n))
			return ERR_INPUT;
	} else if (c < 0) {
		return hcl_scan_error(sc, open, "unclosed block (missing '}')");
	} else if (c != '}') {
		return hcl_scan_error(sc, sc->at, "expected an argument, a newline or '}' after '{'");
	}
	hcl_scan_advance(sc, 1);	/* '}' */
	return 0;
}

/* At TYPE's first character of a block (or NAME of an attribute). */
static int parse_item(struct hcl_scan *sc, struct hcl_body *body)
{
	struct hcl_node n = { .kind = HCL_BLOCK, .pos = sc->at };

	n.name = scan_ident(sc);
	if (hcl_scan_skip_blank(sc))
		goto fail;
	if (hcl_scan_peek(sc, 0) == '=' && hcl_scan_peek(sc, 1) != '=') {
		if (parse_attr(sc, body, n.name, n.pos, HCL_END_NEWLINE))
			return ERR_INPUT;
		return expect_line_end(sc, "argument");
	}
	if (parse_labels(sc, &n))
		goto fail;
	if (hcl_scan_peek(sc, 0) != '{') {
		hcl_scan_error(sc, sc->at, n.nr_labels ? "expected '{' to open block '%s'" :
			       "expected '=' after argument name '%s', or '{' to open a block", n.name);
		goto fail;
	}
	if (parse_block_body(sc, &n))
		goto fail;
	body_push(body, &n);
	return expect_line_end(sc, "block definition");
fail:
	node_release(&n);
	return ERR_INPUT;
}

/* Items up to EOF (top level, `open` NULL) or up to the '}' closing `open`. */
static int parse_body(struct hcl_scan *sc, struct hcl_body *body, const struct hcl_pos *open)
{
	for (;;) {
		size_t nl;
		int c;

		if (hcl_scan_skip_blank(sc))
			return ERR_INPUT;
		if ((nl = hcl_scan_newline(sc))) {
			hcl_scan_advance(sc, nl);
			continue;
		}
		c = hcl_scan_peek(sc, 0);
		if (c < 0) {
			if (open)
				return hcl_scan_error(sc, *open, "unclosed block (missing '}')");
			return check_redefined(sc, body);
		}
		if (c == '}') {
			if (open)
				return check_redefined(sc, body);
			return hcl_scan_error(sc, sc->at, "unexpected '}' (no block is open)");
		}
		if (!hcl_is_ident_start(c)) {
			if (c > 32 && c < 127)
				return hcl_scan_error(sc, sc->at, "expected an argument or a block, found '%c'", c);
			return hcl_scan_error(sc, sc->at, "expected an argument or a block, found byte 0x%02x", c);
		}
		if (parse_item(sc, body))
			return ERR_INPUT;
	}
}

/* HCL source is UTF-8; hclsyntax rejects anything else, so do we. */
static int check_utf8(struct hcl_scan *sc)
{
	const unsigned char *s = (const unsigned char *)sc->s;

	for (size_t i = 0, n; i < sc->len; i += n) {
		if (!(n = utf8_char_len(s + i, sc->len - i))) {
			hcl_scan_advance(sc, i);
			return hcl_scan_error(sc, sc->at, "invalid UTF-8 (byte 0x%02x)", s[i]);
		}
	}
	return 0;
}

int hcl_parse(struct hcl_file *out, const char *path, const char *src,
	      size_t len, struct err *err)
{
	struct hcl_scan sc = { .path = path, .s = src, .len = len, .err = err };

	memset(out, 0, sizeof(*out));
	sc.at.line = sc.at.col = 1;
	if (check_utf8(&sc))
		return ERR_INPUT;
	out->path = xstrdup(path);
	if (parse_body(&sc, &out->body, NULL)) {
		hcl_file_release(out);
		return ERR_INPUT;
	}
	return 0;
}

int hcl_parse_file(struct hcl_file *out, const char *path, struct err *err)
{
	struct buf src = BUF_INIT;
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = fs_read_file_max(&src, path, HCL_MAX_FILE_BYTES, err)))
		return rc;
	rc = hcl_parse(out, path, src.ptr, src.len, err);
	buf_release(&src);
	return rc;
}

void hcl_file_release(struct hcl_file *f)
{
	if (!f)
		return;
	body_release(&f->body);
	free(f->path);
	f->path = NULL;
}

const struct hcl_node *hcl_body_attr(const struct hcl_body *body, const char *name)
{
	for (size_t i = 0; i < body->nr; i++)
		if (body->nodes[i].kind == HCL_ATTR && !strcmp(body->nodes[i].name, name))
			return &body->nodes[i];
	return NULL;
}
