/*
 * help: usage of the tool or of one command.
 *
 * Everything here is generated from the command table, and so are the man
 * page (`help --scdoc`, turned into mds-infra.1 by scdoc at build time) and
 * the shell completions (`help --completion bash|zsh`, thin scripts over the
 * hidden `__complete` command of complete.c): they cannot drift from what
 * the parser accepts.
 */
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "util/msg.h"
#include "util/suggest.h"

#define HELP_USAGE "help [COMMAND [VERB]]\nhelp --scdoc\nhelp --completion bash|zsh"

struct help_opts {
	int scdoc;
	const char *completion;
};

static const struct opt_spec help_options[] = {
	OPT_BOOL(0, "scdoc", struct help_opts, scdoc,
		 "print the man page source (scdoc) generated from the command table"),
	OPT_STRING(0, "completion", struct help_opts, completion, "SHELL",
		   "print the completion script for bash or zsh"),
	OPT_END()
};

static const char global_usage[] =
	"usage: mds-infra [-C DIR] [-f FILE] [-q] [-v] [--color=WHEN] <command> [options] [args]\n";

static const struct { int code; const char *text; } exit_codes[] = {
	{ 0, "success, PASS or WARN" },
	{ 1, "the thing checked failed or was refused (gate FAIL, drift, build not "
	     "SUCCESS, plan policy violated, apply failed or refused)" },
	{ 2, "usage error or invalid input file (with file:line:column)" },
	{ 3, "environment error (tool missing, network or server error)" },
	{ 4, "plan --detailed-exitcode: changes present (or components blocked "
	     "until a dependency is applied)" },
	{ 130, "interrupted (Ctrl-C); a followed Jenkins build goes on" },
};

static void option_label(const struct opt_spec *o, char *out, size_t size)
{
	int n = 0;

	if (o->short_name && o->long_name)
		n = snprintf(out, size, "-%c, --%s", o->short_name, o->long_name);
	else if (o->long_name)
		n = snprintf(out, size, "--%s", o->long_name);
	else
		n = snprintf(out, size, "-%c", o->short_name);
	if (n < 0 || (size_t)n >= size)
		return;
	if (o->type == OPT_T_OPTARG)
		snprintf(out + n, size - (size_t)n, "[=%s]", o->argname);
	else if (o->argname)
		snprintf(out + n, size - (size_t)n, " %s", o->argname);
}

static void print_usage_lines(FILE *out, const char *prefix, const char *usage)
{
	const char *line = usage;
	int first = 1;

	while (*line) {
		size_t len = strcspn(line, "\n");

		fprintf(out, "%s mds-infra %.*s\n", first ? "usage:" : "   or:",
			(int)len, line);
		first = 0;
		line += len;
		if (*line)
			line++;
	}
	(void)prefix;
}

void cmd_print_help(FILE *out, const struct cmd_entry *e, const char *prefix)
{
	const struct opt_spec *o;

	print_usage_lines(out, prefix, e->usage);
	fprintf(out, "\n%s\n", e->summary);
	if (e->description)
		fprintf(out, "\n%s\n", e->description);
	if (e->options && e->options->type != OPT_T_END) {
		fputs("\noptions:\n", out);
		for (o = e->options; o->type != OPT_T_END; o++) {
			char label[80];

			option_label(o, label, sizeof(label));
			fprintf(out, "  %-26s %s\n", label, o->help);
		}
	}
	if (e->subcommands) {
		const struct cmd_entry *const *s;

		fprintf(out, "\nverbs (see 'mds-infra help %s VERB'):\n", e->name);
		for (s = e->subcommands; *s; s++)
			fprintf(out, "  %-12s %s\n", (*s)->name, (*s)->summary);
	}
}

static void print_overview(FILE *out)
{
	const struct cmd_entry *const *c;
	const struct opt_spec *o;
	size_t i;

	fputs(global_usage, out);
	fputs("\nThe infrastructure and CI tool of the Modern Data Stack platform.\n"
	      "\ncommands:\n", out);
	for (c = cmd_table; *c; c++)
		fprintf(out, "  %-10s %s\n", (*c)->name, (*c)->summary);
	fputs("\nglobal options (anywhere on the line, also after the command):\n",
	      out);
	for (o = cmd_global_options; o->type != OPT_T_END; o++) {
		char label[80];

		option_label(o, label, sizeof(label));
		fprintf(out, "  %-16s %s\n", label, o->help);
	}
	fprintf(out, "  %-16s %s\n", "-h, --help", "this help");
	fputs("\nexit codes:\n", out);
	for (i = 0; i < sizeof(exit_codes) / sizeof(exit_codes[0]); i++)
		fprintf(out, "  %-3d  %s\n", exit_codes[i].code,
			exit_codes[i].text);
	fputs("\nSee 'mds-infra help <command>' for one command.\n", out);
}

