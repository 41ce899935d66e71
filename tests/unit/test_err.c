#include <criterion/criterion.h>

#include "util/err.h"

TestSuite(err);

static int inner(struct err *err)
{
	return err_set(err, ERR_INPUT, "stack.yaml:%d:%d: bad", 3, 7);
}

static int outer(struct err *err)
{
	if (inner(err) < 0)
		return err_prefix(err, "loading");
	return 0;
}

Test(err, set_returns_code_and_message)
{
	struct err err = ERR_INIT;

	cr_assert_eq(inner(&err), ERR_INPUT);
	cr_assert(err_is_set(&err));
	cr_assert_str_eq(err.msg.ptr, "stack.yaml:3:7: bad");
	err_release(&err);
}

Test(err, propagates_with_prefix)
{
	struct err err = ERR_INIT;

	cr_assert_eq(outer(&err), ERR_INPUT);
	cr_assert_str_eq(err.msg.ptr, "loading: stack.yaml:3:7: bad");
	err_release(&err);
}

Test(err, first_error_wins)
{
	struct err err = ERR_INIT;

	err_set(&err, ERR_IO, "disk full");
	cr_assert_eq(err_set(&err, ERR_INPUT, "later"), ERR_IO);
	cr_assert_str_eq(err.msg.ptr, "disk full");
	err_clear(&err);
	cr_assert(!err_is_set(&err));
	cr_assert_eq(err_set(&err, ERR_INPUT, "again"), ERR_INPUT);
	cr_assert_str_eq(err.msg.ptr, "again");
	err_release(&err);
}

Test(err, zero_code_becomes_generic)
{
	struct err err = ERR_INIT;

	cr_assert_eq(err_set(&err, 0, "oops"), ERR_GENERIC);
	err_release(&err);
}
