/*
 * __complete: the candidates for one word of a command line, one per line,
 * for the bash and zsh scripts that `help --completion` prints (cobra's
 * hidden __complete command).  The scripts stay a few lines long; what a
 * word can be comes from the command table (commands, verbs, options and
 * their choices) and from the stack (environment and component names), so
 * completion cannot drift from what the parser accepts.
 *
 *	mds-infra __complete CWORD WORD0 WORD1 ...
 *
 * CWORD indexes the word being completed (bash's COMP_CWORD; WORD0 is the
 * program).  Prints nothing when it has no idea: the shells then fall back
 * to file names.  Never fails.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "gate/gate.h"
#include "stack/stack.h"
#include "util/xalloc.h"

/* What the words before the current one say. */
struct line {
	const struct cmd_entry *cmd;	/* the command, once named */
	const struct cmd_entry *verb;	/* its verb (jenkins build) */
	const struct opt_spec *pending;	/* an option waiting for its value */
	const char *args[4];		/* positional arguments seen */
	size_t nr_args;
	struct cmd_ctx ctx;		/* -C and -f as typed */
	int unknown;			/* a word made no sense: give up */
};

static size_t line_sets(const struct line *l, struct opt_set *sets)
{
	const struct cmd_entry *e = l->verb ? l->verb : l->cmd;
	size_t nr = 0;

	if (e && e->options)
		sets[nr++] = (struct opt_set){ e->options, NULL };
	sets[nr++] = (struct opt_set){ cmd_global_options, NULL };
	return nr;
}

static void note_option(struct line *l, const char *w)
{
	struct opt_set sets[2];
	size_t nr = line_sets(l, sets);
	const struct opt_spec *o;

	if (w[1] == '-') {
		char *name = strndup(w + 2, strcspn(w + 2, "="));

		o = opt_find(sets, nr, name, 0, NULL);
		free(name);
		if (o && opt_takes_value(o) && !strchr(w, '='))
			l->pending = o;
		return;
	}
	/* In a cluster, a value-taking letter eats the rest of the word. */
	for (w++; *w; w++) {
		o = opt_find(sets, nr, NULL, *w, NULL);
		if (o && opt_takes_value(o)) {
			if (!w[1])
				l->pending = o;
			return;
		}
	}
}

static void note_value(struct line *l, const char *w)
{
	if (l->pending == &cmd_global_options[0])
		strlist_push(&l->ctx.dirs, w);
	else if (l->pending == &cmd_global_options[1])
		l->ctx.stack_file = w;
	l->pending = NULL;
}

static void note_word(struct line *l, const char *w)
{
	if (l->pending) {
		note_value(l, w);
	} else if (w[0] == '-' && w[1]) {
		note_option(l, w);
	} else if (!l->cmd) {
		l->cmd = cmd_find(cmd_table, w);
		l->unknown = !l->cmd;
	} else if (l->cmd->subcommands && !l->verb) {
		l->verb = cmd_find(l->cmd->subcommands, w);
		l->unknown = !l->verb;
	} else if (l->nr_args < ARRAY_SIZE(l->args)) {
		l->args[l->nr_args++] = w;
	}
}

static void put(const char *cand, size_t len, const char *prefix,
		const char *cur)
{
	size_t plen = strlen(prefix);

	/* `cur` holds the prefix too ("--color=al"); compare past it. */
	if (strncmp(cur, prefix, plen) ||
	    strncmp(cand, cur + plen, strlen(cur + plen)) ||
	    len < strlen(cur + plen))
		return;
	printf("%s%.*s\n", prefix, (int)len, cand);
}

/* Each word of a list separated by any of `seps`. */
static void put_words(const char *list, const char *seps, const char *prefix,
		      const char *cur)
{
	while (*list) {
		size_t len = strcspn(list, seps);

		if (len)
			put(list, len, prefix, cur);
		list += len;
		list += strspn(list, seps);
	}
}

static void put_stack_names(struct line *l, int components, const char *cur)
{
	struct stack *st = NULL;
	struct err err = ERR_INIT;
	char *path;
	size_t i;

	for (i = 0; i < l->ctx.dirs.nr; i++)
		if (chdir(l->ctx.dirs.v[i]) < 0)
			return;
	strlist_release(&l->ctx.dirs);
	path = cmd_stack_path(&l->ctx);
	if (!stack_load(&st, path, &err)) {
		if (components)
			for (i = 0; i < st->nr_components; i++)
				put(st->components[i].name,
				    strlen(st->components[i].name), "", cur);
		else
			for (i = 0; i < st->nr_envs; i++)
				put(st->envs[i].name, strlen(st->envs[i].name),
				    "", cur);
		stack_free(st);
	}
	err_release(&err);
	free(path);
}

static void put_gate_formats(const char *cur)
{
	static const char *const maybe[] = {
		"text", "json", "sarif", "junit", "markdown", "sonar",
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(maybe); i++)
		if (gate_out_parse(maybe[i]) >= 0)
			put(maybe[i], strlen(maybe[i]), "", cur);
}

