/*
 * The renderer's library API as plan and validate use it: render_stack in
 * memory, render_compare/apply/check on a temporary copy of a fixture, and
 * the unified diff (exact hunks, and `patch` applying random diffs).
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "render/render.h"
#include "render/render_int.h"
#include "util/fs.h"

static char tmp[64];

static void setup(void)
{
	char cmd[512];

	snprintf(tmp, sizeof(tmp), "/tmp/render-unit-XXXXXX");
	cr_assert_not_null(mkdtemp(tmp));
	snprintf(cmd, sizeof(cmd), "cp -r '%s/stacks/basic/.' '%s/'", FIXTURES, tmp);
	cr_assert_eq(system(cmd), 0);
}

static void teardown(void)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmp);
	system(cmd);
}

TestSuite(render, .init = setup, .fini = teardown);

static struct stack *load_fixture(void)
{
	struct err err = ERR_INIT;
	struct stack *st = NULL;
	char *path = fs_join(tmp, "stack.yaml");

	cr_assert_eq(stack_load(&st, path, &err), 0, "%s", err.msg.ptr);
	free(path);
	err_release(&err);
	return st;
}

Test(render, in_memory_set_is_sorted_and_marked)
{
	struct stack *st = load_fixture();
	struct render_set set = RENDER_SET_INIT;
	struct render_opts all = { NULL, 0 };
	const char *dev_only[] = { "dev" };
	struct render_opts dev = { dev_only, 1 };
	struct err err = ERR_INIT;
	size_t i;

	cr_assert_eq(render_stack(&set, st, &all, &err), 0, "%s", err.msg.ptr);
	cr_assert_eq(set.nr, 9);
	for (i = 0; i < set.nr; i++) {
		cr_expect(!strncmp(set.files[i].content.ptr, STACK_MARKER "\n",
				   strlen(STACK_MARKER) + 1), "%s", set.files[i].path);
		if (i)
			cr_expect_lt(strcmp(set.files[i - 1].path, set.files[i].path), 0);
	}
	cr_expect_not_null(render_set_find(&set, "terragrunt/prod/minio/terragrunt.hcl"));
	cr_expect_null(render_set_find(&set, "terragrunt/qa/env.hcl"));
	render_set_release(&set);

	cr_assert_eq(render_stack(&set, st, &dev, &err), 0);
	cr_expect_eq(set.nr, 5);	/* root + env + 3 components */
	render_set_release(&set);

	dev_only[0] = "qa";
	cr_expect_eq(render_stack(&set, st, &dev, &err), ERR_NOTFOUND);
	cr_expect_eq(set.nr, 0);
	stack_free(st);
	err_release(&err);
}

Test(render, check_apply_check)
{
	struct stack *st = load_fixture();
	struct render_changes ch = RENDER_CHANGES_INIT;
	struct render_set set = RENDER_SET_INIT;
	struct err err = ERR_INIT;
	char *path;

	/* nothing on disk: every file is a creation, and drift */
	cr_assert_eq(render_check(&ch, st, NULL, &err), 0, "%s", err.msg.ptr);
	cr_expect_eq(ch.drift, 1);
	cr_expect_eq(ch.nr, 9);
	cr_expect_eq(ch.items[0].kind, RENDER_CREATE);
	cr_expect(strstr(ch.diff.ptr, "--- /dev/null\n+++ b/terragrunt/root.hcl\n@@ -0,0 +1,"));
	render_changes_release(&ch);

	cr_assert_eq(render_stack(&set, st, NULL, &err), 0);
	cr_assert_eq(render_compare(&ch, st, &set, NULL, 0, &err), 0);
	cr_expect_eq(ch.diff.len, 0);
	cr_assert_eq(render_apply(st, &ch, &err), 0, "%s", err.msg.ptr);
	render_changes_release(&ch);
	render_set_release(&set);

	cr_assert_eq(render_check(&ch, st, NULL, &err), 0);
	cr_expect_eq(ch.drift, 0);
	cr_expect_eq(ch.diff.len, 0);
	render_changes_release(&ch);

	/* a stray generated file is stale; an unmarked one is not */
	path = fs_join(tmp, "terragrunt/dev/gone/terragrunt.hcl");
	cr_assert_eq(fs_mkdirs_for(path, &err), 0);
	cr_assert_eq(fs_write_atomic(path, STACK_MARKER "\n", strlen(STACK_MARKER) + 1,
				     0644, &err), 0);
	free(path);
	path = fs_join(tmp, "terragrunt/dev/mine.hcl");
	cr_assert_eq(fs_write_atomic(path, "x = 1\n", 6, 0644, &err), 0);
	free(path);
	cr_assert_eq(render_check(&ch, st, NULL, &err), 0);
	cr_expect_eq(ch.drift, 1);
	cr_assert_eq(ch.nr, 1);
	cr_expect_eq(ch.items[0].kind, RENDER_DELETE);
	cr_expect_str_eq(ch.items[0].path, "terragrunt/dev/gone/terragrunt.hcl");
	render_changes_release(&ch);

	/* an unmarked file where a generated one goes: refused */
	path = fs_join(tmp, "terragrunt/dev/env.hcl");
	cr_assert_eq(fs_write_atomic(path, "hand = 1\n", 9, 0644, &err), 0);
	free(path);
	cr_expect_eq(render_check(&ch, st, NULL, &err), ERR_CONFLICT);
	cr_expect(strstr(err.msg.ptr, "refusing to overwrite 'terragrunt/dev/env.hcl'"));
	render_changes_release(&ch);
	stack_free(st);
	err_release(&err);
}

