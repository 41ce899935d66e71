/*
 * values_shape: the object keys of an HCL expression, read from its source
 * text.  A small skimmer, not a parser: it knows object constructors,
 * merge(), strings, heredocs, comments and brackets, and steps over every
 * other token.  The HCL reader has already checked that the file parses,
 * so an error here means text this skimmer does not understand.
 */
#include "validate/values_shape.h"

#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/xalloc.h"

/* local.a refers to local.b refers to ... : deeper is a cycle */
#define MAX_LOCAL_DEPTH 16

struct skim {
	const char *file;
	const char *s;
	size_t len, i;
	unsigned line, col;
	const struct values_locals *locals;
	unsigned depth;
	struct err *err;
};

static int peek(const struct skim *p, size_t ahead)
{
	return p->i + ahead < p->len ? (unsigned char)p->s[p->i + ahead] : -1;
}

static void advance(struct skim *p, size_t n)
{
	while (n-- && p->i < p->len) {
		unsigned char c = p->s[p->i++];

		if (c == '\n') {
			p->line++;
			p->col = 1;
		} else if ((c & 0xC0) != 0x80) {
			p->col++;
		}
	}
}

static int fail(struct skim *p, const char *what)
{
	return err_set(p->err, ERR_INPUT, "%s:%u:%u: %s", p->file, p->line,
		       p->col, what);
}

static int is_ident(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '_' || c == '-' || c >= 0x80;
}

/* Blanks and comments; newlines too when `newlines`. */
static int skip_blank(struct skim *p, int newlines)
{
	for (;;) {
		int c = peek(p, 0);

		if (c == ' ' || c == '\t' || c == '\r' || (newlines && c == '\n')) {
			advance(p, 1);
		} else if (c == '#' || (c == '/' && peek(p, 1) == '/')) {
			while (peek(p, 0) >= 0 && peek(p, 0) != '\n')
				advance(p, 1);
		} else if (c == '/' && peek(p, 1) == '*') {
			advance(p, 2);
			while (peek(p, 0) >= 0 && !(peek(p, 0) == '*' && peek(p, 1) == '/'))
				advance(p, 1);
			if (peek(p, 0) < 0)
				return fail(p, "unterminated comment");
			advance(p, 2);
		} else {
			return 0;
		}
	}
}

static int skip_balanced(struct skim *p);

/* From the opening quote to after the closing one, templates included. */
static int skip_string(struct skim *p)
{
	advance(p, 1);
	for (;;) {
		int c = peek(p, 0);

		if (c < 0 || c == '\n')
			return fail(p, "unterminated string");
		if (c == '\\') {
			advance(p, 2);
		} else if (c == '"') {
			advance(p, 1);
			return 0;
		} else if ((c == '$' || c == '%') && peek(p, 1) == '{') {
			advance(p, 1);
			if (skip_balanced(p))
				return ERR_INPUT;
		} else {
			advance(p, 1);
		}
	}
}

/* <<MARK or <<-MARK up to the line that holds only MARK. */
static int skip_heredoc(struct skim *p)
{
	size_t start, mlen;

	advance(p, 2);
	if (peek(p, 0) == '-')
		advance(p, 1);
	start = p->i;
	while (is_ident(peek(p, 0)))
		advance(p, 1);
	mlen = p->i - start;
	if (!mlen)
		return fail(p, "heredoc without a marker");
	while (peek(p, 0) >= 0) {
		size_t from;

		while (peek(p, 0) >= 0 && peek(p, 0) != '\n')
			advance(p, 1);
		advance(p, 1);
		while (peek(p, 0) == ' ' || peek(p, 0) == '\t')
			advance(p, 1);
		from = p->i;
		if (p->len - from >= mlen && !memcmp(p->s + from, p->s + start, mlen) &&
		    !is_ident(from + mlen < p->len ? (unsigned char)p->s[from + mlen] : -1)) {
			advance(p, mlen);
			return 0;
		}
	}
	return fail(p, "unterminated heredoc");
}

static int skip_token(struct skim *p)
{
	int c = peek(p, 0);

	if (c == '"')
		return skip_string(p);
	if (c == '<' && peek(p, 1) == '<' && (is_ident(peek(p, 2)) || peek(p, 2) == '-'))
		return skip_heredoc(p);
	if (c == '(' || c == '[' || c == '{')
		return skip_balanced(p);
	advance(p, 1);
	return 0;
}

/* At an opening bracket: to after its closing one. */
static int skip_balanced(struct skim *p)
{
	int open = peek(p, 0);
	int close = open == '(' ? ')' : open == '[' ? ']' : '}';

	advance(p, 1);
	for (;;) {
		int c;

		if (skip_blank(p, 1))
			return ERR_INPUT;
		c = peek(p, 0);
		if (c < 0)
			return fail(p, "unbalanced brackets");
		if (c == close) {
			advance(p, 1);
			return 0;
		}
		if (c == ')' || c == ']' || c == '}')
			return fail(p, "unbalanced brackets");
		if (skip_token(p))
			return ERR_INPUT;
	}
}

