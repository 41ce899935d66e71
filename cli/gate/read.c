/*
 * Reading a report: detection by content, then one streaming pass.
 *
 * The first bytes tell text from JSON (a UTF-16 BOM or Checkov's console
 * banner is refused with a clear message; `key=value` lines are SonarQube's
 * report-task.txt).  In JSON the first top-level keys decide the format
 * (REPORT_FORMATS.md §0) and the matching handler follows the paths it needs.
 */
#include "gate/gate.h"
#include "gate/read_int.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/xalloc.h"

#define CHUNK (256 * 1024)

static const char *const fmt_names[] = {
	"unknown", "trivy-json", "checkov-json", "checkov-json", "sarif",
	"sonar-issues", "sonar-hotspots", "sonar-quality-gate",
	"sonar-ce-task", "sonar-error", "trivy-json", "sonar-webhook",
	"sonar-generic-issues",
};

static const char *const fmt_tools[] = {
	"", "trivy", "checkov", "checkov", "sarif", "sonarqube", "sonarqube",
	"sonarqube", "sonarqube", "sonarqube", "trivy", "sonarqube",
	"sonarqube",
};

void gate_reader_begin(struct reader *r, const char *tool, enum category cat)
{
	struct finding *f = gate_add_finding(r->in);

	f->tool = tool;
	f->category = cat;
	r->cur = r->in->nr - 1;
	r->have_cur = 1;
}

void read_fault(struct reader *r, const char *fmt, ...)
{
	va_list ap;

	if (r->fault.len)
		return;	/* the first reason is the one to fix first */
	va_start(ap, fmt);
	buf_vaddf(&r->fault, fmt, ap);
	va_end(ap);
}

void read_wrong_type(struct reader *r, const char *what, int t)
{
	static const char *const names[] = {
		"null", "a boolean", "a number", "a string"
	};

	read_fault(r, "%s is %s", what, t == RT_OBJECT ? "an object" :
		     t == RT_LIST ? "a list" : names[t]);
}

void gate_reader_drop(struct reader *r)
{
	if (r->have_cur && r->cur == r->in->nr - 1)
		r->in->nr--;
	r->have_cur = 0;
}

const char *gate_rstr(struct reader *r, enum js_type t, const char *s, size_t len)
{
	if (t == JS_NULL || !len)
		return NULL;
	return gate_strdup_max(r->in, s, len, 512);
}

const char *gate_rstr_max(struct reader *r, enum js_type t, const char *s,
		     size_t len, size_t max)
{
	if (t == JS_NULL || !len)
		return NULL;
	return gate_strdup_max(r->in, s, len, max);
}

double read_number(const char *s, size_t len)
{
	char num[64];

	if (!len || len >= sizeof(num))
		return len ? 1e300 : 0;	/* a number that long is huge */
	memcpy(num, s, len);
	num[len] = '\0';
	return strtod(num, NULL);
}

static int gate_key_is(const struct jstream *js, int depth, const char *key)
{
	return !strcmp(js->frames[depth - 1].key.ptr, key);
}

static int in_range(int tag, int lo, int hi)
{
	return tag >= lo && tag <= hi;
}

/*
 * A top-level key: a hint of the format, so that the handlers know what they
 * read; the format itself is decided by proof at the end (detect.c).
 */
static enum fmt format_of_key(const char *k)
{
	static const char *const trivy[] = {
		"SchemaVersion", "ArtifactName", "ArtifactType", "Results",
		"ClusterName", "Resources", "Vulnerabilities",
		"Misconfigurations", NULL
	};
	int i;

	for (i = 0; trivy[i]; i++)
		if (!strcmp(k, trivy[i]))
			return FMT_TRIVY;
	if (!strcmp(k, "check_type") || !strcmp(k, "results"))
		return FMT_CHECKOV;
	if (!strcmp(k, "runs"))
		return FMT_SARIF;
	if (!strcmp(k, "issues"))
		return FMT_SONAR_ISSUES;
	if (!strcmp(k, "hotspots"))
		return FMT_SONAR_HOTSPOTS;
	if (!strcmp(k, "projectStatus"))
		return FMT_SONAR_GATE;
	if (!strcmp(k, "task"))
		return FMT_SONAR_TASK;
	if (!strcmp(k, "qualityGate"))	/* a webhook's payload */
		return FMT_SONAR_WEBHOOK;
	return FMT_UNKNOWN;
}

