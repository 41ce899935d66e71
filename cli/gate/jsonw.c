/*
 * JSON text generation: RFC 8259 escapes, UTF-8 passed through (readers
 * validated it), control characters as \u00XX.
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
	int i;

	if (!w->pretty)
		return;
	buf_addch(w->out, '\n');
	for (i = 0; i < w->depth; i++)
		buf_addstr(w->out, "  ");
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

/*
 * Length of the UTF-8 sequence at `p` (lead byte >= 0x80), or 0 when it is
 * not strict UTF-8: readers decode %XX and escapes, so bytes can reach a
 * writer that no reader validated, and JSON output must stay UTF-8.
 */
static size_t utf8_seq(const unsigned char *p)
{
	size_t n = p[0] >= 0xC2 && p[0] <= 0xDF ? 2 :
		   p[0] >= 0xE0 && p[0] <= 0xEF ? 3 :
		   p[0] >= 0xF0 && p[0] <= 0xF4 ? 4 : 0;

	for (size_t i = 1; i < n; i++)
		if ((p[i] & 0xC0) != 0x80)
			return 0;	/* also stops at the NUL */
	if (n && ((p[0] == 0xE0 && p[1] < 0xA0) ||
		  (p[0] == 0xED && p[1] > 0x9F) ||
		  (p[0] == 0xF0 && p[1] < 0x90) ||
		  (p[0] == 0xF4 && p[1] > 0x8F)))
		return 0;
	return n;
}

void jw_quote(struct buf *out, const char *s)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *p = (const unsigned char *)s;

	buf_addch(out, '"');
	for (; *p; p++) {
		if (*p == '"' || *p == '\\') {
			buf_addch(out, '\\');
			buf_addch(out, (char)*p);
		} else if (*p == 0xC0 && p[1] == 0x80) {
			buf_addstr(out, "\\u0000");	/* NUL, as jstream keeps it */
			p++;
		} else if (*p >= 0x80) {
			size_t n = utf8_seq(p);

			if (n)
				buf_add(out, p, n);
			else
				buf_addstr(out, "\xEF\xBF\xBD");	/* U+FFFD */
			p += n ? n - 1 : 0;
		} else if (*p == '\n') {
			buf_addstr(out, "\\n");
		} else if (*p == '\t') {
			buf_addstr(out, "\\t");
		} else if (*p == '\r') {
			buf_addstr(out, "\\r");
		} else if (*p < 0x20) {
			buf_addstr(out, "\\u00");
			buf_addch(out, hex[*p >> 4]);
			buf_addch(out, hex[*p & 15]);
		} else {
			buf_addch(out, (char)*p);
		}
	}
	buf_addch(out, '"');
}

void jw_key(struct jsonw *w, const char *key)
{
	sep(w);
	jw_quote(w->out, key);
	buf_addstr(w->out, w->pretty ? ": " : ":");
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
	value(w);
	buf_addf(w->out, "%lld", v);
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
