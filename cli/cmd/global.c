/*
 * Global options (-C DIR, -f FILE, -q, -v, --color, --version): one option
 * table like every command's, parsed by the same opt_parse_sets before the
 * command name and again beside each command's own options, so that
 * `mds-infra validate -q` and `mds-infra -q validate` mean the same thing and
 * help is generated from the table that parses them.
 */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "util/msg.h"
#include "version.h"

const struct opt_spec cmd_global_options[] = {
	OPT_LIST('C', NULL, struct cmd_ctx, dirs, "DIR",
		 "run as if started in DIR (repeatable: each is relative to the last)"),
	OPT_STRING('f', NULL, struct cmd_ctx, stack_file, "FILE",
		   "the stack file (default: ./stack.yaml, else the one at the repository root)"),
	OPT_BOOL('q', "quiet", struct cmd_ctx, quiet,
		 "only errors and results; no progress"),
	OPT_BOOL('v', "verbose", struct cmd_ctx, verbose,
		 "more detail (repeatable)"),
	/* OPT_OPTARG with choices: "--color" alone means always. */
	{ 0, "color", OPT_T_OPTARG, OPT_FIELD(struct cmd_ctx, color, const char *),
	  "WHEN", "auto, always or never (NO_COLOR is honoured)",
	  "auto always never" },
	OPT_BOOL(0, "version", struct cmd_ctx, version,
		 "print the version and the commit it was built from"),
	OPT_END()
};

/* The context cmd_parse fills with global options met after the command. */
static struct cmd_ctx *global_ctx;

void cmd_global_init(struct cmd_ctx *ctx)
{
	global_ctx = ctx;
}

struct cmd_ctx *cmd_global_ctx(void)
{
	return global_ctx;
}

/* One of the table's choices, or "" (bare --color): opt_parse checked. */
static int parse_color(const char *when)
{
	if (!strcmp(when, "auto"))
		return -1;
	if (!strcmp(when, "never"))
		return 0;
	return 1;
}

static int change_dirs(struct cmd_ctx *ctx)
{
	size_t i;
	int code = -1;

	for (i = 0; i < ctx->dirs.nr && code < 0; i++)
		if (chdir(ctx->dirs.v[i]) < 0) {
			msg_error("cannot change to '%s': %s", ctx->dirs.v[i],
				  strerror(errno));
			code = EXIT_USAGE;
		}
	/* Applied once: a later cmd_parse must not change directory again. */
	strlist_release(&ctx->dirs);
	return code;
}

int cmd_global_apply(struct cmd_ctx *ctx)
{
	int code = change_dirs(ctx);

	if (code >= 0)
		return code;
	if (ctx->color)
		ctx->color_mode = parse_color(ctx->color);
	msg_setup(ctx->quiet ? MSG_QUIET : ctx->verbose ? MSG_VERBOSE : MSG_NORMAL,
		  msg_want_color(stderr, ctx->color_mode));
	if (ctx->version) {
		printf("mds-infra %s (commit %s)\n", MDS_VERSION, MDS_COMMIT);
		return EXIT_OK;
	}
	return -1;
}
