/*
 * SonarQube Web API responses saved to files: api/issues/search and
 * api/hotspots/search pages, api/qualitygates/project_status, api/ce/task,
 * the error envelope, and the payload of SonarQube's webhook (qualityGate,
 * whose status is NONE when absent).  An issue's severity is the highest of its
 * impacts[] when present, else its legacy severity by position (BLOCKER
 * critical, CRITICAL high, MAJOR medium, MINOR low, INFO info); a hotspot's
 * is its vulnerabilityProbability, and only hotspots TO_REVIEW count.  Every
 * issue of a page counts: the page is the answer to the query that fetched it
 * (fetch with resolved=false).  Components map to paths through components[],
 * which may come before or after the issues.
 */
#include "gate/read_int.h"

#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

static const char *const legacy[] = {
	"BLOCKER", "CRITICAL", "MAJOR", "MINOR", "INFO", NULL
};
static const char *const impact[] = {
	"BLOCKER", "HIGH", "MEDIUM", "LOW", "INFO", NULL
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
	r->sq_drop = 0;
	r->sq_type_seen = 0;
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
	f->tag = JS_SKIP;
	if (f->is_array) {
		if (ptag == T_SQ_ISSUE && !strcmp(key, "impacts"))
			f->tag = T_SQ_IMPACTS;
		else if ((ptag == T_SQ_STATUS || ptag == T_SQ_WEBHOOK_GATE) &&
			 !strcmp(key, "conditions"))
			f->tag = T_SQ_CONDS;
		return 0;
	}
	switch (ptag) {
	case T_SQ_ISSUES:
		f->tag = T_SQ_ISSUE;
		begin_item(r, CAT_CODE_SMELL);
		break;
	case T_SQ_HOTSPOTS:
		f->tag = T_SQ_HOTSPOT;
		begin_item(r, CAT_HOTSPOT);
		break;
	case T_SQ_ISSUE:
	case T_SQ_HOTSPOT:
		if (!strcmp(key, "textRange"))
			f->tag = T_SQ_RANGE;
		break;
	case T_SQ_IMPACTS:
		f->tag = T_SQ_IMPACT;
		r->sq_cur_sev = -1;
		r->sq_cur_quality = NULL;
		break;
	case T_SQ_COMPONENTS:
		f->tag = T_SQ_COMPONENT;
		r->sq_comp_key = r->sq_comp_path = NULL;
		break;
	case T_SQ_CONDS:
		f->tag = T_SQ_COND;
		memset(&r->cond, 0, sizeof(r->cond));
		break;
	case T_SQ_ERRORS:
		f->tag = T_SQ_ERROR;
		break;
	}
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
	r->have_cur = 0;
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
		if (r->sq_drop)
			gate_reader_drop(r);
		else
			issue_done(r);
		break;
	case T_SQ_IMPACT:
		impact_done(r);
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

static void item_field(struct reader *r, const char *k, enum js_type t,
		       const char *s, size_t len)
{
	struct finding *f = cur(r);
	int sev;

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
	else if (!strcmp(k, "severity") && t == JS_STRING &&
		 (sev = word_index(legacy, s, len)) >= 0)
		r->sq_legacy_sev = sev;
	else if (!strcmp(k, "severity") && t == JS_STRING)	/* HIGH, ... */
		r->sq_legacy_sev = word_index(impact, s, len);
	else if (!strcmp(k, "type") && t == JS_STRING) {
		r->sq_type_seen = 1;
		f->category = category_of_type(gate_rstr(r, t, s, len));
	} else if (!strcmp(k, "vulnerabilityProbability") && t == JS_STRING &&
		   (sev = word_index(impact, s, len)) >= 0) {
		f->severity = (enum gate_severity)sev;
	} else if (!strcmp(k, "securityCategory") && !f->rule_id) {
		f->rule_id = gate_rstr(r, t, s, len);
	} else if (!strcmp(k, "status") && f->category == CAT_HOTSPOT) {
		r->sq_drop = !(len == 9 && !memcmp(s, "TO_REVIEW", 9));
	}
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

int gate_sonar_scalar(struct reader *r, struct jstream *js, int depth,
		 enum js_type t, const char *s, size_t len)
{
	int ptag = js->frames[depth - 1].tag;
	const char *k = js->frames[depth - 1].key.ptr;
	struct finding *f;

	switch (ptag) {
	case T_SQ_ISSUE:
	case T_SQ_HOTSPOT:
		item_field(r, k, t, s, len);
		break;
	case T_SQ_IMPACT:
		impact_field(r, k, t, s, len);
		break;
	case T_SQ_RANGE:
		f = cur(r);
		if (!strcmp(k, "startLine"))
			f->start_line = js_uint(s, len);
		else if (!strcmp(k, "endLine"))
			f->end_line = js_uint(s, len);
		break;
	case T_SQ_COMPONENT:
		if (!strcmp(k, "key"))
			r->sq_comp_key = gate_rstr(r, t, s, len);
		else if (!strcmp(k, "path"))
			r->sq_comp_path = gate_path(r->in, s, t == JS_STRING ? len : 0);
		break;
	case T_SQ_STATUS:
	case T_SQ_WEBHOOK_GATE:
		if (!strcmp(k, "status") && t == JS_STRING) {
			free(r->in->sonar.status);
			r->in->sonar.status = xstrndup(s, len);
		}
		break;
	case T_SQ_COND:
		condition_field(r, k, t, s, len);
		break;
	case T_SQ_ERROR:
		if (!strcmp(k, "msg") && !r->sq_error.len)
			buf_add(&r->sq_error, s, len < 300 ? len : 300);
		break;
	}
	return 0;
}

/*
 * Paths from components[]; a component missing there is "PROJECT:PATH",
 * whose path is what follows the project key.
 */
void gate_sonar_finish(struct reader *r)
{
	size_t i;

	for (i = r->start; i < r->in->nr; i++) {
		struct finding *f = &r->in->findings[i];
		const char *path, *colon;

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
	free(r->cond.status);
	free(r->cond.metric);
	free(r->cond.comparator);
	free(r->cond.threshold);
	free(r->cond.actual);
	buf_release(&r->sq_error);
}
