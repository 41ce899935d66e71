/*
 * Holding back the token a chunk of JSON ends in (see jtokens.h).
 */
#include "json/jtokens.h"

#include <string.h>

#define NO_POS ((size_t)-1)

/* A byte of a number or of true, false and null. */
static int is_atom(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	       (c >= 'A' && c <= 'Z') || c == '-' || c == '+' || c == '.';
}

/* Outside strings: the class of each byte, looked up, not computed. */
enum { OTHER, QUOTE, ATOM };
static unsigned char byte_class[256];

static void classes_init(void)
{
	int c;

	for (c = 0; c < 256; c++)
		byte_class[c] = c == '"' ? QUOTE : is_atom((unsigned char)c) ?
				ATOM : OTHER;
}

/* The end of the run of bytes of class `cls` that starts at held[i]. */
static size_t run_end(const struct js_tokens *t, size_t i, int cls)
{
	const unsigned char *p = (const unsigned char *)t->held.ptr;

	while (i + 1 < t->held.len && byte_class[p[i + 1]] == cls)
		i++;
	return i;
}

static int hexval(unsigned char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ?
	       c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* Rewrites the four hex digits at held[at] as FFFD: U+FFFD for yajl. */
static void replace_escape(struct js_tokens *t, size_t at)
{
	memcpy(t->held.ptr + at, "FFFD", 4);
}

/* A lone high surrogate waiting for its pair: now known to be alone. */
static void drop_pending_high(struct js_tokens *t)
{
	if (t->hi_at != NO_POS)
		replace_escape(t, t->hi_at);
	t->hi_at = NO_POS;
}

/*
 * A \uXXXX escape whose digits start at held[at] is complete: surrogates
 * that do not pair up are rewritten to U+FFFD before yajl decodes them
 * (yajl would make a lone low one invalid UTF-8, a lone high one '?').
 */
static void escape_done(struct js_tokens *t, size_t at)
{
	unsigned code = t->ucode;

	if (code >= 0xDC00 && code <= 0xDFFF) {
		if (t->hi_at != NO_POS)
			t->hi_at = NO_POS;	/* a proper pair */
		else
			replace_escape(t, at);
		return;
	}
	drop_pending_high(t);
	if (code >= 0xD800 && code <= 0xDBFF)
		t->hi_at = at;
}

/* One byte inside a string, at held[i]. */
static void scan_string_byte(struct js_tokens *t, size_t i, unsigned char c)
{
	if (t->uesc) {		/* the digits of \uXXXX */
		int h = hexval(c);

		if (h < 0) {	/* invalid JSON: yajl will say so */
			t->uesc = 0;
			return;
		}
		t->ucode = t->ucode * 16 + (unsigned)h;
		if (++t->uesc == 5) {
			t->uesc = 0;
			escape_done(t, i - 3);
		}
	} else if (t->esc) {
		t->esc = 0;
		if (c == 'u') {
			t->uesc = 1;
			t->ucode = 0;
		} else {
			drop_pending_high(t);
		}
	} else if (c == '\\') {
		t->esc = 1;	/* a pending high surrogate may still pair */
	} else {
		drop_pending_high(t);
		if (c == '"') {
			t->in_str = 0;
			t->tok_at = NO_POS;
		}
	}
}

/*
 * Inside a string only '"' and '\\' change the state: the bytes before the
 * next of them are passed over at once (strcspn; `held` ends in a NUL, and a
 * NUL inside the data stops it early, to be scanned as a plain byte).  A
 * plain byte after a high surrogate's escape leaves that surrogate alone.
 * Returns the index of the next byte to scan one by one, or held.len.
 */
static size_t skip_plain(struct js_tokens *t, size_t i)
{
	size_t n = strcspn(t->held.ptr + i, "\"\\");

	if (n && t->hi_at != NO_POS)
		drop_pending_high(t);
	return i + n < t->held.len ? i + n : t->held.len;
}

/*
 * Moves the token scanner over held[from, held.len): afterwards t->tok_at
 * is where the token still open at the end starts, or NO_POS.
 */
static void scan_tokens(struct js_tokens *t, size_t from)
{
	size_t i;

	for (i = from; i < t->held.len; i++) {
		unsigned char c;

		if (t->in_str && !t->esc && !t->uesc) {
			i = skip_plain(t, i);
			if (i == t->held.len)
				break;
		}
		c = (unsigned char)t->held.ptr[i];
		if (t->in_str) {
			scan_string_byte(t, i, c);
		} else if (byte_class[c] == QUOTE) {
			t->in_str = 1;
			t->in_atom = 0;
			t->tok_at = i;
		} else if (byte_class[c] == OTHER) {	/* yajl may say at once what it is */
			t->in_atom = 0;
			t->tok_at = NO_POS;
			i = run_end(t, i, OTHER);
		} else {
			if (!t->in_atom) {
				t->in_atom = 1;
				t->tok_at = i;
			}
			i = run_end(t, i, ATOM);
		}
	}
}

void js_tokens_init(struct js_tokens *t)
{
	if (byte_class['"'] != QUOTE)
		classes_init();
	memset(t, 0, sizeof(*t));
	t->held = (struct buf)BUF_INIT;
	t->tok_at = t->hi_at = NO_POS;
}

/* Gives held[0, upto) on and keeps the rest. */
static int pass_on(struct js_tokens *t, size_t upto, js_give_fn give,
		   void *ctx, struct err *err)
{
	if (!upto)
		return 0;
	if (give(ctx, t->held.ptr, upto, err) < 0)
		return err->code;
	t->given += upto;
	memmove(t->held.ptr, t->held.ptr + upto, t->held.len - upto);
	buf_truncate(&t->held, t->held.len - upto);
	if (t->tok_at != NO_POS)
		t->tok_at -= upto;
	if (t->hi_at != NO_POS)
		t->hi_at -= upto;
	return 0;
}

int js_tokens_feed(struct js_tokens *t, const char *data, size_t len,
		   js_give_fn give, void *ctx, const char *name,
		   struct err *err)
{
	size_t from = t->held.len;

	buf_add(&t->held, data, len);
	scan_tokens(t, from);
	if (t->tok_at != NO_POS && t->held.len - t->tok_at > JS_MAX_TOKEN)
		return err_set(err, ERR_INPUT, "%s: a JSON token longer than %zu MiB at byte %zu",
			       name, JS_MAX_TOKEN >> 20, t->given + t->tok_at);
	/* everything before the open token goes on; the token waits */
	return pass_on(t, t->tok_at != NO_POS ? t->tok_at : t->held.len,
		       give, ctx, err);
}

int js_tokens_flush(struct js_tokens *t, js_give_fn give, void *ctx,
		    struct err *err)
{
	drop_pending_high(t);	/* a string cut short: the parser says so */
	t->tok_at = NO_POS;
	return pass_on(t, t->held.len, give, ctx, err);
}

void js_tokens_release(struct js_tokens *t)
{
	buf_release(&t->held);
}
