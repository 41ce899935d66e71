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
 * OPT_OPTARG const char * that is "" when given without "=VALUE",
 * OPT_CHOICE const char * limited to a list.  The macros check these types
 * at compile time (OPT_FIELD).
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
	/*
	 * Space-separated values the option accepts (OPT_CHOICE), or NULL.
	 * Completion also knows "@envs" and "@components" from argname ENV
	 * and COMPONENT.
	 */
	const char *choices;
};

/* A growable list of borrowed strings (repeated options). */
struct strlist {
	const char **v;
	size_t nr, alloc;
};

#define STRLIST_INIT { NULL, 0, 0 }
void strlist_push(struct strlist *l, const char *s);
void strlist_release(struct strlist *l);

/*
 * The offset of field `f` of options struct T, refused at compile time when
 * the field is not of `type`: a table entry that writes an int through a
 * `const char *` field would otherwise corrupt memory silently.  The
 * _Static_assert sits in a struct declaration inside sizeof, the one place
 * a constant initializer can hold it.
 */
#define OPT_FIELD(T, f, type)						\
	(offsetof(T, f) + 0 * sizeof(struct {				\
		_Static_assert(_Generic(((T *)0)->f, type: 1, default: 0),	\
			       "option field '" #f "' of " #T " must be " #type); \
		char opt_field_check; }))

#define OPT_BOOL(s, l, T, f, h) \
	{ s, l, OPT_T_BOOL, OPT_FIELD(T, f, int), NULL, h, NULL }
#define OPT_STRING(s, l, T, f, a, h) \
	{ s, l, OPT_T_STRING, OPT_FIELD(T, f, const char *), a, h, NULL }
#define OPT_INT(s, l, T, f, a, h) \
	{ s, l, OPT_T_INT, OPT_FIELD(T, f, int), a, h, NULL }
#define OPT_LIST(s, l, T, f, a, h) \
	{ s, l, OPT_T_LIST, OPT_FIELD(T, f, struct strlist), a, h, NULL }
#define OPT_OPTARG(s, l, T, f, a, h) \
	{ s, l, OPT_T_OPTARG, OPT_FIELD(T, f, const char *), a, h, NULL }
/* A string that must be one of `choices` (space-separated); completed too. */
#define OPT_CHOICE(s, l, T, f, a, choices, h) \
	{ s, l, OPT_T_STRING, OPT_FIELD(T, f, const char *), a, h, choices }
#define OPT_END() { 0, NULL, OPT_T_END, 0, NULL, NULL, NULL }

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

/*
 * One table and the struct its values land in.  Several sets are parsed
 * together so that global options (-q, -C DIR) work anywhere on the line,
 * and in clusters with a command's own (-qj4); the first set that knows an
 * option wins, so a command's option shadows a global one of the same name.
 */
struct opt_set {
	const struct opt_spec *specs;
	void *values;
};

/* Stop at the first positional argument: it and the rest are kept as is. */
#define OPT_STOP_AT_ARG 1u

int opt_parse_sets(int argc, const char **argv, const struct opt_set *sets,
		   size_t nr_sets, unsigned flags, int *nr_args,
		   struct err *err);

/* The spec for "--name" / "-c" in `sets`, and the set it belongs to. */
const struct opt_spec *opt_find(const struct opt_set *sets, size_t nr_sets,
				const char *long_name, char short_name,
				size_t *set);
/* 1 when the option reads a value ("--out DIR"). */
int opt_takes_value(const struct opt_spec *o);

#endif