static struct values_key *child(struct values_key *parent, const char *name,
				const char *file, unsigned line, unsigned col)
{
	struct values_key *k;

	for (size_t i = 0; i < parent->nr; i++)
		if (!strcmp(parent->children[i].name, name))
			return &parent->children[i];
	ALLOC_GROW(parent->children, parent->nr, parent->alloc);
	k = &parent->children[parent->nr++];
	memset(k, 0, sizeof(*k));
	k->name = xstrdup(name);
	k->file = (char *)file;
	k->line = line;
	k->col = col;
	return k;
}

static int shape_expr(struct skim *p, struct values_key *into, int nl_ends);

static int shape_local(struct skim *p, struct values_key *into,
		       const char *name)
{
	const char *file;
	const struct hcl_node *a = values_shape_locals_find(p->locals, name, &file);
	struct skim sub;

	if (!a)
		return 0;	/* terraform validate reports it, not us */
	if (p->depth >= MAX_LOCAL_DEPTH)
		return fail(p, "locals refer to each other too deeply");
	sub = (struct skim){ file, a->expr, strlen(a->expr), 0,
			     a->expr_pos.line, a->expr_pos.col, p->locals,
			     p->depth + 1, p->err };
	return shape_expr(&sub, into, 0);
}

/* merge(a, b, ...): every argument adds its keys. */
static int shape_merge(struct skim *p, struct values_key *into)
{
	advance(p, 1);
	for (;;) {
		if (skip_blank(p, 1))
			return ERR_INPUT;
		if (peek(p, 0) == ')') {
			advance(p, 1);
			return 0;
		}
		if (shape_expr(p, into, 0))
			return ERR_INPUT;
		if (skip_blank(p, 1))
			return ERR_INPUT;
		if (peek(p, 0) == ',')
			advance(p, 1);
		else if (peek(p, 0) != ')')
			return fail(p, "expected ',' or ')' in merge()");
	}
}

static int object_key(struct skim *p, struct buf *name)
{
	int c = peek(p, 0);
	size_t start = p->i;

	if (c == '"') {
		char *text;
		int ok;

		if (skip_string(p))
			return ERR_INPUT;
		text = xstrndup(p->s + start, p->i - start);
		ok = hcl_string_literal(name, text);
		free(text);
		if (!ok)
			buf_addstr(name, "(expression)");
		return 0;
	}
	if (c == '(') {
		/* a computed key: its name is not known from the source */
		buf_addstr(name, "(expression)");
		return skip_balanced(p);
	}
	if (!is_ident(c))
		return fail(p, "expected an object key");
	while (is_ident(peek(p, 0)))
		advance(p, 1);
	buf_add(name, p->s + start, p->i - start);
	return 0;
}

/* After '{' of an object constructor (not a for expression). */
static int shape_object(struct skim *p, struct values_key *into)
{
	into->object = 1;
	for (;;) {
		struct buf name = BUF_INIT;
		struct values_key *k;
		unsigned line, col;

		if (skip_blank(p, 1))
			return ERR_INPUT;
		if (peek(p, 0) == '}') {
			advance(p, 1);
			return 0;
		}
		line = p->line;
		col = p->col;
		if (object_key(p, &name) || skip_blank(p, 0)) {
			buf_release(&name);
			return ERR_INPUT;
		}
		if (peek(p, 0) != '=' && peek(p, 0) != ':') {
			buf_release(&name);
			return fail(p, "expected '=' after an object key");
		}
		advance(p, 1);
		k = child(into, name.ptr, p->file, line, col);
		buf_release(&name);
		if (shape_expr(p, k, 1) || skip_blank(p, 0))
			return ERR_INPUT;
		if (peek(p, 0) == ',')
			advance(p, 1);
	}
}

static int is_for(const struct skim *p)
{
	struct skim q = *p;

	advance(&q, 1);
	if (skip_blank(&q, 1))
		return 0;
	return q.len - q.i > 4 && !memcmp(q.s + q.i, "for", 3) && !is_ident(peek(&q, 3));
}

static int is_word(const char *word, const char *const *set)
{
	for (; *set; set++)
		if (!strcmp(word, *set))
			return 1;
	return 0;
}

/* The form a call to `fn` returns, as far as values go. */
static enum values_form call_form(const char *fn)
{
	static const char *const lists[] = { "concat", "compact", "flatten",
					     "tolist", "distinct", "sort", NULL };
	static const char *const strings[] = { "join", "format", "trimprefix",
					       "trimsuffix", "trimspace", "replace",
					       "lower", "upper", "tostring",
					       "yamlencode", "jsonencode", NULL };

	if (!strcmp(fn, "merge"))
		return VALUES_FORM_OBJECT;
	if (is_word(fn, lists))
		return VALUES_FORM_LIST;
	return is_word(fn, strings) ? VALUES_FORM_STRING : VALUES_FORM_UNKNOWN;
}

static int shape_ident(struct skim *p, struct values_key *into,
		       enum values_form *form)
{
	size_t start = p->i;
	char *word;
	int rc = 0;