static void note_unknown_key(struct reader *r, const char *k)
{
	static const char *const known[] = {
		"components", "paging", "passed", "failed", "skipped",
		"parsing_errors", "resource_count", "checkov_version", "summary",
		"version", "$schema", "errors", "rules", "total", "p", "ps", NULL
	};
	int i;

	for (i = 0; known[i]; i++)
		if (!strcmp(k, known[i]))
			return;
	if (r->nr_unknown_keys++ < 6)
		buf_addf(&r->unknown_keys, "%s'%.40s'",
			 r->unknown_keys.len ? ", " : "", k);
}

/* The kind of a top-level array element, from its keys. */
static int element_tag(const char *k)
{
	static const char *const trivy[] = {
		"Target", "Class", "Type", "Vulnerabilities",
		"Misconfigurations", "Secrets", "Licenses", "Packages",
		"MisconfSummary", NULL
	};
	int i;

	for (i = 0; trivy[i]; i++)
		if (!strcmp(k, trivy[i]))
			return T_TV_RESULT;
	if (!strcmp(k, "check_type") || !strcmp(k, "results") ||
	    !strcmp(k, "summary"))
		return T_CK_REPORT;
	return T_ARR_ELEM;
}

static int on_key(void *ctx, struct jstream *js, int depth, const char *s,
		  size_t len)
{
	struct reader *r = ctx;
	struct js_frame *f = &js->frames[depth - 1];
	int root = js->frames[0].tag;

	(void)s;
	(void)len;
	if (depth == 1 && root == T_ROOT_OBJ) {
		detect_root_key(r, f->key.ptr);
		if (format_of_key(f->key.ptr) == FMT_UNKNOWN)
			note_unknown_key(r, f->key.ptr);
		else if (r->fmt == FMT_UNKNOWN)
			r->fmt = format_of_key(f->key.ptr);
	} else if (depth == 2 && root == T_ROOT_ARR) {
		detect_elem_key(r, f->key.ptr);
		if (f->tag == T_ARR_ELEM)
			f->tag = element_tag(f->key.ptr);
		if (f->tag == T_TV_RESULT && r->fmt == FMT_UNKNOWN)
			r->fmt = FMT_TRIVY;
		if (f->tag == T_CK_REPORT && r->fmt == FMT_UNKNOWN)
			r->fmt = FMT_CHECKOV;
	} else if (depth == 3 && root == T_ROOT_OBJ && js->frames[1].is_array) {
		detect_elem_key(r, f->key.ptr);	/* an element of a list */
	} else if (depth == 2 && f->tag == T_CK_RESULTS) {
		detect_results_key(r, f->key.ptr);
	}
	return 0;
}

/*
 * The top-level keys that hold findings, and the JSON type they must have:
 * any other type would leave findings unread.  Trivy writes null for an
 * empty list.
 */
static void check_holder(struct reader *r, const char *k, int t)
{
	static const struct { const char *key; int type; int null_ok; } map[] = {
		{ "Results", RT_LIST, 1 }, { "Resources", RT_LIST, 1 },
		{ "Vulnerabilities", RT_LIST, 1 },
		{ "Misconfigurations", RT_LIST, 1 }, { "runs", RT_LIST, 0 },
		{ "issues", RT_LIST, 0 }, { "hotspots", RT_LIST, 0 },
		{ "projectStatus", RT_OBJECT, 0 },
	};
	size_t i;
	char what[64];

	for (i = 0; i < ARRAY_SIZE(map); i++) {
		if (strcmp(k, map[i].key) || t == map[i].type ||
		    (t == JS_NULL && map[i].null_ok))
			continue;
		snprintf(what, sizeof(what), "'%s'", k);
		read_wrong_type(r, what, t);
	}
}

