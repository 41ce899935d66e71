#include <criterion/criterion.h>
#include <stdio.h>

#include "util/strmap.h"

TestSuite(strmap);

Test(strmap, put_get_replace_and_miss)
{
	struct strmap m = STRMAP_INIT;
	int a = 1, b = 2, found = -1;

	cr_assert_null(strmap_get(&m, "x", &found));
	cr_assert_eq(found, 0);
	cr_assert_null(strmap_put(&m, "x", &a));
	cr_assert_eq(strmap_get(&m, "x", &found), &a);
	cr_assert_eq(found, 1);
	cr_assert_eq(strmap_put(&m, "x", &b), &a);
	cr_assert_eq(strmap_get(&m, "x", NULL), &b);
	cr_assert_eq(m.nr, 1);
	cr_assert_null(strmap_get(&m, "y", &found));
	cr_assert_eq(found, 0);
	strmap_release(&m);
}

Test(strmap, null_value_is_found)
{
	struct strmap m = STRMAP_INIT;
	int found = 0;

	strmap_put(&m, "", NULL);
	cr_assert_null(strmap_get(&m, "", &found));
	cr_assert_eq(found, 1);
	strmap_release(&m);
}

Test(strmap, keys_are_copied_and_survive_growth)
{
	struct strmap m = STRMAP_INIT;
	static int vals[5000];
	char key[32];
	int i;

	for (i = 0; i < 5000; i++) {
		snprintf(key, sizeof(key), "rule-%d", i);
		strmap_put(&m, key, &vals[i]);
	}
	key[0] = 0;	/* the map must not hold our buffer */
	cr_assert_eq(m.nr, 5000);
	for (i = 0; i < 5000; i++) {
		snprintf(key, sizeof(key), "rule-%d", i);
		cr_assert_eq(strmap_get(&m, key, NULL), &vals[i], "%s", key);
	}
	cr_assert_null(strmap_get(&m, "rule-5000", NULL));
	strmap_release(&m);
	cr_assert_eq(m.nr, 0);
}
