/*
 * SonarQube Web API responses saved to files: api/issues/search and
 * api/hotspots/search pages, api/qualitygates/project_status, api/ce/task,
 * the error envelope, and the payload of SonarQube's webhook (qualityGate,
 * whose status is NONE when absent).  An issue's severity is the highest of its
 * impacts[] when present, else its legacy severity by position (BLOCKER
 * critical, CRITICAL high, MAJOR medium, MINOR low, INFO info); a hotspot's
 * is its vulnerabilityProbability.  Only unresolved issues are open:
 * accepted and false-positive ones (issueStatus ACCEPTED, FALSE_POSITIVE, or
 * resolution WONTFIX, FALSE-POSITIVE) are waived upstream, fixed and closed
 * ones dropped; a REVIEWED hotspot is waived (SAFE, ACKNOWLEDGED) or dropped
 * (FIXED).  A saved page whose paging.total exceeds what it holds gets a
 * warning: the rest of the answer is not in the file.  Components map to
 * paths through components[], which may come before or after the issues.
 *
 * SonarQube's generic issue import (what -o sonar writes) is read too:
 * rules[] (with impacts, or type and severity) and issues[] with ruleId and
 * primaryLocation; the tool is the rule's engineId.
 */
#include "gate/read_int.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

static const char *const legacy[] = {
	"BLOCKER", "CRITICAL", "MAJOR", "MINOR", "INFO", NULL
};
static const char *const impact[] = {
	"BLOCKER", "HIGH", "MEDIUM", "LOW", "INFO", NULL
};

/* How an issue or hotspot was resolved, from the strongest word seen. */
enum { SQ_UNRESOLVED, SQ_ACCEPTED, SQ_FALSE_POSITIVE, SQ_SAFE,
       SQ_ACKNOWLEDGED, SQ_FIXED };

static const char *const resolved_by[] = {
	NULL, "sonarqube:accepted", "sonarqube:false-positive",
	"sonarqube:safe", "sonarqube:acknowledged", NULL
};

static int word_index(const char *const *words, const char *s, size_t len)
{
	int i;

	for (i = 0; words[i]; i++)
		if (strlen(words[i]) == len && !memcmp(words[i], s, len))
			return i;
	return -1;
}

static void begin_item(struct reader *r, enum category cat)
{
	gate_reader_begin(r, "sonarqube", cat);
	r->sq_impact_sev = -1;
	r->sq_legacy_sev = -1;
	r->sq_quality = NULL;
	r->sq_type_seen = 0;
	r->sq_resolved = SQ_UNRESOLVED;
	r->sq_items++;
}

/* A list inside an issue, a rule or a quality gate. */
static int open_list(struct reader *r, int ptag, const char *key)
{
	if (ptag == T_SQ_ISSUES || ptag == T_SQ_HOTSPOTS)
		read_wrong_type(r, "an entry of the issues or hotspots", RT_LIST);
	else if (ptag == T_SQ_ISSUE && !strcmp(key, "impacts"))
		return T_SQ_IMPACTS;
	else if (ptag == T_SQ_RULE && !strcmp(key, "impacts"))
		return T_SQ_RULE_IMPACTS;
	else if ((ptag == T_SQ_STATUS || ptag == T_SQ_WEBHOOK_GATE) &&
		 !strcmp(key, "conditions"))
		return T_SQ_CONDS;
	return JS_SKIP;
}

/* An object inside an issue or a hotspot: where it is. */
static int open_in_item(int ptag, const char *key)
{
	if (ptag != T_SQ_PRIMLOC && !strcmp(key, "primaryLocation"))
		return T_SQ_PRIMLOC;
	return strcmp(key, "textRange") ? JS_SKIP : T_SQ_RANGE;
}

