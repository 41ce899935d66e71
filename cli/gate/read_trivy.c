/*
 * Trivy JSON in all its shapes: schema 2 ({SchemaVersion, Results}), schema 1
 * (a bare list of Results), null and [], and `trivy k8s` reports (Resources[]
 * or the older Vulnerabilities[]/Misconfigurations[] lists of resources, each
 * with Results[]).  One finding per Vulnerabilities[], Secrets[] and
 * Licenses[] entry, and per Misconfigurations[] entry whose Status is FAIL or
 * absent.  Absent, null and [] are the same everywhere.
 */
#include "gate/read_int.h"

#include <string.h>

static const struct {
	const char *key;
	enum tv_kind kind;
	enum category cat;
} lists[] = {
	{ "Vulnerabilities", TV_VULN, CAT_VULNERABILITY },
	{ "Misconfigurations", TV_MISCONF, CAT_MISCONFIGURATION },
	{ "Secrets", TV_SECRET, CAT_SECRET },
	{ "Licenses", TV_LICENSE, CAT_LICENSE },
};

static int list_index(const char *key)
{
	size_t i;

	for (i = 0; i < sizeof(lists) / sizeof(lists[0]); i++)
		if (!strcmp(key, lists[i].key))
			return (int)i;
	return -1;
}

int gate_trivy_open(struct reader *r, struct jstream *js, int depth)
{
	struct js_frame *f = &js->frames[depth];
	int ptag = js->frames[depth - 1].tag;
	const char *key = js_parent_key(js, depth);
	int i;

	if (ptag == T_ROOT_OBJ) {	/* tagged by read.c */
		if (r->fmt == FMT_UNKNOWN)
			r->fmt = FMT_TRIVY;
		return 0;
	}
	f->tag = JS_SKIP;
	if (f->is_array && (ptag == T_TV_K8S_LIST || ptag == T_TV_RESULTS ||
			    ptag == T_TV_LIST)) {
		read_wrong_type(r, "an entry of a Trivy list", RT_LIST);
		return 0;
	}
	switch (ptag) {
	case T_TV_K8S_LIST:
		f->tag = T_TV_K8S_RES;
		r->k8s_start = r->in->nr;
		r->k8s_ns = r->k8s_kind = r->k8s_name = NULL;
		return 0;
	case T_TV_K8S_RES:
		if (KEY_IS(key, "Results") && !f->is_array)
			read_wrong_type(r, "a resource's 'Results'", RT_OBJECT);
		else if (KEY_IS(key, "Results"))
			f->tag = T_TV_RESULTS;
		return 0;
	case T_TV_RESULTS:
		f->tag = T_TV_RESULT;
		r->result_start = r->in->nr;
		r->target = r->klass = NULL;
		r->tv_misconf_failures = 0;
		return 0;
	case T_TV_RESULT:
		if (!f->is_array && KEY_IS(key, "MisconfSummary"))
			f->tag = T_TV_MSUMMARY;
		else if ((i = list_index(key)) >= 0 && !f->is_array)
			read_wrong_type(r, "a Result's list of findings", RT_OBJECT);
		else if (i >= 0) {
			f->tag = T_TV_LIST;
			r->tv_kind = lists[i].kind;
		}
		return 0;
	case T_TV_LIST:
		f->tag = T_TV_REC;
		gate_reader_begin(r, "trivy", lists[r->tv_kind].cat);
		r->tv_drop = 0;
		return 0;
	case T_TV_REC:
		if (!f->is_array && KEY_IS(key, "CauseMetadata"))
			f->tag = T_TV_CAUSE;
		return 0;
	}
	return 0;
}

/* Trivy's Result classes (pkg/types/report.go). */
static int known_class(const char *klass)
{
	static const char *const classes[] = {
		"os-pkgs", "lang-pkgs", "config", "secret", "license",
		"license-file", "custom", NULL
	};
	int i;

	for (i = 0; classes[i]; i++)
		if (!strcmp(klass, classes[i]))
			return 1;
	return 0;
}

