#include <criterion/criterion.h>
#include <string.h>

#include "util/xalloc.h"
#include "util/yaml.h"

TestSuite(yaml);

static struct yaml_doc *load_ok(const char *text)
{
	struct yaml_doc *doc = NULL;
	struct err err = ERR_INIT;

	cr_assert_eq(yaml_load(&doc, text, strlen(text), "t.yaml", &err), 0,
		     "%s", err.msg.ptr);
	return doc;
}

static void load_fails(const char *text, size_t len, const char *want)
{
	struct yaml_doc *doc = NULL;
	struct err err = ERR_INIT;

	cr_assert_eq(yaml_load(&doc, text, len, "t.yaml", &err), ERR_INPUT);
	cr_assert_null(doc);
	cr_assert_str_eq(err.msg.ptr, want);
	err_release(&err);
}

Test(yaml, marks_on_every_node)
{
	struct yaml_doc *doc = load_ok("a: 1\nb:\n  c: [x, y]\n");
	struct yaml_node *b = yaml_map_get(doc->root, "b");
	struct yaml_node *c = yaml_map_get(b, "c");

	cr_assert_eq(doc->root->kind, YAML_MAP);
	cr_assert_eq(b->line, 3);
	cr_assert_eq(b->col, 3);
	cr_assert_eq(c->kind, YAML_SEQ);
	cr_assert_eq(c->nr_items, 2);
	cr_assert_eq(c->items[1]->line, 3);
	cr_assert_eq(c->items[1]->col, 10);
	cr_assert_str_eq(c->items[1]->str, "y");
	yaml_doc_free(doc);
}

Test(yaml, anchors_aliases_and_merge_keys)
{
	struct yaml_doc *doc = load_ok(
		"base: &b {x: 1, y: 2}\n"
		"other: &o {z: 3}\n"
		"one:\n  <<: *b\n  y: 20\n"
		"two:\n  <<: [*b, *o]\n"
		"ref: *b\n");
	struct yaml_node *one = yaml_map_get(doc->root, "one");
	struct yaml_node *two = yaml_map_get(doc->root, "two");

	cr_assert_str_eq(yaml_map_get(one, "x")->str, "1");
	cr_assert_str_eq(yaml_map_get(one, "y")->str, "20", "explicit keys win");
	cr_assert_eq(one->nr_pairs, 2);
	cr_assert_str_eq(yaml_map_get(two, "z")->str, "3");
	cr_assert_eq(two->nr_pairs, 3);
	cr_assert_eq(yaml_map_get(doc->root, "ref"), yaml_map_get(doc->root, "base"));
	yaml_doc_free(doc);
}

Test(yaml, errors_name_file_line_and_column)
{
	load_fails("a: 1\nb: 2\na: 3\n", 15, "t.yaml:3:1: duplicate key 'a'");
	load_fails("a: 1\n---\nb: 2\n", 14,
		   "t.yaml:2:1: a second YAML document is not allowed here");
	load_fails("a: *nope\n", 9, "t.yaml:1:4: unknown alias '*nope'");
	load_fails("a: {<<: 1}\n", 11,
		   "t.yaml:1:9: a merge key ('<<') takes a mapping or a list of mappings");
	load_fails("? [a]\n: 1\n", 9, "t.yaml:1:3: a mapping key must be a scalar");
}

Test(yaml, invalid_utf8_names_the_byte)
{
	load_fails("a: ok\nb: caf\xe9\n", 14, "t.yaml:2:7: invalid UTF-8 (byte offset 12)");
}

Test(yaml, tab_indentation_is_a_syntax_error_with_position)
{
	struct yaml_doc *doc = NULL;
	struct err err = ERR_INIT;
	const char *text = "a:\n\tb: 1\n";

	cr_assert_eq(yaml_load(&doc, text, strlen(text), "t.yaml", &err), ERR_INPUT);
	cr_assert(!strncmp(err.msg.ptr, "t.yaml:2:1: ", 12), "%s", err.msg.ptr);
	cr_assert(strstr(err.msg.ptr, "cannot start any token"), "%s", err.msg.ptr);
	err_release(&err);
}

Test(yaml, empty_document_has_no_root)
{
	struct yaml_doc *doc = load_ok("# only a comment\n");

	cr_assert_null(doc->root);
	yaml_doc_free(doc);
}

