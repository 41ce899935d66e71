/*
 * JSON text generation: RFC 8259 escapes, UTF-8 passed through (readers
 * validated it), control characters as \u00XX.  Text is appended in runs
 * (a string up to its next byte to escape, an indentation at once, a number
 * formatted in place), never byte by byte: -o json of a large report is
 * mostly this.
 */
#include "gate/jsonw.h"

#include <string.h>

void jw_init(struct jsonw *w, struct buf *out, int pretty)
{
	memset(w, 0, sizeof(*w));
	w->out = out;
	w->pretty = pretty;
	w->first[0] = 1;
}

static void newline(struct jsonw *w)
{
	static const char spaces[] = "\n"
		"                                                                "
		"                                                                ";
	size_t n = 1 + 2 * (size_t)w->depth;

	if (!w->pretty)
		return;
	buf_add(w->out, spaces, n < sizeof(spaces) - 1 ? n : sizeof(spaces) - 1);
}

/* Before a value or key at the current depth: a comma unless first. */
static void sep(struct jsonw *w)
{
	if (w->depth && !w->first[w->depth])
		buf_addch(w->out, ',');
	w->first[w->depth] = 0;
	if (w->depth)
		newline(w);
}

/* A value right after a key takes no separator of its own. */
static int after_key(struct jsonw *w)
{
	if (w->first[w->depth] == 2) {
		w->first[w->depth] = 0;
		return 1;
	}
	return 0;
}

static void value(struct jsonw *w)
{
	if (!after_key(w))
		sep(w);
}

static void open(struct jsonw *w, char c)
{
	value(w);
	buf_addch(w->out, c);
	if (w->depth < 63)
		w->depth++;
	w->first[w->depth] = 1;
}

void jw_obj(struct jsonw *w)
{
	open(w, '{');
}

void jw_arr(struct jsonw *w)
{
	open(w, '[');
}

void jw_end(struct jsonw *w, char close)
{
	int empty = w->first[w->depth] == 1;

	w->depth--;
	if (!empty)
		newline(w);
	buf_addch(w->out, close);
}

static void escape(struct buf *out, unsigned char c)
{
	static const char hex[] = "0123456789abcdef";
	char u[6] = { '\\', 'u', '0', '0', hex[c >> 4], hex[c & 15] };

	switch (c) {
	case '"':
		buf_add(out, "\\\"", 2);
		break;
	case '\\':
		buf_add(out, "\\\\", 2);
		break;
	case '\n':
		buf_add(out, "\\n", 2);
		break;
	case '\t':
		buf_add(out, "\\t", 2);
		break;
	case '\r':
		buf_add(out, "\\r", 2);
		break;
	default:
		buf_add(out, u, sizeof(u));
	}
}

void jw_quote(struct buf *out, const char *s)
{
	const unsigned char *p = (const unsigned char *)s, *run;

	buf_addch(out, '"');
	for (;;) {
		for (run = p; *p >= 0x20 && *p != '"' && *p != '\\'; p++)
			;
		if (p > run)
			buf_add(out, run, (size_t)(p - run));
		if (!*p)
			break;
		escape(out, *p++);
	}
	buf_addch(out, '"');
}

void jw_key(struct jsonw *w, const char *key)
{
	sep(w);
	jw_quote(w->out, key);
	buf_add(w->out, ": ", w->pretty ? 2 : 1);
	w->first[w->depth] = 2;
}

void jw_str(struct jsonw *w, const char *s)
{
	value(w);
	if (s)
		jw_quote(w->out, s);
	else
		buf_addstr(w->out, "null");
}

void jw_int(struct jsonw *w, long long v)
{
	char digits[24], *p = digits + sizeof(digits);
	unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v :
		(unsigned long long)v;

	value(w);
	do
		*--p = (char)('0' + u % 10);
	while (u /= 10);
	if (v < 0)
		*--p = '-';
	buf_add(w->out, p, (size_t)(digits + sizeof(digits) - p));
}

void jw_bool(struct jsonw *w, int v)
{
	value(w);
	buf_addstr(w->out, v ? "true" : "false");
}

void jw_null(struct jsonw *w)
{
	value(w);
	buf_addstr(w->out, "null");
}

void jw_kstr(struct jsonw *w, const char *key, const char *s)
{
	jw_key(w, key);
	jw_str(w, s);
}

void jw_kint(struct jsonw *w, const char *key, long long v)
{
	jw_key(w, key);
	jw_int(w, v);
}
