/*
 * Walking one expression to its end: brackets must balance, strings,
 * templates and heredocs must close, and a newline ends the expression
 * only outside every bracket.
 */
#include <stdlib.h>
#include <string.h>

#include "hcl/scan.h"
#include "util/xalloc.h"

/* Deeper nesting of strings in templates is surely hostile input. */
#define HCL_MAX_DEPTH 256

static int scan_interp(struct hcl_scan *sc)
{
	struct hcl_pos open = sc->at, end;
	int rc;

	if (++sc->depth > HCL_MAX_DEPTH)
		return hcl_scan_error(sc, open, "templates nested too deeply");
	hcl_scan_advance(sc, 2);
	if (hcl_scan_peek(sc, 0) == '~')
		hcl_scan_advance(sc, 1);
	rc = hcl_scan_expr(sc, HCL_END_BRACE, &end);
	sc->depth--;
	if (rc)
		return rc;
	if (hcl_scan_peek(sc, 0) != '}')
		return hcl_scan_error(sc, open, "unterminated template sequence (missing '}')");
	hcl_scan_advance(sc, 1);
	return 0;
}

static int is_hex(int c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

static int scan_escape(struct hcl_scan *sc)
{
	struct hcl_pos at = sc->at;
	int c = hcl_scan_peek(sc, 1);
	size_t hex = c == 'u' ? 4 : c == 'U' ? 8 : 0;

	if (c == 'n' || c == 'r' || c == 't' || c == '"' || c == '\\') {
		hcl_scan_advance(sc, 2);
		return 0;
	}
	if (!hex)
		return hcl_scan_error(sc, at, "invalid escape sequence '\\%c' in string",
				      c > 32 && c < 127 ? c : '?');
	for (size_t i = 0; i < hex; i++)
		if (!is_hex(hcl_scan_peek(sc, 2 + i)))
			return hcl_scan_error(sc, at, "invalid escape sequence: \\%c needs %zu hex digits",
					      c, hex);
	hcl_scan_advance(sc, 2 + hex);
	return 0;
}

/* At "$${" or "%%{": the escaped, literal form of a template opener. */
static int at_escaped_opener(const struct hcl_scan *sc)
{
	int c = hcl_scan_peek(sc, 0);

	return (c == '$' || c == '%') && hcl_scan_peek(sc, 1) == c && hcl_scan_peek(sc, 2) == '{';
}

static int at_opener(const struct hcl_scan *sc)
{
	int c = hcl_scan_peek(sc, 0);

	return (c == '$' || c == '%') && hcl_scan_peek(sc, 1) == '{';
}

int hcl_scan_quoted(struct hcl_scan *sc, int templates)
{
	struct hcl_pos start = sc->at;

	hcl_scan_advance(sc, 1);
	for (;;) {
		int c = hcl_scan_peek(sc, 0);

		if (c < 0 || hcl_scan_newline(sc))
			return hcl_scan_error(sc, start, "unterminated string (a quoted string ends on its line)");
		if (c == '"') {
			hcl_scan_advance(sc, 1);
			return 0;
		}
		if (c == '\\') {
			if (scan_escape(sc))
				return ERR_INPUT;
		} else if (at_escaped_opener(sc)) {
			hcl_scan_advance(sc, 3);
		} else if (at_opener(sc)) {
			if (!templates)
				return hcl_scan_error(sc, sc->at, "template sequences are not allowed in a block label");
			if (scan_interp(sc))
				return ERR_INPUT;
		} else {
			hcl_scan_advance(sc, 1);
		}
	}
}

/* One heredoc line in template mode, through its newline (or to EOF). */
static int scan_template_line(struct hcl_scan *sc)
{
	for (;;) {
		size_t nl = hcl_scan_newline(sc);

		if (hcl_scan_eof(sc))
			return 0;
		if (nl) {
			hcl_scan_advance(sc, nl);
			return 0;
		}
		if (at_escaped_opener(sc)) {
			hcl_scan_advance(sc, 3);
		} else if (at_opener(sc)) {
			if (scan_interp(sc))
				return ERR_INPUT;
		} else {
			hcl_scan_advance(sc, 1);
		}
	}
}

/* At a line start: the closing marker (after optional indentation) alone on its line? Its length then. */
static size_t closing_marker(const struct hcl_scan *sc, const char *marker, size_t mlen)
{
	size_t i = sc->at.byte;

	while (i < sc->len && (sc->s[i] == ' ' || sc->s[i] == '\t'))
		i++;
	/* HCL wants a newline after the marker, even at the end of the file */
	if (i + mlen >= sc->len || memcmp(sc->s + i, marker, mlen))
		return 0;
	if (sc->s[i + mlen] != '\n' &&
	    !(sc->s[i + mlen] == '\r' && i + mlen + 1 < sc->len && sc->s[i + mlen + 1] == '\n'))
		return 0;
	return i + mlen - sc->at.byte;
}

static int scan_heredoc(struct hcl_scan *sc)
{
	struct hcl_pos start = sc->at;
	size_t mstart, mlen, nl, n;

	hcl_scan_advance(sc, 2);
	if (hcl_scan_peek(sc, 0) == '-')
		hcl_scan_advance(sc, 1);
	if (!hcl_is_ident_start(hcl_scan_peek(sc, 0)))
		return hcl_scan_error(sc, start, "invalid heredoc: '<<' must be followed by a marker such as EOT");
	mstart = sc->at.byte;
	while (hcl_is_ident_char(hcl_scan_peek(sc, 0)))
		hcl_scan_advance(sc, 1);
	mlen = sc->at.byte - mstart;
	nl = hcl_scan_newline(sc);
	if (!nl)
		return hcl_scan_error(sc, sc->at, "invalid heredoc: the marker must end its line");
	hcl_scan_advance(sc, nl);
	for (;;) {
		if (hcl_scan_eof(sc))
			return hcl_scan_error(sc, start, "unterminated heredoc (no line with the closing marker %.*s and a newline)",
					      (int)mlen, sc->s + mstart);
		n = closing_marker(sc, sc->s + mstart, mlen);
		if (n) {
			hcl_scan_advance(sc, n);
			return 0;
		}
		if (scan_template_line(sc))
			return ERR_INPUT;
	}
}

/*
 * The little grammar checked inside an expression: two operands (names,
 * numbers, strings, heredocs, bracketed groups) cannot follow each other
 * on one line without an operator between them, unless one is a keyword
 * of a for expression or a template directive; and a lone '=' belongs
 * only in an object constructor.  That is enough to tell "a = 1 b = 2"
 * and a single-line block with two arguments from valid input.
 */
struct level {
	char close;		/* 0 for the expression's own level */
	struct hcl_pos open;
	int after_operand;	/* the last token was an operand */
	int after_keyword;	/* ... and it was for/in/if */
};

static int is_keyword(const char *s, size_t len)
{
	static const char *const kw[] = { "for", "in", "if", "else", "endif", "endfor" };

	for (size_t i = 0; i < ARRAY_SIZE(kw); i++)
		if (strlen(kw[i]) == len && !memcmp(kw[i], s, len))
			return 1;
	return 0;
}

/* Length of the operator at the cursor, or 0. */
static size_t operator_len(const struct hcl_scan *sc)
{
	static const char *const two[] = { "==", "!=", "<=", ">=", "=>", "&&", "||" };
	int c = hcl_scan_peek(sc, 0), d = hcl_scan_peek(sc, 1);

	if (c == '.' && d == '.' && hcl_scan_peek(sc, 2) == '.')
		return 3;
	for (size_t i = 0; i < ARRAY_SIZE(two); i++)
		if (c == two[i][0] && d == two[i][1])
			return 2;
	return c > 0 && strchr("!=<>+-*/%&|.,:?~", c) ? 1 : 0;
}

static int scan_close(struct hcl_scan *sc, int c, struct level *stack, size_t *nr)
{
	struct level *top = &stack[*nr - 1];

	if (*nr == 1)
		return hcl_scan_error(sc, sc->at, "unexpected '%c'", c);
	if (top->close != c)
		return hcl_scan_error(sc, sc->at, "expected '%c' to close the bracket opened at %u:%u, found '%c'",
				      top->close, top->open.line, top->open.col, c);
	--*nr;
	hcl_scan_advance(sc, 1);
	return 0;
}

static int scan_open(struct hcl_scan *sc, int c, struct level **stack, size_t *nr, size_t *alloc)
{
	if (*nr > HCL_MAX_DEPTH)
		return hcl_scan_error(sc, sc->at, "brackets nested too deeply");
	ALLOC_GROW(*stack, *nr, *alloc);
	(*stack)[*nr] = (struct level){ c == '(' ? ')' : c == '[' ? ']' : '}', sc->at, 0, 0 };
	++*nr;
	hcl_scan_advance(sc, 1);
	return 0;
}

static int is_digit(int c)
{
	return c >= '0' && c <= '9';
}

/* A number as HCL writes one: 12, 1.5, 1e3, 1.5E-3 (no hex, no sign). */
static void scan_number(struct hcl_scan *sc)
{
	while (is_digit(hcl_scan_peek(sc, 0)))
		hcl_scan_advance(sc, 1);
	if (hcl_scan_peek(sc, 0) == '.' && is_digit(hcl_scan_peek(sc, 1))) {
		hcl_scan_advance(sc, 1);
		while (is_digit(hcl_scan_peek(sc, 0)))
			hcl_scan_advance(sc, 1);
	}
	if (hcl_scan_peek(sc, 0) == 'e' || hcl_scan_peek(sc, 0) == 'E') {
		size_t sign = hcl_scan_peek(sc, 1) == '+' || hcl_scan_peek(sc, 1) == '-';

		if (is_digit(hcl_scan_peek(sc, 1 + sign))) {
			hcl_scan_advance(sc, 1 + sign);
			while (is_digit(hcl_scan_peek(sc, 0)))
				hcl_scan_advance(sc, 1);
		}
	}
}

/* An operand: a name (with its dots), a number, a string or a heredoc.
 * What follows a number directly ("0x10", "1a") is a second operand. */
static int scan_operand(struct hcl_scan *sc, struct level *top)
{
	struct hcl_pos at = sc->at;
	int c = hcl_scan_peek(sc, 0), kw = 0;

	if (c == '"') {
		if (hcl_scan_quoted(sc, 1))
			return ERR_INPUT;
	} else if (c == '<') {
		if (scan_heredoc(sc))
			return ERR_INPUT;
	} else if (is_digit(c)) {
		scan_number(sc);
	} else {
		while (hcl_is_ident_char(hcl_scan_peek(sc, 0)) ||
		       (hcl_scan_peek(sc, 0) == '.' && hcl_scan_peek(sc, 1) != '.'))
			hcl_scan_advance(sc, 1);
		kw = is_keyword(sc->s + at.byte, sc->at.byte - at.byte);
	}
	if (top->after_operand && !top->after_keyword && !kw)
		return hcl_scan_error(sc, at, top->close ? "expected an operator or ',' before this" :
				      "missing newline after argument (or an operator)");
	top->after_keyword = kw;
	return 0;
}

static int bad_char(struct hcl_scan *sc, int c)
{
	if (c == '\'')
		return hcl_scan_error(sc, sc->at, "invalid character '\\'': strings use double quotes");
	if (c > 32 && c < 127)
		return hcl_scan_error(sc, sc->at, "invalid character '%c' in expression", c);
	return hcl_scan_error(sc, sc->at, "invalid character (byte 0x%02x) in expression", c);
}

/* One token (or the opening/closing of a bracket) at the cursor. */
static int scan_token(struct hcl_scan *sc, struct level **stack, size_t *nr, size_t *alloc)
{
	struct level *top = &(*stack)[*nr - 1];
	int c = hcl_scan_peek(sc, 0);
	size_t op;

	if (c == '(' || c == '[' || c == '{') {
		if (c == '{' && top->after_operand && !top->after_keyword)
			return hcl_scan_error(sc, sc->at, "unexpected '{' after an operand");
		top->after_operand = 0;
		return scan_open(sc, c, stack, nr, alloc);
	}
	if (c == ')' || c == ']' || c == '}') {
		if (scan_close(sc, c, *stack, nr))
			return ERR_INPUT;
		(*stack)[*nr - 1].after_operand = 1;
		(*stack)[*nr - 1].after_keyword = 0;
		return 0;
	}
	if (c == '"' || (c == '<' && hcl_scan_peek(sc, 1) == '<') ||
	    (hcl_is_ident_char(c) && c != '-')) {
		if (scan_operand(sc, top))
			return ERR_INPUT;
		top->after_operand = 1;
		return 0;
	}
	if ((op = operator_len(sc))) {
		if (op == 1 && c == '=' && top->close != '}')
			return hcl_scan_error(sc, sc->at, top->close ? "unexpected '=' (only object constructors { } assign)" :
					      "missing newline after argument (unexpected '=')");
		top->after_operand = 0;
		hcl_scan_advance(sc, op);
		return 0;
	}
	return bad_char(sc, c);
}

int hcl_scan_expr(struct hcl_scan *sc, enum hcl_expr_end until, struct hcl_pos *end)
{
	struct level *stack = xcalloc(1, sizeof(*stack));
	size_t nr = 1, alloc = 1;
	int rc = 0, any = 0;

	*end = sc->at;
	for (;;) {
		size_t nl;
		int c;

		if ((rc = hcl_scan_skip_blank(sc)))
			break;
		c = hcl_scan_peek(sc, 0);
		nl = hcl_scan_newline(sc);
		if (c < 0) {
			if (nr > 1)
				rc = hcl_scan_error(sc, stack[nr - 1].open, "unclosed '%c' (expected '%c')",
						    stack[nr - 1].close == ')' ? '(' :
						    stack[nr - 1].close == ']' ? '[' : '{',
						    stack[nr - 1].close);
			break;
		}
		if (nl && nr == 1 && until != HCL_END_BRACE)
			break;
		if (nl) {
			/* a newline separates items (objects) or continues a line */
			stack[nr - 1].after_operand = 0;
			hcl_scan_advance(sc, nl);
			continue;
		}
		if (c == '}' && nr == 1 && until != HCL_END_NEWLINE)
			break;
		if ((rc = scan_token(sc, &stack, &nr, &alloc)))
			break;
		*end = sc->at;
		any = 1;
	}
	free(stack);
	if (!rc && !any)
		rc = hcl_scan_error(sc, sc->at, "expected an expression");
	return rc;
}
