#ifndef GATE_GATE_H
#define GATE_GATE_H

/*
 * The gate: reports in, one verdict out (docs/design.md "Gate
 * rules").
 *
 *	struct gate_input in = GATE_INPUT_INIT;
 *	gate_read_file(&in, "trivy.json", &err);	   (repeat per report)
 *	gate_policy_load(&pol, "policies/gate.yaml", "prod", &err);
 *	gate_evaluate(&res, &in, pol, baseline, today, &err);
 *	gate_write(&out, GATE_OUT_JSON, &in, res);
 *
 * Nothing here prints or exits; every failure is a `struct err`.
 */
#include <stddef.h>

#include "gate/finding.h"
#include "util/strmap.h"
#include "util/buf.h"
#include "util/err.h"

/*
 * Streams one report (format detected from the content) into `in`.  On
 * failure nothing of that report is kept and err says "NAME: what" (with a
 * byte offset for bad JSON); ERR_INPUT for what is not a report.  "-" is
 * standard input.
 */
int gate_read_file(struct gate_input *in, const char *path, struct err *err);
int gate_read_mem(struct gate_input *in, const char *name, const char *data,
		  size_t len, struct err *err);

/* ---- policy (policy.c) ---- */

struct gate_limits {
	long fail_on[SEV_RATED];	/* -1: no threshold */
	long warn_on[SEV_RATED];
	int unknown_as;			/* -1: inherit */
	int ignore_unfixed;		/* -1: inherit */
};

struct gate_scope {
	char *name;
	struct gate_limits lim;
};

struct gate_waiver {
	char *id;		/* given, or "waiver at FILE:LINE" */
	char *tool, *rule, *path, *resource, *reason, *owner;
	char **envs;		/* NULL-terminated, or NULL: every env */
	char expires[11];	/* YYYY-MM-DD */
	long expires_day;	/* days since 1970-01-01 */
	unsigned line;
};

enum sonar_gate_mode { SONAR_REQUIRED, SONAR_ADVISORY, SONAR_IGNORE };

struct gate_policy {
	char *source;		/* file name, or "built-in default" */
	char *env;		/* the environment applied, or NULL */
	struct gate_limits top;
	struct gate_scope *tools, *categories;
	size_t nr_tools, nr_categories;
	enum sonar_gate_mode sonar_gate;
	struct gate_waiver *waivers;
	size_t nr_waivers;
	char *baseline;		/* baseline file, or NULL */
};

/*
 * Loads a policy (version 1) and applies environment `env` (may be NULL) by
 * deep merge.  Errors name FILE:LINE:COL (ERR_INPUT).  Free with
 * gate_policy_free().
 */
int gate_policy_load(struct gate_policy **out, const char *path,
		     const char *env, struct err *err);
int gate_policy_parse(struct gate_policy **out, const char *data, size_t len,
		      const char *name, const char *env, struct err *err);
/* The built-in default policy (documented in docs/gate.md). */
struct gate_policy *gate_policy_default(const char *env);
void gate_policy_free(struct gate_policy *pol);

/* ---- baseline (baseline.c) ---- */

/* Fingerprints of accepted findings, as a set.  Caller releases the map. */
int gate_baseline_load(struct strmap *out, const char *path, struct err *err);
/* The baseline file of every finding not waived, sorted by fingerprint. */
void gate_baseline_write(struct buf *out, const struct gate_input *in,
			 const char *created);

/* ---- verdict (evaluate.c) ---- */

enum verdict { V_PASS, V_WARN, V_FAIL };

struct gate_condition {
	char *name;		/* "fail_on.critical <= 0", "sonarqube quality gate" */
	char *scope;		/* "all", "tools.trivy", "categories.secret", "waivers", "sonarqube" */
	enum verdict status;
	char *reason;		/* spelled out, for reasons[] (NULL when PASS) */
	char *detail;		/* "3 critical findings" */
};

struct gate_result {
	enum verdict verdict;
	const char *env;
	struct gate_condition *conds;
	size_t nr_conds, alloc_conds;
	size_t counts[SEV_COUNT];	/* open findings by normalised severity */
	size_t waived, baselined, ignored;
	const struct gate_policy *policy;	/* borrowed */
	char today[11];
	/* waivers, by index into policy->waivers */
	int *waiver_state;	/* WAIVER_* below */
	size_t *waiver_hits;
};

enum { WAIVER_OK, WAIVER_EXPIRED, WAIVER_STALE, WAIVER_EXPIRING,
       WAIVER_OTHER_ENV };

const char *gate_verdict_name(enum verdict v);
/* Parses "YYYY-MM-DD" into days since the epoch; -1 if not a real date. */
long gate_parse_date(const char *s);
void gate_format_date(char out[11], long day);

/*
 * Applies the policy to the findings (sets their status and blocking flag)
 * and decides.  `baseline` may be NULL; `today` is days since the epoch.
 */
int gate_evaluate(struct gate_result **out, struct gate_input *in,
		  const struct gate_policy *pol, const struct strmap *baseline,
		  long today, struct err *err);
void gate_result_free(struct gate_result *res);

/* ---- writers (write_*.c) ---- */

enum gate_out { GATE_OUT_TEXT, GATE_OUT_JSON, GATE_OUT_SARIF, GATE_OUT_JUNIT,
		GATE_OUT_MARKDOWN, GATE_OUT_SONAR };

/* -1 when `name` is no output format. */
int gate_out_parse(const char *name);
/* Appends the document to `out`; `color` only matters for text. */
void gate_write(struct buf *out, enum gate_out fmt, const struct gate_input *in,
		const struct gate_result *res, int color);

void gate_write_text(struct buf *out, const struct gate_input *in,
		     const struct gate_result *res, int color);
void gate_write_json(struct buf *out, const struct gate_input *in,
		     const struct gate_result *res);
void gate_write_sarif(struct buf *out, const struct gate_input *in,
		      const struct gate_result *res);
void gate_write_junit(struct buf *out, const struct gate_input *in,
		      const struct gate_result *res);
#define GATE_MARKDOWN_MAX 65000
void gate_write_markdown(struct buf *out, const struct gate_input *in,
			 const struct gate_result *res);
void gate_write_sonar(struct buf *out, const struct gate_input *in,
		      const struct gate_result *res);

#endif