Test(yaml, scalar_types_follow_the_core_schema)
{
	static const struct { const char *text; enum yaml_type type; } cases[] = {
		{ "v: hello", YAML_T_STR }, { "v: '1'", YAML_T_STR },
		{ "v: \"true\"", YAML_T_STR }, { "v: !!str 12", YAML_T_STR },
		{ "v: ~", YAML_T_NULL }, { "v: null", YAML_T_NULL },
		{ "v:", YAML_T_NULL }, { "v: true", YAML_T_BOOL },
		{ "v: False", YAML_T_BOOL }, { "v: yes", YAML_T_STR },
		{ "v: 42", YAML_T_INT }, { "v: -7", YAML_T_INT },
		{ "v: 0x1F", YAML_T_INT }, { "v: 0o17", YAML_T_INT },
		{ "v: 1.5", YAML_T_FLOAT }, { "v: 1e3", YAML_T_FLOAT },
		{ "v: .inf", YAML_T_FLOAT }, { "v: 1.2.3", YAML_T_STR },
		{ "v: 500Gi", YAML_T_STR }, { "v: [1]", YAML_T_SEQ },
		{ "v: {}", YAML_T_MAP },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct yaml_doc *doc = load_ok(cases[i].text);

		cr_assert_eq(yaml_type_of(yaml_map_get(doc->root, "v")), cases[i].type,
			     "%s", cases[i].text);
		yaml_doc_free(doc);
	}
}

Test(yaml, unknown_keys_and_types_are_reported)
{
	static const char *const allowed[] = { "version", "name", "components", NULL };
	struct yaml_doc *doc = load_ok("version: x\nname: a\ncomponets: {}\n");
	struct err err = ERR_INIT;
	long long v;

	cr_assert_eq(yaml_check_keys(doc, doc->root, allowed, "the stack", &err), ERR_INPUT);
	cr_assert_str_eq(err.msg.ptr,
			 "t.yaml:3:1: unknown key 'componets' in the stack (did you mean 'components'?)");
	err_clear(&err);
	cr_assert_eq(yaml_get_int(&v, doc, yaml_map_get(doc->root, "version"), 1, 1,
				  "version", &err), ERR_INPUT);
	cr_assert_str_eq(err.msg.ptr, "t.yaml:1:10: version must be an integer, not a string");
	err_release(&err);
	yaml_doc_free(doc);
}

Test(yaml, integers_in_range)
{
	struct yaml_doc *doc = load_ok("a: 0x10\nb: 99\n");
	struct err err = ERR_INIT;
	long long v = 0;

	cr_assert_eq(yaml_get_int(&v, doc, yaml_map_get(doc->root, "a"), 0, 100, "a", &err), 0);
	cr_assert_eq(v, 16);
	cr_assert_eq(yaml_get_int(&v, doc, yaml_map_get(doc->root, "b"), 0, 10, "b", &err),
		     ERR_INPUT);
	cr_assert_str_eq(err.msg.ptr, "t.yaml:2:4: b must be between 0 and 10");
	err_release(&err);
	yaml_doc_free(doc);
}

/* A bomb of 10^depth leaves in a few lines, under `key`. */
static char *alias_bomb(int depth)
{
	struct buf b = BUF_INIT;

	buf_addstr(&b, "b0: &b0 [x, x, x, x, x, x, x, x, x, x]\n");
	for (int i = 1; i < depth; i++) {
		buf_addf(&b, "b%d: &b%d [", i, i);
		for (int j = 0; j < 10; j++)
			buf_addf(&b, "%s*b%d", j ? ", " : "", i - 1);
		buf_addstr(&b, "]\n");
	}
	return buf_detach(&b, NULL);
}

Test(yaml, alias_expansion_is_counted_and_bounded)
{
	char *ok = alias_bomb(5), *bomb = alias_bomb(7);
	struct yaml_doc *doc = load_ok(ok);

	/* 10^5 leaves and the lists holding them, once aliases are copies */
	cr_assert_gt(doc->root->weight, 100000);
	cr_assert_lt(doc->root->weight, YAML_MAX_NODES);
	yaml_doc_free(doc);
	load_fails(bomb, strlen(bomb),
		   "t.yaml:6:55: the document expands to more than 1000000 nodes through its aliases (the limit)");
	free(ok);
	free(bomb);
}

Test(yaml, alias_cycles_and_deep_nesting_are_refused)
{
	struct buf deep = BUF_INIT;

	load_fails("a: &x [1, *x]\n", 14,
		   "t.yaml:1:11: alias '*x' refers to a collection that contains it");
	load_fails("a: &x {b: {c: *x}}\n", 19,
		   "t.yaml:1:15: alias '*x' refers to a collection that contains it");
	for (int i = 0; i < 100000; i++)
		buf_addch(&deep, '[');
	load_fails(deep.ptr, deep.len,
		   "t.yaml:1:257: collections nested more than 256 deep");
	buf_release(&deep);
}

Test(yaml, size_cap)
{
	char *big = xmalloc(YAML_MAX_BYTES + 2);

	memset(big, ' ', YAML_MAX_BYTES + 1);
	big[YAML_MAX_BYTES + 1] = '\0';
	load_fails(big, YAML_MAX_BYTES + 1,
		   "t.yaml: byte offset 16777216: file larger than the 16384 KiB limit");
	free(big);
}
