#ifndef CMD_OPT_H
#define CMD_OPT_H

/*
 * Option tables: one static const table per command drives parsing, help,
 * the man page and shell completion, so they cannot drift (git's
 * parse-options, libgit2's cli_opt_spec).  Values land in a per-command
 * options struct that the command's run function declares locally, so each
 * run starts from clean state:
 *
 *	struct render_opts { int check; };
 *	static const struct opt_spec render_options[] = {
 *		OPT_BOOL(0, "check", struct render_opts, check,
 *			 "verify instead of writing; exit 1 on drift"),
 *		OPT_END()
 *	};
 *
 * Field types: OPT_BOOL int (counts repeats), OPT_STRING const char *
 * (borrowed from argv), OPT_INT int, OPT_LIST struct strlist (repeatable),
 * OPT_OPTARG const char * that is "" when given without "=VALUE".
 */
#include <stddef.h>

enum opt_type { OPT_T_END, OPT_T_BOOL, OPT_T_STRING, OPT_T_INT, OPT_T_LIST,
		OPT_T_OPTARG };

struct opt_spec {
	char short_name;
	const char *long_name;
	enum opt_type type;
	size_t offset;
	const char *argname;
	const char *help;
};

/* A growable list of borrowed strings (repeated options). */
struct strlist {
	const char **v;
	size_t nr, alloc;
};

#define STRLIST_INIT { NULL, 0, 0 }
void strlist_push(struct strlist *l, const char *s);
void strlist_release(struct strlist *l);

#define OPT_BOOL(s, l, T, f, h) { s, l, OPT_T_BOOL, offsetof(T, f), NULL, h }
#define OPT_STRING(s, l, T, f, a, h) { s, l, OPT_T_STRING, offsetof(T, f), a, h }
#define OPT_INT(s, l, T, f, a, h) { s, l, OPT_T_INT, offsetof(T, f), a, h }
#define OPT_LIST(s, l, T, f, a, h) { s, l, OPT_T_LIST, offsetof(T, f), a, h }
#define OPT_OPTARG(s, l, T, f, a, h) { s, l, OPT_T_OPTARG, offsetof(T, f), a, h }
#define OPT_END() { 0, NULL, OPT_T_END, 0, NULL, NULL }

enum opt_result { OPT_OK = 0, OPT_HELP = 1, OPT_ERROR = -1 };

struct err;

/*
 * Parses options anywhere in argv[1..argc) (argv[0] is the command name) into
 * `values`; "--" ends options.  Positional arguments are moved to
 * argv[0..*nr_args).  `-h`/`--help` gives OPT_HELP.  An unknown option or a
 * missing or bad value gives OPT_ERROR with an ERR_USAGE message naming the
 * option (and "did you mean" when one is close).
 */
int opt_parse(int argc, const char **argv, const struct opt_spec *specs,
	      void *values, int *nr_args, struct err *err);

#endif
