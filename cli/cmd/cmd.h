#ifndef CMD_CMD_H
#define CMD_CMD_H

/*
 * The command table.
 *
 * Adding a command (as git's builtin.h explains it):
 *  1. write cli/cmd/<name>.c; it opens with a comment on what the command
 *     does, keeps everything static, and exports exactly one symbol,
 *     `const struct cmd_entry cmd_<name>_entry`;
 *  2. declare that symbol below and add it to cmd_table[] in cli/main.c;
 *  3. describe it fully in the entry (usage, description, options): help,
 *     the man page and shell completion are generated from it.
 *
 * A command's run function gets argv with argv[0] = the command's name, and
 * returns an exit code from cmd/exit.h.  It is the only layer that prints.
 */
#include <stdio.h>

#include "cmd/exit.h"
#include "cmd/opt.h"
#include "util/err.h"

struct cmd_ctx {
	const char *stack_file;	/* -f, or NULL for the default */
	int verbose;		/* -v count */
	int quiet;		/* -q */
	int color_mode;		/* --color: 0 never, 1 always, -1 auto */
	/* As parsed, before cmd_global_apply acts on them: */
	struct strlist dirs;	/* -C, in order */
	const char *color;	/* --color[=WHEN], or NULL */
	int version;		/* --version */
};

#define CMD_CTX_INIT { .color_mode = -1, .dirs = STRLIST_INIT }

/* The global options' table (cli/cmd/global.c), for parsing and help. */
extern const struct opt_spec cmd_global_options[];
/*
 * Registers the context that cmd_parse fills when global options follow
 * the command (`validate -q`).  main calls it once, before any command.
 */
void cmd_global_init(struct cmd_ctx *ctx);
struct cmd_ctx *cmd_global_ctx(void);
/*
 * Acts on what was parsed: changes directory (-C), sets up messages (-q,
 * -v, --color), prints the version (--version).  Returns -1 to go on, or
 * the exit code to stop with.
 */
int cmd_global_apply(struct cmd_ctx *ctx);

struct cmd_entry {
	const char *name;
	const char *summary;	/* one line, lower case, no period */
	const char *usage;	/* synopsis lines after "mds-infra ", '\n'-separated */
	const char *description; /* paragraphs for help and the man page */
	const struct opt_spec *options;	/* NULL if none */
	/* For commands with verbs (jenkins build|log|...): NULL-terminated. */
	const struct cmd_entry *const *subcommands;
	/* per argument, the last repeating: "envs", "components", "files",
	 * "words:a,b,c" (a fixed list); NULL: none */
	const char *args_completion;
	int (*run)(int argc, const char **argv, const struct cmd_ctx *ctx);
};

extern const struct cmd_entry *const cmd_table[];
const struct cmd_entry *cmd_find(const struct cmd_entry *const *table,
				 const char *name);

/*
 * Parses argv for `e` into `values`.  Returns the number of positional
 * arguments (moved to argv[0..n)), or -1 with *exit_code set: 0 after
 * printing help for -h/--help, EXIT_USAGE after printing the error.
 */
int cmd_parse(const struct cmd_entry *e, int argc, const char **argv,
	      void *values, int *exit_code);

/*
 * For a command with verbs: global options between the command and its verb
 * (`jenkins -q status`) are parsed and applied, and argv is left as
 * { name, verb, args... } in *argc entries.  Returns -1 to go on, else the
 * exit code (after -h/--help or a usage error).  argv must have room for
 * the name in front: it keeps its length.
 */
int cmd_parse_verb(const struct cmd_entry *e, int *argc, const char **argv);

/* Prints the error (if any) and returns its exit code (cmd/exit.h). */
int cmd_fail(struct err *err);
/* The exit code of an error code (ERR_*), without printing. */
int cmd_exit_code(int err_code);
/* "usage: ..." message plus a pointer to help; returns EXIT_USAGE. */
int cmd_usage_error(const struct cmd_entry *e, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* The stack file: -f, else ./stack.yaml, else stack.yaml at the repository root. Caller frees. */
char *cmd_stack_path(const struct cmd_ctx *ctx);
/* The repository root (nearest ancestor with .git), else ".". Caller frees. */
char *cmd_repo_root(void);

struct http_options;
/*
 * Every HTTP retry is told on stderr with its reason and delay (a note:
 * quiet under -q), so that no wait is silent.
 */
void cmd_http_feedback(struct http_options *o);

/* The overview of every command (bare `mds-infra`, `--help`). */
void help_print_overview(FILE *out);
/* Help text for a command (as `help CMD` prints it). */
void cmd_print_help(FILE *out, const struct cmd_entry *e, const char *prefix);

extern const struct cmd_entry cmd_help_entry;
extern const struct cmd_entry cmd_doctor_entry;
extern const struct cmd_entry cmd_render_entry;
extern const struct cmd_entry cmd_validate_entry;
extern const struct cmd_entry cmd_docs_entry;
extern const struct cmd_entry cmd_plan_entry;
extern const struct cmd_entry cmd_apply_entry;
extern const struct cmd_entry cmd_gate_entry;
extern const struct cmd_entry cmd_jenkins_entry;
extern const struct cmd_entry cmd_graph_entry;
extern const struct cmd_entry cmd_inputs_entry;
/* Hidden: `mds-infra __complete CWORD WORDS...`, used by the shell scripts. */
extern const struct cmd_entry cmd_complete_entry;
extern const struct cmd_entry cmd_changed_entry;
extern const struct cmd_entry cmd_hook_entry;
extern const struct cmd_entry cmd_bundle_entry;

#endif
