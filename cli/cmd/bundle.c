/*
 * bundle: one reproducible .tar.gz of what an approved apply needs (the
 * stack file, the environment's rendered files, the saved plans with
 * plan.json and their manifest, the gate verdict when there is one) and
 * manifest.json with the sha256 of every file, the commit and the tool
 * versions (bundle/bundle.h).  `apply ENV --bundle FILE` applies it.
 *
 * The same inputs give the same bytes: CI can rebuild a bundle and compare.
 * It is written with mode 0600: plan files hold sensitive values in clear.
 * A stale rendered tree is refused, as plan refuses it.
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "bundle/bundle.h"
#include "cmd/cmd.h"
#include "cmd/runprep.h"
#include "run/proc.h"
#include "run/sched.h"
#include "util/fs.h"
#include "util/msg.h"
#include "util/xalloc.h"
#include "vcs/vcs.h"
#include "version.h"

struct bundle_opts {
	const char *plan;
	const char *gate;
	const char *output;
};

static const struct opt_spec bundle_options[] = {
	OPT_STRING(0, "plan", struct bundle_opts, plan, "DIR",
		   "the saved plans (default .mds/plans/ENV)"),
	OPT_STRING(0, "gate", struct bundle_opts, gate, "FILE",
		   "the gate verdict (gate -o json:FILE; default: gate.json in the plan directory, if any)"),
	OPT_STRING('o', "output", struct bundle_opts, output, "FILE",
		   "where to write the .tar.gz (required)"),
	OPT_END()
};

/* First line of `BINARY --version` (run in plan's pinned environment,
 * in `cwd`), or NULL. */
static char *tool_version(const char *binary, const char *cwd)
{
	const char *argv[] = { binary, "--version", NULL };
	struct proc_result res = PROC_RESULT_INIT;
	struct sched_opts so = SCHED_OPTS_INIT;
	struct err err = ERR_INIT;
	char *line = NULL, **envp = NULL;

	runprep_sched(&so, &envp, 1, 0, 0);
	if (proc_capture(&res, argv, cwd, envp, 10000, &err) == 0 &&
	    res.exited && res.status == 0)
		line = xstrndup(res.out.ptr, strcspn(res.out.ptr, "\r\n"));
	proc_result_release(&res);
	proc_env_free(envp);
	err_release(&err);
	return line;
}

struct commit_info {
	char hex[VCS_OID_HEX];
	long long time;
	int dirty, found;
};

static void commit_info(struct commit_info *ci, const char *root)
{
	struct vcs *v = NULL;
	struct err err = ERR_INIT;

	memset(ci, 0, sizeof(*ci));
	if (vcs_open(&v, root, &err) == 0 && vcs_head(ci->hex, v, &err) == 0 &&
	    vcs_head_time(&ci->time, v, &err) == 0) {
		ci->found = 1;
		vcs_is_dirty(&ci->dirty, v, &err);
	}
	vcs_free(v);
	err_release(&err);
}

static char *default_gate(const char *plan_dir)
{
	char *p = fs_join(plan_dir, "gate.json");

	if (fs_exists(p))
		return p;
	free(p);
	return NULL;
}

/*
 * The gate verdict goes into the bundle as it is, and apply trusts the
 * bundle: it must be what `gate -o json:FILE` writes.  Exit 2 otherwise,
 * with FILE:LINE:COL for JSON that does not parse.
 */
static int check_gate(const char *path)
{
	json_error_t je;
	json_t *doc;
	const char *schema;
	int ret = 0;

	if (!fs_exists(path)) {
		msg_error("cannot open '%s': no such file (write it with "
			  "'mds-infra gate ... -o json:%s')", path, path);
		return EXIT_USAGE;
	}
	doc = json_load_file(path, JSON_REJECT_DUPLICATES, &je);
	if (!doc) {
		msg_error("%s:%d:%d: %s", path, je.line,
			  je.column > 0 ? je.column : 1, je.text);
		return EXIT_USAGE;
	}
	schema = json_string_value(json_object_get(doc, "schema"));
	if (!schema || strcmp(schema, "mds-infra/gate/v1")) {
		msg_error("%s: not a gate verdict (schema %s, want mds-infra/gate/v1; "
			  "write it with 'mds-infra gate ... -o json:%s')", path,
			  schema ? schema : "missing", path);
		ret = EXIT_USAGE;
	}
	json_decref(doc);
	return ret;
}

