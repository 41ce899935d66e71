/*
 * The SonarQube Web API calls of the gate, on net/http.c.  Responses are
 * handed to the gate's readers as they are; only paging totals, creation
 * dates and the CE task state are looked at here (jansson, small documents).
 */
#include "gate/sonar_fetch.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdarg.h>
#include <string.h>
#include <time.h>

#include "gate/gate.h"
#include "net/http.h"
#include "util/buf.h"
#include "util/xalloc.h"

#define PAGE 500
#define MAX_RESULTS 10000

struct sonar {
	struct http_client *http;
	const struct sonar_query *q;
	struct gate_input *in;
	char *analysis;		/* from the CE task, or NULL */
	long read, total;	/* issues read so far, of how many */
};

static void progress(struct sonar *s, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void progress(struct sonar *s, const char *fmt, ...)
{
	struct buf line = BUF_INIT;
	va_list ap;

	if (!s->q->progress)
		return;
	va_start(ap, fmt);
	buf_vaddf(&line, fmt, ap);
	va_end(ap);
	s->q->progress(s->q->progress_data, line.ptr);
	buf_release(&line);
}

/* 12000 -> "12,000", for people. */
static const char *grouped(char out[32], long n)
{
	char digits[24];
	int len = snprintf(digits, sizeof(digits), "%ld", n), i, o = 0;

	for (i = 0; i < len; i++) {
		if (i && (len - i) % 3 == 0 && digits[i - 1] != '-')
			out[o++] = ',';
		out[o++] = digits[i];
	}
	out[o] = '\0';
	return out;
}

static void param(struct buf *b, const char *name, const char *value)
{
	if (!value)
		return;
	buf_addf(b, "%c%s=", strchr(b->ptr, '?') ? '&' : '?', name);
	http_url_escape(b, value);
}

static void base_url(struct buf *b, const struct sonar_query *q,
		     const char *path)
{
	size_t len = strlen(q->url);

	while (len && q->url[len - 1] == '/')
		len--;
	buf_add(b, q->url, len);
	buf_addstr(b, path);
}

/* SonarQube's {"errors":[{"msg":...}]}, for messages. */
static char *error_msg(const struct http_response *r)
{
	json_t *root = json_loadb(r->body.ptr, r->body.len, 0, NULL);
	const char *msg = json_string_value(json_object_get(
		json_array_get(json_object_get(root, "errors"), 0), "msg"));
	char *copy = msg ? xstrdup(msg) : NULL;

	json_decref(root);
	return copy;
}

static int check_status(const struct http_response *r, const char *what,
			struct err *err)
{
	char *msg;
	int code;

	if (r->status == 200)
		return 0;
	msg = error_msg(r);
	code = r->status == 401 || r->status == 403 ? ERR_ENV :
	       r->status == 404 ? ERR_NOTFOUND :
	       r->status >= 500 ? ERR_NETWORK : ERR_INPUT;
	err_set(err, code, "SonarQube %s: HTTP %ld%s%s%s", what, r->status,
		msg ? " (" : "", msg ? msg : "", msg ? ")" : "");
	if (r->status == 401)
		err_prefix(err, "check SONAR_TOKEN");
	free(msg);
	return code;
}

static int get(struct sonar *s, const char *url, const char *what,
	       struct http_response *out, struct err *err)
{
	struct http_request req = { .method = "GET", .url = url,
				    .idempotent = 1, .follow = 1 };
	static const char *const headers[] = { "Accept: application/json", NULL };

	req.headers = headers;
	if (http_do(s->http, &req, out, err))
		return err_prefix(err, "SonarQube %s", what);
	return check_status(out, what, err);
}

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

static long poll_start_ms(const struct sonar *s)
{
	return s->q->poll_ms > 0 ? s->q->poll_ms : 1000;
}

/* One look at the task: 1 finished, 0 not yet; the analysis id on success. */
static int task_state(struct sonar *s, const char *url, long waited,
		      struct err *err)
{
	struct http_response r = HTTP_RESPONSE_INIT;
	json_t *root = NULL, *task;
	const char *status, *analysis;
	int ret;

	if ((ret = get(s, url, "analysis task", &r, err)))
		goto out;
	root = json_loadb(r.body.ptr, r.body.len, 0, NULL);
	task = json_object_get(root, "task");
	status = json_string_value(json_object_get(task, "status"));
	analysis = json_string_value(json_object_get(task, "analysisId"));
	if (!status) {
		ret = err_set(err, ERR_INPUT, "SonarQube analysis task: not an "
			      "api/ce/task answer");
	} else if (!strcmp(status, "SUCCESS")) {
		s->analysis = analysis ? xstrdup(analysis) : NULL;
		ret = 1;
	} else if (!strcmp(status, "FAILED") || !strcmp(status, "CANCELED")) {
		ret = err_set(err, ERR_ENV, "SonarQube analysis task %s is %s",
			      s->q->ce_task, status);
	} else {
		progress(s, "waiting for analysis %s (%s, %ld s)", s->q->ce_task,
			 status, waited / 1000);
	}
out:
	json_decref(root);
	http_response_release(&r);
	return ret;
}

/* Polls api/ce/task, backing off (x1.5 up to 5 steps) until it is finished. */
static int wait_task(struct sonar *s, struct err *err)
{
	struct buf url = BUF_INIT;
	long step = poll_start_ms(s), waited = 0;
	long limit = s->q->wait_ms > 0 ? s->q->wait_ms : 300000;
	int ret;

	base_url(&url, s->q, "/api/ce/task");
	param(&url, "id", s->q->ce_task);
	while (!(ret = task_state(s, url.ptr, waited, err))) {
		if (waited >= limit) {
			ret = err_set(err, ERR_NETWORK, "SonarQube analysis task "
				      "%s not finished after %ld s", s->q->ce_task,
				      waited / 1000);
			break;
		}
		sleep_ms(step);
		waited += step;
		step = step * 3 / 2 > poll_start_ms(s) * 5 ? poll_start_ms(s) * 5 :
			step * 3 / 2;
	}
	buf_release(&url);
	return ret < 0 ? ret : 0;
}

static void scope(struct buf *url, const struct sonar_query *q)
{
	param(url, "branch", q->branch);
	param(url, "pullRequest", q->pull_request);
}

static int read_response(struct sonar *s, const struct http_response *r,
			 const char *name, struct err *err)
{
	s->in->sonar.live = 1;	/* a page of a query read whole */
	return gate_read_mem(s->in, name, r->body.ptr, r->body.len, err);
}

static int fetch_gate(struct sonar *s, struct err *err)
{
	struct http_response r = HTTP_RESPONSE_INIT;
	struct buf url = BUF_INIT;
	int ret;

	base_url(&url, s->q, "/api/qualitygates/project_status");
	if (s->analysis) {
		param(&url, "analysisId", s->analysis);
	} else {
		param(&url, "projectKey", s->q->project);
		scope(&url, s->q);
	}
	ret = get(s, url.ptr, "quality gate", &r, err);
	if (!ret)
		ret = read_response(s, &r, "sonarqube:api/qualitygates/project_status",
				    err);
	http_response_release(&r);
	buf_release(&url);
	return ret;
}

static long paging_total(const struct http_response *r)
{
	json_t *root = json_loadb(r->body.ptr, r->body.len, 0, NULL);
	json_t *paging = json_object_get(root, "paging");
	json_t *total = paging ? json_object_get(paging, "total") :
		json_object_get(root, "total");
	long n = json_is_integer(total) ? (long)json_integer_value(total) : -1;

	json_decref(root);
	return n;
}

/*
 * One search: the endpoint, its fixed parameters, and the filters that cut
 * it into parts that fit under the cap.
 */
struct search {
	const char *path;	/* "/api/issues/search" */
	const char *what;	/* "issues" */
	const char *key_param;	/* components / project */
	const char *filter, *filter_value;	/* resolved=false / status=... */
	int splittable;		/* takes severities and creation dates */
};

struct part {
	const char *severity;	/* legacy severity, or NULL */
	long after, before;	/* creation window [after, before), 0: open */
};

static void date_param(struct buf *url, const char *name, long t)
{
	char when[40];
	time_t tt = (time_t)t;
	struct tm tm;

	gmtime_r(&tt, &tm);
	strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%S+0000", &tm);
	param(url, name, when);
}

static void search_url(struct buf *url, struct sonar *s, const struct search *q,
		       const struct part *p, long page, int size)
{
	buf_reset(url);
	base_url(url, s->q, q->path);
	param(url, q->key_param, s->q->project);
	param(url, q->filter, q->filter_value);
	scope(url, s->q);
	param(url, "severities", p->severity);
	if (p->after)
		date_param(url, "createdAfter", p->after);
	if (p->before)
		date_param(url, "createdBefore", p->before);
	buf_addf(url, "&ps=%d&p=%ld", size, page);
}

/* The total of a part, asking for one result only. */
static int part_total(struct sonar *s, const struct search *q,
		      const struct part *p, long *total, struct err *err)
{
	struct http_response r = HTTP_RESPONSE_INIT;
	struct buf url = BUF_INIT;
	int ret;

	search_url(&url, s, q, p, 1, 1);
	ret = get(s, url.ptr, q->what, &r, err);
	if (!ret && (*total = paging_total(&r)) < 0)
		ret = err_set(err, ERR_INPUT, "SonarQube %s: an answer without "
			      "paging.total", q->what);
	http_response_release(&r);
	buf_release(&url);
	return ret;
}

/*
 * Every page of a part that fits under the cap (`first`: its first page,
 * already fetched, or NULL).  Every page must give the same total: a
 * project that changes while it is read could shift an issue past a page.
 */
static int read_pages(struct sonar *s, const struct search *q,
		      const struct part *p, long total,
		      struct http_response *first, struct err *err)
{
	struct http_response r = HTTP_RESPONSE_INIT;
	struct buf url = BUF_INIT, name = BUF_INIT;
	char a[32], b[32];
	long page, now;
	size_t held = s->in->sonar.live_items;
	int ret = 0;

	for (page = 1; !ret && (page == 1 || (page - 1) * PAGE < total); page++) {
		http_response_release(&r);
		r = (struct http_response)HTTP_RESPONSE_INIT;
		if (page == 1 && first) {
			r = *first;	/* taken over */
			*first = (struct http_response)HTTP_RESPONSE_INIT;
		} else {
			search_url(&url, s, q, p, page, PAGE);
			if ((ret = get(s, url.ptr, q->what, &r, err)))
				break;
		}
		if ((now = paging_total(&r)) != total) {
			ret = err_set(err, ERR_ENV, "SonarQube %s: the total moved "
				      "from %ld to %ld while the pages were read; "
				      "run the gate again", q->what, total, now);
			break;
		}
		buf_reset(&name);
		buf_addf(&name, "sonarqube:%s?p=%ld", q->path + 1, page);
		if (p->severity)
			buf_addf(&name, "&severities=%s", p->severity);
		if (p->after || p->before)
			buf_addf(&name, "&created=[%ld,%ld)", p->after, p->before);
		ret = read_response(s, &r, name.ptr, err);
		s->read += total - (page - 1) * PAGE < PAGE ?
			total - (page - 1) * PAGE : PAGE;
		if (s->total > PAGE)
			progress(s, "%s: %s/%s", q->what, grouped(a, s->read),
				 grouped(b, s->total));
	}
	/* the pages must hold what their total promised, or some were lost */
	held = s->in->sonar.live_items - held;
	if (!ret && held != (size_t)total)
		ret = err_set(err, ERR_ENV, "SonarQube %s: the pages held %zu of "
			      "the %ld results their paging.total promised; run "
			      "the gate again", q->what, held, total);
	http_response_release(&r);
	buf_release(&url);
	buf_release(&name);
	return ret;
}

/* An ISO 8601 creationDate ("2013-05-13T17:55:39+0200") in epoch seconds. */
static long parse_when(const char *s)
{
	struct tm tm = { 0 };
	int off = 0, sign = 1, n = 0;

	if (!s || sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2d%n", &tm.tm_year, &tm.tm_mon,
			 &tm.tm_mday, &tm.tm_hour, &tm.tm_min, &tm.tm_sec, &n) < 6)
		return -1;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	if (s[n] == '+' || s[n] == '-') {
		int hh = 0, mm = 0;

		sign = s[n] == '-' ? -1 : 1;
		if (sscanf(s + n + 1, "%2d%*[:]%2d", &hh, &mm) < 1 &&
		    sscanf(s + n + 1, "%2d%2d", &hh, &mm) < 1)
			return -1;
		off = sign * (hh * 3600 + mm * 60);
	}
	return (long)timegm(&tm) - off;
}

