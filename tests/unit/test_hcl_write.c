/*
 * The HCL writer: tables of tricky values with the exact text expected, and
 * every document checked by HashiCorp's hclfmt (it must parse and stay
 * byte-identical).
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "render/hcl.h"
#include "util/buf.h"

/* hclfmt sits in <build>/tools; this test runs from <build>/tests. */
static char *hclfmt_path(void)
{
	static char path[4096];
	ssize_t n = readlink("/proc/self/exe", path, sizeof(path) - 40);
	char *slash;

	cr_assert(n > 0);
	path[n] = '\0';
	slash = strrchr(path, '/');
	*slash = '\0';
	slash = strrchr(path, '/');
	snprintf(slash, sizeof(path) - (size_t)(slash - path), "/tools/hclfmt");
	return path;
}

/* hclfmt must parse `doc` and leave it unchanged. */
static void assert_hclfmt_clean(const char *doc)
{
	char file[] = "/tmp/hclw-XXXXXX";
	char cmd[8192];
	int fd = mkstemp(file);
	FILE *f;

	cr_assert(fd >= 0);
	f = fdopen(fd, "w");
	fputs(doc, f);
	fclose(f);
	snprintf(cmd, sizeof(cmd), "'%s' -require-no-change '%s' >/dev/null 2>&1",
		 hclfmt_path(), file);
	cr_expect_eq(system(cmd), 0, "hclfmt changed or rejected:\n%s", doc);
	unlink(file);
}

static char *one_attr(const char *name, struct hclw_value *v)
{
	struct hclw_writer w = HCLW_WRITER_INIT;
	struct buf out = BUF_INIT;

	hclw_attr(&w, name, v);
	hclw_finish(&out, &w);
	hclw_value_free(v);
	return buf_detach(&out, NULL);
}

struct str_case {
	const char *in;
	const char *out;
};

TestSuite(hclw_write);

Test(hclw_write, string_escapes)
{
	static const struct str_case cases[] = {
		{ "plain", "x = \"plain\"\n" },
		{ "say \"hi\"", "x = \"say \\\"hi\\\"\"\n" },
		{ "back\\slash", "x = \"back\\\\slash\"\n" },
		{ "line1\nline2\n", "x = \"line1\\nline2\\n\"\n" },
		{ "tab\tcr\r", "x = \"tab\\tcr\\r\"\n" },
		{ "bell\a esc\x1b del\x7f", "x = \"bell\\u0007 esc\\u001b del\\u007f\"\n" },
		{ "${not} %{if}", "x = \"$${not} %%{if}\"\n" },
		{ "$ alone, % alone, $$ and {}", "x = \"$ alone, % alone, $$ and {}\"\n" },
		{ "caf\xc3\xa9 \xe6\x97\xa5\xe6\x9c\xac \xf0\x9f\x9a\x80", "x = \"caf\xc3\xa9 \xe6\x97\xa5\xe6\x9c\xac \xf0\x9f\x9a\x80\"\n" },
		{ "c1 \xc2\x85 control", "x = \"c1 \\u0085 control\"\n" },
		{ "", "x = \"\"\n" },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *got = one_attr("x", hclw_str(cases[i].in));

		cr_expect_str_eq(got, cases[i].out, "case %zu", i);
		assert_hclfmt_clean(got);
		free(got);
	}
}

struct num_case {
	const char *yaml;
	const char *hcl;
};

Test(hclw_write, numbers)
{
	static const struct num_case cases[] = {
		{ "42", "42" }, { "-7", "-7" }, { "+3", "3" }, { "0", "0" },
		{ "1.50", "1.50" }, { "-0.25", "-0.25" }, { ".5", "0.5" },
		{ "5.", "5.0" }, { "1e3", "1e3" }, { "2.5E-4", "2.5E-4" },
		{ "0x1F", "31" }, { "0o17", "15" },
		{ "123456789012345678901234567890", "123456789012345678901234567890" },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct buf b = BUF_INIT;
		char *got, want[128];

		cr_assert_eq(hclw_number(&b, cases[i].yaml), 0, "%s", cases[i].yaml);
		cr_expect_str_eq(b.ptr, cases[i].hcl, "%s", cases[i].yaml);
		got = one_attr("n", hclw_new(HCLW_NUMBER, b.ptr, b.len));
		snprintf(want, sizeof(want), "n = %s\n", cases[i].hcl);
		cr_expect_str_eq(got, want);
		assert_hclfmt_clean(got);
		free(got);
		buf_release(&b);
	}
	{
		struct buf b = BUF_INIT;

		cr_expect_eq(hclw_number(&b, ".inf"), -1);
		cr_expect_eq(hclw_number(&b, "-.Inf"), -1);
		cr_expect_eq(hclw_number(&b, ".nan"), -1);
		buf_release(&b);
	}
}

