/*
 * Checkov JSON (-o json): one report object, a list of them (one per
 * framework; foreign elements without check_type are passed over), or the
 * bare summary of a run that found nothing.  One finding per
 * results.failed_checks[] entry; skipped_checks[] are kept as waived (an
 * inline `checkov:skip`).  The summary is not trusted: the arrays are
 * counted.  Open-source Checkov leaves severity null: that is `unknown`.
 */
#include "gate/read_int.h"

#include <string.h>
#include <strings.h>

/* results.failed_checks and skipped_checks: lists, or nothing is read. */
static void open_check_list(struct reader *r, struct js_frame *f,
			    const char *key)
{
	int failed = KEY_IS(key, "failed_checks");

	if (!failed && !KEY_IS(key, "skipped_checks"))
		return;
	if (!f->is_array) {
		read_wrong_type(r, failed ? "'results.failed_checks'" :
				  "'results.skipped_checks'", RT_OBJECT);
		return;
	}
	f->tag = failed ? T_CK_FAILED : T_CK_SKIPPED;
}

int gate_checkov_open(struct reader *r, struct jstream *js, int depth)
{
	struct js_frame *f = &js->frames[depth];
	int ptag = js->frames[depth - 1].tag;
	const char *key = js_parent_key(js, depth);

	if (ptag == T_ROOT_OBJ) {	/* "results", tagged by read.c */
		if (r->fmt == FMT_UNKNOWN)
			r->fmt = FMT_CHECKOV;
		return 0;
	}
	f->tag = JS_SKIP;
	switch (ptag) {
	case T_CK_REPORT:
		if (!f->is_array && KEY_IS(key, "summary"))
			f->tag = T_CK_SUMMARY;
		else if (KEY_IS(key, "results") && f->is_array)
			read_wrong_type(r, "'results'", RT_LIST);
		else if (KEY_IS(key, "results")) {
			f->tag = T_CK_RESULTS;
			r->ck_have_results = 1;
		}
		break;
	case T_CK_RESULTS:
		open_check_list(r, f, key);
		break;
	case T_CK_FAILED:
	case T_CK_SKIPPED:
		if (f->is_array) {
			read_wrong_type(r, "an entry of the checks", RT_LIST);
			break;
		}
		f->tag = T_CK_REC;
		gate_reader_begin(r, "checkov", CAT_MISCONFIGURATION);
		if (ptag == T_CK_SKIPPED) {
			cur(r)->status = ST_WAIVED;
			cur(r)->suppressed = 1;
			cur(r)->waived_by = "checkov:skip";
		}
		break;
	case T_CK_REC:
		if (!f->is_array && KEY_IS(key, "check_result"))
			f->tag = T_CK_CHECKRES;
		else if (f->is_array && KEY_IS(key, "file_line_range")) {
			f->tag = T_CK_LINES;
			r->ck_line = 0;
		}
		break;
	}
	return 0;
}

/* The framework decides the category: secrets and SCA are not misconfigs. */
static enum category category_of(const char *check_type)
{
	if (!check_type)
		return CAT_MISCONFIGURATION;
	if (!strcmp(check_type, "secrets"))
		return CAT_SECRET;
	if (!strncmp(check_type, "sca_", 4))
		return CAT_VULNERABILITY;
	return CAT_MISCONFIGURATION;
}

static void report_done(struct reader *r)
{
	enum category cat = category_of(r->check_type);
	size_t i, failed = 0;

	for (i = r->ck_start; i < r->in->nr; i++)
		failed += r->in->findings[i].status != ST_WAIVED;
	/* more records than the summary says happens; fewer is a loss */
	if (r->ck_report_failed > (double)failed)
		read_fault(r, "the summary of check_type '%s' counts %.0f failed "
			   "checks but it lists %zu", r->check_type ?
			   r->check_type : "?", r->ck_report_failed, failed);

	for (i = r->ck_start; i < r->in->nr; i++)
		r->in->findings[i].category = cat;
	r->ck_start = r->in->nr;
}

int gate_checkov_close(struct reader *r, struct jstream *js, int depth)
{
	struct finding *f;

	switch (js->frames[depth].tag) {
	case T_CK_REC:
		f = cur(r);
		if (!f->rule_id)
			f->rule_id = "UNKNOWN";
		f->anchor = f->resource;
		r->have_cur = 0;
		break;
	case T_CK_REPORT:
		if (r->check_type && !r->ck_have_results)
			read_fault(r, "the report of check_type '%s' has no "
				     "'results' object", r->check_type);
		report_done(r);
		break;
	}
	return 0;
}

