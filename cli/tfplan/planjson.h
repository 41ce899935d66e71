#ifndef TFPLAN_PLANJSON_H
#define TFPLAN_PLANJSON_H

/*
 * Reader of `terraform show -json PLANFILE` (and `tofu show -json`), any
 * format_version 0.x or 1.x, as a stream: bytes are fed as they come from
 * the child's stdout and only what the summary and the plan policy need is
 * kept (addresses and actions of changing resources), so memory stays flat
 * however large the plan and no attribute value (sensitive or not) is ever
 * stored.  UTF-8 with or without a BOM and UTF-16 (BOM, as Windows'
 * PowerShell redirection writes it) are accepted.
 *
 * Counting follows Terraform's own "Plan: N to add, N to change, N to
 * destroy" (internal/command/views/operation.go, contract §3.4): create ->
 * add; update -> change; delete -> destroy except for data sources; both
 * replace orders -> add + destroy; create-then-forget -> add; a non-null
 * `importing` -> import; read, no-op and forget count nowhere.  A change is
 * present as Terraform's own Changes.Empty() and plan -detailed-exitcode
 * see it: any resource action that is not no-op, an import, a move (a
 * no-op whose previous_address differs: counted nowhere in the summary
 * line, but applying it rewrites the state), any output action that is
 * not no-op, or refresh-only drift (resource_drift entries in a plan with
 * no resource_changes at all: what `plan -refresh-only` writes, and
 * applying it records the drift in the state).
 *
 * A folder of its own: the terragrunt runner (run/) feeds it and the plan
 * reports (plan/) read its summaries, so neither reaches into the other's
 * folder against the direction cmd -> plan -> run -> tfplan -> util.
 */
#include <stddef.h>

#include "util/err.h"

enum plan_action {
	PLAN_NOOP, PLAN_CREATE, PLAN_READ, PLAN_UPDATE, PLAN_DELETE,
	PLAN_DELETE_CREATE, PLAN_CREATE_DELETE, PLAN_FORGET,
	PLAN_CREATE_FORGET, PLAN_UNKNOWN
};

/* One resource_changes[] entry that changes something (or is moved,
 * imported, or holds a mock marker). */
struct plan_resource {
	char *address;
	char *previous_address;	/* NULL unless given */
	int managed;		/* mode "managed" (not "data") */
	enum plan_action action;
	int importing;
	int moved;		/* previous_address differs from address */
	int mock;		/* the mock marker appeared in change.after */
};

struct plan_summary {
	char *format_version;
	char *terraform_version;	/* NULL when absent */
	int errored;		/* the plan says it is incomplete */
	int is_plan;		/* has resource_changes/planned_values/output_changes */
	long add, change, destroy, import, forget, read;
	long move;		/* moved resources (any action) */
	long drift;		/* resource_drift[] entries */
	long nr_changes;	/* resource_changes[] entries, no-ops included */
	int refresh_only;	/* drift and no resource_changes: -refresh-only */
	int changes_present;
	int outputs_changed;	/* some output action is not no-op */
	int uses_mocks;		/* some resource had the mock marker */
	struct plan_resource *res;
	size_t nr_res, alloc_res;
};

#define PLAN_SUMMARY_INIT { 0 }

struct plan_reader;

/*
 * `name` names the input in messages ("minio: show -json"); `mocks` are
 * strings (nr_mocks of them, may be NULL) whose presence in a planned value
 * means a mock output was used; strings shorter than 4 bytes are ignored
 * (too likely by chance).  All are copied.  Free with tfplan_reader_free().
 */
struct plan_reader *tfplan_reader_new(const char *name,
				    const char *const *mocks, size_t nr_mocks);
/* ERR_INPUT "NAME: invalid JSON at byte N: what" on bad input. */
int tfplan_reader_feed(struct plan_reader *r, const void *data, size_t len,
		     struct err *err);
/* Ends the input and checks the document; caller owns *out (release with
 * tfplan_summary_release).  ERR_INPUT for truncated input, trailing data,
 * a missing or unsupported format_version. */
int tfplan_reader_finish(struct plan_summary *out, struct plan_reader *r,
		       struct err *err);
void tfplan_reader_free(struct plan_reader *r);

/* The whole thing for a file. */
int tfplan_read_file(struct plan_summary *out, const char *path,
		   const char *const *mocks, size_t nr_mocks, struct err *err);
void tfplan_summary_release(struct plan_summary *s);

/* Destroys (or replaces) an existing object. */
int tfplan_action_destroys(enum plan_action a);

/*
 * What a reviewer reads for one resource: "create", "update", "replace",
 * "destroy", "forget", "read", and for a no-op that only moves or imports,
 * "move" or "import" ("no-op" otherwise).  Replace-then-forget is
 * "replace" (its actions list tells the old object is forgotten).
 */
const char *tfplan_resource_verb(const struct plan_resource *r);
/* Shown to reviewers: it changes, moves or imports something (a no-op
 * kept only for its mock marker is not). */
int tfplan_resource_listed(const struct plan_resource *r);
/* Terraform's actions list of `a`, comma-separated ("delete,create"). */
const char *tfplan_action_list(enum plan_action a);

#endif