/* A container directly under the top-level object. */
static int root_child_tag(struct reader *r, const char *k, int is_array)
{
	static const struct { const char *key; int array; int tag; } map[] = {
		{ "Results", 1, T_TV_RESULTS },
		{ "Resources", 1, T_TV_K8S_LIST },
		{ "Vulnerabilities", 1, T_TV_K8S_LIST },
		{ "Misconfigurations", 1, T_TV_K8S_LIST },
		{ "results", 0, T_CK_RESULTS },
		{ "runs", 1, T_SF_RUNS },
		{ "issues", 1, T_SQ_ISSUES },
		{ "hotspots", 1, T_SQ_HOTSPOTS },
		{ "components", 1, T_SQ_COMPONENTS },
		{ "projectStatus", 0, T_SQ_STATUS },
		{ "errors", 1, T_SQ_ERRORS },
		{ "qualityGate", 0, T_SQ_WEBHOOK_GATE },
		{ "rules", 1, T_SQ_RULES },
		{ "summary", 0, T_CK_SUMMARY },
		{ "paging", 0, T_SQ_PAGING },
		{ "task", 0, T_SQ_TASK },
		/* other tools' lists: their elements' keys name the tool */
		{ "results", 1, T_FOREIGN_LIST },
		{ "matches", 1, T_FOREIGN_LIST },
		{ "queries", 1, T_FOREIGN_LIST },
	};
	size_t i;

	if (!strcmp(k, "task") && !is_array)
		r->sq_task_seen = 1;
	for (i = 0; i < ARRAY_SIZE(map); i++)
		if (!strcmp(k, map[i].key) && is_array == map[i].array)
			return map[i].tag;
	return JS_SKIP;
}

static int on_open(void *ctx, struct jstream *js, int depth)
{
	struct reader *r = ctx;
	struct js_frame *f = &js->frames[depth];
	int ptag = depth ? js->frames[depth - 1].tag : T_NONE;

	if (!depth) {
		f->tag = f->is_array ? T_ROOT_ARR : T_ROOT_OBJ;
		r->root_is_array = f->is_array;
		return 0;
	}
	if (ptag == T_ROOT_OBJ) {
		check_holder(r, js->frames[0].key.ptr,
			     f->is_array ? RT_LIST : RT_OBJECT);
		f->tag = root_child_tag(r, js->frames[0].key.ptr, f->is_array);
		if (f->tag == T_CK_RESULTS) {
			r->ck_start = r->in->nr;
			r->ck_results_object = 1;
		}
		if (f->tag == JS_SKIP || f->tag == T_FOREIGN_LIST)
			return 0;
		if (in_range(f->tag, T_TV_RESULTS, T_SF_SUPPR))
			return f->tag <= T_TV_K8S_RES ? gate_trivy_open(r, js, depth) :
			       f->tag <= T_CK_LINES ? gate_checkov_open(r, js, depth) :
			       gate_sarif_open(r, js, depth);
		return gate_sonar_open(r, js, depth);
	}
	if (ptag == T_ROOT_ARR) {
		r->root_elems++;
		detect_elem_begin(r);
		if (f->is_array)	/* a list in a list is no report */
			r->elems_unproven++;
		/* an element: a Trivy Result or a Checkov report, by its keys */
		f->tag = f->is_array ? JS_SKIP : T_ARR_ELEM;
		r->result_start = r->ck_start = r->in->nr;
		r->target = r->klass = r->check_type = NULL;
		r->ck_have_results = 0;
		r->ck_report_failed = 0;
		return 0;
	}
	if (ptag == T_FOREIGN_LIST) {
		r->foreign_elems++;
		f->tag = f->is_array ? JS_SKIP : T_FOREIGN_ELEM;
		return 0;
	}
	if (ptag == T_ARR_ELEM || ptag == T_FOREIGN_ELEM) {
		f->tag = JS_SKIP;
		return 0;
	}
	if (in_range(ptag, T_TV_RESULTS, T_TV_K8S_RES))
		return gate_trivy_open(r, js, depth);
	if (in_range(ptag, T_CK_REPORT, T_CK_LINES))
		return gate_checkov_open(r, js, depth);
	if (in_range(ptag, T_SF_RUNS, T_SF_SUPPR))
		return gate_sarif_open(r, js, depth);
	return gate_sonar_open(r, js, depth);
}

static int on_close(void *ctx, struct jstream *js, int depth)
{
	struct reader *r = ctx;
	int tag = js->frames[depth].tag;

	if (depth == 1 && js->frames[0].tag == T_ROOT_ARR)
		detect_elem_done(r, tag);
	if (tag <= T_ARR_ELEM)
		return 0;
	if (tag <= T_TV_K8S_RES)
		return gate_trivy_close(r, js, depth);
	if (tag <= T_CK_LINES)
		return gate_checkov_close(r, js, depth);
	if (tag <= T_SF_SUPPR)
		return gate_sarif_close(r, js, depth);
	return gate_sonar_close(r, js, depth);
}

