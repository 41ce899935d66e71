#include <criterion/criterion.h>
#include <string.h>

#include "json/jstream.h"

TestSuite(json_jstream);

/* Records every event as text: "{", "}", "k:name", "s:value" with the
 * parent key, so that the assertions read as the document. */
struct rec {
	struct buf log;
	const char *skip_key;	/* containers under this key are skipped */
	int stop_at_scalar;	/* stop when this scalar count is reached */
	int scalars;
};

static int on_open(void *ctx, struct jstream *js, int depth)
{
	struct rec *r = ctx;

	if (r->skip_key && !strcmp(js_parent_key(js, depth), r->skip_key))
		js->frames[depth].tag = JS_SKIP;
	buf_addf(&r->log, "%c%d ", js->frames[depth].is_array ? '[' : '{',
		 depth);
	return 0;
}

static int on_close(void *ctx, struct jstream *js, int depth)
{
	struct rec *r = ctx;

	buf_addf(&r->log, "%c%d ", js->frames[depth].is_array ? ']' : '}',
		 depth);
	return 0;
}

static int on_scalar(void *ctx, struct jstream *js, int depth,
		     enum js_type type, const char *s, size_t len)
{
	struct rec *r = ctx;

	buf_addf(&r->log, "%d:%s=%.*s ", (int)type, js_parent_key(js, depth),
		 (int)len, s);
	return ++r->scalars == r->stop_at_scalar;
}

static const struct js_handler handler = { on_open, on_close, on_scalar, NULL };

static int parse(struct rec *r, const char *doc, size_t chunk, struct err *err)
{
	struct jstream js;
	size_t off = 0, len = strlen(doc);
	int ret = 0;

	jstream_init(&js, &handler, r);
	while (!ret && off < len) {
		size_t n = len - off < chunk ? len - off : chunk;

		ret = jstream_feed(&js, doc + off, n, "doc", err);
		off += n;
	}
	if (!ret)
		ret = jstream_finish(&js, "doc", err);
	jstream_release(&js);
	return ret;
}

Test(json_jstream, events_are_the_same_whatever_the_chunking)
{
	const char *doc = "{\"a\": [1, \"x\", true, null], \"b\": {\"c\": \"d\"}}";
	const char *want = "{0 [1 2:=1 3:=x 1:=true 0:=null ]1 {1 3:c=d }1 }0 ";
	size_t chunk;

	for (chunk = 1; chunk <= strlen(doc); chunk++) {
		struct rec r = { BUF_INIT, NULL, 0, 0 };
		struct err err = ERR_INIT;

		cr_assert_eq(parse(&r, doc, chunk, &err), 0, "chunk %zu", chunk);
		cr_assert_str_eq(r.log.ptr, want, "chunk %zu: %s", chunk, r.log.ptr);
		buf_release(&r.log);
	}
}

Test(json_jstream, skipped_container_hides_everything_inside)
{
	struct rec r = { BUF_INIT, "skip", 0, 0 };
	struct err err = ERR_INIT;

	cr_assert_eq(parse(&r, "{\"skip\": {\"x\": [1, {\"y\": 2}]}, \"k\": 3}",
			   4096, &err), 0);
	cr_assert_str_eq(r.log.ptr, "{0 {1 2:k=3 }0 ");
	buf_release(&r.log);
}

Test(json_jstream, syntax_error_names_the_byte)
{
	struct rec r = { BUF_INIT, NULL, 0, 0 };
	struct err err = ERR_INIT;

	cr_assert_eq(parse(&r, "{\"a\": tru}", 4096, &err), ERR_INPUT);
	cr_assert(strstr(err.msg.ptr, "doc: invalid JSON at byte"), "%s", err.msg.ptr);
	buf_release(&r.log);
	err_release(&err);
}

Test(json_jstream, truncated_document_is_an_input_error)
{
	struct rec r = { BUF_INIT, NULL, 0, 0 };
	struct err err = ERR_INIT;

	cr_assert_eq(parse(&r, "{\"a\": [1, 2", 4096, &err), ERR_INPUT);
	cr_assert(strstr(err.msg.ptr, "truncated JSON"), "%s", err.msg.ptr);
	buf_release(&r.log);
	err_release(&err);
}

Test(json_jstream, nesting_past_the_limit_is_refused)
{
	struct rec r = { BUF_INIT, NULL, 0, 0 };
	struct err err = ERR_INIT;
	struct buf doc = BUF_INIT;
	int i;

	for (i = 0; i < JS_MAX_DEPTH + 1; i++)
		buf_addch(&doc, '[');
	cr_assert_eq(parse(&r, doc.ptr, 4096, &err), ERR_INPUT);
	cr_assert(strstr(err.msg.ptr, "nested deeper than"), "%s", err.msg.ptr);
	buf_release(&r.log);
	buf_release(&doc);
	err_release(&err);
}

Test(json_jstream, handler_can_stop_the_parse)
{
	struct rec r = { BUF_INIT, NULL, 2, 0 };
	struct err err = ERR_INIT;

	cr_assert_eq(parse(&r, "[1, 2, 3, 4]", 4096, &err), ERR_INPUT);
	cr_assert_eq(r.scalars, 2);
	buf_release(&r.log);
	err_release(&err);
}

Test(json_jstream, uint_parses_line_numbers_only)
{
	cr_assert_eq(js_uint("42", 2), 42);
	cr_assert_eq(js_uint("42.5", 4), 42);
	cr_assert_eq(js_uint("-1", 2), 0);
	cr_assert_eq(js_uint("", 0), 0);
	cr_assert_eq(js_uint("999999999999", 12), 0);
}