/*
 * The single-object form: check_type may come after the results.  A
 * summary alone is a run that found nothing; one that counts failed checks
 * is a report whose checks are missing.
 */
void gate_checkov_finish(struct reader *r)
{
	if (r->fmt == FMT_CHECKOV_SUMMARY) {
		if (r->ck_summary_failed > 0)
			read_fault(r, "its summary counts %.0f failed checks "
				     "but it holds none", r->ck_summary_failed);
		return;
	}
	if (!r->root_is_array) {
		if (!r->ck_results_object)
			read_fault(r, "it has no 'results' object");
		r->ck_start = r->start;
		report_done(r);
	}
}

/* Checkov's enum names; MODERATE and IMPORTANT are its aliases. */
static enum gate_severity checkov_severity(enum js_type t, const char *s, size_t len)
{
	int sev;

	if (t != JS_STRING)
		return SEV_UNKNOWN;
	if (len == 4 && !strncasecmp(s, "NONE", 4))
		return SEV_INFO;
	if (len == 8 && !strncasecmp(s, "MODERATE", 8))
		return SEV_MEDIUM;
	if (len == 9 && !strncasecmp(s, "IMPORTANT", 9))
		return SEV_HIGH;
	sev = gate_severity_parse(s, len);
	return sev < 0 ? SEV_UNKNOWN : (enum gate_severity)sev;
}

static void record_field(struct reader *r, const char *k, enum js_type t,
			 const char *s, size_t len)
{
	struct finding *f = cur(r);

	if (KEY_IS(k, "check_id"))
		f->rule_id = gate_rstr(r, t, s, len);
	else if (KEY_IS(k, "check_name"))
		f->title = gate_rstr_max(r, t, s, len, 200);
	else if (KEY_IS(k, "file_path"))
		f->path = t == JS_STRING ? gate_path(r->in, s, len) : NULL;
	else if (KEY_IS(k, "resource"))
		f->resource = gate_rstr(r, t, s, len);
	else if (KEY_IS(k, "severity"))
		f->severity = checkov_severity(t, s, len);
	else if (KEY_IS(k, "guideline"))
		f->url = gate_rstr(r, t, s, len);
}

int gate_checkov_scalar(struct reader *r, struct jstream *js, int depth,
		   enum js_type t, const char *s, size_t len)
{
	int ptag = js->frames[depth - 1].tag;
	const char *k = js->frames[depth - 1].key.ptr;
	unsigned line;

	if (ptag == T_CK_FAILED || ptag == T_CK_SKIPPED) {
		read_wrong_type(r, "an entry of the checks", (int)t);
	} else if (ptag == T_CK_RESULTS && t != JS_NULL &&
		   (KEY_IS(k, "failed_checks") || KEY_IS(k, "skipped_checks"))) {
		read_wrong_type(r, "a list of checks", (int)t);
	} else if (ptag == T_CK_REPORT && KEY_IS(k, "results")) {
		read_wrong_type(r, "'results'", (int)t);
	} else if (ptag == T_CK_REC) {
		record_field(r, k, t, s, len);
	} else if (ptag == T_CK_LINES) {
		/* [start, end]; 0 means "no line" (whole-file checks) */
		line = t == JS_NUMBER ? js_uint(s, len) : 0;
		if (r->ck_line == 0)
			cur(r)->start_line = line;
		else if (r->ck_line == 1)
			cur(r)->end_line = line;
		r->ck_line++;
	} else if (ptag == T_CK_CHECKRES && KEY_IS(k, "suppress_comment") &&
		   cur(r)->status == ST_WAIVED && t == JS_STRING && len) {
		cur(r)->waived_by = gate_rstr_max(r, t, s, len, 200);
	} else if (ptag == T_CK_SUMMARY && KEY_IS(k, "failed") &&
		   t == JS_NUMBER) {
		r->ck_report_failed = read_number(s, len);
	} else if (ptag == T_CK_REPORT && KEY_IS(k, "check_type")) {
		r->check_type = gate_rstr(r, t, s, len);
	}
	return 0;
}