static int on_scalar(void *ctx, struct jstream *js, int depth,
		     enum js_type t, const char *s, size_t len)
{
	struct reader *r = ctx;
	int ptag = depth ? js->frames[depth - 1].tag : T_NONE;

	if (!depth) {
		if (t == JS_NULL) {	/* Trivy's legacy "nothing found" */
			r->fmt = FMT_EMPTY;
			return 0;
		}
		err_set(r->err, ERR_INPUT, "%s: a bare JSON %s is no known report",
			r->name, t == JS_STRING ? "string" : "value");
		return 1;
	}
	if (ptag == T_FOREIGN_LIST)
		r->foreign_elems++;
	if (ptag == T_ROOT_ARR) {	/* a scalar in a list is no report */
		r->root_elems++;
		r->elems_unproven++;
	}
	if (ptag == T_ROOT_OBJ) {
		check_holder(r, js->frames[0].key.ptr, (int)t);
		detect_root_scalar(r, js->frames[0].key.ptr, t, s, len);
		if (gate_key_is(js, depth, "check_type"))
			r->check_type = gate_rstr(r, t, s, len);
		else if (gate_key_is(js, depth, "failed") && t == JS_NUMBER)
			r->ck_summary_failed = read_number(s, len);
		else if (gate_key_is(js, depth, "total") && t == JS_NUMBER)
			r->sq_paging_total = read_number(s, len);	/* old pages */
		return 0;
	}
	if (in_range(ptag, T_TV_RESULTS, T_TV_K8S_RES))
		return gate_trivy_scalar(r, js, depth, t, s, len);
	if (in_range(ptag, T_CK_REPORT, T_CK_LINES))
		return gate_checkov_scalar(r, js, depth, t, s, len);
	if (in_range(ptag, T_SF_RUNS, T_SF_SUPPR))
		return gate_sarif_scalar(r, js, depth, t, s, len);
	if (ptag >= T_SQ_ISSUES)
		return gate_sonar_scalar(r, js, depth, t, s, len);
	return 0;
}

static const struct js_handler handler = {
	on_open, on_close, on_scalar, on_key,
};

/* report-task.txt: `key=value` lines, split at the first '='. */
static int looks_like_properties(const char *p, size_t len)
{
	size_t i = 0;

	while (i < len && (isalnum((unsigned char)p[i]) || p[i] == '.' ||
			   p[i] == '_' || p[i] == '-'))
		i++;
	return i > 0 && i < len && p[i] == '=';
}

static void set_prop(char **slot, const char *v, size_t len)
{
	free(*slot);
	*slot = xstrndup(v, len);
}

static int report_task_line(struct sonar_info *s, const char *p, size_t n)
{
	static const struct { const char *key; size_t off; } keys[] = {
		{ "projectKey", offsetof(struct sonar_info, project_key) },
		{ "dashboardUrl", offsetof(struct sonar_info, dashboard_url) },
		{ "ceTaskId", offsetof(struct sonar_info, ce_task_id) },
		{ "serverUrl", offsetof(struct sonar_info, server_url) },
		{ "branch", offsetof(struct sonar_info, branch) },
	};
	const char *eq = memchr(p, '=', n);
	size_t i, klen;

	if (!eq)
		return -1;
	klen = (size_t)(eq - p);
	for (i = 0; i < ARRAY_SIZE(keys); i++)
		if (strlen(keys[i].key) == klen && !memcmp(p, keys[i].key, klen))
			set_prop((char **)((char *)s + keys[i].off), eq + 1,
				 n - klen - 1);
	return 0;
}

static int read_report_task(struct gate_input *in, const char *name,
			    const char *p, size_t len, struct err *err)
{
	struct sonar_info *s = &in->sonar;
	const char *end = p + len;
	size_t line = 0;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);

		line++;
		if (n && p[n - 1] == '\r')
			n--;
		if (n && *p != '#' && report_task_line(s, p, n) < 0)
			return err_set(err, ERR_INPUT, "%s:%zu: not a key=value "
				       "line of report-task.txt", name, line);
		p = nl ? nl + 1 : end;
	}
	if (!s->ce_task_id && !s->project_key)
		return err_set(err, ERR_INPUT, "%s: report-task.txt without "
			       "projectKey or ceTaskId", name);
	s->have_task = 1;
	return 0;
}

