/*
 * render: write the Terragrunt tree (terragrunt/) from stack.yaml, or with
 * --check verify that the committed tree is what the stack says.
 *
 * Writing lists every created, updated and deleted file on stdout; the new
 * and changed files are written in one transaction (a failure leaves the
 * old tree), then stale generated files are deleted.  Files without the
 * marker line are never touched: rendering over one is refused (exit 1).
 * --check writes nothing, prints a unified diff of what would change on
 * stdout and exits 1 on drift.  Bad input exits 2 with FILE:LINE:COL.
 */
#include <stdlib.h>

#include "cmd/cmd.h"
#include "cmd/envname.h"
#include "cmd/json_out.h"
#include "render/render.h"
#include "stack/stack.h"
#include "util/msg.h"

#define RENDER_USAGE "render [ENV...] [--check] [--json]"

struct render_cmd_opts {
	int check;
	int json;
};

static const struct opt_spec render_options[] = {
	OPT_BOOL(0, "check", struct render_cmd_opts, check,
		 "write nothing; print a diff of what would change, exit 1 on drift"),
	OPT_BOOL(0, "json", struct render_cmd_opts, json,
		 "print the changed files (and the diff) as JSON (mds-infra/render/v1)"),
	OPT_END()
};

static const char *const change_names[] = { "created", "updated", "deleted" };

/* --json: the same facts as the text, one document. */
static void print_json(const struct stack *st, const struct render_changes *ch,
		       int check)
{
	json_t *doc = json_out_new(JSON_OUT_SCHEMA("render"));
	json_t *files = json_array();
	size_t i;

	for (i = 0; i < ch->nr; i++)
		json_array_append_new(files, json_pack("{s:s, s:s}",
			"path", ch->items[i].path,
			"change", change_names[ch->items[i].kind]));
	json_object_set_new(doc, "stack", json_string(st->path));
	json_object_set_new(doc, "check", json_boolean(check));
	json_object_set_new(doc, "drift", json_boolean(check && ch->drift));
	json_object_set_new(doc, "files", files);
	json_object_set_new(doc, "diff", check ? json_stringn(ch->diff.ptr ?
			    ch->diff.ptr : "", ch->diff.len) : json_null());
	json_out_print(doc);
}

static void list_changes(const struct stack *st,
			 const struct render_changes *ch, int json)
{
	size_t i, n[3] = { 0, 0, 0 };

	for (i = 0; i < ch->nr; i++) {
		if (!json)
			printf("%s %s\n", change_names[ch->items[i].kind],
			       ch->items[i].path);
		n[ch->items[i].kind]++;
	}
	if (json)
		print_json(st, ch, 0);
	if (ch->nr)
		msg_note("%zu created, %zu updated, %zu deleted", n[0], n[1], n[2]);
	else
		msg_note("the tree is up to date");
}

static int check(const struct stack *st, const struct render_opts *ro,
		 int json, struct err *err)
{
	struct render_changes ch = RENDER_CHANGES_INIT;
	int ret;

	if (render_check(&ch, st, ro, err) < 0)
		return cmd_fail(err);
	if (json)
		print_json(st, &ch, 1);
	else
		fwrite(ch.diff.ptr, 1, ch.diff.len, stdout);
	if (ch.drift) {
		msg_error("the Terragrunt tree is out of date: %zu file%s would change "
			  "(run 'mds-infra render')", ch.nr, ch.nr == 1 ? "" : "s");
		ret = EXIT_NEGATIVE;
	} else {
		msg_note("the tree matches %s", st->path);
		ret = EXIT_OK;
	}
	render_changes_release(&ch);
	return ret;
}

static int write_tree(const struct stack *st, const struct render_opts *ro,
		      int json, struct err *err)
{
	struct render_set set = RENDER_SET_INIT;
	struct render_changes ch = RENDER_CHANGES_INIT;
	int ret = EXIT_OK;

	if (render_stack(&set, st, ro, err) < 0 ||
	    render_compare(&ch, st, &set, ro, 0, err) < 0 ||
	    render_apply(st, &ch, err) < 0)
		ret = cmd_fail(err);
	else
		list_changes(st, &ch, json);
	render_changes_release(&ch);
	render_set_release(&set);
	return ret;
}

/* Every ENV named must be the stack's (a typo gets "did you mean"). */
static int check_envs(const struct stack *st, const struct render_opts *ro)
{
	size_t i;
	int ret = 0;

	for (i = 0; i < ro->nr_envs && !ret; i++)
		ret = cmd_check_env(st, ro->envs[i]);
	return ret;
}

static int run_render(int argc, const char **argv, const struct cmd_ctx *ctx)
{
	struct render_cmd_opts opts = { 0 };
	struct err err = ERR_INIT;
	struct stack *st = NULL;
	struct render_opts ro;
	char *path;
	int code, nr = cmd_parse(&cmd_render_entry, argc, argv, &opts, &code);

	if (nr < 0)
		return code;
	ro.envs = argv;
	ro.nr_envs = (size_t)nr;
	path = cmd_stack_path(ctx);
	if (stack_load(&st, path, &err) < 0 || stack_check_modules(st, &err) < 0)
		code = cmd_fail(&err);
	else if ((code = check_envs(st, &ro)))
		;
	else if (opts.check)
		code = check(st, &ro, opts.json, &err);
	else
		code = write_tree(st, &ro, opts.json, &err);
	stack_free(st);
	free(path);
	err_release(&err);
	return code;
}

const struct cmd_entry cmd_render_entry = {
	.name = "render",
	.summary = "write or check the Terragrunt tree from stack.yaml",
	.usage = RENDER_USAGE,
	.description =
	"Renders terragrunt/root.hcl, terragrunt/ENV/env.hcl and\n"
	"terragrunt/ENV/COMPONENT/terragrunt.hcl from the stack file (-f, default\n"
	"stack.yaml at the repository root), for every environment or only the\n"
	"ENVs named.  Every generated file starts with the line\n"
	"'" STACK_MARKER "';\n"
	"files without it are never overwritten or deleted, and generated files\n"
	"the stack no longer produces are deleted.  Created, updated and deleted\n"
	"files are listed on stdout.\n"
	"\n"
	"With --check nothing is written: the unified diff of what would change\n"
	"is printed and the exit code is 1 on drift, 0 when the tree is current.\n"
	"Exit 2: invalid stack file (FILE:LINE:COL) or unknown ENV.  With\n"
	"--json the files (and with --check the diff) are one document\n"
	"(schema mds-infra/render/v1, docs/json.md).",
	.options = render_options,
	.args_completion = "envs",
	.run = run_render,
};