Test(hclw_write, keys_that_are_not_identifiers_are_quoted)
{
	static const struct str_case cases[] = {
		{ "name", "name" }, { "with-dash", "with-dash" }, { "_x1", "_x1" },
		{ "a.b", "\"a.b\"" }, { "1st", "\"1st\"" }, { "has space", "\"has space\"" },
		{ "true", "\"true\"" }, { "null", "\"null\"" }, { "for", "\"for\"" },
		{ "", "\"\"" }, { "quo\"te", "\"quo\\\"te\"" }, { "${x}", "\"$${x}\"" },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct hclw_value *o = hclw_new(HCLW_OBJECT, NULL, 0);
		char *got, want[256];

		hclw_object_set(o, cases[i].in, hclw_expr("1"));
		got = one_attr("m", o);
		snprintf(want, sizeof(want), "m = {\n  %s = 1\n}\n", cases[i].out);
		cr_expect_str_eq(got, want, "key %s", cases[i].in);
		assert_hclfmt_clean(got);
		free(got);
	}
}

Test(hclw_write, alignment_follows_hclfmt)
{
	struct hclw_writer w = HCLW_WRITER_INIT;
	struct hclw_value *obj = hclw_new(HCLW_OBJECT, NULL, 0), *list, *inner;
	struct buf out = BUF_INIT;
	const char *labels[] = { "a", "b", NULL };

	/*
	 * Runs of one-line attributes align; a blank line or a multi-line
	 * value ends a run; a heredoc does not (hclfmt sees one line).
	 */
	inner = hclw_new(HCLW_OBJECT, NULL, 0);
	hclw_object_set(inner, "k", hclw_expr("true"));
	hclw_object_set(inner, "long_key", hclw_new(HCLW_NULL, NULL, 0));
	list = hclw_new(HCLW_LIST, NULL, 0);
	hclw_list_push(list, inner);
	hclw_list_push(list, hclw_new(HCLW_LIST, NULL, 0));
	hclw_list_push(list, hclw_str("s"));
	hclw_object_set(obj, "a", hclw_expr("1"));
	hclw_object_set(obj, "bbbb", hclw_str("x"));
	hclw_object_set(obj, "list", list);
	hclw_object_set(obj, "z", hclw_new(HCLW_OBJECT, NULL, 0));
	hclw_object_set(obj, "\xc3\xa9t\xc3\xa9", hclw_expr("2"));

	hclw_comment(&w, "head");
	hclw_blank(&w);
	hclw_block_open(&w, "blk", labels);
	hclw_attr(&w, "short", &(struct hclw_value){ .kind = HCLW_EXPR, .text = (char *)"1", .len = 1 });
	hclw_attr(&w, "much_longer", &(struct hclw_value){ .kind = HCLW_EXPR, .text = (char *)"2", .len = 1 });
	hclw_blank(&w);
	hclw_attr(&w, "after_blank", &(struct hclw_value){ .kind = HCLW_EXPR, .text = (char *)"3", .len = 1 });
	hclw_attr(&w, "obj", obj);
	hclw_attr_heredoc(&w, "c", "EOT", "line \"1\"\n\n  line 2\n");
	hclw_attr(&w, "xx", &(struct hclw_value){ .kind = HCLW_EXPR, .text = (char *)"4", .len = 1 });
	hclw_block_close(&w);
	hclw_finish(&out, &w);
	cr_expect_str_eq(out.ptr,
		"# head\n"
		"\n"
		"blk \"a\" \"b\" {\n"
		"  short       = 1\n"
		"  much_longer = 2\n"
		"\n"
		"  after_blank = 3\n"
		"  obj = {\n"
		"    a    = 1\n"
		"    bbbb = \"x\"\n"
		"    list = [\n"
		"      {\n"
		"        k        = true\n"
		"        long_key = null\n"
		"      },\n"
		"      [],\n"
		"      \"s\",\n"
		"    ]\n"
		"    z     = {}\n"
		"    \"\xc3\xa9t\xc3\xa9\" = 2\n"
		"  }\n"
		"  c  = <<-EOT\n"
		"    line \"1\"\n"
		"\n"
		"      line 2\n"
		"  EOT\n"
		"  xx = 4\n"
		"}\n");
	assert_hclfmt_clean(out.ptr);
	hclw_value_free(obj);
	buf_release(&out);
}