	while (is_ident(peek(p, 0)) || (peek(p, 0) == '.' && is_ident(peek(p, 1))))
		advance(p, 1);
	word = xstrndup(p->s + start, p->i - start);
	*form = !strcmp(word, "true") || !strcmp(word, "false") ?
		VALUES_FORM_BOOL : VALUES_FORM_UNKNOWN;
	if (skip_blank(p, 0)) {
		rc = ERR_INPUT;
	} else if (peek(p, 0) == '(') {
		*form = call_form(word);
		rc = !strcmp(word, "merge") ? shape_merge(p, into) : skip_balanced(p);
	} else if (!strncmp(word, "local.", 6) && !strchr(word + 6, '.') &&
		   peek(p, 0) != '[') {
		rc = shape_local(p, into, word + 6);
		*form = into->form;
	}
	free(word);
	return rc;
}

/* The form of a token skip_token is about to step over. */
static enum values_form token_form(const struct skim *p)
{
	int c = peek(p, 0);

	if (c == '"' || (c == '<' && peek(p, 1) == '<'))
		return VALUES_FORM_STRING;
	if (c == '[')
		return VALUES_FORM_LIST;
	if (c >= '0' && c <= '9')
		return VALUES_FORM_NUMBER;
	return VALUES_FORM_UNKNOWN;
}

/* One token of an expression: its keys into `into`, its form into *form. */
static int shape_token(struct skim *p, struct values_key *into,
		       enum values_form *form)
{
	int c = peek(p, 0);

	if (c == '{' && !is_for(p)) {
		advance(p, 1);
		*form = VALUES_FORM_OBJECT;
		return shape_object(p, into);
	}
	if (c == '(') {
		advance(p, 1);
		if (shape_expr(p, into, 0) || skip_blank(p, 1))
			return ERR_INPUT;
		if (peek(p, 0) != ')')
			return fail(p, "expected ')'");
		advance(p, 1);
		*form = into->form;
		return 0;
	}
	if (is_ident(c) && c != '-' && !(c >= '0' && c <= '9'))
		return shape_ident(p, into, form);
	*form = token_form(p);
	if (skip_token(p))
		return ERR_INPUT;
	/* the rest of a number such as 0.5 is the same token */
	while (*form == VALUES_FORM_NUMBER &&
	       (is_ident(peek(p, 0)) || peek(p, 0) == '.'))
		advance(p, 1);
	return 0;
}

/*
 * One expression up to a ',' or closing bracket at its own level, or a
 * newline when `nl_ends` (an object item).  Object constructors and
 * merge() calls anywhere at that level add their keys to `into`.
 */
static int shape_expr(struct skim *p, struct values_key *into, int nl_ends)
{
	enum values_form form = VALUES_FORM_UNKNOWN;
	size_t tokens = 0;

	for (;;) {
		int c;

		if (skip_blank(p, !nl_ends))
			return ERR_INPUT;
		c = peek(p, 0);
		if (c < 0 || c == ',' || c == ')' || c == ']' || c == '}' ||
		    (nl_ends && c == '\n'))
			break;
		tokens++;
		if (shape_token(p, into, &form))
			return ERR_INPUT;
	}
	/* one token says what the value is; more (a ? b : c, a + b) do not */
	into->form = tokens == 1 ? form : VALUES_FORM_UNKNOWN;
	return 0;
}

int values_shape(struct values_key *root, const char *file, const char *expr,
		 struct hcl_pos pos, const struct values_locals *locals,
		 struct err *err)
{
	struct skim p = { file, expr, strlen(expr), 0, pos.line, pos.col,
			  locals, 0, err };

	return shape_expr(&p, root, 0);
}

void values_shape_release(struct values_key *k)
{
	for (size_t i = 0; i < k->nr; i++) {
		values_shape_release(&k->children[i]);
		free(k->children[i].name);
	}
	free(k->children);
	k->children = NULL;
	k->nr = k->alloc = 0;
}

void values_shape_locals_add(struct values_locals *l, const struct hcl_file *f)
{
	for (size_t i = 0; i < f->body.nr; i++) {
		const struct hcl_node *b = &f->body.nodes[i];

		if (b->kind != HCL_BLOCK || strcmp(b->name, "locals"))
			continue;
		for (size_t j = 0; j < b->body.nr; j++) {
			if (b->body.nodes[j].kind != HCL_ATTR)
				continue;
			ALLOC_GROW(l->items, l->nr, l->alloc);
			l->items[l->nr].attr = &b->body.nodes[j];
			l->items[l->nr++].file = f->path;
		}
	}
}

const struct hcl_node *values_shape_locals_find(const struct values_locals *l,
						const char *name, const char **file)
{
	for (size_t i = 0; l && i < l->nr; i++)
		if (!strcmp(l->items[i].attr->name, name)) {
			*file = l->items[i].file;
			return l->items[i].attr;
		}
	return NULL;
}

void values_shape_locals_release(struct values_locals *l)
{
	free(l->items);
	*l = (struct values_locals)VALUES_LOCALS_INIT;
}
