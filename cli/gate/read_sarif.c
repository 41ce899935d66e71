/*
 * SARIF 2.1.0 from any tool.  One finding per runs[].results[] entry whose
 * kind is "fail" (the default); results whose suppressions are all
 * accepted are waived (one under review or rejected waives nothing).
 * Severity: the rule's security-severity (>= 9.0 critical, >= 7.0 high,
 * >= 4.0 medium, > 0 low), else the result's level
 * (error high, warning medium, note low, none info), else the rule's
 * defaultConfiguration.level, else SARIF's default, warning.  Rules may come
 * after the results, so severities are settled when the run closes.
 */
#include "gate/read_int.h"

#include <ctype.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/xalloc.h"

static int level_of(const char *s, size_t len)
{
	static const struct { const char *name; int sev; } levels[] = {
		{ "error", SEV_HIGH }, { "warning", SEV_MEDIUM },
		{ "note", SEV_LOW }, { "none", SEV_INFO },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(levels); i++)
		if (strlen(levels[i].name) == len && !memcmp(s, levels[i].name, len))
			return levels[i].sev;
	return -1;
}

/* Tool names as the gate knows them: "trivy", "checkov", else lower case. */
static const char *tool_name(struct reader *r, const char *s, size_t len)
{
	char *p;
	size_t i;

	if (len >= 5 && !strncasecmp(s, "trivy", 5))
		return "trivy";
	if ((len >= 7 && !strncasecmp(s, "checkov", 7)) ||
	    (len == 10 && !strncasecmp(s, "bridgecrew", 10)))
		return "checkov";
	p = (char *)gate_strdup_max(r->in, s, len, 64);
	for (i = 0; p[i]; i++)
		p[i] = (char)(isalnum((unsigned char)p[i]) ? tolower((unsigned char)p[i]) : '-');
	return p;
}

static void begin_run(struct reader *r)
{
	r->sf_runs++;
	r->sf_have_results = 0;
	r->sf_exec_failed = 0;
	r->run_start = r->in->nr;
	r->run_tool = NULL;
	r->nr_rules = r->nr_driver_rules = r->nr_ext_rules = 0;
	free(r->driver_pos);
	r->driver_pos = NULL;
	strmap_release(&r->rule_ids);
}

static void begin_result(struct reader *r)
{
	gate_reader_begin(r, "sarif", CAT_VULNERABILITY);
	r->sf_loc = 0;
	r->sf_kind_fail = 1;
	r->sf_suppressed = 0;
	r->sf_rule_ext = 0;
	r->sf_message = NULL;
}

static int open_in_result(struct reader *r, struct js_frame *f, int ptag,
			  const char *key)
{
	if (ptag == T_SF_RESULT_RULE && KEY_IS(key, "toolComponent")) {
		r->sf_rule_ext = 1;	/* its index is into that component */
	} else if (ptag == T_SF_RESULT) {
		if (!f->is_array && KEY_IS(key, "message"))
			return T_SF_MSG;
		if (f->is_array && KEY_IS(key, "locations"))
			return T_SF_LOCS;
		if (f->is_array && KEY_IS(key, "suppressions"))
			return T_SF_SUPPRS;
		if (!f->is_array && KEY_IS(key, "rule"))
			return T_SF_RESULT_RULE;
	} else if (ptag == T_SF_LOCS && !f->is_array) {
		return r->sf_loc++ == 0 ? T_SF_LOC : JS_SKIP;
	} else if (ptag == T_SF_LOC && KEY_IS(key, "physicalLocation")) {
		return T_SF_PHYS;
	} else if (ptag == T_SF_PHYS && KEY_IS(key, "artifactLocation")) {
		return T_SF_ART;
	} else if (ptag == T_SF_PHYS && KEY_IS(key, "region")) {
		return T_SF_REGION;
	} else if (ptag == T_SF_SUPPRS && !f->is_array) {
		r->sf_suppr_waives = 1;	/* no status: accepted */
		return T_SF_SUPPR;
	}
	return JS_SKIP;
}