static int open_object(struct reader *r, int ptag, const char *key)
{
	switch (ptag) {
	case T_SQ_ISSUES:
		begin_item(r, CAT_CODE_SMELL);
		return T_SQ_ISSUE;
	case T_SQ_HOTSPOTS:
		begin_item(r, CAT_HOTSPOT);
		return T_SQ_HOTSPOT;
	case T_SQ_ISSUE:
	case T_SQ_HOTSPOT:
	case T_SQ_PRIMLOC:
		return open_in_item(ptag, key);
	case T_SQ_RULES:
		r->sq_rule_id = r->sq_rule_engineid = NULL;
		r->sq_rule_sev_cur = r->sq_rule_legacy = -1;
		r->sq_quality = NULL;
		return T_SQ_RULE;
	case T_SQ_RULE_IMPACTS:
	case T_SQ_IMPACTS:
		r->sq_cur_sev = -1;
		r->sq_cur_quality = NULL;
		return ptag == T_SQ_IMPACTS ? T_SQ_IMPACT : T_SQ_RULE_IMPACT;
	case T_SQ_COMPONENTS:
		r->sq_comp_key = r->sq_comp_path = NULL;
		return T_SQ_COMPONENT;
	case T_SQ_CONDS:
		memset(&r->cond, 0, sizeof(r->cond));
		return T_SQ_COND;
	case T_SQ_ERRORS:
		r->sq_nr_errors++;
		return T_SQ_ERROR;
	}
	return JS_SKIP;
}

int gate_sonar_open(struct reader *r, struct jstream *js, int depth)
{
	struct js_frame *f = &js->frames[depth];
	int ptag = js->frames[depth - 1].tag;
	const char *key = js_parent_key(js, depth);

	if (ptag == T_ROOT_OBJ) {	/* tagged by read.c */
		if (f->tag == T_SQ_STATUS || f->tag == T_SQ_WEBHOOK_GATE)
			/* the last gate read is the gate */
			gate_sonar_conditions_clear(&r->in->sonar);
		return 0;
	}
	f->tag = f->is_array ? open_list(r, ptag, key) :
		open_object(r, ptag, key);
	return 0;
}

static enum category category_of_type(const char *type)
{
	if (!type)
		return CAT_CODE_SMELL;
	if (!strcmp(type, "BUG") || !strcmp(type, "RELIABILITY"))
		return CAT_BUG;
	if (!strcmp(type, "VULNERABILITY") || !strcmp(type, "SECURITY"))
		return CAT_VULNERABILITY;
	if (!strcmp(type, "SECURITY_HOTSPOT"))
		return CAT_HOTSPOT;
	return CAT_CODE_SMELL;
}

static void issue_done(struct reader *r)
{
	struct finding *f = cur(r);

	if (r->sq_impact_sev >= 0)
		f->severity = (enum gate_severity)r->sq_impact_sev;
	else if (r->sq_legacy_sev >= 0)
		f->severity = (enum gate_severity)r->sq_legacy_sev;
	/* the legacy type, else the quality of the worst impact */
	if (!r->sq_type_seen && f->category != CAT_HOTSPOT && r->sq_quality)
		f->category = category_of_type(r->sq_quality);
	if (!f->rule_id)
		f->rule_id = "UNKNOWN";
	if (r->sq_resolved == SQ_FIXED) {	/* fixed or closed: gone */
		gate_reader_drop(r);
		return;
	}
	if (r->sq_resolved != SQ_UNRESOLVED) {	/* waived upstream */
		f->suppressed = 1;
		f->status = ST_WAIVED;
		f->waived_by = resolved_by[r->sq_resolved];
	}
	r->have_cur = 0;
}

/* A generic-import rule: its severity and engine, for its issues. */
static void rule_done(struct reader *r)
{
	int sev = r->sq_rule_sev_cur >= 0 ? r->sq_rule_sev_cur : r->sq_rule_legacy;

	if (!r->sq_rule_id)
		return;
	strmap_put(&r->sq_rule_sev, r->sq_rule_id,
		   (void *)(intptr_t)((sev >= 0 ? sev : SEV_UNKNOWN) + 1 +
				      16 * (int)category_of_type(r->sq_quality)));
	if (r->sq_rule_engineid)
		strmap_put(&r->sq_rule_engine, r->sq_rule_id,
			   (void *)r->sq_rule_engineid);
}

