#include <criterion/criterion.h>

#include "util/buf.h"
#include "util/utf8.h"

TestSuite(utf8);

static size_t len_of(const char *s, size_t avail)
{
	return utf8_seq_len((const unsigned char *)s, avail);
}

Test(utf8, strict_sequences_have_their_length)
{
	cr_assert_eq(len_of("\xc3\xa9", 2), 2);
	cr_assert_eq(len_of("\xe2\x82\xac", 3), 3);
	cr_assert_eq(len_of("\xf0\x9f\x98\x80", 4), 4);
	cr_assert_eq(len_of("\xf4\x8f\xbf\xbf", 4), 4);	/* U+10FFFF */
}

Test(utf8, everything_else_is_zero)
{
	cr_assert_eq(len_of("\x80", 1), 0);		/* continuation alone */
	cr_assert_eq(len_of("\xc0\x80", 2), 0);		/* overlong NUL */
	cr_assert_eq(len_of("\xe0\x80\x80", 3), 0);	/* overlong */
	cr_assert_eq(len_of("\xed\xa0\x80", 3), 0);	/* surrogate */
	cr_assert_eq(len_of("\xf4\x90\x80\x80", 4), 0);	/* past U+10FFFF */
	cr_assert_eq(len_of("\xf5\x80\x80\x80", 4), 0);
	cr_assert_eq(len_of("\xe2\x82\xac", 2), 0);	/* cut by avail */
	cr_assert_eq(len_of("\xe2\x82", 3), 0);		/* cut by the NUL */
}

Test(utf8, the_kept_nul_is_c0_80)
{
	cr_assert(utf8_is_kept_nul((const unsigned char *)"\xc0\x80", 2));
	cr_assert(!utf8_is_kept_nul((const unsigned char *)"\xc0\x80", 1));
	cr_assert(!utf8_is_kept_nul((const unsigned char *)"\xc3\xa9", 2));
}

static void check_clean(const char *in, size_t max, const char *want)
{
	struct buf b = BUF_INIT;

	utf8_add_clean(&b, in, max);
	cr_assert_str_eq(b.ptr ? b.ptr : "", want, "'%s'", want);
	buf_release(&b);
}

Test(utf8, clean_text_cannot_drive_a_terminal)
{
	check_clean("a\033[2Jb", 99, "a\xef\xbf\xbd[2Jb");	/* ESC */
	check_clean("l1\nl2\tx\r", 99, "l1 l2 x ");
	check_clean("x\x7fy", 99, "x\xef\xbf\xbdy");			/* DEL */
	check_clean("n\xc0\x80t", 99, "n\xef\xbf\xbdt");		/* kept NUL */
	check_clean("bad\xff", 99, "bad\xef\xbf\xbd");
	check_clean("caf\xc3\xa9", 99, "caf\xc3\xa9");
}

Test(utf8, clean_text_is_cut_between_characters)
{
	check_clean("caf\xc3\xa9", 4, "caf");		/* é would be cut */
	check_clean("caf\xc3\xa9", 5, "caf\xc3\xa9");
	check_clean("abc", 2, "ab");
	check_clean(NULL, 9, "");
}
