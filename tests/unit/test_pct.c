#include <criterion/criterion.h>
#include <string.h>

#include "util/pct.h"

TestSuite(pct);

static void check(const char *in, size_t len, const char *keep, const char *want)
{
	struct buf b = BUF_INIT;

	pct_encode(&b, in, len, keep);
	cr_assert_str_eq(b.ptr, want, "'%s' keep '%s'", in, keep);
	buf_release(&b);
}

Test(pct, unreserved_bytes_stay_the_rest_is_upper_hex)
{
	check("aZ09-._~", 8, PCT_UNRESERVED, "aZ09-._~");
	check("a b&c=d/e?", 10, PCT_UNRESERVED, "a%20b%26c%3Dd%2Fe%3F");
	check("%", 1, PCT_UNRESERVED, "%25");
	check("caf\xc3\xa9", 5, PCT_UNRESERVED, "caf%C3%A9");
	check("", 0, PCT_UNRESERVED, "");
}

Test(pct, keep_set_chooses_the_context)
{
	check("a b(c)", 6, "!@$&*()-_=+',.", "a%20b(c)");
	check("-._~", 4, "", "%2D%2E%5F%7E");
}

Test(pct, nul_and_high_bytes_are_never_kept)
{
	check("a\0b", 3, PCT_UNRESERVED, "a%00b");
	check("\xff\x80", 2, "\xff\x80", "%FF%80");
}