static void add_condition(struct reader *r)
{
	struct sonar_info *s = &r->in->sonar;

	ALLOC_GROW(s->conditions, s->nr_conditions, s->alloc_conditions);
	s->conditions[s->nr_conditions++] = r->cond;
	memset(&r->cond, 0, sizeof(r->cond));
}

static void impact_done(struct reader *r)
{
	if (r->sq_cur_sev >= 0 &&
	    (r->sq_impact_sev < 0 || r->sq_cur_sev < r->sq_impact_sev)) {
		r->sq_impact_sev = r->sq_cur_sev;
		r->sq_quality = r->sq_cur_quality;
	}
}

int gate_sonar_close(struct reader *r, struct jstream *js, int depth)
{
	switch (js->frames[depth].tag) {
	case T_SQ_ISSUE:
		issue_done(r);
		break;
	case T_SQ_HOTSPOT:
		issue_done(r);
		break;
	case T_SQ_IMPACT:
		impact_done(r);
		break;
	case T_SQ_RULE_IMPACT:
		if (r->sq_cur_sev >= 0 && (r->sq_rule_sev_cur < 0 ||
					   r->sq_cur_sev < r->sq_rule_sev_cur)) {
			r->sq_rule_sev_cur = r->sq_cur_sev;
			r->sq_quality = r->sq_cur_quality;
		}
		break;
	case T_SQ_RULE:
		rule_done(r);
		break;
	case T_SQ_COMPONENT:
		if (r->sq_comp_key && r->sq_comp_path)
			strmap_put(&r->components, r->sq_comp_key,
				   (void *)r->sq_comp_path);
		break;
	case T_SQ_COND:
		add_condition(r);
		break;
	}
	return 0;
}

/*
 * status, issueStatus and resolution, in any order: the strongest word
 * wins (a CLOSED status with resolution WONTFIX is still gone).
 */
static void resolution_word(struct reader *r, const char *s, size_t len)
{
	static const struct { const char *word; int how; } words[] = {
		{ "ACCEPTED", SQ_ACCEPTED }, { "WONTFIX", SQ_ACCEPTED },
		{ "FALSE_POSITIVE", SQ_FALSE_POSITIVE },
		{ "FALSE-POSITIVE", SQ_FALSE_POSITIVE },
		{ "SAFE", SQ_SAFE }, { "ACKNOWLEDGED", SQ_ACKNOWLEDGED },
		{ "FIXED", SQ_FIXED }, { "CLOSED", SQ_FIXED },
		{ "REMOVED", SQ_FIXED },
		/* RESOLVED or REVIEWED alone: resolved, we know not how */
		{ "RESOLVED", SQ_ACCEPTED }, { "REVIEWED", SQ_ACKNOWLEDGED },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(words); i++)
		if (strlen(words[i].word) == len && !memcmp(words[i].word, s, len)) {
			/* a vague RESOLVED/REVIEWED never overrides a precise word */
			if (i >= ARRAY_SIZE(words) - 2 && r->sq_resolved)
				return;
			if (words[i].how == SQ_FIXED || !r->sq_resolved ||
			    r->sq_resolved_vague)
				r->sq_resolved = words[i].how;
			r->sq_resolved_vague = i >= ARRAY_SIZE(words) - 2;
			return;
		}
}

/* The keys that decide whether an issue counts and how much: 1 for one.
 * (One given twice in an issue never gets here: the JSON reader refuses
 * any key twice in an object.) */
