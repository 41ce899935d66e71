/*
 * Global options parsed beside a command's own (opt_parse_sets): anywhere on
 * the line, in clusters with the command's letters, the command's option
 * winning a clash; OPT_STOP_AT_ARG for the part before the command; and
 * OPT_CHOICE refusing what its list lacks.
 */
#include <criterion/criterion.h>
#include <string.h>

#include "cmd/opt.h"
#include "util/err.h"

struct cmd_o {
	int jobs;
	int v_shadow;
	const char *format;
};

struct glob_o {
	int quiet;
	int verbose;
	struct strlist dirs;
	const char *color;
};

static const struct opt_spec cmd_specs[] = {
	OPT_INT('j', "jobs", struct cmd_o, jobs, "N", "jobs"),
	OPT_BOOL(0, "verbose", struct cmd_o, v_shadow, "the command's own"),
	OPT_CHOICE(0, "format", struct cmd_o, format, "FMT", "dot mermaid text",
		   "format"),
	OPT_END()
};

static const struct opt_spec glob_specs[] = {
	OPT_BOOL('q', "quiet", struct glob_o, quiet, "quiet"),
	OPT_BOOL('v', "verbose", struct glob_o, verbose, "verbose"),
	OPT_LIST('C', NULL, struct glob_o, dirs, "DIR", "dir"),
	{ 0, "color", OPT_T_OPTARG, OPT_FIELD(struct glob_o, color, const char *),
	  "WHEN", "color", "auto always never" },
	OPT_END()
};

TestSuite(opt_global);

static int parse(int argc, const char **argv, struct cmd_o *c, struct glob_o *g,
		 unsigned flags, int *nr, struct err *err)
{
	struct opt_set sets[] = { { cmd_specs, c }, { glob_specs, g } };

	return opt_parse_sets(argc, argv, sets, 2, flags, nr, err);
}

Test(opt_global, global_options_after_the_command_and_in_clusters)
{
	const char *argv[] = { "validate", "dev", "-qj4", "-C", "a", "-vC", "b",
			       "app" };
	struct cmd_o c = { 0 };
	struct glob_o g = { 0 };
	struct err err = ERR_INIT;
	int nr = 0;

	cr_assert_eq(parse(8, argv, &c, &g, 0, &nr, &err), OPT_OK, "%s", err.msg.ptr);
	cr_assert_eq(g.quiet, 1);
	cr_assert_eq(g.verbose, 1);
	cr_assert_eq(c.jobs, 4);
	cr_assert_eq(g.dirs.nr, 2);
	cr_assert_str_eq(g.dirs.v[0], "a");
	cr_assert_str_eq(g.dirs.v[1], "b");
	cr_assert_eq(nr, 2);
	cr_assert_str_eq(argv[0], "dev");
	cr_assert_str_eq(argv[1], "app");
	strlist_release(&g.dirs);
}

Test(opt_global, the_command_option_shadows_a_global_one_of_the_same_name)
{
	const char *argv[] = { "graph", "--verbose", "-v" };
	struct cmd_o c = { 0 };
	struct glob_o g = { 0 };
	struct err err = ERR_INIT;
	int nr = 0;

	cr_assert_eq(parse(3, argv, &c, &g, 0, &nr, &err), OPT_OK);
	cr_assert_eq(c.v_shadow, 1);
	cr_assert_eq(g.verbose, 1);	/* -v: only the global has the letter */
}

Test(opt_global, stop_at_arg_keeps_the_command_and_its_options_untouched)
{
	const char *argv[] = { "mds-infra", "-q", "render", "--check", "-v" };
	struct cmd_o c = { 0 };
	struct glob_o g = { 0 };
	struct err err = ERR_INIT;
	int nr = 0;

	cr_assert_eq(parse(5, argv, &c, &g, OPT_STOP_AT_ARG, &nr, &err), OPT_OK);
	cr_assert_eq(g.quiet, 1);
	cr_assert_eq(g.verbose, 0);
	cr_assert_eq(nr, 3);
	cr_assert_str_eq(argv[0], "render");
	cr_assert_str_eq(argv[1], "--check");
	cr_assert_str_eq(argv[2], "-v");
}

Test(opt_global, unknown_long_option_suggests_from_both_tables)
{
	const char *argv[] = { "x", "--quite" };
	struct cmd_o c = { 0 };
	struct glob_o g = { 0 };
	struct err err = ERR_INIT;
	int nr = 0;

	cr_assert_eq(parse(2, argv, &c, &g, 0, &nr, &err), OPT_ERROR);
	cr_assert_str_eq(err.msg.ptr,
			 "unknown option '--quite' (did you mean '--quiet'?)");
	err_release(&err);
}

Test(opt_global, choices_are_enforced_and_a_bare_optarg_passes)
{
	const char *bad[] = { "graph", "--format=svg" };
	const char *ok[] = { "graph", "--format", "mermaid", "--color" };
	const char *badc[] = { "graph", "--color=sometimes" };
	struct cmd_o c = { 0 };
	struct glob_o g = { 0 };
	struct err err = ERR_INIT;
	int nr = 0;

	cr_assert_eq(parse(2, bad, &c, &g, 0, &nr, &err), OPT_ERROR);
	cr_assert_str_eq(err.msg.ptr,
			 "option '--format' takes one of: dot mermaid text; not 'svg'");
	err_release(&err);
	cr_assert_eq(parse(4, ok, &c, &g, 0, &nr, &err), OPT_OK, "%s", err.msg.ptr);
	cr_assert_str_eq(c.format, "mermaid");
	cr_assert_str_eq(g.color, "");
	cr_assert_eq(parse(2, badc, &c, &g, 0, &nr, &err), OPT_ERROR);
	err_release(&err);
}
