#include <criterion/criterion.h>

#include "util/suggest.h"

TestSuite(suggest);

Test(suggest, distance_table)
{
	static const struct { const char *a, *b; size_t d; } cases[] = {
		{ "", "", 0 }, { "abc", "abc", 0 }, { "abc", "", 3 },
		{ "render", "rendr", 1 }, { "render", "redner", 1 },
		{ "plan", "apply", 4 }, { "kitten", "sitting", 3 },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		cr_assert_eq(suggest_distance(cases[i].a, cases[i].b), cases[i].d,
			     "%s/%s", cases[i].a, cases[i].b);
}

Test(suggest, closest_only_when_plausible)
{
	static const char *const words[] = { "render", "validate", "plan", "apply", "gate" };

	cr_assert_str_eq(suggest_closest("rendr", words, 5), "render");
	cr_assert_str_eq(suggest_closest("valdiate", words, 5), "validate");
	cr_assert_str_eq(suggest_closest("gat", words, 5), "gate");
	cr_assert_str_eq(suggest_closest("ren", words, 5), "render");
	cr_assert_null(suggest_closest("zzzzzz", words, 5));
	cr_assert_null(suggest_closest("plan", words, 5));	/* exact: nothing to suggest */
	cr_assert_null(suggest_closest("", words, 5));
}
