/*
 * Shared plumbing of the face layer: command lookup, option parsing with
 * help, error-to-exit-code mapping, and where the stack file lives.
 */
#include "cmd/cmd.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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

static int cmd_exit_code(int err_code)
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

int cmd_usage_error(const struct cmd_entry *e, const char *fmt, ...)
{
	struct buf msg = BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	buf_vaddf(&msg, fmt, ap);
	va_end(ap);
	msg_error("%s", msg.ptr);
	fprintf(stderr, "usage: mds-infra %.*s\n",
		(int)strcspn(e->usage, "\n"), e->usage);
	fprintf(stderr, "see 'mds-infra help %s'\n", e->name);
	buf_release(&msg);
	return EXIT_USAGE;
}

int cmd_parse(const struct cmd_entry *e, int argc, const char **argv,
	      void *values, int *exit_code)
{
	struct err err = ERR_INIT;
	int nr = 0;
	int ret = opt_parse(argc, argv, e->options, values, &nr, &err);

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