static void result_done(struct reader *r)
{
	size_t i;
	int os = r->klass && !strcmp(r->klass, "os-pkgs");

	/* a new class may hold its findings under a key not read here */
	if (r->klass && !known_class(r->klass))
		read_fault(r, "a Result of unknown Class '%.40s'", r->klass);
	if (r->tv_misconf_failures > (double)(r->in->nr - r->result_start))
		read_fault(r, "a Result's MisconfSummary counts %.0f failures "
			   "but it lists %zu", r->tv_misconf_failures,
			   r->in->nr - r->result_start);
	for (i = r->result_start; i < r->in->nr; i++) {
		struct finding *f = &r->in->findings[i];

		if (!r->target)
			continue;
		/* an OS package lives in an image, not in a file */
		if (os && !f->resource)
			f->resource = r->target;
		else if (!os && !f->path)
			f->path = gate_path(r->in, r->target, strlen(r->target));
	}
}

static void k8s_done(struct reader *r)
{
	struct buf name = BUF_INIT;
	const char *res;
	size_t i;

	buf_addf(&name, "%s%s%s/%s", r->k8s_ns ? r->k8s_ns : "",
		 r->k8s_ns ? "/" : "", r->k8s_kind ? r->k8s_kind : "?",
		 r->k8s_name ? r->k8s_name : "?");
	res = gate_strdup(r->in, name.ptr, name.len);
	buf_release(&name);
	for (i = r->k8s_start; i < r->in->nr; i++) {
		struct finding *f = &r->in->findings[i];

		if (!f->resource || f->category == CAT_VULNERABILITY)
			f->resource = res;
	}
}

int gate_trivy_close(struct reader *r, struct jstream *js, int depth)
{
	struct finding *f;

	switch (js->frames[depth].tag) {
	case T_TV_REC:
		f = cur(r);
		if (r->tv_drop) {
			gate_reader_drop(r);
			return 0;
		}
		if (!f->rule_id)
			f->rule_id = "UNKNOWN";
		r->have_cur = 0;
		return 0;
	case T_TV_RESULT:
		result_done(r);
		return 0;
	case T_TV_K8S_RES:
		k8s_done(r);
		return 0;
	}
	return 0;
}

static int severity_of(const char *s, size_t len)
{
	int sev = gate_severity_parse(s, len);

	return sev < 0 ? SEV_UNKNOWN : sev;
}

static void vuln_field(struct reader *r, const char *k, enum js_type t,
		       const char *s, size_t len)
{
	struct finding *f = cur(r);

	if (KEY_IS(k, "VulnerabilityID"))
		f->rule_id = gate_rstr(r, t, s, len);
	else if (KEY_IS(k, "PkgName"))
		f->pkg_name = gate_rstr(r, t, s, len);
	else if (KEY_IS(k, "PkgPath"))
		f->path = t == JS_STRING ? gate_path(r->in, s, len) : NULL;
	else if (KEY_IS(k, "InstalledVersion"))
		f->pkg_installed = gate_rstr(r, t, s, len);
	else if (KEY_IS(k, "FixedVersion"))
		f->pkg_fixed = gate_rstr(r, t, s, len);
	else if (KEY_IS(k, "Title"))
		f->title = gate_rstr_max(r, t, s, len, 200);
	else if (KEY_IS(k, "PrimaryURL"))
		f->url = gate_rstr(r, t, s, len);
}

static void misconf_field(struct reader *r, const char *k, enum js_type t,
			  const char *s, size_t len)
{
	struct finding *f = cur(r);

	if (KEY_IS(k, "ID"))
		f->rule_id = gate_rstr(r, t, s, len);
	else if (KEY_IS(k, "AVDID") && !f->rule_id)
		f->rule_id = gate_rstr(r, t, s, len);
	else if (KEY_IS(k, "Title"))
		f->title = gate_rstr_max(r, t, s, len, 200);
	else if (KEY_IS(k, "PrimaryURL"))
		f->url = gate_rstr(r, t, s, len);
	else if (KEY_IS(k, "Status"))
		/* only a known non-failure is dropped: an odd word is kept */
		r->tv_drop = t == JS_STRING &&
			((len == 4 && !memcmp(s, "PASS", 4)) ||
			 (len == 9 && !memcmp(s, "EXCEPTION", 9)));
}