static int decisive_key(const char *k)
{
	static const char *const keys[] = {
		"severity", "status", "issueStatus", "resolution", "type",
		"vulnerabilityProbability", NULL
	};
	unsigned i;

	for (i = 0; keys[i]; i++)
		if (!strcmp(k, keys[i]))
			return 1;
	return 0;
}

/* severity, type, status and the like: what counts and how much. */
static void item_decisive_field(struct reader *r, const char *k,
				enum js_type t, const char *s, size_t len)
{
	struct finding *f = cur(r);
	int sev;

	if (t != JS_STRING)
		return;
	if (!strcmp(k, "severity") && (sev = word_index(legacy, s, len)) >= 0)
		r->sq_legacy_sev = sev;
	else if (!strcmp(k, "severity"))	/* HIGH, ... */
		r->sq_legacy_sev = word_index(impact, s, len);
	else if (!strcmp(k, "type")) {
		r->sq_type_seen = 1;
		f->category = category_of_type(gate_rstr(r, t, s, len));
	} else if (!strcmp(k, "vulnerabilityProbability")) {
		if ((sev = word_index(impact, s, len)) >= 0)
			f->severity = (enum gate_severity)sev;
	} else {	/* status, issueStatus, resolution */
		resolution_word(r, s, len);
	}
}

static void item_field(struct reader *r, const char *k, enum js_type t,
		       const char *s, size_t len)
{
	struct finding *f = cur(r);
	if (decisive_key(k)) {
		item_decisive_field(r, k, t, s, len);
		return;
	}
	if (!strcmp(k, "key"))
		f->anchor = gate_rstr(r, t, s, len);
	else if (!strcmp(k, "rule") || !strcmp(k, "ruleKey"))
		f->rule_id = gate_rstr(r, t, s, len);
	else if (!strcmp(k, "component"))	/* resolved in gate_sonar_finish */
		f->resource = gate_rstr(r, t, s, len);
	else if (!strcmp(k, "line"))
		f->start_line = js_uint(s, len);
	else if (!strcmp(k, "message"))
		f->title = gate_rstr_max(r, t, s, len, 200);
	else if (!strcmp(k, "securityCategory") && !f->rule_id)
		f->rule_id = gate_rstr(r, t, s, len);
	else if (!strcmp(k, "ruleId"))	/* generic import */
		f->rule_id = gate_rstr(r, t, s, len);
	else if (!strcmp(k, "engineId") && t == JS_STRING && len)
		f->tool = gate_rstr(r, t, s, len);
}

/* One impact: the worst decides severity and, without a type, category. */
static void impact_field(struct reader *r, const char *k, enum js_type t,
			 const char *s, size_t len)
{
	if (!strcmp(k, "severity") && t == JS_STRING)
		r->sq_cur_sev = word_index(impact, s, len);
	else if (!strcmp(k, "softwareQuality"))
		r->sq_cur_quality = gate_rstr(r, t, s, len);
}


static void condition_field(struct reader *r, const char *k, enum js_type t,
			    const char *s, size_t len)
{
	char **slot = NULL;

	if (t == JS_NULL)
		return;
	/* the Web API's names, then the webhook's */
	if (!strcmp(k, "status"))
		slot = &r->cond.status;
	else if (!strcmp(k, "metricKey") || !strcmp(k, "metric"))
		slot = &r->cond.metric;
	else if (!strcmp(k, "comparator"))
		slot = &r->cond.comparator;
	else if (!strcmp(k, "operator")) {	/* GREATER_THAN, LESS_THAN */
		free(r->cond.comparator);
		r->cond.comparator = xstrdup(len >= 4 && !memcmp(s, "LESS", 4) ?
					     "LT" : "GT");
		return;
	} else if (!strcmp(k, "errorThreshold"))
		slot = &r->cond.threshold;
	else if (!strcmp(k, "actualValue") || !strcmp(k, "value"))
		slot = &r->cond.actual;
	if (slot) {
		free(*slot);
		*slot = xstrndup(s, len);
	}
}

