/*
 * String literals: escapes of quoted strings, heredoc bodies (with the
 * indentation <<- removes), and the test whether an expression is a plain
 * literal at all, which is what docs and validate need for descriptions.
 */
#include <stdlib.h>
#include <string.h>

#include "hcl/hcl.h"
#include "hcl/scan.h"
#include "hcl/str.h"
#include "util/xalloc.h"

static void add_utf8(struct buf *out, unsigned long cp)
{
	if (cp < 0x80) {
		buf_addch(out, (char)cp);
	} else if (cp < 0x800) {
		buf_addch(out, (char)(0xC0 | (cp >> 6)));
		buf_addch(out, (char)(0x80 | (cp & 0x3F)));
	} else if (cp < 0x10000) {
		buf_addch(out, (char)(0xE0 | (cp >> 12)));
		buf_addch(out, (char)(0x80 | ((cp >> 6) & 0x3F)));
		buf_addch(out, (char)(0x80 | (cp & 0x3F)));
	} else {
		buf_addch(out, (char)(0xF0 | (cp >> 18)));
		buf_addch(out, (char)(0x80 | ((cp >> 12) & 0x3F)));
		buf_addch(out, (char)(0x80 | ((cp >> 6) & 0x3F)));
		buf_addch(out, (char)(0x80 | (cp & 0x3F)));
	}
}

static size_t decode_escape(struct buf *out, const char *s, size_t len)
{
	static const char from[] = "nrt\"\\", to[] = "\n\r\t\"\\";
	const char *p;
	size_t hex;
	char digits[9];

	if (len < 2)
		return buf_addch(out, '\\'), 1;
	if ((p = strchr(from, s[1])) && s[1])
		return buf_addch(out, to[p - from]), 2;
	hex = s[1] == 'u' ? 4 : s[1] == 'U' ? 8 : 0;
	if (!hex || len < 2 + hex)
		return buf_addch(out, '\\'), 1;
	memcpy(digits, s + 2, hex);
	digits[hex] = '\0';
	add_utf8(out, strtoul(digits, NULL, 16));
	return 2 + hex;
}

void hcl_decode_quoted(struct buf *out, const char *s, size_t len)
{
	size_t i = 0;

	while (i < len) {
		if (s[i] == '\\') {
			i += decode_escape(out, s + i, len - i);
		} else if (i + 2 < len && (s[i] == '$' || s[i] == '%') && s[i + 1] == s[i] && s[i + 2] == '{') {
			buf_addch(out, s[i]);
			buf_addch(out, '{');
			i += 3;
		} else {
			buf_addch(out, s[i++]);
		}
	}
}

/* Any unescaped ${ or %{ in s[0..len)? */
static int has_template(const char *s, size_t len, int escapes)
{
	for (size_t i = 0; i + 1 < len; i++) {
		if (escapes && s[i] == '\\') {
			i++;
		} else if ((s[i] == '$' || s[i] == '%') && s[i + 1] == s[i] && i + 2 < len && s[i + 2] == '{') {
			i += 2;
		} else if ((s[i] == '$' || s[i] == '%') && s[i + 1] == '{') {
			return 1;
		}
	}
	return 0;
}

static int quoted_literal(struct buf *out, const char *expr)
{
	struct err err = ERR_INIT;
	size_t len = strlen(expr);
	struct hcl_scan sc = { .path = "", .s = expr, .len = len, .err = &err };
	int ok;

	sc.at.line = sc.at.col = 1;
	ok = !hcl_scan_quoted(&sc, 1) && sc.at.byte == len && !has_template(expr + 1, len - 2, 1);
	err_release(&err);
	if (ok)
		hcl_decode_quoted(out, expr + 1, len - 2);
	return ok;
}

/* Columns of leading blanks of a non-empty line (<<- strips the least). */
static size_t indent_of(const char *line, size_t len)
{
	size_t n = 0;

	while (n < len && (line[n] == ' ' || line[n] == '\t'))
		n++;
	return n;
}

/* Smallest indentation of the non-blank lines in [l, end), or 0 if none. */
static size_t common_indent(const char *l, const char *end)
{
	size_t min = (size_t)-1;

	while (l < end) {
		const char *nl = memchr(l, '\n', (size_t)(end - l));
		size_t n = (size_t)(nl - l), ind = indent_of(l, n);

		if (ind < n && ind < min)
			min = ind;
		l = nl + 1;
	}
	return min == (size_t)-1 ? 0 : min;
}

/* <<MARKER or <<-MARKER, lines, then the marker line (the scanner checked the shape). */
static int heredoc_literal(struct buf *out, const char *expr)
{
	const char *body = strchr(expr, '\n'), *end = strrchr(expr, '\n');
	size_t strip;

	if (!body)
		return 0;
	body++;
	end++;			/* the marker line; equal to body when there is no line */
	if (has_template(body, (size_t)(end - body), 0))
		return 0;
	strip = expr[2] == '-' ? common_indent(body, end) : 0;
	for (const char *l = body; l < end;) {
		const char *nl = memchr(l, '\n', (size_t)(end - l));
		size_t n = (size_t)(nl - l);

		for (size_t i = strip < n ? strip : n; i < n; i++) {
			/* $${ and %%{ stand for a literal ${ and %{ */
			if ((l[i] == '$' || l[i] == '%') && i + 2 < n && l[i + 1] == l[i] && l[i + 2] == '{')
				i++;
			buf_addch(out, l[i]);
		}
		buf_addch(out, '\n');
		l = nl + 1;
	}
	return 1;
}

int hcl_string_literal(struct buf *out, const char *expr)
{
	size_t len = strlen(expr);

	if (len >= 2 && expr[0] == '"')
		return quoted_literal(out, expr);
	if (len > 3 && expr[0] == '<' && expr[1] == '<')
		return heredoc_literal(out, expr);
	return 0;
}
