/*
 * The HCL reader on tables of small inputs: structure and positions of
 * what it accepts, exact file:line:col and message of what it rejects,
 * and the decoding of string literals.
 */
#include <criterion/criterion.h>
#include <string.h>

#include "hcl/hcl.h"
#include "util/buf.h"

static void parse_ok(struct hcl_file *f, const char *src)
{
	struct err err = ERR_INIT;

	cr_assert_eq(hcl_parse(f, "t.tf", src, strlen(src), &err), 0,
		     "rejected %s: %s", src, err.msg.ptr);
	err_release(&err);
}

struct pos_case {
	const char *src;
	const char *path;	/* "0", "0.1" ... index path into nested bodies */
	const char *name;
	unsigned line, col;
	const char *expr;	/* NULL for blocks */
	unsigned eline, ecol;
};

static const struct hcl_node *walk(const struct hcl_file *f, const char *path)
{
	const struct hcl_body *body = &f->body;
	const struct hcl_node *n = NULL;

	for (const char *p = path; *p; p++) {
		if (*p == '.')
			continue;
		cr_assert_lt((size_t)(*p - '0'), body->nr, "no node %s", path);
		n = &body->nodes[*p - '0'];
		body = &n->body;
	}
	return n;
}

Test(hcl_read, positions_and_raw_expressions)
{
	static const struct pos_case cases[] = {
		{ "a = 1\n", "0", "a", 1, 1, "1", 1, 5 },
		{ "  name   =   \"x\"   # c\n", "0", "name", 1, 3, "\"x\"", 1, 14 },
		{ "\n\nblock \"l\" {\n  in = var.x\n}\n", "0", "block", 3, 1, NULL, 0, 0 },
		{ "\n\nblock \"l\" {\n  in = var.x\n}\n", "0.0", "in", 4, 3, "var.x", 4, 8 },
		{ "x = [\n  1, # one\n  2,\n]\ny = 2\n", "0", "x", 1, 1, "[\n  1, # one\n  2,\n]", 1, 5 },
		{ "x = [\n  1,\n]\ny = 2\n", "1", "y", 4, 1, "2", 4, 5 },
		{ "d = <<EOT\nhi\nEOT\ne = 1\n", "0", "d", 1, 1, "<<EOT\nhi\nEOT", 1, 5 },
		{ "d = <<EOT\nhi\nEOT\ne = 1\n", "1", "e", 4, 1, "1", 4, 5 },
		{ "\xc3\xa9t\xc3\xa9 = \"\xe2\x82\xac\" \nz = 1\n", "0", "\xc3\xa9t\xc3\xa9", 1, 1, "\"\xe2\x82\xac\"", 1, 7 },
		{ "\"\xe2\x82\xac\" = 1\n", NULL, NULL, 0, 0, NULL, 0, 0 },
		{ "u = \"\xe2\x82\xac\"\nv = 1 /* c */\n", "1", "v", 2, 1, "1", 2, 5 },
		{ "a = 1\r\nb {\r\n  c = 2\r\n}\r\n", "1.0", "c", 3, 3, "2", 3, 7 },
		{ "o { p = { q = 1 } }\n", "0.0", "p", 1, 5, "{ q = 1 }", 1, 9 },
		{ "call = f(\n  1,\n  <<EOT\n  ) not closing\nEOT\n)\nnext = 1\n", "0", "call", 1, 1,
		  "f(\n  1,\n  <<EOT\n  ) not closing\nEOT\n)", 1, 8 },
		{ "t = \"${a ? \"}\" : \"{\"}\"\n", "0", "t", 1, 1, "\"${a ? \"}\" : \"{\"}\"", 1, 5 },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct pos_case *c = &cases[i];
		struct hcl_file f = HCL_FILE_INIT;
		struct err err = ERR_INIT;
		const struct hcl_node *n;

		if (!c->path) {	/* a case that must be rejected, checked below */
			cr_expect_neq(hcl_parse(&f, "t.tf", c->src, strlen(c->src), &err), 0);
			err_release(&err);
			continue;
		}
		parse_ok(&f, c->src);
		n = walk(&f, c->path);
		cr_expect_str_eq(n->name, c->name, "case %zu", i);
		cr_expect_eq(n->pos.line, c->line, "case %zu line", i);
		cr_expect_eq(n->pos.col, c->col, "case %zu col", i);
		if (c->expr) {
			cr_expect_eq(n->kind, HCL_ATTR, "case %zu", i);
			cr_expect_str_eq(n->expr, c->expr, "case %zu", i);
			cr_expect_eq(n->expr_pos.line, c->eline, "case %zu expr line", i);
			cr_expect_eq(n->expr_pos.col, c->ecol, "case %zu expr col", i);
		} else {
			cr_expect_eq(n->kind, HCL_BLOCK, "case %zu", i);
		}
		hcl_file_release(&f);
	}
}