/* The oldest or newest creation date of a part (asc: oldest). */
static int edge_date(struct sonar *s, const struct search *q,
		     const struct part *p, int asc, long *when,
		     struct err *err)
{
	struct http_response r = HTTP_RESPONSE_INIT;
	struct buf url = BUF_INIT;
	json_t *root = NULL;
	int ret;

	search_url(&url, s, q, p, 1, 1);
	buf_addf(&url, "&s=CREATION_DATE&asc=%s", asc ? "true" : "false");
	ret = get(s, url.ptr, q->what, &r, err);
	if (!ret) {
		root = json_loadb(r.body.ptr, r.body.len, 0, NULL);
		*when = parse_when(json_string_value(json_object_get(
			json_array_get(json_object_get(root, q->what), 0),
			"creationDate")));
		if (*when < 0)
			ret = err_set(err, ERR_INPUT, "SonarQube %s: no creationDate "
				      "to split the query by", q->what);
	}
	json_decref(root);
	http_response_release(&r);
	buf_release(&url);
	return ret;
}

static int fetch_part(struct sonar *s, const struct search *q,
		      const struct part *p, long total, int depth,
		      struct err *err);

/*
 * A window of creation dates too large: halves until each fits.  Issues are
 * created at whole seconds: a one-second window that is still too large
 * cannot be cut further.
 */
