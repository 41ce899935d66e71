#ifndef GATE_READ_INT_H
#define GATE_READ_INT_H

/*
 * Private to the readers (read*.c): the state of one report being streamed
 * and the frame tags each format's handler gives the containers it follows.
 */
#include <stdint.h>

#include "gate/finding.h"
#include "json/jstream.h"
#include "util/strmap.h"
#include "util/err.h"

enum fmt { FMT_UNKNOWN, FMT_TRIVY, FMT_CHECKOV, FMT_CHECKOV_SUMMARY,
	   FMT_SARIF, FMT_SONAR_ISSUES, FMT_SONAR_HOTSPOTS, FMT_SONAR_GATE,
	   FMT_SONAR_TASK, FMT_SONAR_ERROR, FMT_EMPTY, FMT_SONAR_WEBHOOK,
	   FMT_SONAR_GENERIC };

enum tag {
	T_NONE = 0, T_ROOT_OBJ, T_ROOT_ARR,
	/* a list of another tool's results: only its elements' keys matter */
	T_FOREIGN_LIST, T_FOREIGN_ELEM, T_ARR_ELEM,
	/* trivy */
	T_TV_RESULTS, T_TV_RESULT, T_TV_LIST, T_TV_REC, T_TV_CAUSE, T_TV_MSUMMARY,
	T_TV_K8S_LIST, T_TV_K8S_RES,
	/* checkov */
	T_CK_REPORT, T_CK_SUMMARY, T_CK_RESULTS, T_CK_FAILED, T_CK_SKIPPED, T_CK_REC,
	T_CK_CHECKRES, T_CK_LINES,
	/* sarif */
	T_SF_RUNS, T_SF_RUN, T_SF_TOOL, T_SF_DRIVER, T_SF_RULES, T_SF_RULE,
	T_SF_RULE_CFG, T_SF_RULE_PROPS, T_SF_RULE_TEXT, T_SF_INVOCS,
	T_SF_INVOC, T_SF_EXTS, T_SF_EXT, T_SF_RESULTS,
	T_SF_RESULT, T_SF_RESULT_RULE, T_SF_MSG, T_SF_LOCS, T_SF_LOC,
	T_SF_PHYS, T_SF_ART, T_SF_REGION, T_SF_SUPPRS, T_SF_SUPPR,
	/* sonarqube */
	T_SQ_ISSUES, T_SQ_ISSUE, T_SQ_IMPACTS, T_SQ_IMPACT, T_SQ_RANGE,
	T_SQ_COMPONENTS, T_SQ_COMPONENT, T_SQ_HOTSPOTS, T_SQ_HOTSPOT,
	T_SQ_STATUS, T_SQ_CONDS, T_SQ_COND, T_SQ_ERRORS, T_SQ_ERROR,
	T_SQ_WEBHOOK_GATE,
	/* SonarQube's generic issue import (what -o sonar writes) */
	T_SQ_RULES, T_SQ_RULE, T_SQ_RULE_IMPACTS, T_SQ_RULE_IMPACT,
	T_SQ_PRIMLOC, T_SQ_PAGING, T_SQ_TASK,
};

enum tv_kind { TV_VULN, TV_MISCONF, TV_SECRET, TV_LICENSE };

struct sarif_rule {
	const char *id, *title, *url, *name;
	double sec_sev;		/* < 0: absent */
	int level;		/* -1: absent, else enum gate_severity */
	int ext;		/* from tool.extensions[] (CodeQL's packs) */
};

struct reader {
	struct gate_input *in;
	struct err *err;
	const char *name;
	enum fmt fmt;
	size_t start;		/* first finding of this report */
	size_t cur;		/* the finding being read */
	int have_cur;
	/* detection by proof (detect.c): the keys seen where they matter */
	uint64_t root_keys, elem_keys, cur_elem_keys, results_keys;
	char sarif_version[16];
	size_t elems_trivy, elems_checkov, elems_unproven;
	int ck_results_object, sq_task_seen;
	size_t root_elems;
	size_t foreign_elems;	/* entries of another tool's results list */
	int root_is_array;
	struct buf unknown_keys;
	int nr_unknown_keys;
	/*
	 * The first thing that kept part of a proven report from being read
	 * (a list that is an object, a run without results, ...): refused.
	 */
	struct buf fault;
	/* trivy */
	size_t result_start, k8s_start;
	enum tv_kind tv_kind;
	const char *target, *klass, *k8s_ns, *k8s_kind, *k8s_name;
	int tv_drop;
	double tv_misconf_failures;	/* the Result's MisconfSummary.Failures */
	/* checkov */
	size_t ck_start;
	const char *check_type;
	int ck_line, ck_have_results;
	double ck_summary_failed;	/* the summary-only output's failed */
	double ck_report_failed;	/* a report's summary.failed */
	/* sarif */
	size_t run_start;
	const char *run_tool;
	struct sarif_rule *rules;
	size_t nr_rules, alloc_rules;
	struct strmap rule_ids;
	/* driver rule i is rules[driver_pos[i]] once extensions' are mixed in */
	size_t *driver_pos, nr_driver_rules, nr_ext_rules;
	int sf_ext_rules, sf_rule_ext;
	int sf_loc, sf_kind_fail, sf_suppr_waives;
	int sf_suppressed;	/* 1 all accepted, -1 one not, 0 none */
	int sf_have_results, sf_exec_failed;
	size_t sf_runs;
	const char *sf_message;
	/* sonarqube */
	struct strmap components;
	const char *sq_comp_key, *sq_comp_path;
	int sq_impact_sev, sq_legacy_sev, sq_type_seen;
	const char *sq_quality, *sq_cur_quality;
	int sq_cur_sev;
	struct sonar_condition cond;
	struct buf sq_error;
	size_t sq_nr_errors;	/* entries of a top-level errors list */
	double sq_paging_total;	/* 0: none */
	const char *sq_task_status;	/* api/ce/task's task.status */
	int sq_resolved, sq_resolved_vague;	/* how the item was resolved */
	size_t sq_items;	/* issues or hotspots in the page */
	/* generic import: rule id -> severity + 1, rule id -> engine */
	struct strmap sq_rule_sev, sq_rule_engine;
	const char *sq_rule_id, *sq_rule_engineid, *sq_engine;
	int sq_rule_sev_cur, sq_rule_legacy;
};

