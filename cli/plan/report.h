#ifndef PLAN_REPORT_H
#define PLAN_REPORT_H

/*
 * What `plan` writes into --out: plan.json (schema mds-infra/plan/v1, see
 * docs/design.md), a JUnit XML (one testcase per component, as Jenkins' junit
 * step reads it) and a Markdown summary for PR comments; and the manifest
 * that binds the saved plans to the commit, the stack file and the
 * rendered files (manifest.json, checked by apply).
 *
 * None of these holds an attribute value: only component names, resource
 * addresses, counts, statuses and digests.
 */
#include "plan/policy.h"
#include "run/tg.h"
#include "run/units.h"
#include "util/buf.h"

struct plan_report {
	const struct run_set *set;
	const struct tg_result *res;
	const struct plan_violations *viol;
	const char *commit;	/* or NULL outside a repository */
	int changes_present;
};

void plan_report_json(struct buf *out, const struct plan_report *rep);
void plan_report_junit(struct buf *out, const struct plan_report *rep);
void plan_report_markdown(struct buf *out, const struct plan_report *rep);

/* ---- manifest ---- */

struct manifest_component {
	char *name;
	char *status;		/* as in plan.json */
	char *plan_file;	/* relative to the plan directory, or NULL */
	char *plan_digest;
};

struct manifest {
	char *environment;
	char *commit;		/* NULL outside a repository */
	int dirty;
	char *stack_digest;	/* NULL for the tree fallback */
	char **paths, **digests;	/* rendered files */
	size_t nr_files;
	struct manifest_component *comps;
	size_t nr_comps;
	size_t nr_violations;
};

#define MANIFEST_INIT { 0 }

/* Digests the stack, the rendered files and the saved plans (at each
 * result's plan_path) into out (JSON).  ERR_IO when a file cannot be read. */
int manifest_build(struct buf *out, const struct plan_report *rep,
		   int dirty, struct err *err);
/* Reads manifest.json; ERR_NOTFOUND if absent, ERR_INPUT if malformed. */
int manifest_load(struct manifest *out, const char *path, struct err *err);
void manifest_release(struct manifest *m);

/*
 * Compares the manifest with the current commit (may be NULL), stack and
 * rendered files of `set`, and the plan files in `plan_dir`.  Every
 * mismatch is a line appended to `why`; returns the number of mismatches.
 */
size_t manifest_verify(struct buf *why, const struct manifest *m,
		       const struct run_set *set, const char *commit,
		       const char *plan_dir);

#endif
