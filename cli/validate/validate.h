#ifndef VALIDATE_VALIDATE_H
#define VALIDATE_VALIDATE_H

/*
 * validate: stack.yaml, the Terraform modules it deploys, the policies and
 * the module READMEs agree with each other.  Terragrunt finds a missing or
 * misspelled input only at plan time, against a live cluster; this finds it
 * from the files alone.
 *
 * The checks (each a file of this directory):
 *  - modules.c: every `module:` directory exists and its .tf files parse
 *    (module.c adapts the HCL reader's module interface).
 *  - inputs.c: for every environment x component, the inputs stack.yaml
 *    renders cover every module variable without a default, name no
 *    variable the module lacks, have the outer shape of the variable's
 *    type (types.c), and every ${component.output} names an output the
 *    referenced component's module declares (and a sensitive one feeds
 *    only sensitive variables); mock_outputs name declared outputs too.
 *    Near misses get a "did you mean".
 *  - providers.c: each component's `providers:` matches its module's
 *    required_providers.
 *  - readme.c: each module's README inputs/outputs table is current.
 *  - pins.c: a chart_version or image_tag the stack pins differs from the
 *    module's default only with a reason (a warning otherwise).
 *  - charts.c (with a charts directory): every values key a module gives
 *    its Helm chart exists in the chart version it pins.
 *  - policies.c: every policies/ *.yaml loads (gate.yaml and plan.yaml
 *    through their own loaders, any other file as YAML), and policy_refs.c:
 *    the environments and components they name exist in the stack.
 *
 * Nothing here prints: every finding becomes a `struct validate_problem`
 * with a position, and the caller (cmd/validate.c) prints them.
 */
#include <stddef.h>

#include "util/err.h"

struct stack;

struct validate_problem {
	/* as displayed: the stack's directory, as the stack path was
	 * given, joined to the path within the repository */
	char *file;
	unsigned line, col;	/* 1-based; 0 when unknown */
	char *msg;		/* one line, no "error:" prefix, no period */
	/* optional second position: where the module declares the variable
	 * or output the message is about (NULL when there is none) */
	char *note_file;
	unsigned note_line, note_col;
	char *note;
	/*
	 * 1 when a file could not be read or parsed (exit 2), 0 when the files
	 * read fine but disagree (exit 1).
	 */
	int fatal;
	/* 1 for a warning: shown, but validate still succeeds */
	int warning;
	/* environments (indices) the problem was seen in; see report.c */
	size_t *envs;
	size_t nr_envs, alloc_envs;
};

struct validate_report {
	struct validate_problem *items;	/* in printing order */
	size_t nr, alloc;
	size_t nr_fatal;
	/* what was checked, for the summary line */
	size_t nr_envs, nr_components, nr_modules, nr_policies, nr_readmes;
	size_t nr_warnings;	/* problems that are warnings */
	size_t nr_releases;	/* helm releases checked against charts */
};

#define VALIDATE_REPORT_INIT { NULL, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 }

/* Which checks validate_run() does (all by default). */
enum validate_check {
	VALIDATE_INPUTS = 1 << 0,
	VALIDATE_POLICIES = 1 << 1,
	VALIDATE_READMES = 1 << 2,
	VALIDATE_ALL = VALIDATE_INPUTS | VALIDATE_POLICIES | VALIDATE_READMES,
};

/*
 * Runs the checks on the repository whose stack file is `stack_path`
 * (modules, policies/ and READMEs are found relative to its directory).
 * Every problem found is appended to *out, the caller's report (release
 * with validate_report_release): out->nr says how many, out->nr_fatal how
 * many of them are files that could not be read or parsed.  Nothing stops
 * the run early: a stack.yaml that does not load skips the module checks
 * but the policies are still checked, so one run shows everything.
 *
 * Paths in problems are built from `stack_path` as given: pass a path
 * relative to the working directory to get relative paths back.
 */
void validate_run(struct validate_report *out, const char *stack_path,
		  unsigned checks);

/*
 * validate_run with options: `charts_dir`, when not NULL, also checks every
 * module's Helm values keys against the charts under it (charts.h).
 */
struct validate_options {
	const char *charts_dir;
};

void validate_run_opts(struct validate_report *out, const char *stack_path,
		       unsigned checks, const struct validate_options *opts);

void validate_report_release(struct validate_report *r);

#endif
