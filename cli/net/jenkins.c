/*
 * Jenkins connection: configuration, job URLs, GET/POST with the crumb
 * path for password users, and HTTP status -> error mapping.
 */
#include "net/jenkins.h"
#include "net/jenkins_priv.h"

#include <ctype.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "util/pct.h"
#include "util/xalloc.h"

void jenkins_conf_release(struct jenkins_conf *c)
{
	free(c->url);
	free(c->user);
	if (c->token) {
		memset(c->token, 0, strlen(c->token));
		free(c->token);
	}
	c->url = c->user = c->token = NULL;
}

int jenkins_open(struct jenkins **out, const struct jenkins_conf *conf,
		 const struct http_options *opts, struct err *err)
{
	struct http_options o = *opts;
	struct jenkins *j = xcalloc(1, sizeof(*j));

	/* The client borrows these; they live as long as `j`. */
	j->user = conf->user ? xstrdup(conf->user) : NULL;
	j->token = conf->token ? xstrdup(conf->token) : NULL;
	o.user = j->user;
	o.password = j->token;
	if (http_client_new(&j->http, &o, err) < 0) {
		free(j->user);
		free(j->token);
		free(j);
		return err->code;
	}
	j->base = xstrdup(conf->url);
	*out = j;
	return 0;
}

void jenkins_free(struct jenkins *j)
{
	if (!j)
		return;
	http_client_free(j->http);
	free(j->base);
	free(j->user);
	if (j->token) {
		memset(j->token, 0, strlen(j->token));
		free(j->token);
	}
	free(j->crumb_field);
	free(j->crumb);
	free(j);
}

/* Util.rawEncode: keep alphanumerics and !@$&*()-_=+',. ; escape the rest. */
static void raw_encode(struct buf *out, const char *s, size_t len)
{
	pct_encode(out, s, len, "!@$&*()-_=+',.");
}

int jenkins_job_url(struct buf *out, const char *base, const char *job,
		    struct err *err)
{
	const char *p = job;

	if (!*job)
		return err_set(err, ERR_INPUT, "empty job path");
	buf_addstr(out, base);
	while (*p) {
		size_t len = strcspn(p, "/");

		if (!len || !strncmp(p, ".", len) || (len == 2 && !strncmp(p, "..", 2)))
			return err_set(err, ERR_INPUT, "bad job path '%s': "
				       "empty or dot segment at byte %zu",
				       job, (size_t)(p - job));
		buf_addstr(out, "/job/");
		raw_encode(out, p, len);
		p += len;
		if (*p == '/' && !p[1])
			return err_set(err, ERR_INPUT, "bad job path '%s': "
				       "trailing '/'", job);
		if (*p == '/')
			p++;
	}
	return 0;
}

long jenkins_queue_id_from_location(const char *loc)
{
	const char *p, *end;
	long q = 0;

	if (!loc)
		return -1;
	p = strstr(loc, "/queue/item/");
	if (!p)
		return -1;
	p += strlen("/queue/item/");
	for (end = p; isdigit((unsigned char)*end); end++) {
		if (q > 100000000000L)
			return -1;
		q = q * 10 + (*end - '0');
	}
	if (end == p || (*end && strcmp(end, "/")))
		return -1;
	return q;
}

int jenkins_status_error(const struct http_response *r, const char *what,
			 struct err *err)
{
	const char *x = http_header_get(r, "X-Error");
	const char *perm = http_header_get(r, "X-Required-Permission");

	switch (r->status) {
	case 401:
		return err_set(err, ERR_ENV, "%s: authentication refused (401); "
			       "check JENKINS_USER_ID and JENKINS_API_TOKEN", what);
	case 403:
		if (perm)
			return err_set(err, ERR_ENV, "%s: permission %s refused (403)",
				       what, perm);
		return err_set(err, ERR_ENV, "%s: access refused (403); "
			       "check JENKINS_USER_ID and JENKINS_API_TOKEN", what);
	case 404:
		return err_set(err, ERR_NOTFOUND, "%s: not found (404)", what);
	case 400:
		return err_set(err, ERR_CONFLICT, "%s: refused (400)%s%s", what,
			       x ? ": " : "", x ? x : "");
	case 409:
		return err_set(err, ERR_CONFLICT, "%s: not buildable (409)", what);
	default:
		if (r->status >= 500)
			return err_set(err, ERR_NETWORK, "%s: server error %ld",
				       what, r->status);
		return err_set(err, ERR_GENERIC, "%s: unexpected HTTP status %ld",
			       what, r->status);
	}
}

