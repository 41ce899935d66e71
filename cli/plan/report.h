#ifndef PLAN_REPORT_H
#define PLAN_REPORT_H

/*
 * What `plan` writes into --out: plan.json (schema mds-infra/plan/v2,
 * documented in docs/plan.md), a JUnit XML (one testcase per component, as Jenkins' junit
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

#define PLAN_SCHEMA "mds-infra/plan/v2"
/* Written by apply into the plan directory once it applied something
 * from it; a new plan removes it.  Its presence refuses a second apply. */
#define PLAN_APPLIED_FILE "applied.json"
/* First line of plan.md (then " env=ENV -->"): CI updates the comment
 * that holds it instead of adding one per push. */
#define PLAN_MD_MARKER "<!-- mds-infra:plan v2"

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

/* ---- reading plan.json back (durations, counts for apply) ---- */

struct plan_json_component {
	char *name;
	char *status;
	long add, change, destroy, import;
	double duration_s;
	int used_mocks;
};

struct plan_json {
	struct plan_json_component *comps;
	size_t nr, alloc;
};

#define PLAN_JSON_INIT { NULL, 0, 0 }

/*
 * Reads the per-component fields of a plan.json as a stream, passing over
 * the resource lists (a plan.json may list tens of thousands).
 * ERR_NOTFOUND when absent, ERR_INPUT when it is not JSON.
 */
int plan_json_read(struct plan_json *out, const char *path, struct err *err);
/* The entry named `name`, or NULL. */
const struct plan_json_component *plan_json_find(const struct plan_json *pj,
						 const char *name);
void plan_json_release(struct plan_json *pj);

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