static int write_bundle(const struct bundle_opts *o, struct run_set *set,
			const char *plan_dir)
{
	const char *tg = getenv("MDS_TERRAGRUNT");
	/* in a unit's directory, where terragrunt is always run */
	char *tg_version = tool_version(tg && *tg ? tg : "terragrunt",
					set->nr ? set->units[0].dir : NULL);
	struct bundle_tool tools[] = {
		{ "mds-infra", MDS_VERSION }, { "terragrunt", tg_version },
	};
	const char *stack_base = strrchr(set->stack_path, '/');
	char *gate = o->gate ? NULL : default_gate(plan_dir);
	struct commit_info ci;
	struct bundle_input in;
	struct buf out = BUF_INIT;
	struct err err = ERR_INIT;
	int ret = 0;

	if ((o->gate || gate) && (ret = check_gate(o->gate ? o->gate : gate))) {
		free(gate);
		free(tg_version);
		return ret;
	}
	commit_info(&ci, set->root);
	if (ci.dirty)
		msg_warn("the working tree has uncommitted changes; the bundle records commit %s",
			 ci.hex);
	in = (struct bundle_input){ set->env, set->root,
		stack_base ? stack_base + 1 : set->stack_path,
		set->files, set->nr_files, plan_dir, o->gate ? o->gate : gate,
		ci.found ? ci.hex : NULL, ci.time, ci.dirty, tools,
		ARRAY_SIZE(tools) };
	if (bundle_build(&out, &in, &err) < 0 ||
	    fs_write_atomic(o->output, out.ptr, out.len, 0600, &err) < 0) {
		if (err.code == ERR_NOTFOUND)
			msg_error("%s; run 'mds-infra plan %s' first", err.msg.ptr,
				  set->env);
		ret = err.code == ERR_NOTFOUND ? EXIT_NEGATIVE : cmd_fail(&err);
	} else {
		msg_note("wrote %s (%zu bytes)", o->output, out.len);
	}
	buf_release(&out);
	err_release(&err);
	free(gate);
	free(tg_version);
	return ret;
}

static int run_bundle(int argc, const char **argv, const struct cmd_ctx *ctx)
{
	struct bundle_opts o = { 0 };
	struct stack *st = NULL;
	struct run_set set = RUN_SET_INIT;
	char *plan_dir = NULL;
	int ret = 0, nr = cmd_parse(&cmd_bundle_entry, argc, argv, &o, &ret);

	if (nr < 0)
		return ret;
	if (nr != 1)
		return cmd_usage_error(&cmd_bundle_entry, "expected one environment");
	if (!o.output)
		return cmd_usage_error(&cmd_bundle_entry, "-o FILE is required");
	if (!(ret = runprep_units(&st, &set, ctx, argv[0])) &&
	    !(ret = runprep_saved_dir(&plan_dir, o.plan, &set)))
		ret = write_bundle(&o, &set, plan_dir);
	free(plan_dir);
	run_set_release(&set);
	stack_free(st);
	return ret;
}

const struct cmd_entry cmd_bundle_entry = {
	.name = "bundle",
	.summary = "write a reproducible archive of an environment's saved plans",
	.usage = "bundle ENV [--plan DIR] [--gate FILE] -o FILE",
	.description =
		"Writes FILE (.tar.gz, mode 0600): the stack file, the environment's "
		"rendered files, the saved plans of 'mds-infra plan ENV' with plan.json, "
		"their manifest and summaries, the gate verdict (--gate, or gate.json in "
		"the plan directory), and manifest.json with the sha256 and size of "
		"every file, the commit, the stack digest and the tool versions. The "
		"same inputs give a byte-identical archive (sorted entries, the commit's "
		"time as every mtime, uid and gid 0, no extended attributes, gzip "
		"without timestamp). 'mds-infra apply ENV --bundle FILE' applies it. "
		"Exit 1 when there is no saved plan or the rendered tree is stale; 2 "
		"when the gate verdict is missing or not gate -o json output.",
	.options = bundle_options,
	.args_completion = "envs",
	.run = run_bundle,
};