Test(hclw_write, lists_inline_and_nested)
{
	struct hclw_value *l = hclw_new(HCLW_LIST, NULL, 0), *m;
	char *got;

	hclw_list_push(l, hclw_expr("1"));
	hclw_list_push(l, hclw_str("two"));
	hclw_list_push(l, hclw_new(HCLW_NULL, NULL, 0));
	hclw_list_push(l, hclw_expr("-3"));
	got = one_attr("l", l);
	cr_expect_str_eq(got, "l = [1, \"two\", null, -3]\n");
	assert_hclfmt_clean(got);
	free(got);

	l = hclw_new(HCLW_LIST, NULL, 0);
	m = hclw_new(HCLW_LIST, NULL, 0);
	hclw_list_push(m, hclw_new(HCLW_OBJECT, NULL, 0));
	hclw_list_push(l, m);
	got = one_attr("deep", l);
	cr_expect_str_eq(got, "deep = [\n  [\n    {},\n  ],\n]\n");
	assert_hclfmt_clean(got);
	free(got);

	got = one_attr("t", hclw_new(HCLW_TEMPLATE, "a-${dependency.x.outputs.y}", 27));
	cr_expect_str_eq(got, "t = \"a-${dependency.x.outputs.y}\"\n");
	assert_hclfmt_clean(got);
	free(got);
}

/* Random nested values: whatever the shape, hclfmt must agree. */
static struct hclw_value *random_value(unsigned *seed, int depth)
{
	static const char *const keys[] = {
		"a", "bb", "with-dash", "x.y", "true", "long_key_name", "\xc3\xa9", "k1", "9"
	};
	static const char *const strs[] = {
		"", "plain", "q\"uote", "${x}", "%{y}", "multi\nline", "tab\t", "\xe2\x82\xac"
	};
	int kind = rand_r(seed) % (depth > 3 ? 5 : 7);
	struct hclw_value *v;
	int i, n;

	switch (kind) {
	case 0: return hclw_new(HCLW_NULL, NULL, 0);
	case 1: return hclw_expr(rand_r(seed) % 2 ? "true" : "false");
	case 2: return hclw_expr(rand_r(seed) % 2 ? "-12" : "3.25");
	case 3:
	case 4: return hclw_str(strs[rand_r(seed) % (sizeof(strs) / sizeof(strs[0]))]);
	case 5:
		v = hclw_new(HCLW_LIST, NULL, 0);
		n = rand_r(seed) % 4;
		for (i = 0; i < n; i++)
			hclw_list_push(v, random_value(seed, depth + 1));
		return v;
	default:
		v = hclw_new(HCLW_OBJECT, NULL, 0);
		n = rand_r(seed) % 5;
		for (i = 0; i < n; i++)
			hclw_object_set(v, keys[rand_r(seed) % (sizeof(keys) / sizeof(keys[0]))],
				       random_value(seed, depth + 1));
		hclw_object_sort(v);
		return v;
	}
}

Test(hclw_write, random_documents_are_hclfmt_clean)
{
	char dir[] = "/tmp/hclw-rand-XXXXXX";
	struct buf cmd = BUF_INIT;
	unsigned seed = 4242;
	int doc, i;

	cr_assert_not_null(mkdtemp(dir));
	buf_addf(&cmd, "cd '%s' && '%s' -require-no-change", dir, hclfmt_path());
	for (doc = 0; doc < 60; doc++) {
		struct hclw_writer w = HCLW_WRITER_INIT;
		struct buf out = BUF_INIT;
		char path[128];
		FILE *f;

		hclw_block_open(&w, "blk", NULL);
		for (i = 0; i < 1 + doc % 6; i++) {
			struct hclw_value *v = random_value(&seed, 0);
			char name[16];

			if (rand_r(&seed) % 4 == 0)
				hclw_blank(&w);
			snprintf(name, sizeof(name), "%.*s", 1 + i * 3, "attr_name_long");
			hclw_attr(&w, name, v);
			hclw_value_free(v);
		}
		hclw_block_close(&w);
		hclw_finish(&out, &w);
		snprintf(path, sizeof(path), "%s/d%02d.hcl", dir, doc);
		f = fopen(path, "w");
		cr_assert_not_null(f);
		fputs(out.ptr, f);
		fclose(f);
		buf_addf(&cmd, " d%02d.hcl", doc);
		buf_release(&out);
	}
	buf_addstr(&cmd, " >/dev/null");
	cr_expect_eq(system(cmd.ptr), 0, "hclfmt reformatted a random document in %s", dir);
	buf_reset(&cmd);
	buf_addf(&cmd, "rm -rf '%s'", dir);
	system(cmd.ptr);
	buf_release(&cmd);
}