/* Inside an issue or a hotspot: the finding being read. */
static void item_scalar(struct reader *r, int ptag, const char *k,
			enum js_type t, const char *s, size_t len)
{
	struct finding *f = cur(r);

	if (ptag == T_SQ_ISSUE || ptag == T_SQ_HOTSPOT)
		item_field(r, k, t, s, len);
	else if (ptag == T_SQ_IMPACT)
		impact_field(r, k, t, s, len);
	else if (ptag == T_SQ_PRIMLOC && !strcmp(k, "message"))
		f->title = gate_rstr_max(r, t, s, len, 200);
	else if (ptag == T_SQ_PRIMLOC && !strcmp(k, "filePath") &&
		 t == JS_STRING)
		f->path = gate_path(r->in, s, len);
	else if (ptag == T_SQ_RANGE && !strcmp(k, "startLine"))
		f->start_line = js_uint(s, len);
	else if (ptag == T_SQ_RANGE && !strcmp(k, "endLine"))
		f->end_line = js_uint(s, len);
}

/* A generic-import rule: its id, engine, severity and type. */
static void rule_field(struct reader *r, const char *k, enum js_type t,
		       const char *s, size_t len)
{
	if (!strcmp(k, "id"))
		r->sq_rule_id = gate_rstr(r, t, s, len);
	else if (!strcmp(k, "engineId"))
		r->sq_rule_engineid = gate_rstr(r, t, s, len);
	else if (!strcmp(k, "severity") && t == JS_STRING)
		r->sq_rule_legacy = word_index(legacy, s, len) >= 0 ?
			word_index(legacy, s, len) : word_index(impact, s, len);
	else if (!strcmp(k, "type") && !r->sq_quality)
		r->sq_quality = gate_rstr(r, t, s, len);
}

/* What surrounds the findings: paging, components, the gate, errors. */
static void meta_scalar(struct reader *r, int ptag, const char *k,
			enum js_type t, const char *s, size_t len)
{
	if (ptag == T_SQ_PAGING && !strcmp(k, "total") && t == JS_NUMBER) {
		r->sq_paging_total = read_number(s, len);
	} else if (ptag == T_SQ_COMPONENT && !strcmp(k, "key")) {
		r->sq_comp_key = gate_rstr(r, t, s, len);
	} else if (ptag == T_SQ_COMPONENT && !strcmp(k, "path")) {
		r->sq_comp_path = gate_path(r->in, s, t == JS_STRING ? len : 0);
	} else if ((ptag == T_SQ_STATUS || ptag == T_SQ_WEBHOOK_GATE) &&
		   !strcmp(k, "status") && t == JS_STRING) {
		free(r->in->sonar.status);
		r->in->sonar.status = xstrndup(s, len);
	} else if (ptag == T_SQ_TASK && !strcmp(k, "status")) {
		r->sq_task_status = gate_rstr_max(r, t, s, len, 40);
	} else if (ptag == T_SQ_COND) {
		condition_field(r, k, t, s, len);
	} else if (ptag == T_SQ_ERROR && !strcmp(k, "msg") && !r->sq_error.len) {
		buf_add(&r->sq_error, s, len < 300 ? len : 300);
	}
}

int gate_sonar_scalar(struct reader *r, struct jstream *js, int depth,
		 enum js_type t, const char *s, size_t len)
{
	int ptag = js->frames[depth - 1].tag;
	const char *k = js->frames[depth - 1].key.ptr;

	if (ptag == T_SQ_ERRORS)
		r->sq_nr_errors++;
	else if (ptag == T_SQ_ISSUES || ptag == T_SQ_HOTSPOTS)
		read_wrong_type(r, "an entry of the issues or hotspots", (int)t);
	else if (ptag == T_SQ_ISSUE || ptag == T_SQ_HOTSPOT ||
		 ptag == T_SQ_IMPACT || ptag == T_SQ_PRIMLOC ||
		 ptag == T_SQ_RANGE)
		item_scalar(r, ptag, k, t, s, len);
	else if (ptag == T_SQ_RULE)
		rule_field(r, k, t, s, len);
	else if (ptag == T_SQ_RULE_IMPACT)
		impact_field(r, k, t, s, len);
	else
		meta_scalar(r, ptag, k, t, s, len);
	return 0;
}

