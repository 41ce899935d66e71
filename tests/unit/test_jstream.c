/*
 * The streaming JSON reader's bounds and string hygiene, each case fed cut
 * at every byte (as chunks from a pipe arrive): surrogates, NUL, duplicate
 * keys, integers past 64 bits, the token cap.
 */
#include <criterion/criterion.h>
#include <string.h>

#include "json/jstream.h"
#include "util/xalloc.h"

/* Every string value, each followed by '|'. */
static int on_open(void *ctx, struct jstream *js, int depth)
{
	return 0;
}

static int on_scalar(void *ctx, struct jstream *js, int depth,
		     enum js_type type, const char *s, size_t len)
{
	if (type == JS_STRING) {
		buf_add(ctx, s, len);
		buf_addch(ctx, '|');
	}
	return 0;
}

static const struct js_handler collect = { on_open, NULL, on_scalar, NULL };

/* Feeds doc in two pieces cut at `cut`; the strings into out. */
static int feed_cut(struct buf *out, const char *doc, size_t cut,
		    struct err *err)
{
	struct jstream js;
	size_t len = strlen(doc);
	int ret;

	jstream_init(&js, &collect, out);
	ret = jstream_feed(&js, doc, cut, "t.json", err);
	if (!ret)
		ret = jstream_feed(&js, doc + cut, len - cut, "t.json", err);
	if (!ret)
		ret = jstream_finish(&js, "t.json", err);
	jstream_release(&js);
	return ret;
}

static const struct {
	const char *doc, *want;
} strings[] = {
	{ "[\"\\ud83d\\ude00\"]", "\xF0\x9F\x98\x80|" },	/* a pair */
	{ "[\"\\ud800x\"]", "\xEF\xBF\xBDx|" },		/* lone high */
	{ "[\"a\\udfffb\"]", "a\xEF\xBF\xBD" "b|" },		/* lone low */
	{ "[\"\\ud800\\ud800\\udc00\"]", "\xEF\xBF\xBD\xF0\x90\x80\x80|" },
	{ "[\"\\ud800\\n\"]", "\xEF\xBF\xBD\n|" },
	{ "[\"\\ud800\"]", "\xEF\xBF\xBD|" },			/* at the end */
	{ "[\"a\\u0000b\", \"c\"]", "a\xC0\x80" "b|c|" },	/* NUL kept */
	{ "{\"k\": \"v\", \"n\": 9223372036854775807}", "v|" },
	{ "[-9223372036854775808, 1e400, 123456789012345678901.5]", "" },
};

Test(jstream, strings_valid_utf8_at_every_cut)
{
	for (size_t i = 0; i < ARRAY_SIZE(strings); i++) {
		size_t len = strlen(strings[i].doc);

		for (size_t cut = 0; cut <= len; cut++) {
			struct buf out = BUF_INIT;
			struct err err = ERR_INIT;

			cr_assert_eq(feed_cut(&out, strings[i].doc, cut, &err), 0,
				     "%s cut at %zu: %s", strings[i].doc, cut,
				     err.msg.ptr);
			cr_assert_str_eq(out.ptr, strings[i].want, "%s cut at %zu",
					 strings[i].doc, cut);
			buf_release(&out);
			err_release(&err);
		}
	}
}

static const struct {
	const char *doc, *msg;
} refused[] = {
	{ "{\"a\": 1, \"b\": 2, \"a\": 3}", "t.json: duplicate key 'a' at byte 20" },
	{ "[{\"a\": 1}, {\"a\": {\"x\": 1, \"x\": 2}}]", "t.json: duplicate key 'x' at byte 29" },
	{ "[9223372036854775808]", "t.json: an integer beyond 64 bits at byte 20" },
	{ "[-9223372036854775809]", "t.json: an integer beyond 64 bits at byte 21" },
	{ "{\"n\": 123456789012345678901234567890}", "t.json: an integer beyond 64 bits" },
};

Test(jstream, ambiguous_documents_refused_at_every_cut)
{
	for (size_t i = 0; i < ARRAY_SIZE(refused); i++) {
		size_t len = strlen(refused[i].doc);

		for (size_t cut = 0; cut <= len; cut++) {
			struct buf out = BUF_INIT;
			struct err err = ERR_INIT;

			cr_assert_eq(feed_cut(&out, refused[i].doc, cut, &err),
				     ERR_INPUT, "%s cut at %zu", refused[i].doc, cut);
			cr_assert(strstr(err.msg.ptr, refused[i].msg),
				  "%s cut at %zu: %s", refused[i].doc, cut, err.msg.ptr);
			buf_release(&out);
			err_release(&err);
		}
	}
}

Test(jstream, distinct_keys_in_many_objects_are_fine)
{
	struct buf doc = BUF_INIT, out = BUF_INIT;
	struct err err = ERR_INIT;

	buf_addch(&doc, '{');
	for (int i = 0; i < 5000; i++)
		buf_addf(&doc, "%s\"k%d\": {\"a\": 1, \"b\": 2}", i ? ", " : "", i);
	buf_addch(&doc, '}');
	cr_assert_eq(feed_cut(&out, doc.ptr, doc.len / 2, &err), 0, "%s",
		     err.msg.ptr);
	buf_release(&doc);
	buf_release(&out);
}

/* A token past JS_MAX_TOKEN, fed in 256 KiB chunks: refused at its start. */
Test(jstream, token_cap)
{
	static char chunk[256 * 1024];
	struct buf out = BUF_INIT;
	struct err err = ERR_INIT;
	struct jstream js;
	size_t fed = 0;
	int ret;

	memset(chunk, 'a', sizeof(chunk));
	jstream_init(&js, &collect, &out);
	ret = jstream_feed(&js, "[1, \"", 5, "big.json", &err);
	while (!ret && fed <= JS_MAX_TOKEN) {
		ret = jstream_feed(&js, chunk, sizeof(chunk), "big.json", &err);
		fed += sizeof(chunk);
	}
	cr_assert_eq(ret, ERR_INPUT);
	cr_assert_str_eq(err.msg.ptr, "big.json: a JSON token longer than 16 MiB at byte 4");
	cr_assert_leq(js.tokens.held.alloc, 2 * JS_MAX_TOKEN);
	jstream_release(&js);
	buf_release(&out);
	err_release(&err);
}
