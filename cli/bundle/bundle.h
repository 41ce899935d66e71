#ifndef BUNDLE_BUNDLE_H
#define BUNDLE_BUNDLE_H

/*
 * Plan bundles: one reproducible .tar.gz that carries everything an
 * approved apply needs, so that CI applies exactly what was reviewed.
 *
 *	manifest.json                schema mds-infra/bundle/v1 (below)
 *	env/<stack file>             the stack file
 *	env/terragrunt/...           the environment's rendered files
 *	plan/plan.json, plan/<component>.tfplan, plan/manifest.json, plan/plan.md
 *	gate/gate.json               the gate verdict, when there is one
 *
 * manifest.json: {"schema", "environment", "commit", "dirty",
 * "stack", "stack_digest" (sha256 of the stack file), "tools" {name:
 * version}, "files": [{"path", "sha256", "size"}] of every other member,
 * sorted by path}.  The archive is written by util/archive.c, so the same
 * inputs give the same bytes (mtime: the commit's time).
 *
 * bundle_open() reads a bundle in memory (util/archive.c refuses unsafe
 * entries) and checks it against its manifest: every member listed, every
 * listed file present, every sha256 and size right, the stack digest
 * right.  Each refusal names the offending entry, and leaves *out empty.
 */
#include <stddef.h>

#include "util/archive.h"
#include "util/buf.h"
#include "util/err.h"

struct bundle_tool {
	const char *name;
	const char *version;
};

struct bundle_input {
	const char *env;
	const char *root;		/* absolute: rendered paths are below */
	const char *stack_rel;		/* stack file, relative to root */
	char *const *rendered;		/* relative to root */
	size_t nr_rendered;
	const char *plan_dir;		/* absolute */
	const char *gate_file;		/* or NULL */
	const char *commit;		/* or NULL */
	long long mtime;		/* the commit's time */
	int dirty;
	const struct bundle_tool *tools;
	size_t nr_tools;
};

/* Writes the bundle's bytes into `out`.  ERR_IO when a file cannot be
 * read, ERR_NOTFOUND when the plan directory has no manifest.json. */
int bundle_build(struct buf *out, const struct bundle_input *in,
		 struct err *err);

struct bundle {
	struct arc_set members;
	char *environment;
	char *commit;			/* NULL when made outside a repo */
	char *stack;			/* the stack file, relative */
};

#define BUNDLE_INIT { ARC_SET_INIT, NULL, NULL, NULL }

/* Reads and verifies (see above).  ERR_INPUT naming the entry. */
int bundle_open(struct bundle *out, const void *data, size_t len,
		struct err *err);
void bundle_release(struct bundle *b);

/* Lowercase hex sha256 of `len` bytes (65 bytes with the NUL). */
void bundle_sha256_hex(char out[65], const void *data, size_t len);

#endif