Test(hcl_read, block_labels_are_decoded)
{
	struct hcl_file f = HCL_FILE_INIT;
	const struct hcl_node *b;

	parse_ok(&f, "resource \"a\\\"b\" bare \"\\u00e9\\\\\" \"$${x}\" {}\n");
	b = &f.body.nodes[0];
	cr_assert_eq(b->nr_labels, 4);
	cr_expect_str_eq(b->labels[0], "a\"b");
	cr_expect_str_eq(b->labels[1], "bare");
	cr_expect_str_eq(b->labels[2], "\xc3\xa9\\");
	cr_expect_str_eq(b->labels[3], "${x}");
	cr_expect_eq(b->body.nr, 0);
	hcl_file_release(&f);
}

Test(hcl_read, body_attr_lookup)
{
	struct hcl_file f = HCL_FILE_INIT;

	parse_ok(&f, "a = 1\nb {\n  a = 2\n}\nc = 3\n");
	cr_expect_str_eq(hcl_body_attr(&f.body, "c")->expr, "3");
	cr_expect_str_eq(hcl_body_attr(&f.body.nodes[1].body, "a")->expr, "2");
	cr_expect_null(hcl_body_attr(&f.body, "b"), "a block is not an attribute");
	cr_expect_null(hcl_body_attr(&f.body, "zz"));
	hcl_file_release(&f);
}

struct bad_case {
	const char *src;
	const char *where;	/* "t.tf:L:C: " */
	const char *what;	/* a part of the message */
};

Test(hcl_read, malformed_input_exact_positions)
{
	static const struct bad_case cases[] = {
		{ "a = \"open\nb = 1\n", "t.tf:1:5: ", "unterminated string" },
		{ "x = 1\ny = <<EOT\nline\nEO\n", "t.tf:2:5: ", "unterminated heredoc" },
		{ "a = <<EOT\nx\nEOT", "t.tf:1:5: ", "closing marker EOT and a newline" },
		{ "b {\n  a = 1\n", "t.tf:1:3: ", "unclosed block" },
		{ "a = [1,\n  (2\n", "t.tf:2:3: ", "unclosed '('" },
		{ "a = (1]\n", "t.tf:1:7: ", "expected ')'" },
		{ "a = 1\nb = 2\n  a = 3\n", "t.tf:3:3: ", "attribute 'a' redefined (first defined at 1:1)" },
		{ "z = 0\nx {\n  a = 1\n  b = 1\n  b = 2\n  a = 2\n}\n", "t.tf:5:3: ",
		  "attribute 'b' redefined (first defined at 4:3)" },
		{ "a { b = 1 c = 2 }\n", "t.tf:1:11: ", "missing newline after argument" },
		{ "a {} b {}\n", "t.tf:1:6: ", "missing newline after block definition" },
		{ "a { b {} }\n", "t.tf:1:5: ", "single-line block holds one argument" },
		{ "a = \"x\\qy\"\n", "t.tf:1:7: ", "invalid escape sequence '\\q'" },
		{ "a = \"\\u12\"\n", "t.tf:1:6: ", "needs 4 hex digits" },
		{ "r \"a${x}\" {}\n", "t.tf:1:5: ", "not allowed in a block label" },
		{ "a = 1\n}\n", "t.tf:2:1: ", "unexpected '}'" },
		{ "a =\nb = 1\n", "t.tf:1:4: ", "expected an expression" },
		{ "a = 'x'\n", "t.tf:1:5: ", "strings use double quotes" },
		{ "a = 1\n/* open\n", "t.tf:2:1: ", "unterminated comment" },
		{ "a = \"${x\"\n", "t.tf:1:9: ", "unterminated string" },
		{ "a = \"${x\n", "t.tf:1:6: ", "unterminated template sequence" },
		{ "a = <<EOT x\nEOT\n", "t.tf:1:10: ", "marker must end its line" },
		{ "a = << EOT\nEOT\n", "t.tf:1:5: ", "invalid heredoc" },
		{ "r \"a\" \"b\"\n", "t.tf:1:10: ", "expected '{' to open block 'r'" },
		{ "name\n", "t.tf:1:5: ", "expected '=' after argument name 'name'" },
		{ "a = 1 = 2\n", "t.tf:1:7: ", "unexpected '='" },
		{ "a = \"x\" \"y\"\n", "t.tf:1:9: ", "missing newline after argument" },
		{ "a = [1 2]\n", "t.tf:1:8: ", "expected an operator or ','" },
		{ "a = @\n", "t.tf:1:5: ", "invalid character '@'" },
		{ "a = 0x10\n", "t.tf:1:6: ", "missing newline after argument" },
		{ "1a = 2\n", "t.tf:1:1: ", "expected an argument or a block, found '1'" },
		{ "\xc3\xa9 = \"\xe2\x82\xac\" $\n", "t.tf:1:9: ", "invalid character '$'" },
		{ "a { b = 1\n}\n", "t.tf:1:10: ", "must close with '}'" },
		{ "a = 1\n# caf\xc3\n", "t.tf:2:6: ", "invalid UTF-8 (byte 0xc3)" },
		{ "\xc3\xa9 = \"\xed\xa0\x80\"\n", "t.tf:1:6: ", "invalid UTF-8 (byte 0xed)" },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct hcl_file f = HCL_FILE_INIT;
		struct err err = ERR_INIT;
		int rc = hcl_parse(&f, "t.tf", cases[i].src, strlen(cases[i].src), &err);

		cr_expect_eq(rc, ERR_INPUT, "case %zu accepted: %s", i, cases[i].src);
		cr_expect_eq(strncmp(err.msg.ptr, cases[i].where, strlen(cases[i].where)), 0,
			     "case %zu: '%s' does not start with '%s'", i, err.msg.ptr, cases[i].where);
		cr_expect_not_null(strstr(err.msg.ptr, cases[i].what),
				   "case %zu: '%s' lacks '%s'", i, err.msg.ptr, cases[i].what);
		cr_expect_eq(f.body.nr, 0, "case %zu: nothing kept on error", i);
		err_release(&err);
		hcl_file_release(&f);
	}
}

