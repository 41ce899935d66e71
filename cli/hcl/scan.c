/*
 * The HCL scanner: the cursor, blanks and comments, and the walk through
 * one expression (strings, templates, heredocs, brackets) that finds where
 * it ends.  HCL's own scanner is a Ragel state machine; this one is a
 * recursive walk because only nesting matters here.
 */
#include <stdarg.h>
#include <string.h>

#include "hcl/scan.h"
#include "util/xalloc.h"

int hcl_scan_peek(const struct hcl_scan *sc, size_t ahead)
{
	size_t i = sc->at.byte + ahead;

	return i < sc->len ? (unsigned char)sc->s[i] : -1;
}

int hcl_scan_eof(const struct hcl_scan *sc)
{
	return sc->at.byte >= sc->len;
}

void hcl_scan_advance(struct hcl_scan *sc, size_t n)
{
	while (n-- && sc->at.byte < sc->len) {
		unsigned char c = (unsigned char)sc->s[sc->at.byte++];

		if (c == '\n') {
			sc->at.line++;
			sc->at.col = 1;
		} else if ((c & 0xC0) != 0x80) {
			/* a new character, not a UTF-8 continuation byte */
			sc->at.col++;
		}
	}
}

int hcl_scan_error(struct hcl_scan *sc, struct hcl_pos pos, const char *fmt, ...)
{
	struct buf msg = BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	buf_vaddf(&msg, fmt, ap);
	va_end(ap);
	err_set(sc->err, ERR_INPUT, "%s:%u:%u: %s", sc->path, pos.line, pos.col, msg.ptr);
	buf_release(&msg);
	return ERR_INPUT;
}

/* Letters, '_' and any non-ASCII byte (Unicode letters, taken on trust). */
int hcl_is_ident_start(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
}

int hcl_is_ident_char(int c)
{
	return hcl_is_ident_start(c) || (c >= '0' && c <= '9') || c == '-';
}

size_t hcl_scan_newline(const struct hcl_scan *sc)
{
	int c = hcl_scan_peek(sc, 0);

	if (c == '\n')
		return 1;
	if (c == '\r' && hcl_scan_peek(sc, 1) == '\n')
		return 2;
	return 0;
}

/* Skips a # or // comment up to (not including) the newline. */
static void hcl_scan_skip_line_comment(struct hcl_scan *sc)
{
	while (!hcl_scan_eof(sc) && !hcl_scan_newline(sc))
		hcl_scan_advance(sc, 1);
}

static int skip_block_comment(struct hcl_scan *sc)
{
	struct hcl_pos start = sc->at;

	hcl_scan_advance(sc, 2);
	for (;;) {
		if (hcl_scan_eof(sc))
			return hcl_scan_error(sc, start, "unterminated comment (/* without */)");
		if (hcl_scan_peek(sc, 0) == '*' && hcl_scan_peek(sc, 1) == '/') {
			hcl_scan_advance(sc, 2);
			return 0;
		}
		hcl_scan_advance(sc, 1);
	}
}

int hcl_scan_skip_blank(struct hcl_scan *sc)
{
	for (;;) {
		int c = hcl_scan_peek(sc, 0), d = hcl_scan_peek(sc, 1);

		if (c == ' ' || c == '\t' || (c == '\r' && d != '\n')) {
			hcl_scan_advance(sc, 1);
		} else if (c == '#' || (c == '/' && d == '/')) {
			hcl_scan_skip_line_comment(sc);
		} else if (c == '/' && d == '*') {
			if (skip_block_comment(sc))
				return ERR_INPUT;
		} else {
			return 0;
		}
	}
}
