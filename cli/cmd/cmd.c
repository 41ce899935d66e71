/*
 * Shared plumbing of the face layer: command lookup, option parsing with
 * help, error-to-exit-code mapping, and where the stack file lives.
 */
#include "cmd/cmd.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "net/http.h"
#include "util/fs.h"
#include "util/msg.h"
#include "util/xalloc.h"

const struct cmd_entry *cmd_find(const struct cmd_entry *const *table,
				 const char *name)
{
	for (; *table; table++)
		if (!strcmp((*table)->name, name))
			return *table;
	return NULL;
}

int cmd_exit_code(int err_code)
{
	switch (err_code) {
	case ERR_OK:
		return EXIT_OK;
	case ERR_INPUT:
	case ERR_USAGE:
	case ERR_NOTFOUND:
		return EXIT_USAGE;
	case ERR_CONFLICT:
		return EXIT_NEGATIVE;
	default:
		return EXIT_ENV;
	}
}

int cmd_fail(struct err *err)
{
	if (err->code && err->msg.len)
		msg_error("%s", err->msg.ptr);
	return cmd_exit_code(err->code);
}

/*
 * The `help` topic of an entry: the leading lower-case words of its usage,
 * "jenkins stop" for a verb (its own name alone is no topic).
 */
static int help_topic_len(const struct cmd_entry *e)
{
	const char *u = e->usage;
	size_t len = 0, words = 0;

	if (e->subcommands)	/* its usage lists the verbs' lines */
		return (int)strcspn(u, " \n");
	while (words < 2 && u[len] >= 'a' && u[len] <= 'z') {
		size_t w = strspn(u + len, "abcdefghijklmnopqrstuvwxyz-_");

		words++;
		len += w;
		if (u[len] != ' ' || !(u[len + 1] >= 'a' && u[len + 1] <= 'z'))
			break;
		len++;
	}
	return (int)len;
}

/* The first usage line; every line for a command with verbs, whose first
 * line (its first verb's) would point at that verb alone. */
static void print_usage_synopsis(const struct cmd_entry *e)
{
	const char *line = e->usage;
	int first = 1;

	do {
		int len = (int)strcspn(line, "\n");

		fprintf(stderr, "%s mds-infra %.*s\n", first ? "usage:" : "   or:",
			len, line);
		line += len;
		line += *line == '\n';
		first = 0;
	} while (e->subcommands && *line);
}

int cmd_usage_error(const struct cmd_entry *e, const char *fmt, ...)
{
	struct buf msg = BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	buf_vaddf(&msg, fmt, ap);
	va_end(ap);
	msg_error("%s", msg.ptr);
	print_usage_synopsis(e);
	fprintf(stderr, "see 'mds-infra help %.*s'\n", help_topic_len(e), e->usage);
	buf_release(&msg);
	return EXIT_USAGE;
}

int cmd_parse(const struct cmd_entry *e, int argc, const char **argv,
	      void *values, int *exit_code)
{
	static const struct opt_spec none[] = { OPT_END() };
	struct cmd_ctx *ctx = cmd_global_ctx();
	struct opt_set sets[2] = {
		{ e->options ? e->options : none, values },
		{ cmd_global_options, ctx },
	};
	struct err err = ERR_INIT;
	int nr = 0, code;
	int ret = opt_parse_sets(argc, argv, sets, ctx ? 2 : 1, 0, &nr, &err);

	/* *exit_code is only written when the command must stop: callers
	 * may keep their own result in it */
	if (ret == OPT_OK && ctx && (code = cmd_global_apply(ctx)) >= 0) {
		*exit_code = code;
		return -1;
	}
	if (ret == OPT_HELP) {
		cmd_print_help(stdout, e, "");
		*exit_code = EXIT_OK;
		return -1;
	}
	if (ret == OPT_ERROR) {
		*exit_code = cmd_usage_error(e, "%s", err.msg.ptr);
		err_release(&err);
		return -1;
	}
	return nr;
}

int cmd_parse_verb(const struct cmd_entry *e, int *argc, const char **argv)
{
	struct cmd_ctx *ctx = cmd_global_ctx();
	struct opt_set set = { cmd_global_options, ctx };
	struct err err = ERR_INIT;
	int nr = 0, ret, code;

	if (!ctx)
		return -1;
	ret = opt_parse_sets(*argc, argv, &set, 1, OPT_STOP_AT_ARG, &nr, &err);
	if (ret == OPT_HELP) {
		cmd_print_help(stdout, e, "");
		return EXIT_OK;
	}
	if (ret == OPT_ERROR) {
		code = cmd_usage_error(e, "%s", err.msg.ptr);
		err_release(&err);
		return code;
	}
	if ((code = cmd_global_apply(ctx)) >= 0)
		return code;
	/* argv[0..nr) is now the verb and its arguments; keep the name first. */
	memmove(argv + 1, argv, (size_t)nr * sizeof(*argv));
	argv[0] = e->name;
	*argc = nr + 1;
	return -1;
}

char *cmd_repo_root(void)
{
	char *dir = getcwd(NULL, 0);

	if (!dir)
		return xstrdup(".");
	for (;;) {
		char *git = fs_join(dir, ".git");
		int found = fs_exists(git);
		char *slash;

		free(git);
		if (found)
			return dir;
		slash = strrchr(dir, '/');
		if (!slash || slash == dir)
			break;
		*slash = '\0';
	}
	free(dir);
	return xstrdup(".");
}

char *cmd_stack_path(const struct cmd_ctx *ctx)
{
	char *root, *path;

	if (ctx->stack_file)
		return xstrdup(ctx->stack_file);
	/* A stack here wins over the repository's: a nested project is its own. */
	if (fs_exists("stack.yaml"))
		return xstrdup("stack.yaml");
	root = cmd_repo_root();
	path = fs_join(root, "stack.yaml");
	free(root);
	return path;
}

static void retry_note(void *data, const char *request, const char *why,
		       long wait_ms, int retry, int max_retries)
{
	(void)data;
	msg_note("%s: %s; retry %d of %d in %.1f s", request, why, retry,
		 max_retries, wait_ms / 1000.0);
}

void cmd_http_feedback(struct http_options *o)
{
	o->on_retry = retry_note;
	o->retry_data = NULL;
}
