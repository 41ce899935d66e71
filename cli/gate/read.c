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
};

static const char *const fmt_tools[] = {
	"", "trivy", "checkov", "checkov", "sarif", "sonarqube", "sonarqube",
	"sonarqube", "sonarqube", "sonarqube", "trivy", "sonarqube",
};

void gate_reader_begin(struct reader *r, const char *tool, enum category cat)
{
	struct finding *f = gate_add_finding(r->in);

	f->tool = tool;
	f->category = cat;
	r->cur = r->in->nr - 1;
	r->have_cur = 1;
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

static int gate_key_is(const struct jstream *js, int depth, const char *key)
{
	return !strcmp(js->frames[depth - 1].key.ptr, key);
}

static int in_range(int tag, int lo, int hi)
{
	return tag >= lo && tag <= hi;
}

/* A top-level key: decides the format when it is the first telling one. */
static enum fmt format_of_key(struct reader *r, const char *k)
{
	static const char *const trivy[] = {
		"SchemaVersion", "ArtifactName", "ArtifactType", "Results",
		"ClusterName", "Resources", "Vulnerabilities",
		"Misconfigurations", NULL
	};
	static const char *const summary[] = {
		"passed", "failed", "skipped", "parsing_errors",
		"resource_count", "checkov_version", NULL
	};
	int i;

	for (i = 0; trivy[i]; i++)
		if (!strcmp(k, trivy[i]))
			return FMT_TRIVY;
	for (i = 0; summary[i]; i++)
		if (!strcmp(k, summary[i]))
			r->summary_keys |= 1u << i;
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
	if (!strcmp(k, "errors"))
		return FMT_SONAR_ERROR;
	if (!strcmp(k, "qualityGate"))	/* a webhook's payload */
		return FMT_SONAR_WEBHOOK;
	return FMT_UNKNOWN;
}

static void note_unknown_key(struct reader *r, const char *k)
{
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
	enum fmt fmt;

	(void)s;
	(void)len;
	if (f->tag == T_ROOT_OBJ && depth == 1) {
		fmt = format_of_key(r, f->key.ptr);
		if (fmt == FMT_UNKNOWN && r->fmt == FMT_UNKNOWN &&
		    strcmp(f->key.ptr, "components") && !r->summary_keys)
			note_unknown_key(r, f->key.ptr);
		if (r->fmt == FMT_UNKNOWN)
			r->fmt = fmt;
	} else if (f->tag == T_ARR_ELEM && depth == 2) {
		f->tag = element_tag(f->key.ptr);
		if (f->tag == T_TV_RESULT && r->fmt == FMT_UNKNOWN)
			r->fmt = FMT_TRIVY;
		if (f->tag == T_CK_REPORT && r->fmt == FMT_UNKNOWN)
			r->fmt = FMT_CHECKOV;
	}
	return 0;
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
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(map); i++)
		if (!strcmp(k, map[i].key) && is_array == map[i].array)
			return map[i].tag;
	(void)r;
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
		f->tag = root_child_tag(r, js->frames[0].key.ptr, f->is_array);
		if (f->tag == T_CK_RESULTS)
			r->ck_start = r->in->nr;
		if (f->tag != JS_SKIP && in_range(f->tag, T_TV_RESULTS, T_SF_SUPPR))
			return f->tag <= T_TV_K8S_RES ? gate_trivy_open(r, js, depth) :
			       f->tag <= T_CK_LINES ? gate_checkov_open(r, js, depth) :
			       gate_sarif_open(r, js, depth);
		return f->tag == JS_SKIP ? 0 : gate_sonar_open(r, js, depth);
	}
	if (ptag == T_ROOT_ARR) {
		r->root_elems++;
		/* an element: a Trivy Result or a Checkov report, by its keys */
		f->tag = f->is_array ? JS_SKIP : T_ARR_ELEM;
		r->result_start = r->ck_start = r->in->nr;
		r->target = r->klass = r->check_type = NULL;
		return 0;
	}
	if (ptag == T_ARR_ELEM) {
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

	if (depth == 0 && tag == T_ROOT_ARR && r->fmt == FMT_UNKNOWN &&
	    !r->root_elems)
		r->fmt = FMT_EMPTY;	/* `[]`: nothing found */
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
	if (ptag == T_ROOT_ARR)
		r->root_elems++;
	if (ptag == T_ROOT_OBJ) {
		if (gate_key_is(js, depth, "check_type"))
			r->check_type = gate_rstr(r, t, s, len);
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

/* What the first bytes say about a file that is no JSON. */
static int not_json(const char *name, const unsigned char *p, size_t len,
		    struct err *err)
{
	if (len >= 2 && ((p[0] == 0xFF && p[1] == 0xFE) ||
			 (p[0] == 0xFE && p[1] == 0xFF)))
		return err_set(err, ERR_INPUT, "%s: UTF-16 text, not a JSON "
			       "report (Checkov's console output saved by a "
			       "Windows shell?); write reports with -o json "
			       "or --format json", name);
	if (memmem(p, len, "By Prisma Cloud", 15) ||
	    memmem(p, len, "bridgecrew", 10) || memmem(p, len, "Check: CKV", 10) ||
	    (memmem(p, len, "       _ ", 9) && memmem(p, len, "checkov", 7)))
		return err_set(err, ERR_INPUT, "%s: Checkov console text, not "
			       "JSON; run checkov with '-o json' (or '-o sarif')",
			       name);
	return err_set(err, ERR_INPUT, "%s: not a report: neither JSON nor "
		       "SonarQube's report-task.txt (starts with '%.20s')", name,
		       (const char *)p);
}

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

/* Where the bytes come from: a file descriptor or memory. */
struct feeder {
	int fd;
	const char *mem;
	size_t len, pos;
};

static ssize_t feed(struct feeder *fd, char *buf, size_t cap)
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
	free(r->rules);
	strmap_release(&r->rule_ids);
	gate_reader_release_sonar(r);
}

/* After the last byte: the format must be known; findings get their ids. */
static int reader_finish(struct reader *r)
{
	struct gate_source *src = &r->in->sources[r->in->nr_sources - 1];
	size_t i;

	if (r->fmt == FMT_UNKNOWN && r->summary_keys & (1u << 5 | 1u << 1))
		r->fmt = FMT_CHECKOV_SUMMARY;
	if (r->fmt == FMT_UNKNOWN)
		return err_set(r->err, ERR_INPUT, "%s: JSON that is no known "
			       "report (Checkov, Trivy, SARIF or SonarQube)%s%s",
			       r->name, r->unknown_keys.len ? "; top-level keys: " :
			       "", r->unknown_keys.ptr);
	if (r->fmt == FMT_SONAR_ERROR)
		return err_set(r->err, ERR_INPUT, "%s: a SonarQube error "
			       "response, not a result: %s", r->name,
			       r->sq_error.len ? r->sq_error.ptr : "(no message)");
	if (r->fmt == FMT_TRIVY || r->fmt == FMT_EMPTY)
		gate_trivy_finish(r);
	if (r->fmt >= FMT_SONAR_ISSUES && r->fmt <= FMT_SONAR_HOTSPOTS)
		gate_sonar_finish(r);
	if (r->fmt == FMT_CHECKOV)
		gate_checkov_finish(r);
	if (r->fmt == FMT_SONAR_WEBHOOK && !r->in->sonar.status)
		r->in->sonar.status = xstrdup("NONE");	/* no gate: no status */
	for (i = r->start; i < r->in->nr; i++)
		finding_fingerprint(&r->in->findings[i]);
	src->format = xstrdup(fmt_names[r->fmt]);
	if (r->fmt == FMT_SARIF && r->start < r->in->nr)
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

static int read_feeder(struct gate_input *in, const char *name,
		       struct feeder *fd, struct err *err)
{
	struct reader r = { .in = in, .err = err, .name = name };
	char *buf = xmalloc(CHUNK);
	ssize_t got = feed(fd, buf, CHUNK);
	size_t n, sp, bom = 0;
	int ret;

	r.unknown_keys = (struct buf)BUF_INIT;
	r.sq_error = (struct buf)BUF_INIT;
	r.start = in->nr;
	add_source(in, name);
	if (got < 0) {
		ret = err_set(err, ERR_IO, "cannot read '%s': %s", name,
			      strerror(errno));
		goto out;
	}
	n = (size_t)got;
	if (n >= 3 && !memcmp(buf, "\xEF\xBB\xBF", 3))
		bom = 3;	/* a UTF-8 BOM is harmless: skip it */
	sp = bom + skip_space(buf + bom, n - bom);
	if (sp == n)
		ret = err_set(err, ERR_INPUT, "%s: empty file, not a report", name);
	else if (strchr("{[n", buf[sp]))
		ret = read_json(&r, fd, buf, bom, n);
	else if (looks_like_properties(buf + sp, n - sp))
		ret = read_text(in, name, fd, buf + sp, n - sp, err);
	else
		ret = not_json(name, (unsigned char *)buf, n, err);
out:
	if (ret) {	/* leave nothing of a report that could not be read */
		in->nr = r.start;
		free(in->sources[--in->nr_sources].path);
		free(in->sources[in->nr_sources].tool);
		free(in->sources[in->nr_sources].format);
	}
	reader_release(&r);
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