/*
 * Where the bytes come from: a file descriptor or memory, as they are or
 * decoded from UTF-16 (a BOM said so: PowerShell's `>` writes that) into
 * UTF-8 chunk by chunk, so that a large report still streams.
 */
struct feeder {
	int fd;
	const char *mem;
	size_t len, pos;
	int utf16;		/* 0, or UTF16_LE / UTF16_BE */
	unsigned char *raw;	/* UTF-16 bytes not decoded yet */
	size_t nr_raw;
	unsigned high;		/* a high surrogate waiting for its pair */
};

enum { UTF16_LE = 1, UTF16_BE = 2 };

static ssize_t feed_raw(struct feeder *fd, char *buf, size_t cap)
{
	ssize_t n;
	size_t left;

	if (!fd->mem) {
		do
			n = read(fd->fd, buf, cap);
		while (n < 0 && errno == EINTR);
		return n;
	}
	left = fd->len - fd->pos;
	n = (ssize_t)(left < cap ? left : cap);
	memcpy(buf, fd->mem + fd->pos, (size_t)n);
	fd->pos += (size_t)n;
	return n;
}

static size_t put_utf8(char *out, unsigned cp)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | cp >> 6);
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xE0 | cp >> 12);
		out[1] = (char)(0x80 | (cp >> 6 & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | cp >> 18);
	out[1] = (char)(0x80 | (cp >> 12 & 0x3F));
	out[2] = (char)(0x80 | (cp >> 6 & 0x3F));
	out[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

/* Decodes `n` (even) bytes; a lone surrogate becomes U+FFFD. */
static size_t utf16_decode(struct feeder *fd, const unsigned char *p,
			   size_t n, char *out)
{
	size_t i, o = 0;

	for (i = 0; i < n; i += 2) {
		unsigned u = fd->utf16 == UTF16_LE ? (unsigned)(p[i] | p[i + 1] << 8) :
			(unsigned)(p[i] << 8 | p[i + 1]);

		if (fd->high && u >= 0xDC00 && u <= 0xDFFF) {
			o += put_utf8(out + o, 0x10000 + ((fd->high - 0xD800) << 10) +
				      (u - 0xDC00));
			fd->high = 0;
			continue;
		}
		if (fd->high) {
			o += put_utf8(out + o, 0xFFFD);
			fd->high = 0;
		}
		if (u >= 0xD800 && u <= 0xDBFF)
			fd->high = u;
		else
			o += put_utf8(out + o, u >= 0xDC00 && u <= 0xDFFF ? 0xFFFD : u);
	}
	return o;
}

/* Two input bytes give at most three output bytes (six after a lone high). */
static ssize_t feed_utf16(struct feeder *fd, char *out, size_t cap)
{
	size_t want = (cap - 6) / 3 * 2, even, produced;
	ssize_t got;

	for (;;) {
		got = 1;
		if (fd->nr_raw < want) {
			got = feed_raw(fd, (char *)fd->raw + fd->nr_raw,
				       want - fd->nr_raw);
			if (got < 0)
				return got;
			fd->nr_raw += (size_t)got;
		}
		even = (fd->nr_raw < want ? fd->nr_raw : want) & ~(size_t)1;
		produced = utf16_decode(fd, fd->raw, even, out);
		fd->nr_raw -= even;
		memmove(fd->raw, fd->raw + even, fd->nr_raw);
		if (!got) {	/* the end: what is left is no character */
			if (fd->high || fd->nr_raw)
				produced += put_utf8(out + produced, 0xFFFD);
			fd->high = 0;
			fd->nr_raw = 0;
			return (ssize_t)produced;
		}
		if (produced)
			return (ssize_t)produced;
	}
}

static ssize_t feed(struct feeder *fd, char *buf, size_t cap)
{
	return fd->utf16 ? feed_utf16(fd, buf, cap) : feed_raw(fd, buf, cap);
}

/* A UTF-16 BOM in the first chunk: decode from here on. */
static ssize_t start_utf16(struct feeder *fd, char *buf, size_t n)
{
	fd->utf16 = (unsigned char)buf[0] == 0xFF ? UTF16_LE : UTF16_BE;
	fd->raw = xmalloc(CHUNK);
	memcpy(fd->raw, buf + 2, n - 2);
	fd->nr_raw = n - 2;
	return feed(fd, buf, CHUNK);
}

static void add_source(struct gate_input *in, const char *name)
{
	struct gate_source *s;

	ALLOC_GROW(in->sources, in->nr_sources, in->alloc_sources);
	s = &in->sources[in->nr_sources++];
	memset(s, 0, sizeof(*s));
	s->path = xstrdup(name);
}

static void reader_release(struct reader *r)
{
	buf_release(&r->unknown_keys);
	buf_release(&r->fault);
	free(r->rules);
	strmap_release(&r->rule_ids);
	free(r->driver_pos);
	gate_reader_release_sonar(r);
}

/* After the last byte: the format must be proven, then finished. */
static int reader_finish(struct reader *r)
{
	struct gate_source *src = &r->in->sources[r->in->nr_sources - 1];

	if (detect_decide(r))
		return r->err->code;
	if (r->fmt == FMT_SONAR_ERROR)
		return err_set(r->err, ERR_INPUT, "%s: a SonarQube error "
			       "response, not a result: %s", r->name,
			       r->sq_error.len ? r->sq_error.ptr : "(no message)");
	if (r->fmt == FMT_TRIVY || r->fmt == FMT_EMPTY)
		gate_trivy_finish(r);
	if ((r->fmt >= FMT_SONAR_ISSUES && r->fmt <= FMT_SONAR_TASK) ||
	    r->fmt == FMT_SONAR_GENERIC)
		gate_sonar_finish(r);
	if (r->fmt == FMT_CHECKOV || r->fmt == FMT_CHECKOV_SUMMARY)
		gate_checkov_finish(r);
	if (r->fmt == FMT_SARIF)
		read_sarif_finish(r);
	if (r->fmt == FMT_SONAR_WEBHOOK && !r->in->sonar.status)
		r->in->sonar.status = xstrdup("NONE");	/* no gate: no status */
	/* e.g. Trivy's findings under "results": no reader follows them */
	if (r->foreign_elems)
		read_fault(r, "it has a top-level 'results', 'matches' or "
			   "'queries' list with entries, which %s does not",
			   fmt_names[r->fmt]);
	if (r->sq_nr_errors)	/* the producer said it failed */
		read_fault(r, "it holds %zu error%s besides its data%s%s",
			   r->sq_nr_errors, r->sq_nr_errors == 1 ? "" : "s",
			   r->sq_error.len ? ": " : "", r->sq_error.ptr);
	if (r->fault.len)
		return err_set(r->err, ERR_INPUT, "%s: %s: %s, so the gate "
			       "cannot read all of it", r->name,
			       fmt_names[r->fmt], r->fault.ptr);
	src->format = xstrdup(fmt_names[r->fmt]);
	if ((r->fmt == FMT_SARIF || r->fmt == FMT_SONAR_GENERIC) &&
	    r->start < r->in->nr)
		src->tool = xstrdup(r->in->findings[r->start].tool);
	else if (r->fmt == FMT_SARIF && r->run_tool)
		src->tool = xstrdup(r->run_tool);
	else
		src->tool = xstrdup(fmt_tools[r->fmt]);
	src->findings = r->in->nr - r->start;
	return 0;
}

static int read_json(struct reader *r, struct feeder *fd, char *buf,
		     size_t off, size_t n)
{
	struct jstream js;
	ssize_t got = (ssize_t)(n - off);
	char *data = buf + off;
	int ret = 0;

	jstream_init(&js, &handler, r);
	for (;;) {
		if (got < 0) {
			ret = err_set(r->err, ERR_IO, "cannot read '%s': %s",
				      r->name, strerror(errno));
			break;
		}
		if (!got) {
			ret = jstream_finish(&js, r->name, r->err);
			break;
		}
		if ((ret = jstream_feed(&js, data, (size_t)got, r->name, r->err)))
			break;
		data = buf;
		got = feed(fd, buf, CHUNK);
	}
	jstream_release(&js);
	return ret ? ret : reader_finish(r);
}

static size_t skip_space(const char *p, size_t n)
{
	size_t i = 0;

	while (i < n && (p[i] == ' ' || p[i] == '\t' || p[i] == '\r' ||
			 p[i] == '\n'))
		i++;
	return i;
}

static int read_text(struct gate_input *in, const char *name,
		     struct feeder *fd, char *buf, size_t n, struct err *err)
{
	struct buf all = BUF_INIT;
	ssize_t got;
	int ret;

	buf_add(&all, buf, n);
	while (all.len < 1024 * 1024 && (got = feed(fd, buf, CHUNK)) > 0)
		buf_add(&all, buf, (size_t)got);
	ret = read_report_task(in, name, all.ptr, all.len, err);
	buf_release(&all);
	if (!ret) {
		in->sources[in->nr_sources - 1].format =
			xstrdup("sonar-report-task");
		in->sources[in->nr_sources - 1].tool = xstrdup("sonarqube");
	}
	return ret;
}

/*
 * The first chunk, enough of it to tell the encoding (a pipe may give one
 * byte at a time: a BOM needs four to be told), decoded from UTF-16.
 */
static int read_start(struct feeder *fd, const char *name, char *buf,
		      ssize_t *got, struct err *err)
{
	size_t n = *got > 0 ? (size_t)*got : 0;

	while (*got > 0 && n < 4) {
		*got = feed(fd, buf + n, CHUNK - n);
		n += *got > 0 ? (size_t)*got : 0;
	}
	if (n >= 4 && (!memcmp(buf, "\xFF\xFE\0\0", 4) ||
		       !memcmp(buf, "\0\0\xFE\xFF", 4)))
		return err_set(err, ERR_INPUT, "%s: UTF-32, which the gate does "
			       "not read; save the report as UTF-8", name);
	if (*got >= 0 && n >= 2 && (!memcmp(buf, "\xFF\xFE", 2) ||
				    !memcmp(buf, "\xFE\xFF", 2))) {
		*got = start_utf16(fd, buf, n);
		n = *got > 0 ? (size_t)*got : 0;
	}
	if (*got < 0)
		return err_set(err, ERR_IO, "cannot read '%s': %s", name,
			       strerror(errno));
	*got = (ssize_t)n;
	return 0;
}

static int read_feeder(struct gate_input *in, const char *name,
		       struct feeder *fd, struct err *err)
{
	struct reader r = { .in = in, .err = err, .name = name };
	char *buf = xmalloc(CHUNK);
	ssize_t got = feed(fd, buf, CHUNK);
	size_t n, sp, bom = 0;
	int ret;

	r.unknown_keys = (struct buf)BUF_INIT;
	r.fault = (struct buf)BUF_INIT;
	r.sq_error = (struct buf)BUF_INIT;
	r.start = in->nr;
	add_source(in, name);
	if ((ret = read_start(fd, name, buf, &got, err)))
		goto out;
	n = (size_t)got;
	if (n >= 3 && !memcmp(buf, "\xEF\xBB\xBF", 3))
		bom = 3;	/* a UTF-8 BOM is harmless: skip it */
	sp = bom + skip_space(buf + bom, n - bom);
	/* blanks up to the end of a short read: there may be more */
	while (sp == n && CHUNK - n > 64 && (got = feed(fd, buf + n, CHUNK - n)) > 0) {
		n += (size_t)got;
		sp += skip_space(buf + sp, n - sp);
	}
	if (sp == n)
		ret = err_set(err, ERR_INPUT, "%s: empty file, not a report", name);
	else if (strchr("{[n", buf[sp]))
		ret = read_json(&r, fd, buf, bom, n);
	else if (looks_like_properties(buf + sp, n - sp))
		ret = read_text(in, name, fd, buf + sp, n - sp, err);
	else
		ret = detect_text(name, buf + sp, n - sp, err);
out:
	if (ret) {	/* leave nothing of a report that could not be read */
		in->nr = r.start;
		free(in->sources[--in->nr_sources].path);
		free(in->sources[in->nr_sources].tool);
		free(in->sources[in->nr_sources].format);
	}
	reader_release(&r);
	free(fd->raw);
	free(buf);
	return ret;
}

int gate_read_file(struct gate_input *in, const char *path, struct err *err)
{
	struct feeder fd = { .fd = -1 };
	int ret;

	fd.fd = !strcmp(path, "-") ? 0 : open(path, O_RDONLY | O_CLOEXEC);
	if (fd.fd < 0)
		return err_set(err, errno == ENOENT ? ERR_NOTFOUND : ERR_IO,
			       "cannot open report '%s': %s", path,
			       strerror(errno));
	ret = read_feeder(in, path, &fd, err);
	if (fd.fd > 0)
		close(fd.fd);
	return ret;
}

int gate_read_mem(struct gate_input *in, const char *name, const char *data,
		  size_t len, struct err *err)
{
	struct feeder fd = { .fd = -1, .mem = data, .len = len };

	return read_feeder(in, name, &fd, err);
}