/* The values option `o` can take; `prefix` is "--name=" when glued. */
static void put_values(struct line *l, const struct opt_spec *o,
		       const char *prefix, const char *cur)
{
	const char *a = o->argname ? o->argname : "";

	if (o->choices)
		put_words(o->choices, " ", prefix, cur);
	else if (!strcmp(a, "ENV") && !*prefix)
		put_stack_names(l, 0, cur);
	else if ((!strcmp(a, "COMPONENT") || !strcmp(a, "C")) && !*prefix)
		put_stack_names(l, 1, cur);
	else if (!strncmp(a, "FMT", 3))
		put_gate_formats(cur);
	else if (strchr(a, '|') && strspn(a, "abcdefghijklmnopqrstuvwxyz|-") ==
		 strlen(a))
		put_words(a, "|", prefix, cur);
}

static void put_options(struct line *l, const char *cur)
{
	struct opt_set sets[2];
	size_t i, nr = line_sets(l, sets);
	const struct opt_spec *o;
	char buf[64];

	for (i = 0; i < nr; i++)
		for (o = sets[i].specs; o->type != OPT_T_END; o++) {
			if (o->long_name)
				snprintf(buf, sizeof(buf), "--%s", o->long_name);
			else
				snprintf(buf, sizeof(buf), "-%c", o->short_name);
			put(buf, strlen(buf), "", cur);
		}
	put("--help", 6, "", cur);
}

static void put_commands(const struct cmd_entry *const *table, const char *cur)
{
	for (; *table; table++)
		put((*table)->name, strlen((*table)->name), "", cur);
}

/* The n-th word of the command's args_completion ("envs components"). */
static void put_positional(struct line *l, const char *cur)
{
	const struct cmd_entry *e = l->verb ? l->verb : l->cmd;
	const char *kind = e->args_completion;
	size_t n = l->nr_args;

	if (!kind)
		return;
	while (n-- && strchr(kind, ' '))
		kind = strchr(kind, ' ') + 1;
	if (!strncmp(kind, "envs", 4)) {
		put_stack_names(l, 0, cur);
	} else if (!strncmp(kind, "components", 10)) {
		put_stack_names(l, 1, cur);
	} else if (!strncmp(kind, "words:", 6)) {
		/* a fixed list, "words:a,b,c", up to the next space */
		char *list = strndup(kind + 6, strcspn(kind + 6, " "));

		put_words(list, ",", "", cur);
		free(list);
	}
}

static void put_help_topics(struct line *l, const char *cur)
{
	const struct cmd_entry *e;

	if (l->nr_args == 0) {
		put_commands(cmd_table, cur);
		return;
	}
	e = cmd_find(cmd_table, l->args[0]);
	if (l->nr_args == 1 && e && e->subcommands)
		put_commands(e->subcommands, cur);
}

static void complete_word(struct line *l, const char *cur)
{
	const char *eq = strchr(cur, '=');

	if (l->pending) {
		put_values(l, l->pending, "", cur);
	} else if (cur[0] == '-' && cur[1] == '-' && eq) {
		struct opt_set sets[2];
		size_t nr = line_sets(l, sets);
		char *name = strndup(cur + 2, (size_t)(eq - cur - 2));
		const struct opt_spec *o = opt_find(sets, nr, name, 0, NULL);
		char *prefix = strndup(cur, (size_t)(eq - cur + 1));

		if (o)
			put_values(l, o, prefix, cur);
		free(prefix);
		free(name);
	} else if (cur[0] == '-') {
		put_options(l, cur);
	} else if (!l->cmd) {
		put_commands(cmd_table, cur);
	} else if (l->cmd->subcommands && !l->verb) {
		put_commands(l->cmd->subcommands, cur);
	} else if (l->cmd == &cmd_help_entry) {
		put_help_topics(l, cur);
	} else {
		put_positional(l, cur);
	}
}

static void complete_glued(struct line *l, const char *option,
			   const char *cur)
{
	struct opt_set sets[2];
	size_t nr = line_sets(l, sets);
	const struct opt_spec *o = NULL;

	if (!strncmp(option, "--", 2))
		o = opt_find(sets, nr, option + 2, 0, NULL);
	if (o)
		put_values(l, o, "", cur);
}

static int run_complete(int argc, const char **argv, const struct cmd_ctx *ctx)
{
	struct line l = { .ctx = CMD_CTX_INIT };
	int cword, i, glued;

	(void)ctx;
	if (argc < 3)
		return EXIT_OK;
	cword = (int)strtol(argv[1], NULL, 10);
	argv += 2;
	argc -= 2;
	if (cword < 1 || cword > argc)
		return EXIT_OK;
	/* bash splits "--color=al" into "--color" "=" "al". */
	glued = cword >= 3 && !strcmp(argv[cword - 1], "=");
	for (i = 1; i < cword - (glued ? 2 : 0) && !l.unknown; i++) {
		/* bash splits "--color=al" at '=': glue the pieces back. */
		if (!strcmp(argv[i], "=") && i + 1 < cword) {
			i++;
			continue;
		}
		note_word(&l, argv[i]);
	}
	if (!l.unknown && glued)
		complete_glued(&l, argv[cword - 2], cword < argc ? argv[cword] : "");
	else if (!l.unknown)
		complete_word(&l, cword < argc ? argv[cword] : "");
	strlist_release(&l.ctx.dirs);
	return EXIT_OK;
}

const struct cmd_entry cmd_complete_entry = {
	.name = "__complete",
	.summary = "complete one word of a command line (for the shell scripts)",
	.usage = "__complete CWORD WORD...",
	.run = run_complete,
};