/* detect.c: noting the keys, then deciding */
void detect_root_key(struct reader *r, const char *k);
void detect_elem_key(struct reader *r, const char *k);
void detect_results_key(struct reader *r, const char *k);
void detect_root_scalar(struct reader *r, const char *k, enum js_type t,
			const char *s, size_t len);
void detect_elem_begin(struct reader *r);
void detect_elem_done(struct reader *r, int tag);
/* Sets r->fmt to the proven format, or refuses (ERR_INPUT) naming it. */
int detect_decide(struct reader *r);
/* A file that is no JSON and no report-task.txt: always an error. */
int detect_text(const char *name, const char *p, size_t len, struct err *err);

/* Format handlers: called by read.c for tags in their range. */
int gate_trivy_open(struct reader *r, struct jstream *js, int depth);
int gate_trivy_close(struct reader *r, struct jstream *js, int depth);
int gate_trivy_scalar(struct reader *r, struct jstream *js, int depth,
		 enum js_type t, const char *s, size_t len);
void gate_trivy_finish(struct reader *r);

int gate_checkov_open(struct reader *r, struct jstream *js, int depth);
int gate_checkov_close(struct reader *r, struct jstream *js, int depth);
int gate_checkov_scalar(struct reader *r, struct jstream *js, int depth,
		   enum js_type t, const char *s, size_t len);

void gate_checkov_finish(struct reader *r);

int gate_sarif_open(struct reader *r, struct jstream *js, int depth);
int gate_sarif_close(struct reader *r, struct jstream *js, int depth);
int gate_sarif_scalar(struct reader *r, struct jstream *js, int depth,
		 enum js_type t, const char *s, size_t len);
void read_sarif_finish(struct reader *r);

int gate_sonar_open(struct reader *r, struct jstream *js, int depth);
int gate_sonar_close(struct reader *r, struct jstream *js, int depth);
int gate_sonar_scalar(struct reader *r, struct jstream *js, int depth,
		 enum js_type t, const char *s, size_t len);
void gate_sonar_finish(struct reader *r);
void gate_reader_release_sonar(struct reader *r);

/* The finding being read. */
static inline struct finding *cur(struct reader *r)
{
	return &r->in->findings[r->cur];
}

/* Starts a finding of `tool`; it becomes cur(). */
void gate_reader_begin(struct reader *r, const char *tool, enum category cat);
/*
 * Notes why the report cannot be read whole (the first reason is kept); the
 * report is refused once its format is proven.
 */
void read_fault(struct reader *r, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/*
 * A value of the wrong JSON type where a findings list or record had to be:
 * a fault naming `what` and the type found, an enum js_type or one of these.
 */
enum { RT_OBJECT = -1, RT_LIST = -2 };
void read_wrong_type(struct reader *r, const char *what, int t);
/* Drops the finding being read (a PASS, a non-failure, ...). */
void gate_reader_drop(struct reader *r);
/* A JSON number scalar's value (a count past any limit stays huge). */
double read_number(const char *s, size_t len);
/* An arena copy of a string scalar (NULL for null and empty strings). */
const char *gate_rstr(struct reader *r, enum js_type t, const char *s, size_t len);
/* The same, cut to `max` bytes. */
const char *gate_rstr_max(struct reader *r, enum js_type t, const char *s,
		     size_t len, size_t max);
/*
 * k equals the literal: two bytes are compared inline, so that the long
 * chains of keys a record is matched against cost no call for most keys.
 */
#define KEY_IS(k, lit) ((k)[0] == (lit)[0] && (k)[1] == (lit)[1] && \
			!strcmp((k), (lit)))

#endif