static int split_dates(struct sonar *s, const struct search *q,
		       const struct part *p, long total, int depth,
		       struct err *err)
{
	struct part lo = *p, hi = *p;
	long t_lo, t_hi;
	int ret;

	if (!p->after || !p->before) {
		long first, last;

		if ((ret = edge_date(s, q, p, 1, &first, err)) ||
		    (ret = edge_date(s, q, p, 0, &last, err)))
			return ret;
		lo.after = first;
		lo.before = last + 1;
		if ((ret = part_total(s, q, &lo, &t_lo, err)))
			return ret;
		if (t_lo != total)
			return err_set(err, ERR_ENV, "SonarQube %s: the parts do not "
				       "add up (%ld of %ld); the project changed "
				       "while it was read: run the gate again",
				       q->what, t_lo, total);
		return fetch_part(s, q, &lo, total, depth + 1, err);
	}
	if (p->before - p->after <= 1)
		return err_set(err, ERR_ENV, "SonarQube %s: %ld created within one "
			       "second, more than the %d SonarQube can return",
			       q->what, total, MAX_RESULTS);
	lo.before = hi.after = p->after + (p->before - p->after) / 2;
	if ((ret = part_total(s, q, &lo, &t_lo, err)) ||
	    (ret = part_total(s, q, &hi, &t_hi, err)))
		return ret;
	if (t_lo + t_hi != total)
		return err_set(err, ERR_ENV, "SonarQube %s: the parts do not add "
			       "up (%ld + %ld of %ld); the project changed while "
			       "it was read: run the gate again", q->what, t_lo,
			       t_hi, total);
	if ((ret = fetch_part(s, q, &lo, t_lo, depth + 1, err)))
		return ret;
	return fetch_part(s, q, &hi, t_hi, depth + 1, err);
}

