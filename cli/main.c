/*
 * mds-infra: global options and the command table, nothing else.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "util/msg.h"
#include "util/suggest.h"
#include "version.h"

const struct cmd_entry *const cmd_table[] = {
	&cmd_render_entry,
	&cmd_validate_entry,
	&cmd_docs_entry,
	&cmd_plan_entry,
	&cmd_apply_entry,
	&cmd_gate_entry,
	&cmd_jenkins_entry,
	&cmd_changed_entry,
	&cmd_hook_entry,
	&cmd_bundle_entry,
	&cmd_doctor_entry,
	&cmd_help_entry,
	NULL
};

static int parse_color(const char *when)
{
	if (!strcmp(when, "auto"))
		return -1;
	if (!strcmp(when, "always"))
		return 1;
	if (!strcmp(when, "never"))
		return 0;
	return -2;
}

/* Option value from "-X VALUE" or "-XVALUE"; advances *i. */
static const char *short_value(int argc, const char **argv, int *i)
{
	if (argv[*i][2])
		return argv[*i] + 2;
	if (*i + 1 < argc)
		return argv[++*i];
	msg_error("option '%s' requires a value", argv[*i]);
	return NULL;
}

static int global_option(int argc, const char **argv, int *i,
			 struct cmd_ctx *ctx)
{
	const char *a = argv[*i], *v;

	if (!strncmp(a, "-C", 2)) {
		if (!(v = short_value(argc, argv, i)))
			return EXIT_USAGE;
		if (chdir(v) < 0) {
			msg_error("cannot change to '%s': %s", v, strerror(errno));
			return EXIT_USAGE;
		}
	} else if (!strncmp(a, "-f", 2)) {
		if (!(ctx->stack_file = short_value(argc, argv, i)))
			return EXIT_USAGE;
	} else if (!strcmp(a, "-q") || !strcmp(a, "--quiet")) {
		ctx->quiet = 1;
	} else if (!strcmp(a, "-v") || !strcmp(a, "--verbose")) {
		ctx->verbose++;
	} else if (!strcmp(a, "--color") || !strncmp(a, "--color=", 8)) {
		ctx->color_mode = parse_color(a[7] ? a + 8 : "always");
		if (ctx->color_mode == -2) {
			msg_error("--color takes auto, always or never, not '%s'",
				  a + 8);
			return EXIT_USAGE;
		}
	} else {
		msg_error("unknown option '%s'", a);
		fputs("see 'mds-infra help'\n", stderr);
		return EXIT_USAGE;
	}
	return -1;
}

static int unknown_command(const char *name)
{
	const char *names[32];
	const char *hint;
	size_t nr = 0;

	while (cmd_table[nr] && nr < 32) {
		names[nr] = cmd_table[nr]->name;
		nr++;
	}
	hint = suggest_closest(name, names, nr);
	if (hint)
		msg_error("unknown command '%s' (did you mean '%s'?)", name, hint);
	else
		msg_error("unknown command '%s'; see 'mds-infra help'", name);
	return EXIT_USAGE;
}

static int finish(int code)
{
	/* A full disk or a closed pipe on stdout is an error, not a success. */
	if (fflush(stdout) || ferror(stdout) || fclose(stdout)) {
		if (errno == EPIPE)
			return code;
		msg_error("cannot write to standard output: %s", strerror(errno));
		/* The result is lost: not a verdict (1), an environment error. */
		return code == EXIT_USAGE ? code : EXIT_ENV;
	}
	return code;
}

int main(int argc, char **argv)
{
	struct cmd_ctx ctx = { .color_mode = -1 };
	const char **args = (const char **)argv;
	const struct cmd_entry *e;
	int i, code;

	for (i = 1; i < argc && args[i][0] == '-'; i++) {
		if (!strcmp(args[i], "--version")) {
			printf("mds-infra %s (commit %s)\n", MDS_VERSION, MDS_COMMIT);
			return finish(EXIT_OK);
		}
		if (!strcmp(args[i], "--help") || !strcmp(args[i], "-h")) {
			help_print_overview(stdout);
			return finish(EXIT_OK);
		}
		code = global_option(argc, args, &i, &ctx);
		if (code >= 0)
			return code;
	}
	msg_setup(ctx.quiet ? MSG_QUIET : ctx.verbose ? MSG_VERBOSE : MSG_NORMAL,
		  msg_want_color(stderr, ctx.color_mode));
	if (i == argc) {
		help_print_overview(stderr);
		return EXIT_USAGE;
	}
	e = cmd_find(cmd_table, args[i]);
	if (!e)
		return unknown_command(args[i]);
	return finish(e->run(argc - i, args + i, &ctx));
}