static int open_in_rule(struct reader *r, struct js_frame *f, int ptag,
			const char *key)
{
	struct sarif_rule *rule;

	if (ptag == T_SF_RULES && !f->is_array) {
		ALLOC_GROW(r->rules, r->nr_rules, r->alloc_rules);
		rule = &r->rules[r->nr_rules++];
		memset(rule, 0, sizeof(*rule));
		rule->sec_sev = -1;
		rule->level = -1;
		rule->ext = r->sf_ext_rules;
		r->nr_ext_rules += rule->ext;
		r->nr_driver_rules += !rule->ext;
		return T_SF_RULE;
	}
	if (ptag == T_SF_RULE && !f->is_array) {
		if (KEY_IS(key, "defaultConfiguration"))
			return T_SF_RULE_CFG;
		if (KEY_IS(key, "properties"))
			return T_SF_RULE_PROPS;
		if (KEY_IS(key, "shortDescription"))
			return T_SF_RULE_TEXT;
	}
	return JS_SKIP;
}

static int open_in_run(struct reader *r, struct js_frame *f, const char *key)
{
	if (!f->is_array && KEY_IS(key, "tool"))
		return T_SF_TOOL;
	if (f->is_array && KEY_IS(key, "invocations"))
		return T_SF_INVOCS;
	if (KEY_IS(key, "results") && !f->is_array)
		read_wrong_type(r, "a run's 'results'", RT_OBJECT);
	if (!KEY_IS(key, "results") || !f->is_array)
		return JS_SKIP;
	r->sf_have_results = 1;
	return T_SF_RESULTS;
}

/* tool.driver and tool.extensions[] (CodeQL's packs), and their rules. */
static int open_in_tool(struct reader *r, struct js_frame *f, int ptag,
			const char *key)
{
	if (ptag == T_SF_TOOL && !f->is_array && KEY_IS(key, "driver"))
		return T_SF_DRIVER;
	if (ptag == T_SF_TOOL && f->is_array && KEY_IS(key, "extensions"))
		return T_SF_EXTS;
	if (ptag == T_SF_EXTS && !f->is_array)
		return T_SF_EXT;
	if ((ptag == T_SF_DRIVER || ptag == T_SF_EXT) && f->is_array &&
	    KEY_IS(key, "rules")) {
		r->sf_ext_rules = ptag == T_SF_EXT;
		return T_SF_RULES;
	}
	return JS_SKIP;
}

int gate_sarif_open(struct reader *r, struct jstream *js, int depth)
{
	struct js_frame *f = &js->frames[depth];
	int ptag = js->frames[depth - 1].tag;
	const char *key = js_parent_key(js, depth);

	if (ptag == T_ROOT_OBJ) {	/* "runs", tagged by read.c */
		if (r->fmt == FMT_UNKNOWN)
			r->fmt = FMT_SARIF;
		return 0;
	}
	f->tag = JS_SKIP;
	if (f->is_array && (ptag == T_SF_RUNS || ptag == T_SF_RESULTS)) {
		read_wrong_type(r, ptag == T_SF_RUNS ? "an entry of 'runs'" :
				"an entry of a run's 'results'", RT_LIST);
	} else if (ptag == T_SF_RUNS) {
		f->tag = T_SF_RUN;
		begin_run(r);
	} else if (ptag == T_SF_RUN) {
		f->tag = open_in_run(r, f, key);
	} else if (ptag == T_SF_INVOCS && !f->is_array) {
		f->tag = T_SF_INVOC;
	} else if (ptag == T_SF_TOOL || ptag == T_SF_DRIVER ||
		   ptag == T_SF_EXTS || ptag == T_SF_EXT) {
		f->tag = open_in_tool(r, f, ptag, key);
	} else if (ptag == T_SF_RESULTS && !f->is_array) {
		f->tag = T_SF_RESULT;
		begin_result(r);
	} else if (ptag == T_SF_RULES || ptag == T_SF_RULE) {
		f->tag = open_in_rule(r, f, ptag, key);
	} else if (ptag >= T_SF_RESULT) {
		f->tag = open_in_result(r, f, ptag, key);
	}
	return 0;
}

/* Where the driver's rule `i` is among all the run's rules. */
static size_t driver_rule(struct reader *r, size_t i)
{
	size_t j, n = 0;

	if (!r->nr_ext_rules)
		return i;
	if (!r->driver_pos) {
		r->driver_pos = xcalloc(r->nr_driver_rules, sizeof(*r->driver_pos));
		for (j = 0; j < r->nr_rules; j++)
			if (!r->rules[j].ext)
				r->driver_pos[n++] = j;
	}
	return r->driver_pos[i];
}