/* Generic import: each issue takes its rule's engine, severity, quality. */
static void generic_finish(struct reader *r, struct finding *f)
{
	const char *engine = strmap_get(&r->sq_rule_engine, f->rule_id, NULL);
	intptr_t sev = (intptr_t)strmap_get(&r->sq_rule_sev, f->rule_id, NULL);
	size_t n;

	if (sev && f->severity == SEV_UNKNOWN)
		f->severity = (enum gate_severity)((sev - 1) % 16);
	if (sev)
		f->category = (enum category)((sev - 1) / 16);
	if (engine)
		f->tool = engine;
	/* -o sonar names its rules "tool:rule": give the rule back */
	n = strlen(f->tool);
	if (!strncmp(f->rule_id, f->tool, n) && f->rule_id[n] == ':')
		f->rule_id += n + 1;
	if (!strcmp(f->tool, "sonarqube"))
		f->tool = "sonarqube-import";
}

/*
 * Paths from components[]; a component missing there is "PROJECT:PATH",
 * whose path is what follows the project key.
 */
/*
 * A quality gate must say its status; an analysis task that failed has no
 * result, and one that succeeded is no result either (the gate is elsewhere).
 */
static void gate_or_task_finish(struct reader *r)
{
	const char *st = r->sq_task_status;

	if (r->fmt == FMT_SONAR_GATE && !r->in->sonar.status)
		read_fault(r, "'projectStatus' has no 'status'");
	if (r->fmt != FMT_SONAR_TASK)
		return;
	if (!st || strcmp(st, "SUCCESS") == 0 || strcmp(st, "PENDING") == 0 ||
	    strcmp(st, "IN_PROGRESS") == 0)
		r->in->sonar.have_task = 1;	/* judged: "not read" */
	else
		read_fault(r, "the analysis task is %s: there is no result", st);
}

void gate_sonar_finish(struct reader *r)
{
	size_t i;

	if (r->fmt == FMT_SONAR_GATE || r->fmt == FMT_SONAR_TASK) {
		gate_or_task_finish(r);
		return;
	}
	r->in->sonar.live_items += r->sq_items;
	if (!r->in->sonar.live && r->sq_paging_total > (double)r->sq_items &&
	    r->fmt != FMT_SONAR_GENERIC)
		gate_warn(r->in, "%s: the page holds %zu of %.0f %s (paging.total): "
			  "the rest is not in the file; save every page, or use "
			  "--sonar", r->name, r->sq_items, r->sq_paging_total,
			  r->fmt == FMT_SONAR_HOTSPOTS ? "hotspots" : "issues");
	for (i = r->start; i < r->in->nr; i++) {
		struct finding *f = &r->in->findings[i];
		const char *path, *colon;

		if (r->fmt == FMT_SONAR_GENERIC)
			generic_finish(r, f);
		if (!f->resource)
			continue;
		path = strmap_get(&r->components, f->resource, NULL);
		if (!path && (colon = strrchr(f->resource, ':')))
			path = gate_path(r->in, colon + 1, strlen(colon + 1));
		f->path = path;
	}
}

void gate_reader_release_sonar(struct reader *r)
{
	strmap_release(&r->components);
	strmap_release(&r->sq_rule_sev);
	strmap_release(&r->sq_rule_engine);
	free(r->cond.status);
	free(r->cond.metric);
	free(r->cond.comparator);
	free(r->cond.threshold);
	free(r->cond.actual);
	buf_release(&r->sq_error);
}
