#include <criterion/criterion.h>
#include <string.h>

#include "cmd/opt.h"
#include "util/err.h"

struct t_opts {
	int check;
	int verbose;
	const char *out;
	int jobs;
	struct strlist reports;
	const char *changed;
};

static const struct opt_spec specs[] = {
	OPT_BOOL(0, "check", struct t_opts, check, "check"),
	OPT_BOOL('v', "verbose", struct t_opts, verbose, "more"),
	OPT_STRING('o', "out", struct t_opts, out, "DIR", "out dir"),
	OPT_INT('j', "jobs", struct t_opts, jobs, "N", "jobs"),
	OPT_LIST(0, "report", struct t_opts, reports, "FILE", "report"),
	OPT_OPTARG(0, "changed", struct t_opts, changed, "REV", "changed"),
	OPT_END()
};

TestSuite(opt);

Test(opt, parses_every_form_and_keeps_positionals_in_order)
{
	const char *argv[] = { "cmd", "dev", "--check", "-vv", "-o", "d1",
			       "--jobs=4", "--report", "a.json", "prod",
			       "--report=b.json", "--changed", "-j8", "--", "--literal" };
	struct t_opts o = { 0 };
	struct err err = ERR_INIT;
	int nr = 0;

	cr_assert_eq(opt_parse(15, argv, specs, &o, &nr, &err), OPT_OK, "%s", err.msg.ptr);
	cr_assert_eq(o.check, 1);
	cr_assert_eq(o.verbose, 2);
	cr_assert_str_eq(o.out, "d1");
	cr_assert_eq(o.jobs, 8, "the last one wins");
	cr_assert_eq(o.reports.nr, 2);
	cr_assert_str_eq(o.reports.v[0], "a.json");
	cr_assert_str_eq(o.reports.v[1], "b.json");
	cr_assert_str_eq(o.changed, "");
	cr_assert_eq(nr, 3);
	cr_assert_str_eq(argv[0], "dev");
	cr_assert_str_eq(argv[1], "prod");
	cr_assert_str_eq(argv[2], "--literal");
	strlist_release(&o.reports);
}

Test(opt, optional_argument_takes_only_equals_form)
{
	const char *argv[] = { "cmd", "--changed=HEAD~1", "dev" };
	struct t_opts o = { 0 };
	struct err err = ERR_INIT;
	int nr = 0;

	cr_assert_eq(opt_parse(3, argv, specs, &o, &nr, &err), OPT_OK);
	cr_assert_str_eq(o.changed, "HEAD~1");
	cr_assert_eq(nr, 1);
}

Test(opt, errors_name_the_option)
{
	static const struct { int argc; const char *argv[3]; const char *msg; } cases[] = {
		{ 2, { "cmd", "--chek" }, "unknown option '--chek' (did you mean '--check'?)" },
		{ 2, { "cmd", "--zzzzzzzz" }, "unknown option '--zzzzzzzz'" },
		{ 2, { "cmd", "-x" }, "unknown option '-x'" },
		{ 2, { "cmd", "--out" }, "option '--out' requires a value" },
		{ 3, { "cmd", "-j", "four" }, "option '--jobs' expects a whole number, not 'four'" },
		{ 2, { "cmd", "--check=yes" }, "option '--check' takes no value" },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct t_opts o = { 0 };
		struct err err = ERR_INIT;
		int nr = 0;

		cr_assert_eq(opt_parse(cases[i].argc, (const char **)cases[i].argv,
				       specs, &o, &nr, &err), OPT_ERROR, "case %zu", i);
		cr_assert_eq(err.code, ERR_USAGE);
		cr_assert_str_eq(err.msg.ptr, cases[i].msg, "case %zu", i);
		err_release(&err);
		strlist_release(&o.reports);
	}
}

Test(opt, help_is_recognised)
{
	const char *a1[] = { "cmd", "dev", "--help" };
	const char *a2[] = { "cmd", "-h" };
	struct t_opts o = { 0 };
	struct err err = ERR_INIT;
	int nr;

	cr_assert_eq(opt_parse(3, a1, specs, &o, &nr, &err), OPT_HELP);
	cr_assert_eq(opt_parse(2, a2, specs, &o, &nr, &err), OPT_HELP);
}