/* By legacy severity first: five parts that partition every issue. */
static int split_severities(struct sonar *s, const struct search *q,
			    const struct part *p, long total, int depth,
			    struct err *err)
{
	static const char *const sev[] = {
		"BLOCKER", "CRITICAL", "MAJOR", "MINOR", "INFO"
	};
	struct part parts[5];
	long totals[5], sum = 0;
	size_t i;
	int ret;

	for (i = 0; i < 5; i++) {
		parts[i] = *p;
		parts[i].severity = sev[i];
		if ((ret = part_total(s, q, &parts[i], &totals[i], err)))
			return ret;
		sum += totals[i];
	}
	if (sum != total)	/* severities do not partition here: dates do */
		return split_dates(s, q, p, total, depth, err);
	for (i = 0; i < 5; i++)
		if (totals[i] && (ret = fetch_part(s, q, &parts[i], totals[i],
						   depth + 1, err)))
			return ret;
	return 0;
}

static int fetch_part(struct sonar *s, const struct search *q,
		      const struct part *p, long total, int depth,
		      struct err *err)
{
	if (total <= MAX_RESULTS)
		return read_pages(s, q, p, total, NULL, err);
	if (!q->splittable)
		return err_set(err, ERR_ENV, "SonarQube %s: %ld, more than the %d "
			       "SonarQube returns for one query, and this search "
			       "cannot be split", q->what, total, MAX_RESULTS);
	if (depth > 64)
		return err_set(err, ERR_ENV, "SonarQube %s: cannot split %ld "
			       "results into parts of %d", q->what, total,
			       MAX_RESULTS);
	if (!p->severity && !p->after)
		return split_severities(s, q, p, total, depth, err);
	return split_dates(s, q, p, total, depth, err);
}

