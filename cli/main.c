/*
 * mds-infra: global options and the command table, nothing else.
 * (The global options themselves are a table in cmd/global.c.)
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "util/msg.h"
#include "util/suggest.h"
#include "util/xalloc.h"

const struct cmd_entry *const cmd_table[] = {
	&cmd_render_entry,
	&cmd_validate_entry,
	&cmd_docs_entry,
	&cmd_plan_entry,
	&cmd_apply_entry,
	&cmd_gate_entry,
	&cmd_jenkins_entry,
	&cmd_graph_entry,
	&cmd_inputs_entry,
	&cmd_changed_entry,
	&cmd_hook_entry,
	&cmd_bundle_entry,
	&cmd_doctor_entry,
	&cmd_help_entry,
	NULL
};

/* `mds-infra version`: the long global option spelled as a command. */
static const char *global_option_named(const char *word)
{
	const struct opt_spec *o;

	for (o = cmd_global_options; o->type != OPT_T_END; o++)
		if (o->long_name && !strcmp(o->long_name, word))
			return o->long_name;
	return NULL;
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
	else if ((hint = global_option_named(name)))
		msg_error("unknown command '%s' (did you mean '--%s'?)", name, hint);
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

/*
 * `--help CMD [VERB]` (the help option before the command, as with git):
 * the help of the first word that names a command, else the overview.
 * `words` is argv as given (the parser may have moved it).
 */
static void print_help_for(int argc, const char *const *words)
{
	const struct cmd_entry *e = NULL, *sub;
	int i;

	for (i = 1; i < argc && !e; i++) {
		if (!strcmp(words[i], "-C") || !strcmp(words[i], "-f"))
			i++;	/* their value is no command */
		else if (words[i][0] != '-')
			e = cmd_find(cmd_table, words[i]);
	}
	if (!e) {
		help_print_overview(stdout);
		return;
	}
	if (e->subcommands && i < argc &&
	    (sub = cmd_find(e->subcommands, words[i])))
		e = sub;
	cmd_print_help(stdout, e, "");
}

/* Global options before the command; returns -1 to go on, else an exit code. */
static int parse_global(int argc, const char **argv, struct cmd_ctx *ctx,
			int *nr_args)
{
	struct opt_set set = { cmd_global_options, ctx };
	struct err err = ERR_INIT;
	const char **words = xcalloc((size_t)argc + 1, sizeof(*words));
	int ret;

	memcpy(words, argv, (size_t)argc * sizeof(*words));
	ret = opt_parse_sets(argc, argv, &set, 1, OPT_STOP_AT_ARG, nr_args, &err);
	if (ret == OPT_HELP)
		print_help_for(argc, words);
	free(words);
	if (ret == OPT_HELP)
		return finish(EXIT_OK);
	if (ret == OPT_ERROR) {
		msg_error("%s", err.msg.ptr);
		fputs("see 'mds-infra help'\n", stderr);
		err_release(&err);
		return EXIT_USAGE;
	}
	ret = cmd_global_apply(ctx);
	return ret >= 0 ? finish(ret) : -1;
}

int main(int argc, char **argv)
{
	static struct cmd_ctx ctx = CMD_CTX_INIT;
	const char **args = (const char **)argv;
	const struct cmd_entry *e;
	int nr, code;

	cmd_global_init(&ctx);
	code = parse_global(argc, args, &ctx, &nr);
	if (code >= 0)
		return code;
	if (nr == 0) {
		help_print_overview(stderr);
		return EXIT_USAGE;
	}
	if (!strcmp(args[0], cmd_complete_entry.name))
		return finish(cmd_complete_entry.run(nr, args, &ctx));
	e = cmd_find(cmd_table, args[0]);
	if (!e)
		return unknown_command(args[0]);
	return finish(e->run(nr, args, &ctx));
}
