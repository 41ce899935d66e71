#include <criterion/criterion.h>
#include <string.h>

#include "json/jsonw.h"

TestSuite(json_jsonw);

Test(json_jsonw, compact_document_has_commas_only_between_members)
{
	struct buf b = BUF_INIT;
	struct jsonw w;

	jw_init(&w, &b, 0);
	jw_obj(&w);
	jw_kstr(&w, "a", "x");
	jw_kint(&w, "n", -42);
	jw_key(&w, "l");
	jw_arr(&w);
	jw_bool(&w, 1);
	jw_null(&w);
	jw_str(&w, NULL);
	jw_obj(&w);
	jw_end(&w, '}');
	jw_end(&w, ']');
	jw_end(&w, '}');
	cr_assert_str_eq(b.ptr, "{\"a\":\"x\",\"n\":-42,\"l\":[true,null,null,{}]}");
	buf_release(&b);
}

Test(json_jsonw, pretty_document_indents_two_spaces)
{
	struct buf b = BUF_INIT;
	struct jsonw w;

	jw_init(&w, &b, 1);
	jw_obj(&w);
	jw_key(&w, "l");
	jw_arr(&w);
	jw_int(&w, 1);
	jw_int(&w, 2);
	jw_end(&w, ']');
	jw_key(&w, "e");
	jw_arr(&w);
	jw_end(&w, ']');
	jw_end(&w, '}');
	cr_assert_str_eq(b.ptr, "{\n  \"l\": [\n    1,\n    2\n  ],\n  \"e\": []\n}");
	buf_release(&b);
}

Test(json_jsonw, quote_escapes_rfc8259_and_passes_utf8)
{
	static const struct { const char *in, *want; } cases[] = {
		{ "", "\"\"" },
		{ "a\"b\\c", "\"a\\\"b\\\\c\"" },
		{ "\n\t\r", "\"\\n\\t\\r\"" },
		{ "\x01\x1f", "\"\\u0001\\u001f\"" },
		{ "\x7f", "\"\x7f\"" },
		{ "caf\xc3\xa9 \xe2\x82\xac", "\"caf\xc3\xa9 \xe2\x82\xac\"" },
		{ "</script>", "\"</script>\"" },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct buf b = BUF_INIT;

		jw_quote(&b, cases[i].in);
		cr_assert_str_eq(b.ptr, cases[i].want, "case %zu", i);
		buf_release(&b);
	}
}