int jenkins_get_with(struct http_response *out, struct jenkins *j,
		     const char *url, const char *const *headers,
		     struct err *err)
{
	struct http_request req = { .method = "GET", .url = url,
				    .headers = headers, .idempotent = 1,
				    .follow = 1 };

	return http_do(j->http, &req, out, err);
}

int jenkins_get(struct http_response *out, struct jenkins *j, const char *url,
		struct err *err)
{
	return jenkins_get_with(out, j, url, NULL, err);
}

int jenkins_get_json(json_t **out, struct jenkins *j, const char *url,
		     const char *what, struct err *err)
{
	struct http_response r = HTTP_RESPONSE_INIT;
	json_error_t jerr;
	int ret = jenkins_get(&r, j, url, err);

	if (!ret && r.status != 200)
		ret = jenkins_status_error(&r, what, err);
	if (!ret) {
		*out = json_loadb(r.body.ptr, r.body.len, 0, &jerr);
		if (!*out)
			ret = err_set(err, ERR_NETWORK, "%s: bad JSON at byte %d: %s",
				      what, jerr.position, jerr.text);
	}
	http_response_release(&r);
	return ret;
}

static int fetch_crumb(struct jenkins *j, struct err *err)
{
	struct http_response r = HTTP_RESPONSE_INIT;
	char *url = xasprintf("%s/crumbIssuer/api/json", j->base);
	json_t *doc = NULL;
	json_error_t jerr;
	const char *field, *crumb;
	int ret = jenkins_get(&r, j, url, err);

	if (!ret && r.status == 404)
		j->crumbs_off = 1;	/* CSRF protection disabled */
	else if (!ret && r.status != 200)
		ret = jenkins_status_error(&r, "crumb issuer", err);
	else if (!ret && !(doc = json_loadb(r.body.ptr, r.body.len, 0, &jerr)))
		ret = err_set(err, ERR_NETWORK, "crumb issuer: bad JSON");
	if (doc) {
		field = json_string_value(json_object_get(doc, "crumbRequestField"));
		crumb = json_string_value(json_object_get(doc, "crumb"));
		free(j->crumb_field);
		free(j->crumb);
		j->crumb_field = xstrdup(field ? field : "Jenkins-Crumb");
		j->crumb = xstrdup(crumb ? crumb : "");
		json_decref(doc);
	}
	http_response_release(&r);
	free(url);
	return ret;
}

static int crumb_refused(const struct http_response *r)
{
	return r->status == 403 && strstr(r->body.ptr, "No valid crumb");
}

/* The crumb header line, or NULL when none is known. */
static char *crumb_header(const struct jenkins *j)
{
	if (!j->crumb || j->crumbs_off)
		return NULL;
	return xasprintf("%s: %s", j->crumb_field, j->crumb);
}

int jenkins_post(struct http_response *out, struct jenkins *j,
		 struct http_request *req, struct err *err)
{
	const char *headers[2] = { NULL, NULL };
	char *hdr = crumb_header(j);
	int tries, ret = 0;

	req->method = "POST";
	/*
	 * API-token users never need a crumb; password users get a 403 "No
	 * valid crumb" first, then fetch one (its session cookie stays in the
	 * jar) and retry; an expired crumb is refetched the same way once.
	 */
	for (tries = 0; tries < 2; tries++) {
		headers[0] = hdr;
		req->headers = hdr ? headers : NULL;
		http_response_release(out);
		ret = http_do(j->http, req, out, err);
		if (ret || !crumb_refused(out) || j->crumbs_off)
			break;
		if ((ret = fetch_crumb(j, err)) < 0)
			break;
		free(hdr);
		hdr = crumb_header(j);
	}
	free(hdr);
	return ret;
}