static void secret_field(struct reader *r, const char *k, enum js_type t,
			 const char *s, size_t len)
{
	struct finding *f = cur(r);

	if (KEY_IS(k, "RuleID"))
		f->rule_id = gate_rstr(r, t, s, len);
	else if (KEY_IS(k, "Title"))
		f->title = gate_rstr_max(r, t, s, len, 200);
	else if (KEY_IS(k, "StartLine"))
		f->start_line = js_uint(s, len);
	else if (KEY_IS(k, "EndLine"))
		f->end_line = js_uint(s, len);
	else if (KEY_IS(k, "Match"))	/* masked; stable when lines move */
		f->anchor = gate_rstr_max(r, t, s, len, 200);
}

static void license_field(struct reader *r, const char *k, enum js_type t,
			  const char *s, size_t len)
{
	struct finding *f = cur(r);

	if (KEY_IS(k, "Name"))
		f->rule_id = gate_rstr(r, t, s, len);
	else if (KEY_IS(k, "PkgName"))
		f->pkg_name = gate_rstr(r, t, s, len);
	else if (KEY_IS(k, "FilePath"))
		f->path = t == JS_STRING ? gate_path(r->in, s, len) : NULL;
	else if (KEY_IS(k, "Link"))
		f->url = gate_rstr(r, t, s, len);
}

static void record_field(struct reader *r, const char *k, enum js_type t,
			 const char *s, size_t len)
{
	if (KEY_IS(k, "Severity"))
		cur(r)->severity = t == JS_STRING ? severity_of(s, len) :
				   SEV_UNKNOWN;
	else if (r->tv_kind == TV_VULN)
		vuln_field(r, k, t, s, len);
	else if (r->tv_kind == TV_MISCONF)
		misconf_field(r, k, t, s, len);
	else if (r->tv_kind == TV_SECRET)
		secret_field(r, k, t, s, len);
	else
		license_field(r, k, t, s, len);
}

int gate_trivy_scalar(struct reader *r, struct jstream *js, int depth,
		 enum js_type t, const char *s, size_t len)
{
	int ptag = js->frames[depth - 1].tag;
	const char *k = js->frames[depth - 1].key.ptr;

	if (ptag == T_TV_RESULTS || ptag == T_TV_LIST || ptag == T_TV_K8S_LIST) {
		read_wrong_type(r, "an entry of a Trivy list", (int)t);
	} else if (ptag == T_TV_REC) {
		record_field(r, k, t, s, len);
	} else if (ptag == T_TV_MSUMMARY) {
		if (KEY_IS(k, "Failures") && t == JS_NUMBER)
			r->tv_misconf_failures = read_number(s, len);
	} else if (ptag == T_TV_CAUSE) {
		if (KEY_IS(k, "Resource"))
			cur(r)->resource = gate_rstr(r, t, s, len);
		else if (KEY_IS(k, "StartLine"))
			cur(r)->start_line = js_uint(s, len);
		else if (KEY_IS(k, "EndLine"))
			cur(r)->end_line = js_uint(s, len);
	} else if (ptag == T_TV_RESULT) {
		if (t != JS_NULL && list_index(k) >= 0)
			read_wrong_type(r, "a Result's list of findings", (int)t);
		else if (KEY_IS(k, "Target"))
			r->target = gate_rstr(r, t, s, len);
		else if (KEY_IS(k, "Class"))
			r->klass = gate_rstr(r, t, s, len);
	} else if (ptag == T_TV_K8S_RES) {
		if (t != JS_NULL && KEY_IS(k, "Results"))
			read_wrong_type(r, "a resource's 'Results'", (int)t);
		else if (KEY_IS(k, "Namespace"))
			r->k8s_ns = gate_rstr(r, t, s, len);
		else if (KEY_IS(k, "Kind"))
			r->k8s_kind = gate_rstr(r, t, s, len);
		else if (KEY_IS(k, "Name"))
			r->k8s_name = gate_rstr(r, t, s, len);
	}
	return 0;
}

/* Anchors, once every Result and resource has been applied. */
void gate_trivy_finish(struct reader *r)
{
	struct buf a = BUF_INIT;
	size_t i;

	for (i = r->start; i < r->in->nr; i++) {
		struct finding *f = &r->in->findings[i];

		if (f->anchor || (!f->resource && !f->pkg_name))
			continue;
		buf_reset(&a);
		buf_addf(&a, "%s|%s", f->resource ? f->resource : "",
			 f->pkg_name ? f->pkg_name : "");
		f->anchor = gate_strdup(r->in, a.ptr, a.len);
	}
	buf_release(&a);
}
