#include <criterion/criterion.h>

#include "util/glob.h"

TestSuite(glob);

struct gcase {
	const char *pat, *s;
	int paths, want;
};

static void check(const struct gcase *c, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		cr_assert_eq(glob_match(c[i].pat, c[i].s, c[i].paths), c[i].want,
			     "'%s' ~ '%s' (paths %d)", c[i].pat, c[i].s,
			     c[i].paths);
}

Test(glob, without_paths_star_matches_anything)
{
	static const struct gcase c[] = {
		{ "CKV_AWS_*", "CKV_AWS_20", 0, 1 },
		{ "CKV_AWS_*", "CKV_GCP_1", 0, 0 },
		{ "*", "", 0, 1 },
		{ "*", "a/b/c", 0, 1 },
		{ "module.*.aws_s3", "module.a.b.aws_s3", 0, 1 },
		{ "a?c", "abc", 0, 1 },
		{ "a?c", "ac", 0, 0 },
		{ "abc", "abcd", 0, 0 },
		{ "", "", 0, 1 },
		{ "", "x", 0, 0 },
	};

	check(c, sizeof(c) / sizeof(c[0]));
}

Test(glob, with_paths_star_stays_in_one_segment)
{
	static const struct gcase c[] = {
		{ "a/*", "a/b", 1, 1 },
		{ "a/*", "a/b/c", 1, 0 },
		{ "a/?", "a//", 1, 0 },
		{ "a/**", "a/b/c", 1, 1 },
		{ "**/x.tf", "x.tf", 1, 1 },
		{ "**/x.tf", "a/b/x.tf", 1, 1 },
		{ "**/x.tf", "a/b/y.tf", 1, 0 },
		{ "a/**/z", "a/z", 1, 1 },
		{ "a/**/z", "a/b/c/z", 1, 1 },
		{ "*.tf", "main.tf", 1, 1 },
		{ "*.tf", "m/main.tf", 1, 0 },
	};

	check(c, sizeof(c) / sizeof(c[0]));
}