struct diff_case {
	const char *old, *new, *want;
};

Test(render, unified_diff_hunks)
{
	static const struct diff_case cases[] = {
		{ "a\nb\nc\n", "a\nB\nc\n",
		  "--- a/f\n+++ b/f\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n" },
		{ "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n", "1\n2\n3\n4\n5\nsix\n7\n8\n9\n10\n11\n12\n",
		  "--- a/f\n+++ b/f\n@@ -3,7 +3,7 @@\n 3\n 4\n 5\n-6\n+six\n 7\n 8\n 9\n" },
		{ "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n13\n14\n15\n16\n", "x\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n13\n14\n15\ny\n",
		  "--- a/f\n+++ b/f\n@@ -1,4 +1,4 @@\n-1\n+x\n 2\n 3\n 4\n@@ -13,4 +13,4 @@\n 13\n 14\n 15\n-16\n+y\n" },
		{ "a\n", "a", "--- a/f\n+++ b/f\n@@ -1 +1 @@\n-a\n+a\n\\ No newline at end of file\n" },
		{ "a\nb\n", "a\nb\nc\n", "--- a/f\n+++ b/f\n@@ -1,2 +1,3 @@\n a\n b\n+c\n" },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct buf out = BUF_INIT;

		render_udiff(&out, "f", cases[i].old, strlen(cases[i].old),
			     cases[i].new, strlen(cases[i].new));
		cr_expect_str_eq(out.ptr, cases[i].want, "case %zu", i);
		buf_release(&out);
	}
}

static void write_file(const char *path, const char *s)
{
	FILE *f = fopen(path, "w");

	cr_assert_not_null(f);
	fputs(s, f);
	fclose(f);
}

static void random_text(struct buf *b, unsigned *seed, int lines)
{
	int i;

	for (i = 0; i < lines; i++)
		buf_addf(b, "line %d\n", rand_r(seed) % 6);
}

/* patch(1) applies every diff we print and gets the new text back. */
Test(render, random_diffs_apply_with_patch)
{
	unsigned seed = 12345;
	int round;

	for (round = 0; round < 40; round++) {
		struct buf a = BUF_INIT, b = BUF_INIT, d = BUF_INIT, got = BUF_INIT;
		struct err err = ERR_INIT;
		char pa[256], pd[256], cmd[1024];

		random_text(&a, &seed, rand_r(&seed) % 30);
		random_text(&b, &seed, rand_r(&seed) % 30);
		render_udiff(&d, "f", a.ptr, a.len, b.ptr, b.len);
		snprintf(pa, sizeof(pa), "%s/f", tmp);
		snprintf(pd, sizeof(pd), "%s/f.diff", tmp);
		write_file(pa, a.ptr);
		write_file(pd, d.ptr);
		snprintf(cmd, sizeof(cmd), "patch -s '%s' < '%s' >/dev/null 2>&1", pa, pd);
		if (buf_equals(&a, &b))
			cr_expect_eq(d.len, strlen("--- a/f\n+++ b/f\n"));
		else
			cr_assert_eq(system(cmd), 0, "round %d:\n%s", round, d.ptr);
		cr_assert_eq(fs_read_file(&got, pa, &err), 0);
		cr_expect(buf_equals(&got, &b), "round %d", round);
		buf_release(&a);
		buf_release(&b);
		buf_release(&d);
		buf_release(&got);
		err_release(&err);
	}
}
