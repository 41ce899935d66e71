/*
 * yajl callbacks turned into the frame stack of jstream.h.
 */
#include "json/jstream.h"

#include <stdlib.h>
#include <stdint.h>
#include <string.h>
#include <yajl/yajl_parse.h>

#include "util/utf8.h"
#include "util/xalloc.h"


static int skipping(const struct jstream *js)
{
	return js->depth > 0 && js->frames[js->depth - 1].tag == JS_SKIP;
}

/* Empties the key set; a big one from an earlier object is given back. */
static void forget_keys(struct js_frame *f)
{
	if (f->cap_seen > 64) {
		free(f->seen);
		f->seen = NULL;
		f->cap_seen = 0;
	} else if (f->seen) {
		memset(f->seen, 0, f->cap_seen * sizeof(*f->seen));
	}
	f->nr_seen = 0;
}

static unsigned long long key_hash(const char *s, size_t len)
{
	unsigned long long h = 14695981039346656037ULL;	/* FNV-1a */
	size_t i;

	for (i = 0; i < len; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
	return h ? h : 1;	/* 0 marks an empty slot */
}

/* Adds `h` to the set (open addressing); 0 if it was there already. */
static int remember_key(struct js_frame *f, unsigned long long h)
{
	size_t i;

	if (2 * (f->nr_seen + 1) > f->cap_seen) {
		unsigned long long *old = f->seen;
		size_t old_cap = f->cap_seen;

		f->cap_seen = old_cap ? 2 * old_cap : 16;
		f->seen = xcalloc(f->cap_seen, sizeof(*f->seen));
		f->nr_seen = 0;
		for (i = 0; i < old_cap; i++)
			if (old[i])
				remember_key(f, old[i]);
		free(old);
	}
	for (i = h & (f->cap_seen - 1); f->seen[i];
	     i = (i + 1) & (f->cap_seen - 1))
		if (f->seen[i] == h)
			return 0;
	f->seen[i] = h;
	f->nr_seen++;
	return 1;
}

static int open_frame(struct jstream *js, int is_array)
{
	struct js_frame *f;
	int d = js->depth;

	if (d >= JS_MAX_DEPTH) {
		js->too_deep = 1;
		return 0;
	}
	if (d >= js->alloc) {
		int n = js->alloc ? js->alloc * 2 : 32;

		js->frames = xreallocarray(js->frames, (size_t)n, sizeof(*f));
		memset(js->frames + js->alloc, 0,
		       (size_t)(n - js->alloc) * sizeof(*f));
		for (int i = js->alloc; i < n; i++)
			js->frames[i].key.ptr = buf_empty;
		js->alloc = n;
	}
	f = &js->frames[d];
	f->is_array = is_array;
	buf_reset(&f->key);
	forget_keys(f);
	if (skipping(js)) {
		f->tag = JS_SKIP;
		js->depth++;
		return 1;
	}
	f->tag = 0;
	js->depth++;
	return !js->h->open(js->ctx, js, d);
}

static int close_frame(struct jstream *js)
{
	int d = --js->depth;

	if (js->frames[d].tag == JS_SKIP || !js->h->close)
		return 1;
	return !js->h->close(js->ctx, js, d);
}

static int on_scalar(struct jstream *js, enum js_type t, const char *s,
		     size_t len)
{
	if (skipping(js))
		return 1;
	return !js->h->scalar(js->ctx, js, js->depth, t, s, len);
}

static int cb_null(void *c)
{
	return on_scalar(c, JS_NULL, "null", 4);
}

static int cb_bool(void *c, int b)
{
	return on_scalar(c, JS_BOOL, b ? "true" : "false", b ? 4 : 5);
}

/* An integer literal (no fraction, no exponent) beyond int64's range. */
static int too_big(const char *s, size_t len)
{
	int neg = len && *s == '-';
	const char *max = neg ? "9223372036854775808" : "9223372036854775807";
	size_t digits = len - (size_t)neg;

	if (memchr(s, '.', len) || memchr(s, 'e', len) || memchr(s, 'E', len))
		return 0;
	if (digits != 19)
		return digits > 19;
	return memcmp(s + neg, max, 19) > 0;
}

static int cb_number(void *c, const char *s, size_t len)
{
	struct jstream *js = c;

	if (!skipping(js) && too_big(s, len)) {
		js->too_big = 1;
		return 0;
	}
	return on_scalar(c, JS_NUMBER, s, len);
}

/*
 * A decoded string as the handler may take it: NUL as C0 80, anything
 * that is not UTF-8 (yajl decodes a lone \udfff to a surrogate) as U+FFFD.
 * Returns `s` itself when it needs nothing, which is nearly always.
 */
/* 1 when s[0, len) is ASCII without a NUL, as nearly every string of a
 * report is: checked eight bytes at a time. */
static int plain_ascii(const unsigned char *s, size_t len)
{
	const uint64_t high = 0x8080808080808080ULL, ones = 0x0101010101010101ULL;
	size_t i = 0;
	uint64_t w;

	for (; i + 8 <= len; i += 8) {
		memcpy(&w, s + i, 8);
		if ((w & high) || ((w - ones) & ~w & high))
			return 0;	/* a byte from 0x80 up, or a zero byte */
	}
	for (; i < len; i++)
		if (!s[i] || s[i] >= 0x80)
			return 0;
	return 1;
}

static const char *clean_string(struct jstream *js, const unsigned char *s,
				size_t *len)
{
	size_t i, n;

	if (plain_ascii(s, *len))
		return (const char *)s;

	for (i = 0; i < *len; i += n)
		if (!s[i] || !(n = utf8_char_len(s + i, *len - i)))
			break;
	if (i == *len)
		return (const char *)s;
	buf_reset(&js->str);
	buf_add(&js->str, s, i);
	for (; i < *len; i += n) {
		if (!s[i]) {
			buf_add(&js->str, "\xC0\x80", 2);
			n = 1;
		} else if (!(n = utf8_char_len(s + i, *len - i))) {
			buf_add(&js->str, "\xEF\xBF\xBD", 3);
			/* a surrogate's three bytes make one replacement */
			n = s[i] == 0xED && i + 2 < *len &&
			    (s[i + 1] & 0xE0) == 0xA0 &&
			    (s[i + 2] & 0xC0) == 0x80 ? 3 : 1;
		} else {
			buf_add(&js->str, s + i, n);
		}
	}
	*len = js->str.len;
	return js->str.ptr;
}

static int cb_string(void *c, const unsigned char *s, size_t len)
{
	struct jstream *js = c;
	const char *clean;

	if (skipping(js))
		return 1;
	clean = clean_string(js, s, &len);
	return on_scalar(js, JS_STRING, clean, len);
}

static int cb_start_map(void *c)
{
	return open_frame(c, 0);
}

static int cb_start_array(void *c)
{
	return open_frame(c, 1);
}

static int cb_end(void *c)
{
	return close_frame(c);
}

static int cb_key(void *c, const unsigned char *s, size_t len)
{
	struct jstream *js = c;
	struct js_frame *f = &js->frames[js->depth - 1];

	const char *clean;

	if (f->tag == JS_SKIP)
		return 1;
	clean = clean_string(js, s, &len);
	if (!remember_key(f, key_hash(clean, len))) {
		js->dup_key = 1;
		buf_reset(&f->key);
		buf_add(&f->key, clean, len);	/* for the message */
		return 0;
	}
	buf_reset(&f->key);
	buf_add(&f->key, clean, len);
	return !js->h->key || !js->h->key(js->ctx, js, js->depth, clean, len);
}

static const yajl_callbacks callbacks = {
	cb_null, cb_bool, NULL, NULL, cb_number, cb_string,
	cb_start_map, cb_key, cb_end, cb_start_array, cb_end,
};

void jstream_init(struct jstream *js, const struct js_handler *h, void *ctx)
{
	memset(js, 0, sizeof(*js));
	js->h = h;
	js->ctx = ctx;
	js_tokens_init(&js->tokens);
	js->str = (struct buf)BUF_INIT;
	js->yajl = yajl_alloc(&callbacks, NULL, js);
}

static int syntax_error(struct jstream *js, const unsigned char *data,
			size_t len, const char *name, struct err *err)
{
	yajl_handle y = js->yajl;
	size_t at = js->offset + yajl_get_bytes_consumed(y);
	unsigned char *msg;
	int ret;

	if (js->too_deep)
		return err_set(err, ERR_INPUT, "%s: JSON nested deeper than %d "
			       "levels at byte %zu", name, JS_MAX_DEPTH, at);
	if (js->dup_key)
		return err_set(err, ERR_INPUT, "%s: duplicate key '%.60s' at byte %zu",
			       name, js->frames[js->depth - 1].key.ptr, at);
	if (js->too_big)
		return err_set(err, ERR_INPUT, "%s: an integer beyond 64 bits at byte %zu",
			       name, at);
	if (err_is_set(err))	/* the handler stopped and said why */
		return err->code;
	msg = yajl_get_error(y, 0, data, len);
	/* yajl ends its message with a newline: one line is ours to end */
	ret = err_set(err, ERR_INPUT, "%s: invalid JSON at byte %zu: %.*s", name,
		      at, (int)strcspn((const char *)msg, "\n"),
		      (const char *)msg);
	yajl_free_error(y, msg);
	return ret;
}

/* Hands bytes to yajl; js->offset counts what it has had. */
static int give_yajl(void *ctx, const char *data, size_t len,
		     struct err *err)
{
	struct jstream *js = ctx;
	yajl_status st = yajl_parse(js->yajl, (const unsigned char *)data, len);

	if (st != yajl_status_ok)
		return syntax_error(js, (const unsigned char *)data, len,
				    js->name, err);
	js->offset += len;
	return 0;
}

int jstream_feed(struct jstream *js, const char *data, size_t len,
		 const char *name, struct err *err)
{
	js->name = name;
	return js_tokens_feed(&js->tokens, data, len, give_yajl, js, name, err);
}

int jstream_finish(struct jstream *js, const char *name, struct err *err)
{
	yajl_status st;

	js->name = name;
	if (js_tokens_flush(&js->tokens, give_yajl, js, err) < 0)
		return err->code;
	st = yajl_complete_parse(js->yajl);
	if (st == yajl_status_ok)
		return 0;
	if (err_is_set(err))
		return err->code;
	if (js->depth > 0 || st == yajl_status_error)
		return err_set(err, ERR_INPUT, "%s: truncated JSON at byte %zu "
			       "(the document ends inside a value)", name,
			       js->offset);
	return err_set(err, ERR_INPUT, "%s: invalid JSON at byte %zu", name,
		       js->offset);
}

void jstream_release(struct jstream *js)
{
	int i;

	if (js->yajl)
		yajl_free(js->yajl);
	js_tokens_release(&js->tokens);
	buf_release(&js->str);
	for (i = 0; i < js->alloc; i++) {
		buf_release(&js->frames[i].key);
		free(js->frames[i].seen);
	}
	free(js->frames);
	memset(js, 0, sizeof(*js));
}

const char *js_parent_key(const struct jstream *js, int depth)
{
	if (depth <= 0 || js->frames[depth - 1].is_array)
		return "";
	return js->frames[depth - 1].key.ptr;
}

unsigned js_uint(const char *s, size_t len)
{
	unsigned long v = 0;
	size_t i;

	for (i = 0; i < len && s[i] >= '0' && s[i] <= '9'; i++) {
		v = v * 10 + (unsigned long)(s[i] - '0');
		if (v > 100000000UL)
			return 0;
	}
	return i ? (unsigned)v : 0;
}
