#include <criterion/criterion.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>

#include "util/buf.h"

TestSuite(buf);

Test(buf, starts_empty_and_nul_terminated)
{
	struct buf b = BUF_INIT;

	cr_assert_eq(b.len, 0);
	cr_assert_not_null(b.ptr);
	cr_assert_str_eq(b.ptr, "");
	buf_release(&b);
}

Test(buf, grows_across_many_appends)
{
	struct buf b = BUF_INIT;
	size_t i;

	for (i = 0; i < 10000; i++)
		cr_assert_eq(buf_addch(&b, (char)('a' + i % 26)), 0);
	cr_assert_eq(b.len, 10000);
	cr_assert_eq(b.ptr[10000], '\0');
	cr_assert_eq(b.ptr[26], 'a');
	cr_assert_eq(b.ptr[9999], 'a' + 9999 % 26);
	cr_assert_geq(b.alloc, b.len + 1);
	buf_release(&b);
	cr_assert_eq(b.len, 0);
	cr_assert_str_eq(b.ptr, "");
}

Test(buf, formats_like_printf)
{
	struct buf b = BUF_INIT;
	static const struct { const char *fmt; long v; const char *want; } cases[] = {
		{ "%ld", 42, "42" },
		{ "[%5ld]", -7, "[   -7]" },
		{ "%08lx", 255, "000000ff" },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		buf_reset(&b);
		buf_addf(&b, cases[i].fmt, cases[i].v);
		cr_assert_str_eq(b.ptr, cases[i].want, "case %zu", i);
	}
	buf_reset(&b);
	buf_addf(&b, "%s-%s", "a", "b");
	buf_addf(&b, "%1000s", "x");
	cr_assert_eq(b.len, 3 + 1000);
	cr_assert_eq(b.ptr[b.len - 1], 'x');
	buf_release(&b);
}

Test(buf, keeps_nul_bytes)
{
	struct buf b = BUF_INIT;

	buf_add(&b, "a\0b", 3);
	cr_assert_eq(b.len, 3);
	cr_assert_eq(memcmp(b.ptr, "a\0b", 3), 0);
	buf_release(&b);
}

Test(buf, max_refuses_and_keeps_content)
{
	struct buf b = BUF_INIT;

	b.max = 5;
	cr_assert_eq(buf_addstr(&b, "abcd"), 0);
	cr_assert_eq(buf_addstr(&b, "ef"), -1);
	cr_assert_str_eq(b.ptr, "abcd");
	cr_assert_eq(buf_addf(&b, "%s", "xy"), -1);
	cr_assert_str_eq(b.ptr, "abcd");
	buf_reset(&b);
	cr_assert_eq(buf_addstr(&b, "abcd"), 0);
	cr_assert_eq(buf_addch(&b, 'e'), 0);
	cr_assert_str_eq(b.ptr, "abcde");
	buf_release(&b);
}

Test(buf, detach_hands_over_ownership)
{
	struct buf b = BUF_INIT;
	size_t len;
	char *s;

	buf_addstr(&b, "hello");
	s = buf_detach(&b, &len);
	cr_assert_str_eq(s, "hello");
	cr_assert_eq(len, 5);
	cr_assert_eq(b.len, 0);
	cr_assert_str_eq(b.ptr, "");
	free(s);
	s = buf_detach(&b, NULL);	/* an empty buffer detaches as "" */
	cr_assert_str_eq(s, "");
	free(s);
}

Test(buf, rtrim_and_truncate)
{
	struct buf b = BUF_INIT;

	buf_addstr(&b, "line \t\r\n\n");
	buf_rtrim(&b);
	cr_assert_str_eq(b.ptr, "line");
	buf_truncate(&b, 2);
	cr_assert_str_eq(b.ptr, "li");
	buf_truncate(&b, 10);	/* longer than content: no change */
	cr_assert_str_eq(b.ptr, "li");
	buf_release(&b);
}

/* Growth near SIZE_MAX: the policy never wraps to a smaller size. */
Test(buf, growth_policy_never_wraps)
{
	size_t big = SIZE_MAX / 4 * 3;

	cr_assert_eq(buf_alloc_size(64, 100), 128);
	cr_assert_eq(buf_alloc_size(2048, 2049), 3072);
	cr_assert_eq(buf_alloc_size(128, 100), 128);
	cr_assert_eq(buf_alloc_size(big, big + 10), big + 10);
	cr_assert_eq(buf_alloc_size(SIZE_MAX - 1, SIZE_MAX), SIZE_MAX);
	cr_assert_geq(buf_alloc_size(SIZE_MAX / 2, SIZE_MAX / 2 + 1),
		      SIZE_MAX / 2 + 1);
}

/* len + extra + 1 wrapping around is an internal error, never a tiny
 * allocation that the append then overruns. */
Test(buf, grow_past_size_max_aborts, .signal = SIGABRT)
{
	struct buf b = BUF_INIT;

	buf_grow(&b, SIZE_MAX);
}

Test(buf, grow_to_exactly_size_max_aborts_too, .signal = SIGABRT)
{
	struct buf b = BUF_INIT;

	buf_addstr(&b, "ab");
	buf_grow(&b, SIZE_MAX - 2);
}

Test(buf, refused_append_is_sticky_until_reset)
{
	struct buf b = BUF_INIT;

	b.max = 4;
	cr_assert_eq(buf_addstr(&b, "abc"), 0);
	cr_assert_eq(buf_failed(&b), 0);
	cr_assert_eq(buf_addstr(&b, "de"), -1);
	cr_assert_eq(buf_failed(&b), 1);
	/* "x" would fit, but the text would have a hole: refused as well */
	cr_assert_eq(buf_addch(&b, 'x'), -1);
	cr_assert_eq(buf_addf(&b, "%d", 1), -1);
	cr_assert_eq(buf_add(&b, "", 0), -1);
	cr_assert_str_eq(b.ptr, "abc");
	cr_assert_eq(b.len, 3);
	buf_reset(&b);
	cr_assert_eq(buf_failed(&b), 0);
	cr_assert_eq(buf_addstr(&b, "wxyz"), 0);
	cr_assert_eq(buf_addf(&b, "%s", "!"), -1);
	cr_assert_str_eq(b.ptr, "wxyz");
	cr_assert_eq(buf_failed(&b), 1);
	buf_release(&b);
	cr_assert_eq(buf_failed(&b), 0);
	cr_assert_eq(b.max, 4);
}

Test(buf, cap_of_huge_appends_does_not_wrap)
{
	struct buf b = BUF_INIT;

	b.max = 10;
	buf_addstr(&b, "12345");
	/* len + extra wraps around SIZE_MAX: still refused */
	cr_assert_eq(buf_add(&b, "x", SIZE_MAX - 2), -1);
	cr_assert_eq(b.len, 5);
	buf_release(&b);
}
