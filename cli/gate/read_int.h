#ifndef GATE_READ_INT_H
#define GATE_READ_INT_H

/*
 * Private to the readers (read*.c): the state of one report being streamed
 * and the frame tags each format's handler gives the containers it follows.
 */
#include "gate/finding.h"
#include "json/jstream.h"
#include "util/strmap.h"
#include "util/err.h"

enum fmt { FMT_UNKNOWN, FMT_TRIVY, FMT_CHECKOV, FMT_CHECKOV_SUMMARY,
	   FMT_SARIF, FMT_SONAR_ISSUES, FMT_SONAR_HOTSPOTS, FMT_SONAR_GATE,
	   FMT_SONAR_TASK, FMT_SONAR_ERROR, FMT_EMPTY, FMT_SONAR_WEBHOOK };

enum tag {
	T_NONE = 0, T_ROOT_OBJ, T_ROOT_ARR, T_ARR_ELEM,
	/* trivy */
	T_TV_RESULTS, T_TV_RESULT, T_TV_LIST, T_TV_REC, T_TV_CAUSE,
	T_TV_K8S_LIST, T_TV_K8S_RES,
	/* checkov */
	T_CK_REPORT, T_CK_RESULTS, T_CK_FAILED, T_CK_SKIPPED, T_CK_REC,
	T_CK_CHECKRES, T_CK_LINES,
	/* sarif */
	T_SF_RUNS, T_SF_RUN, T_SF_TOOL, T_SF_DRIVER, T_SF_RULES, T_SF_RULE,
	T_SF_RULE_CFG, T_SF_RULE_PROPS, T_SF_RULE_TEXT, T_SF_RESULTS,
	T_SF_RESULT, T_SF_RESULT_RULE, T_SF_MSG, T_SF_LOCS, T_SF_LOC,
	T_SF_PHYS, T_SF_ART, T_SF_REGION, T_SF_SUPPRS, T_SF_SUPPR,
	/* sonarqube */
	T_SQ_ISSUES, T_SQ_ISSUE, T_SQ_IMPACTS, T_SQ_IMPACT, T_SQ_RANGE,
	T_SQ_COMPONENTS, T_SQ_COMPONENT, T_SQ_HOTSPOTS, T_SQ_HOTSPOT,
	T_SQ_STATUS, T_SQ_CONDS, T_SQ_COND, T_SQ_ERRORS, T_SQ_ERROR,
	T_SQ_WEBHOOK_GATE,
};

enum tv_kind { TV_VULN, TV_MISCONF, TV_SECRET, TV_LICENSE };

struct sarif_rule {
	const char *id, *title, *url, *name;
	double sec_sev;		/* < 0: absent */
	int level;		/* -1: absent, else enum gate_severity */
};

struct reader {
	struct gate_input *in;
	struct err *err;
	const char *name;
	enum fmt fmt;
	size_t start;		/* first finding of this report */
	size_t cur;		/* the finding being read */
	int have_cur;
	/* root-level hints */
	unsigned summary_keys;
	size_t root_elems;
	int root_is_array;
	struct buf unknown_keys;
	int nr_unknown_keys;
	/* trivy */
	size_t result_start, k8s_start;
	enum tv_kind tv_kind;
	const char *target, *klass, *k8s_ns, *k8s_kind, *k8s_name;
	int tv_drop;
	/* checkov */
	size_t ck_start;
	const char *check_type;
	int ck_line;
	/* sarif */
	size_t run_start;
	const char *run_tool;
	struct sarif_rule *rules;
	size_t nr_rules, alloc_rules;
	struct strmap rule_ids;
	int sf_loc, sf_kind_fail, sf_suppressed, sf_suppr_rejected;
	const char *sf_message;
	/* sonarqube */
	struct strmap components;
	const char *sq_comp_key, *sq_comp_path;
	int sq_impact_sev, sq_legacy_sev, sq_drop, sq_type_seen;
	const char *sq_quality, *sq_cur_quality;
	int sq_cur_sev;
	struct sonar_condition cond;
	struct buf sq_error;
};

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
/* Drops the finding being read (a PASS, a non-failure, ...). */
void gate_reader_drop(struct reader *r);
/* An arena copy of a string scalar (NULL for null and empty strings). */
const char *gate_rstr(struct reader *r, enum js_type t, const char *s, size_t len);
/* The same, cut to `max` bytes. */
const char *gate_rstr_max(struct reader *r, enum js_type t, const char *s,
		     size_t len, size_t max);

#endif