static const struct sarif_rule *rule_of(struct reader *r,
					const struct finding *f)
{
	void *v;
	int found;

	if (f->sarif_rule_index >= 0 &&
	    (size_t)f->sarif_rule_index < r->nr_driver_rules)
		return &r->rules[driver_rule(r, (size_t)f->sarif_rule_index)];
	if (!f->rule_id)
		return NULL;
	if (!r->rule_ids.nr) {	/* the driver's last: they win a clash */
		for (size_t i = 0; i < r->nr_rules; i++)
			if (r->rules[i].id && r->rules[i].ext)
				strmap_put(&r->rule_ids, r->rules[i].id,
					   (void *)(uintptr_t)(i + 1));
		for (size_t i = 0; i < r->nr_rules; i++)
			if (r->rules[i].id && !r->rules[i].ext)
				strmap_put(&r->rule_ids, r->rules[i].id,
					   (void *)(uintptr_t)(i + 1));
	}
	v = strmap_get(&r->rule_ids, f->rule_id, &found);
	return found ? &r->rules[(uintptr_t)v - 1] : NULL;
}

static enum gate_severity sev_of_score(double s)
{
	return s >= 9.0 ? SEV_CRITICAL : s >= 7.0 ? SEV_HIGH :
	       s >= 4.0 ? SEV_MEDIUM : s > 0 ? SEV_LOW : SEV_INFO;
}

/* Trivy names its rules by the class of finding. */
static enum category category_of(const char *tool, const struct sarif_rule *rule)
{
	if (!strcmp(tool, "checkov"))
		return CAT_MISCONFIGURATION;
	if (!rule || !rule->name)
		return CAT_VULNERABILITY;
	if (!strcmp(rule->name, "Misconfiguration"))
		return CAT_MISCONFIGURATION;
	if (!strcmp(rule->name, "Secret"))
		return CAT_SECRET;
	if (!strcmp(rule->name, "License"))
		return CAT_LICENSE;
	return CAT_VULNERABILITY;
}

static void run_done(struct reader *r)
{
	const char *tool = r->run_tool ? r->run_tool : "sarif";
	size_t i;

	/* SARIF 2.1.0 §3.14.23: no results array, the tool did not finish */
	if (!r->sf_have_results)
		read_fault(r, "run %zu (%s) has no 'results' list: the tool "
			   "did not run to the end", r->sf_runs, tool);
	if (r->sf_exec_failed)
		read_fault(r, "run %zu (%s) says its execution did not succeed "
			   "(invocations[].executionSuccessful false)",
			   r->sf_runs, tool);

	for (i = r->run_start; i < r->in->nr; i++) {
		struct finding *f = &r->in->findings[i];
		const struct sarif_rule *rule = rule_of(r, f);

		f->tool = tool;
		if (rule && rule->sec_sev >= 0)
			f->severity = sev_of_score(rule->sec_sev);
		else if (f->sarif_level >= 0)
			f->severity = (enum gate_severity)f->sarif_level;
		else if (rule && rule->level >= 0)
			f->severity = (enum gate_severity)rule->level;
		else
			f->severity = SEV_MEDIUM;	/* SARIF's default: warning */
		if (rule && !f->rule_id)
			f->rule_id = rule->id;
		if (!f->rule_id)
			f->rule_id = "UNKNOWN";
		if (rule && !f->url)
			f->url = rule->url;
		if (!f->title && rule)
			f->title = rule->title;
		f->category = category_of(tool, rule);
	}
}