Test(hcl_read, deep_nesting_is_an_error_not_a_crash)
{
	struct buf src = BUF_INIT;
	struct hcl_file f = HCL_FILE_INIT;
	struct err err = ERR_INIT;

	buf_addstr(&src, "a = ");
	for (int i = 0; i < 5000; i++)
		buf_addstr(&src, "\"${");
	cr_expect_eq(hcl_parse(&f, "t.tf", src.ptr, src.len, &err), ERR_INPUT);
	cr_expect_not_null(strstr(err.msg.ptr, "nested too deeply"), "%s", err.msg.ptr);
	buf_release(&src);
	err_release(&err);
}

struct lit_case {
	const char *expr;
	int is_literal;
	const char *value;
};

Test(hcl_read, string_literals)
{
	static const struct lit_case cases[] = {
		{ "\"plain\"", 1, "plain" },
		{ "\"\"", 1, "" },
		{ "\"a\\\"b\\\\c\\n\\t\"", 1, "a\"b\\c\n\t" },
		{ "\"\\u00e9\\U0001F600\"", 1, "\xc3\xa9\xf0\x9f\x98\x80" },
		{ "\"$${x} %%{y}\"", 1, "${x} %{y}" },
		{ "\"${var.x}\"", 0, NULL },
		{ "\"a %{ if x }b%{ endif }\"", 0, NULL },
		{ "\"a\" == \"b\"", 0, NULL },
		{ "var.x", 0, NULL },
		{ "<<EOT\none\n  two\nEOT", 1, "one\n  two\n" },
		{ "<<-EOT\n    one\n      two\n\n    three\n  EOT", 1, "one\n  two\n\nthree\n" },
		{ "<<EOT\n$${a}\nEOT", 1, "${a}\n" },
		{ "<<EOT\n${a}\nEOT", 0, NULL },
		{ "<<EOT\nEOT", 1, "" },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct buf out = BUF_INIT;
		int got = hcl_string_literal(&out, cases[i].expr);

		cr_expect_eq(got, cases[i].is_literal, "case %zu: %s", i, cases[i].expr);
		if (got && cases[i].value)
			cr_expect_str_eq(out.ptr, cases[i].value, "case %zu", i);
		else
			cr_expect_eq(out.len, 0, "case %zu: output untouched", i);
		buf_release(&out);
	}
}

Test(hcl_read, dump_json_sorts_attributes_and_escapes)
{
	struct hcl_file f = HCL_FILE_INIT;
	struct buf out = BUF_INIT;

	parse_ok(&f, "z = \"q\\\"\"\na = 1\nb \"l\" {\n  y = [\n    1,\n  ]\n}\n");
	hcl_dump_json(&out, &f);
	cr_expect_str_eq(out.ptr,
			 "{\"attributes\":{\"a\":{\"line\":2,\"expr\":\"1\"},"
			 "\"z\":{\"line\":1,\"expr\":\"\\\"q\\\\\\\"\\\"\"}},"
			 "\"blocks\":[{\"type\":\"b\",\"labels\":[\"l\"],\"line\":3,\"body\":"
			 "{\"attributes\":{\"y\":{\"line\":4,\"expr\":\"[\\n    1,\\n  ]\"}},"
			 "\"blocks\":[]}}]}\n");
	buf_release(&out);
	hcl_file_release(&f);
}

Test(hcl_read, parse_file_reports_a_missing_file)
{
	struct hcl_file f = HCL_FILE_INIT;
	struct err err = ERR_INIT;

	cr_expect_eq(hcl_parse_file(&f, FIXTURES "/hcl/does-not-exist.tf", &err), ERR_NOTFOUND);
	err_release(&err);
	hcl_file_release(&f);
}
