/*
 * The SonarQube Web API calls of the gate, on net/http.c.  Responses are
 * handed to the gate's readers as they are; only paging totals and the CE
 * task state are looked at here (jansson, small documents).
 */
#include "net/sonar.h"

#include <jansson.h>
#include <stdlib.h>
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
};

/* Query-string encoding: unreserved bytes kept, the rest %XX. */
static void encode(struct buf *b, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";

	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || strchr("-._~", c))
			buf_addch(b, (char)c);
		else
			buf_addf(b, "%%%c%c", hex[c >> 4], hex[c & 15]);
	}
}

static void param(struct buf *b, const char *name, const char *value)
{
	if (!value)
		return;
	buf_addf(b, "%c%s=", strchr(b->ptr, '?') ? '&' : '?', name);
	encode(b, value);
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

static long poll_start_ms(void)
{
	const char *v = getenv("MDS_SONAR_POLL_MS");
	long ms = v ? strtol(v, NULL, 10) : 0;

	return ms > 0 ? ms : 1000;
}

/* One look at the task: 1 finished, 0 not yet; the analysis id on success. */
static int task_state(struct sonar *s, const char *url, struct err *err)
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
	}
out:
	json_decref(root);
	http_response_release(&r);
	return ret;
}

/* Polls api/ce/task, backing off (x1.5 up to 5 s) until it is finished. */
static int wait_task(struct sonar *s, struct err *err)
{
	struct buf url = BUF_INIT;
	long step = poll_start_ms(), waited = 0;
	long limit = s->q->wait_ms > 0 ? s->q->wait_ms : 300000;
	int ret;

	base_url(&url, s->q, "/api/ce/task");
	param(&url, "id", s->q->ce_task);
	while (!(ret = task_state(s, url.ptr, err))) {
		if (waited >= limit) {
			ret = err_set(err, ERR_NETWORK, "SonarQube analysis task "
				      "%s not finished after %ld s", s->q->ce_task,
				      waited / 1000);
			break;
		}
		sleep_ms(step);
		waited += step;
		step = step * 3 / 2 > poll_start_ms() * 5 ? poll_start_ms() * 5 :
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
	long n = json_is_integer(total) ? (long)json_integer_value(total) : 0;

	json_decref(root);
	return n;
}

/* Every page of a search, each read as a saved response would be. */
static int fetch_pages(struct sonar *s, const char *path, const char *what,
		       const char *key_param, const char *filter,
		       const char *filter_value, struct err *err)
{
	struct http_response r = HTTP_RESPONSE_INIT;
	struct buf url = BUF_INIT, name = BUF_INIT;
	long total = 0, p;
	int ret = 0;

	for (p = 1; !ret && (p == 1 || (p - 1) * PAGE < total); p++) {
		if ((p - 1) * PAGE >= MAX_RESULTS) {
			s->in->sonar.truncated = 1;
			break;
		}
		buf_reset(&url);
		base_url(&url, s->q, path);
		param(&url, key_param, s->q->project);
		param(&url, filter, filter_value);
		scope(&url, s->q);
		buf_addf(&url, "&ps=%d&p=%ld", PAGE, p);
		http_response_release(&r);
		r = (struct http_response)HTTP_RESPONSE_INIT;
		if ((ret = get(s, url.ptr, what, &r, err)))
			break;
		total = paging_total(&r);
		buf_reset(&name);
		buf_addf(&name, "sonarqube:%s?p=%ld", path + 1, p);
		ret = read_response(s, &r, name.ptr, err);
	}
	http_response_release(&r);
	buf_release(&url);
	buf_release(&name);
	return ret;
}

int sonar_fetch(struct gate_input *in, const struct sonar_query *q,
		struct err *err)
{
	struct sonar s = { NULL, q, in, NULL };
	struct http_options o;
	int ret;

	if (!q->url || !q->project)
		return err_set(err, ERR_USAGE, "SonarQube needs a server URL and "
			       "a project key");
	http_options_defaults(&o);
	o.user = q->token;
	o.password = q->token ? "" : NULL;
	if ((ret = http_client_new(&s.http, &o, err)))
		return ret;
	ret = q->ce_task ? wait_task(&s, err) : 0;
	if (!ret)
		ret = fetch_gate(&s, err);
	if (!ret)
		ret = fetch_pages(&s, "/api/issues/search", "issues", "components",
				  "resolved", "false", err);
	if (!ret)
		ret = fetch_pages(&s, "/api/hotspots/search", "hotspots",
				  "project", "status", "TO_REVIEW", err);
	http_client_free(s.http);
	free(s.analysis);
	return ret;
}