int gate_sarif_close(struct reader *r, struct jstream *js, int depth)
{
	struct finding *f;

	switch (js->frames[depth].tag) {
	case T_SF_RESULT:
		if (!r->sf_kind_fail) {
			gate_reader_drop(r);
			break;
		}
		f = cur(r);
		if (r->sf_rule_ext)	/* an extension's rule: found by id */
			f->sarif_rule_index = -1;
		if (r->sf_suppressed > 0) {
			f->status = ST_WAIVED;
			f->suppressed = 1;
			f->waived_by = "sarif:suppression";
		}
		f->anchor = r->sf_message;
		if (!f->title)
			f->title = r->sf_message;
		r->have_cur = 0;
		break;
	case T_SF_SUPPR:
		/* one under review or rejected: not suppressed (as sarif-sdk) */
		r->sf_suppressed = r->sf_suppressed >= 0 && r->sf_suppr_waives ?
			1 : -1;
		break;
	case T_SF_RUN:
		run_done(r);
		break;
	}
	return 0;
}

static size_t first_line(const char *s, size_t len)
{
	const char *nl = memchr(s, '\n', len);

	return nl ? (size_t)(nl - s) : len;
}

static int hexval(char c)
{
	return c >= '0' && c <= '9' ? c - '0' :
	       c >= 'a' && c <= 'f' ? c - 'a' + 10 :
	       c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* A result's URI as a path: no file:// scheme, %XX decoded. */
static const char *uri_path(struct reader *r, const char *s, size_t len)
{
	struct buf b = BUF_INIT;
	const char *path;
	size_t i;

	if (len > 7 && !memcmp(s, "file://", 7)) {
		const char *slash = memchr(s + 7, '/', len - 7);

		if (!slash)
			return NULL;
		len -= (size_t)(slash - s);
		s = slash;
	}
	for (i = 0; i < len; i++) {
		if (s[i] == '%' && i + 2 < len && hexval(s[i + 1]) >= 0 &&
		    hexval(s[i + 2]) >= 0) {
			buf_addch(&b, (char)(hexval(s[i + 1]) * 16 + hexval(s[i + 2])));
			i += 2;
		} else {
			buf_addch(&b, s[i]);
		}
	}
	path = gate_path(r->in, b.ptr, b.len);
	buf_release(&b);
	return path;
}

static void rule_field(struct reader *r, int ptag, const char *k,
		       enum js_type t, const char *s, size_t len)
{
	struct sarif_rule *rule = &r->rules[r->nr_rules - 1];
	char num[64];

	if (ptag == T_SF_RULE) {
		if (KEY_IS(k, "id"))
			rule->id = gate_rstr(r, t, s, len);
		else if (KEY_IS(k, "name"))
			rule->name = gate_rstr_max(r, t, s, len, 64);
		else if (KEY_IS(k, "helpUri"))
			rule->url = gate_rstr(r, t, s, len);
	} else if (ptag == T_SF_RULE_CFG && KEY_IS(k, "level")) {
		rule->level = level_of(s, len);
	} else if (ptag == T_SF_RULE_TEXT && KEY_IS(k, "text")) {
		rule->title = gate_rstr_max(r, t, s, first_line(s, len), 200);
	} else if (ptag == T_SF_RULE_PROPS && KEY_IS(k, "security-severity") &&
		   (t == JS_STRING || t == JS_NUMBER) && len && len < sizeof(num)) {
		char *end;

		memcpy(num, s, len);
		num[len] = '\0';
		rule->sec_sev = strtod(num, &end);
		if (end == num || *end || isnan(rule->sec_sev))
			rule->sec_sev = -1;	/* no score: the level decides */
	}
}

/* A rule's index; out of any range, none (the ruleId decides). */
static int rule_index(const char *s, size_t len)
{
	double v = read_number(s, len);

	return v >= 0 && v < 1e9 && v == (int)v ? (int)v : -1;
}

/* SARIF's result kinds: only "fail" is a failure, any other word is no SARIF. */
static void result_kind(struct reader *r, enum js_type t, const char *s,
			size_t len)
{
	static const char *const kinds[] = {
		"fail", "pass", "open", "review", "informational",
		"notApplicable", NULL
	};
	int i;

	for (i = 0; t == JS_STRING && kinds[i]; i++)
		if (strlen(kinds[i]) == len && !memcmp(kinds[i], s, len))
			break;
	if (t != JS_STRING || !kinds[i])
		read_fault(r, "a result's 'kind' is none of SARIF's (fail, pass, "
			   "open, review, informational, notApplicable)");
	r->sf_kind_fail = t != JS_STRING || !kinds[i] || i == 0;
}

static void result_own_field(struct reader *r, struct finding *f,
			     const char *k, enum js_type t, const char *s,
			     size_t len)
{
	if (KEY_IS(k, "ruleId")) {
		f->rule_id = gate_rstr(r, t, s, len);
	} else if (KEY_IS(k, "ruleIndex") && t == JS_NUMBER) {
		f->sarif_rule_index = rule_index(s, len);
	} else if (KEY_IS(k, "level") && t != JS_NULL) {
		f->sarif_level = (signed char)(t == JS_STRING ?
					       level_of(s, len) : -1);
		if (f->sarif_level < 0)
			read_fault(r, "a result's 'level' is none of SARIF's "
				   "(error, warning, note, none)");
	} else if (KEY_IS(k, "kind")) {
		result_kind(r, t, s, len);
	}
}

/* accepted (or none) waives; underReview and rejected do not. */
static void suppression_status(struct reader *r, enum js_type t,
			       const char *s, size_t len)
{
	if (t == JS_STRING && len == 8 && !memcmp(s, "accepted", 8))
		r->sf_suppr_waives = 1;
	else if (t == JS_STRING && ((len == 11 && !memcmp(s, "underReview", 11)) ||
				    (len == 8 && !memcmp(s, "rejected", 8))))
		r->sf_suppr_waives = 0;
	else if (t != JS_NULL) {
		r->sf_suppr_waives = 0;
		read_fault(r, "a suppression's 'status' is none of SARIF's "
			   "(accepted, underReview, rejected)");
	}
}

static void result_field(struct reader *r, int ptag, const char *k,
			 enum js_type t, const char *s, size_t len)
{
	struct finding *f = cur(r);

	if (ptag == T_SF_RESULT) {
		result_own_field(r, f, k, t, s, len);
	} else if (ptag == T_SF_RESULT_RULE) {
		if (KEY_IS(k, "id") && !f->rule_id)
			f->rule_id = gate_rstr(r, t, s, len);
		else if (KEY_IS(k, "index") && t == JS_NUMBER)
			f->sarif_rule_index = rule_index(s, len);
	} else if (ptag == T_SF_MSG && KEY_IS(k, "text")) {
		r->sf_message = gate_rstr_max(r, t, s, first_line(s, len), 200);
	} else if (ptag == T_SF_ART && KEY_IS(k, "uri") && t == JS_STRING) {
		f->path = uri_path(r, s, len);
	} else if (ptag == T_SF_REGION && KEY_IS(k, "startLine")) {
		f->start_line = js_uint(s, len);
	} else if (ptag == T_SF_REGION && KEY_IS(k, "endLine")) {
		f->end_line = js_uint(s, len);
	} else if (ptag == T_SF_SUPPR && KEY_IS(k, "status")) {
		suppression_status(r, t, s, len);
	}
}

int gate_sarif_scalar(struct reader *r, struct jstream *js, int depth,
		 enum js_type t, const char *s, size_t len)
{
	int ptag = js->frames[depth - 1].tag;
	const char *k = js->frames[depth - 1].key.ptr;

	if (ptag == T_SF_RUNS || ptag == T_SF_RESULTS)
		read_wrong_type(r, ptag == T_SF_RUNS ? "an entry of 'runs'" :
				"an entry of a run's 'results'", (int)t);
	else if (ptag == T_SF_RUN && KEY_IS(k, "results"))
		read_wrong_type(r, "a run's 'results'", (int)t);
	else if (ptag == T_SF_INVOC && KEY_IS(k, "executionSuccessful"))
		r->sf_exec_failed |= t == JS_BOOL && *s == 'f';
	else if (ptag == T_SF_DRIVER && KEY_IS(k, "name") && t == JS_STRING)
		r->run_tool = tool_name(r, s, len);
	else if (ptag >= T_SF_RULE && ptag <= T_SF_RULE_TEXT)
		rule_field(r, ptag, k, t, s, len);
	else if (ptag >= T_SF_RESULT && r->have_cur)
		result_field(r, ptag, k, t, s, len);
	return 0;
}

/* No run is no tool's answer: nothing says a scanner looked. */
void read_sarif_finish(struct reader *r)
{
	if (!r->sf_runs)
		read_fault(r, "'runs' is empty: no tool's results");
}
