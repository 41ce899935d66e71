/*
 * JSON text generation: RFC 8259 escapes, strict UTF-8 passed through and
 * any other byte from 0x80 up as U+FFFD (util/utf8.h), control characters
 * as \u00XX.  Text is appended in runs
 * (a string up to its next byte to escape, an indentation at once, a number
 * formatted in place), never byte by byte: -o json of a large report is
 * mostly this.
 */
#include "json/jsonw.h"

#include <string.h>

#include "util/utf8.h"

/*
 * Room for `n` more bytes, written in place and then committed: one capacity
 * check per token instead of one per byte.  (The writers' buffers have no
 * `max`; one that had would take the checked path.)
 */
static char *reserve(struct buf *b, size_t n)
{
	if (b->alloc - b->len < n + 1)
		buf_grow(b, n);
	return b->ptr + b->len;
}

static void commit(struct buf *b, char *end)
{
	b->len = (size_t)(end - b->ptr);
	*end = '\0';
}

static void put(struct buf *b, char c)
{
	char *o;

	if (b->max) {
		buf_addch(b, c);
		return;
	}
	o = reserve(b, 1);
	*o++ = c;
	commit(b, o);
}

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
		put(w->out, ',');
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
	put(w->out, c);
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
	put(w->out, close);
}

/* Writes the escape of `c` at `o`; returns the end. */
static char *escape(char *o, unsigned char c)
{
	static const char hex[] = "0123456789abcdef";

	*o++ = '\\';
	switch (c) {
	case '"':
	case '\\':
		*o++ = (char)c;
		break;
	case '\n':
		*o++ = 'n';
		break;
	case '\t':
		*o++ = 't';
		break;
	case '\r':
		*o++ = 'r';
		break;
	default:
		memcpy(o, "u00", 3);
		o[3] = hex[c >> 4];
		o[4] = hex[c & 15];
		o += 5;
	}
	return o;
}

/* plain[c]: byte c goes out as it is (not a control byte, quote, backslash). */
static unsigned char plain[256];

static void plain_init(void)
{
	int c;

	for (c = 0x20; c < 0x80; c++)
		plain[c] = c != '"' && c != '\\';
}

/*
 * A byte from 0x80 up: a strict UTF-8 sequence goes out as it is; C0 80,
 * which jstream keeps an escaped NUL as, is \u0000 again; anything else
 * becomes U+FFFD.  Returns what follows.
 */
static const unsigned char *quote_high(struct buf *out, const unsigned char *p)
{
	size_t n;

	if (utf8_is_kept_nul(p, 2)) {
		buf_add(out, "\\u0000", 6);
		return p + 2;
	}
	n = utf8_seq_len(p, 4);	/* stops at the string's NUL */
	if (n) {
		buf_add(out, p, n);
		return p + n;
	}
	buf_addstr(out, UTF8_REPLACEMENT);
	return p + 1;
}

void jw_quote(struct buf *out, const char *s)
{
	const unsigned char *p = (const unsigned char *)s, *run;
	char *o;

	if (out->max) {	/* a capped buffer: the checked, slower path */
		struct buf tmp = BUF_INIT;

		jw_quote(&tmp, s);
		buf_add(out, tmp.ptr, tmp.len);
		buf_release(&tmp);
		return;
	}
	if (!plain['a'])
		plain_init();
	put(out, '"');
	for (;;) {	/* a run of plain bytes, then one escape or the end */
		for (run = p; plain[*p]; p++)
			;
		o = reserve(out, (size_t)(p - run) + 6);
		memcpy(o, run, (size_t)(p - run));
		o += p - run;
		if (!*p) {
			*o++ = '"';
			commit(out, o);
			return;
		}
		if (*p < 0x80) {
			commit(out, escape(o, *p++));
			continue;
		}
		commit(out, o);
		p = quote_high(out, p);
	}
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