/*
 * scdoc escapes: a literal '*' or '_' must be backslashed, and so must a
 * '-' opening a line (it would start a list: "--json prints ...").
 */
static void scdoc_text(FILE *out, const char *s)
{
	const char *start = s;

	for (; *s; s++) {
		if (*s == '*' || *s == '_' || *s == '\\' ||
		    (*s == '-' && (s == start || s[-1] == '\n')))
			fputc('\\', out);
		fputc(*s, out);
	}
}

static void scdoc_command(FILE *out, const struct cmd_entry *e,
			  const char *parent)
{
	const struct opt_spec *o;
	const char *line;

	fprintf(out, "## %s%s%s\n\n", parent ? parent : "", parent ? " " : "",
		e->name);
	for (line = e->usage; *line;) {
		size_t len = strcspn(line, "\n");
		char *one = strndup(line, len);

		fputs("*mds-infra* ", out);
		scdoc_text(out, one);
		fputs("\n\n", out);
		free(one);
		line += len;
		if (*line)
			line++;
	}
	scdoc_text(out, e->summary);
	fputs(".\n\n", out);
	if (e->description) {
		scdoc_text(out, e->description);
		fputs("\n\n", out);
	}
	for (o = e->options; o && o->type != OPT_T_END; o++) {
		char label[80];

		option_label(o, label, sizeof(label));
		fputc('*', out);
		scdoc_text(out, label);
		fputs("*\n\t", out);
		scdoc_text(out, o->help);
		fputs("\n\n", out);
	}
	if (e->subcommands) {
		const struct cmd_entry *const *s;

		for (s = e->subcommands; *s; s++)
			scdoc_command(out, *s, e->name);
	}
}

static void print_scdoc(FILE *out)
{
	const struct cmd_entry *const *c;
	const struct opt_spec *o;
	size_t i;

	fputs("mds-infra(1)\n\n# NAME\n\nmds-infra - the infrastructure and CI "
	      "tool of the Modern Data Stack platform\n\n# SYNOPSIS\n\n"
	      "*mds-infra* [-C _DIR_] [-f _FILE_] [-q] [-v] [--color=_WHEN_] "
	      "_command_ [_options_] [_args_]\n\n# GLOBAL OPTIONS\n\n", out);
	for (o = cmd_global_options; o->type != OPT_T_END; o++) {
		char label[80];

		option_label(o, label, sizeof(label));
		fputc('*', out);
		scdoc_text(out, label);
		fputs("*\n\t", out);
		scdoc_text(out, o->help);
		fputs("\n\n", out);
	}
	fputs("*-h, --help*\n\tthe usage of the tool, or after a command of "
	      "that command (as *mds-infra help* _command_)\n\n", out);
	fputs("# COMMANDS\n\n", out);
	for (c = cmd_table; *c; c++)
		scdoc_command(out, *c, NULL);
	fputs("# EXIT STATUS\n\n", out);
	for (i = 0; i < sizeof(exit_codes) / sizeof(exit_codes[0]); i++)
		fprintf(out, "*%d*\n\t%s\n\n", exit_codes[i].code,
			exit_codes[i].text);
	fputs("# ENVIRONMENT\n\n"
	      "*NO\\_COLOR*\n\tdisables colour\n\n"
	      "*MDS\\_TERRAGRUNT*\n\tthe terragrunt binary (default: terragrunt on PATH)\n\n"
	      "*JENKINS\\_URL*, *JENKINS\\_USER\\_ID*, *JENKINS\\_API\\_TOKEN*\n"
	      "\tJenkins connection; ~/.netrc is read too. Never pass credentials "
	      "as arguments.\n\n"
	      "*SONAR\\_TOKEN*, *SONAR\\_HOST\\_URL*\n"
	      "\tSonarQube token and server for *gate --sonar*\n\n"
	      "*MDS\\_HTTP\\_RETRIES*, *MDS\\_HTTP\\_RETRY\\_BASE\\_MS*\n"
	      "\tthe HTTP retry schedule (Jenkins, SonarQube)\n", out);
}