/* A search: its first page tells the total; past the cap, it is split. */
static int fetch_search(struct sonar *s, const struct search *q,
			struct err *err)
{
	struct part whole = { NULL, 0, 0 };
	struct http_response r = HTTP_RESPONSE_INIT;
	struct buf url = BUF_INIT;
	int ret;

	search_url(&url, s, q, &whole, 1, PAGE);
	ret = get(s, url.ptr, q->what, &r, err);
	buf_release(&url);
	if (!ret && (s->total = paging_total(&r)) < 0)
		ret = err_set(err, ERR_INPUT, "SonarQube %s: an answer without "
			      "paging.total", q->what);
	s->read = 0;
	if (!ret)
		ret = s->total <= MAX_RESULTS ?
			read_pages(s, q, &whole, s->total, &r, err) :
			fetch_part(s, q, &whole, s->total, 0, err);
	http_response_release(&r);
	return ret;
}

int sonar_fetch(struct gate_input *in, const struct sonar_query *q,
		struct err *err)
{
	static const struct search issues = {
		"/api/issues/search", "issues", "components", "resolved",
		"false", 1
	};
	static const struct search hotspots = {
		"/api/hotspots/search", "hotspots", "project", "status",
		"TO_REVIEW", 0
	};
	struct sonar s = { NULL, q, in, NULL, 0, 0 };
	struct http_options o;
	int ret;

	if (!q->url || !q->project)
		return err_set(err, ERR_USAGE, "SonarQube needs a server URL and "
			       "a project key");
	if (q->http)
		o = *q->http;
	else
		http_options_defaults(&o);
	o.user = q->token;
	o.password = q->token ? "" : NULL;
	if ((ret = http_client_new(&s.http, &o, err)))
		return ret;
	ret = q->ce_task ? wait_task(&s, err) : 0;
	if (!ret)
		ret = fetch_gate(&s, err);
	if (!ret)
		ret = fetch_search(&s, &issues, err);
	if (!ret)
		ret = fetch_search(&s, &hotspots, err);
	http_client_free(s.http);
	free(s.analysis);
	return ret;
}