/*
 * The scripts only hand the line to the hidden __complete command, which
 * knows the command table and reads the stack (environments, components).
 * With no candidates, the shell falls back to file names.
 */
static void print_bash(FILE *out)
{
	fputs("# bash completion for mds-infra (generated by 'mds-infra help --completion bash')\n"
	      "_mds_infra()\n{\n"
	      "\tlocal IFS=$'\\n'\n"
	      "\tCOMPREPLY=($(\"${COMP_WORDS[0]}\" __complete \"$COMP_CWORD\" \"${COMP_WORDS[@]}\" 2>/dev/null))\n"
	      "}\ncomplete -o default -F _mds_infra mds-infra\n", out);
}

static void print_zsh(FILE *out)
{
	fputs("#compdef mds-infra\n# zsh completion for mds-infra (generated by "
	      "'mds-infra help --completion zsh')\n"
	      "_mds_infra() {\n"
	      "\tlocal -a cands\n"
	      "\tcands=(\"${(@f)$(\"${words[1]}\" __complete $((CURRENT - 1)) \"${words[@]}\" 2>/dev/null)}\")\n"
	      "\tif (( ${#cands} )) && [[ -n ${cands[1]} ]]; then\n"
	      "\t\tcompadd -a cands\n"
	      "\telse\n"
	      "\t\t_files\n"
	      "\tfi\n"
	      "}\n_mds_infra \"$@\"\n", out);
}

/* The closest name in `table` to a mistyped `word`, or NULL. */
static const char *closest_entry(const struct cmd_entry *const *table,
				 const char *word)
{
	const char *names[32];
	size_t nr = 0;

	while (table[nr] && nr < 32) {
		names[nr] = table[nr]->name;
		nr++;
	}
	return suggest_closest(word, names, nr);
}

static int help_for(int argc, const char **argv)
{
	const struct cmd_entry *e = cmd_find(cmd_table, argv[0]);
	const char *hint;

	if (!e) {
		hint = closest_entry(cmd_table, argv[0]);
		msg_error("no such command '%s'%s%s%s; see 'mds-infra help'",
			  argv[0], hint ? " (did you mean '" : "",
			  hint ? hint : "", hint ? "'?)" : "");
		return EXIT_USAGE;
	}
	if (argc > 1 && e->subcommands) {
		const struct cmd_entry *sub = cmd_find(e->subcommands, argv[1]);

		if (!sub) {
			hint = closest_entry(e->subcommands, argv[1]);
			msg_error("'%s' has no verb '%s'%s%s%s; see 'mds-infra help %s'",
				  e->name, argv[1], hint ? " (did you mean '" : "",
				  hint ? hint : "", hint ? "'?)" : "", e->name);
			return EXIT_USAGE;
		}
		e = sub;
	}
	cmd_print_help(stdout, e, "");
	return EXIT_OK;
}

static int run_help(int argc, const char **argv, const struct cmd_ctx *ctx)
{
	struct help_opts opts = { 0 };
	int code, nr = cmd_parse(&cmd_help_entry, argc, argv, &opts, &code);

	(void)ctx;
	if (nr < 0)
		return code;
	if (opts.scdoc) {
		print_scdoc(stdout);
		return EXIT_OK;
	}
	if (opts.completion) {
		if (!strcmp(opts.completion, "bash"))
			print_bash(stdout);
		else if (!strcmp(opts.completion, "zsh"))
			print_zsh(stdout);
		else
			return cmd_usage_error(&cmd_help_entry,
					       "no completion for shell '%s' (bash or zsh)",
					       opts.completion);
		return EXIT_OK;
	}
	if (nr == 0) {
		print_overview(stdout);
		return EXIT_OK;
	}
	return help_for(nr, argv);
}

/* For main: the overview, used by a bare `mds-infra` and `--help`. */
void help_print_overview(FILE *out)
{
	print_overview(out);
}

const struct cmd_entry cmd_help_entry = {
	.name = "help",
	.summary = "show the usage of the tool or of one command",
	.usage = HELP_USAGE,
	.options = help_options,
	.run = run_help,
};
