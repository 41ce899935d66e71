/*
 * HTTP client on libcurl: see http.h for the contract.  The retry policy
 * lives in http_do(); everything curl-specific stays in this file.
 */
#include "net/http.h"

#include <ctype.h>
#include <curl/curl.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "util/pct.h"
#include "util/xalloc.h"

struct http_client {
	CURL *curl;
	struct http_options opts;
	unsigned long requests;
	unsigned int seed;
	struct http_response *cur;	/* response being received */
	int body_too_big;
	int cancelled;
};

static void setup_static(struct http_client *c);

void http_options_defaults(struct http_options *o)
{
	memset(o, 0, sizeof(*o));
	o->use_netrc = 1;
	o->connect_timeout_ms = 10000;
	o->timeout_ms = 120000;
	o->low_speed_s = 30;
	o->max_retries = 5;
	o->retry_base_ms = 500;
	o->retry_cap_ms = 30000;
	o->max_body = (size_t)64 << 20;
}

int http_client_new(struct http_client **out, const struct http_options *opts,
		    struct err *err)
{
	static int global_done;
	struct http_client *c;

	if (!global_done) {
		if (curl_global_init(CURL_GLOBAL_DEFAULT))
			return err_set(err, ERR_ENV, "cannot initialise libcurl");
		global_done = 1;
	}
	c = xcalloc(1, sizeof(*c));
	c->curl = curl_easy_init();
	if (!c->curl) {
		free(c);
		return err_set(err, ERR_ENV, "cannot create a curl handle");
	}
	c->opts = *opts;
	c->seed = (unsigned int)time(NULL) ^ (unsigned int)getpid();
	setup_static(c);
	*out = c;
	return 0;
}

void http_client_free(struct http_client *c)
{
	if (!c)
		return;
	curl_easy_cleanup(c->curl);
	free(c);
}

unsigned long http_client_requests(const struct http_client *c)
{
	return c->requests;
}

int http_client_cancelled(const struct http_client *c)
{
	return c->cancelled;
}

void http_response_release(struct http_response *r)
{
	size_t i;

	if (!r)
		return;
	for (i = 0; i < r->nr_headers; i++) {
		free(r->headers[i].name);
		free(r->headers[i].value);
	}
	free(r->headers);
	buf_release(&r->body);
	r->headers = NULL;
	r->nr_headers = r->alloc_headers = 0;
	r->status = 0;
}

static void response_reset(struct http_response *r)
{
	size_t max = r->body.max;

	http_response_release(r);
	r->body.max = max;
}

const char *http_header_get(const struct http_response *r, const char *name)
{
	const char *found = NULL;
	size_t i;

	for (i = 0; i < r->nr_headers; i++)
		if (!strcasecmp(r->headers[i].name, name))
			found = r->headers[i].value;
	return found;
}

long http_backoff_ms(long base_ms, long cap_ms, int n, unsigned int *seed)
{
	long ceiling = base_ms;
	int i;

	for (i = 0; i < n && ceiling < cap_ms; i++)
		ceiling *= 2;
	if (ceiling > cap_ms)
		ceiling = cap_ms;
	if (ceiling <= 1)
		return ceiling;
	/* Half fixed, half random: spreads clients without tiny sleeps. */
	return ceiling / 2 + (long)(rand_r(seed) % (ceiling / 2 + 1));
}

long http_retry_after_ms(const char *value)
{
	char *end;
	long s;

	if (!value)
		return -1;
	while (*value == ' ')
		value++;
	if (!isdigit((unsigned char)*value))
		return -1;
	errno = 0;
	s = strtol(value, &end, 10);
	if (errno || (*end && *end != ' ' && *end != '\r') || s > 3600)
		return -1;
	return s * 1000;
}

void http_url_escape(struct buf *out, const char *s)
{
	pct_encode(out, s, strlen(s), PCT_UNRESERVED);
}

void http_redact_line(struct buf *out, const char *line, size_t len)
{
	static const char *const secret[] = {
		"authorization:", "proxy-authorization:", "cookie:",
		"set-cookie:", "jenkins-crumb:",
	};
	size_t i;

	while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
		len--;
	for (i = 0; i < ARRAY_SIZE(secret); i++) {
		size_t n = strlen(secret[i]);

		if (len >= n && !strncasecmp(line, secret[i], n)) {
			buf_add(out, line, n);
			buf_addstr(out, " <redacted>");
			return;
		}
	}
	buf_add(out, line, len);
}

static size_t on_body(char *data, size_t size, size_t nmemb, void *p)
{
	struct http_client *c = p;

	if (buf_add(&c->cur->body, data, size * nmemb) < 0) {
		c->body_too_big = 1;
		return 0;
	}
	return size * nmemb;
}

static void add_header(struct http_response *r, const char *line, size_t len)
{
	const char *colon = memchr(line, ':', len);
	const char *v, *end = line + len;

	if (!colon)
		return;
	v = colon + 1;
	while (v < end && (*v == ' ' || *v == '\t'))
		v++;
	while (end > v && (end[-1] == '\r' || end[-1] == '\n' || end[-1] == ' '))
		end--;
	ALLOC_GROW(r->headers, r->nr_headers, r->alloc_headers);
	r->headers[r->nr_headers].name = xstrndup(line, (size_t)(colon - line));
	r->headers[r->nr_headers].value = xstrndup(v, (size_t)(end - v));
	r->nr_headers++;
}

static size_t on_header(char *data, size_t size, size_t nmemb, void *p)
{
	struct http_client *c = p;
	size_t len = size * nmemb;

	/* A new status line (redirect, 100 Continue) starts a new header set. */
	if (len > 5 && !strncmp(data, "HTTP/", 5)) {
		size_t i;

		for (i = 0; i < c->cur->nr_headers; i++) {
			free(c->cur->headers[i].name);
			free(c->cur->headers[i].value);
		}
		c->cur->nr_headers = 0;
	} else {
		add_header(c->cur, data, len);
	}
	return len;
}

static void trace_lines(struct http_client *c, const char *prefix,
			const char *data, size_t size)
{
	const char *end = data + size;

	while (data < end) {
		const char *nl = memchr(data, '\n', (size_t)(end - data));
		size_t len = nl ? (size_t)(nl - data) : (size_t)(end - data);
		struct buf line = BUF_INIT;

		if (len > 1 || (len == 1 && *data != '\r')) {
			buf_addstr(&line, prefix);
			http_redact_line(&line, data, len);
			c->opts.trace(c->opts.trace_data, line.ptr);
		}
		buf_release(&line);
		data += len + (nl ? 1 : 0);
	}
}

static int on_debug(CURL *h, curl_infotype type, char *data, size_t size,
		    void *p)
{
	struct http_client *c = p;

	(void)h;
	if (type == CURLINFO_HEADER_OUT)
		trace_lines(c, "> ", data, size);
	else if (type == CURLINFO_HEADER_IN)
		trace_lines(c, "< ", data, size);
	else if (type == CURLINFO_TEXT)
		trace_lines(c, "* ", data, size);
	return 0;
}

static int on_progress(void *p, curl_off_t a, curl_off_t b, curl_off_t x,
		       curl_off_t y)
{
	struct http_client *c = p;

	(void)a, (void)b, (void)x, (void)y;
	return c->opts.cancel && c->opts.cancel(c->opts.cancel_data);
}

static void setup_auth(struct http_client *c)
{
	CURL *h = c->curl;

	if (c->opts.user) {
		curl_easy_setopt(h, CURLOPT_USERNAME, c->opts.user);
		curl_easy_setopt(h, CURLOPT_PASSWORD,
				 c->opts.password ? c->opts.password : "");
		curl_easy_setopt(h, CURLOPT_HTTPAUTH, (long)CURLAUTH_BASIC);
	} else if (c->opts.use_netrc) {
		curl_easy_setopt(h, CURLOPT_NETRC, (long)CURL_NETRC_OPTIONAL);
		curl_easy_setopt(h, CURLOPT_HTTPAUTH, (long)CURLAUTH_BASIC);
	}
	/* Never hand credentials to a host a redirect points at. */
	curl_easy_setopt(h, CURLOPT_UNRESTRICTED_AUTH, 0L);
}

/* Options that never change for a client: set once, kept across requests. */
static void setup_static(struct http_client *c)
{
	CURL *h = c->curl;

	/* The in-memory cookie jar (for the crumb's session cookie). */
	curl_easy_setopt(h, CURLOPT_COOKIEFILE, "");
	curl_easy_setopt(h, CURLOPT_USERAGENT, "mds-infra");
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(h, CURLOPT_ACCEPT_ENCODING, "");
	curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, c->opts.connect_timeout_ms);
	curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, c->opts.timeout_ms);
	curl_easy_setopt(h, CURLOPT_LOW_SPEED_LIMIT, 1L);
	curl_easy_setopt(h, CURLOPT_LOW_SPEED_TIME, c->opts.low_speed_s);
	curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(h, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(h, CURLOPT_MAXREDIRS, 5L);
	curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, c->opts.insecure ? 0L : 1L);
	curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, c->opts.insecure ? 0L : 2L);
	if (c->opts.ca_file)
		curl_easy_setopt(h, CURLOPT_CAINFO, c->opts.ca_file);
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(h, CURLOPT_WRITEDATA, c);
	curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(h, CURLOPT_HEADERDATA, c);
	curl_easy_setopt(h, CURLOPT_NOPROGRESS, 0L);
	curl_easy_setopt(h, CURLOPT_XFERINFOFUNCTION, on_progress);
	curl_easy_setopt(h, CURLOPT_XFERINFODATA, c);
	if (c->opts.trace) {
		curl_easy_setopt(h, CURLOPT_DEBUGFUNCTION, on_debug);
		curl_easy_setopt(h, CURLOPT_DEBUGDATA, c);
		curl_easy_setopt(h, CURLOPT_VERBOSE, 1L);
	}
	setup_auth(c);
}

/* Sets method and body; returns the mime handle to free, if any. */
static curl_mime *setup_body(struct http_client *c, const struct http_request *req)
{
	CURL *h = c->curl;
	curl_mime *mime = NULL;
	size_t i;

	curl_easy_setopt(h, CURLOPT_URL, req->url);
	curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, req->follow ? 1L : 0L);
	curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, NULL);
	curl_easy_setopt(h, CURLOPT_HTTPGET, 1L);	/* undoes the last POST */
	if (req->form) {
		mime = curl_mime_init(h);
		for (i = 0; i < req->nr_form; i++) {
			curl_mimepart *part = curl_mime_addpart(mime);

			curl_mime_name(part, req->form[i].name);
			if (req->form[i].file)
				curl_mime_filedata(part, req->form[i].file);
			else
				curl_mime_data(part, req->form[i].value,
					       CURL_ZERO_TERMINATED);
		}
		curl_easy_setopt(h, CURLOPT_MIMEPOST, mime);
	} else if (!strcmp(req->method, "POST")) {
		curl_easy_setopt(h, CURLOPT_POST, 1L);
		curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE, (long)req->body_len);
		curl_easy_setopt(h, CURLOPT_POSTFIELDS, req->body ? req->body : "");
	} else if (strcmp(req->method, "GET")) {
		curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, req->method);
	}
	return mime;
}

static struct curl_slist *build_headers(const struct http_request *req)
{
	struct curl_slist *list = NULL;
	const char *const *hdr;

	/* No "Expect: 100-continue" round trip on uploads. */
	list = curl_slist_append(list, "Expect:");
	if (req->content_type && req->body) {
		char *ct = xasprintf("Content-Type: %s", req->content_type);

		list = curl_slist_append(list, ct);
		free(ct);
	}
	for (hdr = req->headers; hdr && *hdr; hdr++)
		list = curl_slist_append(list, *hdr);
	return list;
}

/* Transport errors where the request surely never reached the server. */
static int not_sent(CURLcode rc)
{
	return rc == CURLE_COULDNT_CONNECT || rc == CURLE_COULDNT_RESOLVE_HOST ||
	       rc == CURLE_COULDNT_RESOLVE_PROXY;
}

static int transient(CURLcode rc)
{
	switch (rc) {
	case CURLE_COULDNT_CONNECT:
	case CURLE_COULDNT_RESOLVE_HOST:
	case CURLE_COULDNT_RESOLVE_PROXY:
	case CURLE_OPERATION_TIMEDOUT:
	case CURLE_RECV_ERROR:
	case CURLE_SEND_ERROR:
	case CURLE_GOT_NOTHING:
	case CURLE_PARTIAL_FILE:
	case CURLE_HTTP2:
	case CURLE_HTTP2_STREAM:
	case CURLE_SSL_CONNECT_ERROR:
		return 1;
	default:
		return 0;
	}
}

static int status_retryable(long status, int idempotent)
{
	if (status == 429 || status == 503)
		return 1;	/* not processed: safe even for POST */
	if (status == 502 || status == 504 || status == 500)
		return idempotent;
	return 0;
}

/* One attempt; returns the curl code. */
static CURLcode attempt(struct http_client *c, const struct http_request *req,
			struct http_response *out)
{
	struct curl_slist *headers;
	curl_mime *mime;
	CURLcode rc;

	response_reset(out);
	c->cur = out;
	c->body_too_big = 0;
	mime = setup_body(c, req);
	headers = build_headers(req);
	curl_easy_setopt(c->curl, CURLOPT_HTTPHEADER, headers);
	c->requests++;
	rc = curl_easy_perform(c->curl);
	if (rc == CURLE_OK)
		curl_easy_getinfo(c->curl, CURLINFO_RESPONSE_CODE, &out->status);
	curl_easy_setopt(c->curl, CURLOPT_HTTPHEADER, NULL);
	curl_easy_setopt(c->curl, CURLOPT_MIMEPOST, NULL);
	curl_slist_free_all(headers);
	curl_mime_free(mime);
	c->cur = NULL;
	return rc;
}

static void sleep_ms(struct http_client *c, long ms)
{
	struct timespec ts;

	while (ms > 0 && !(c->opts.cancel && c->opts.cancel(c->opts.cancel_data))) {
		long step = ms > 100 ? 100 : ms;

		ts.tv_sec = 0;
		ts.tv_nsec = step * 1000000L;
		nanosleep(&ts, NULL);
		ms -= step;
	}
}

static void trace_retry(struct http_client *c, const char *why, long ms, int n)
{
	char line[200];

	if (!c->opts.trace)
		return;
	snprintf(line, sizeof(line), "* retry %d/%d in %ld ms: %s", n + 1,
		 c->opts.max_retries, ms, why);
	c->opts.trace(c->opts.trace_data, line);
}

static void tell_retry(struct http_client *c, const struct http_request *req,
		       const struct http_response *r, CURLcode rc, long ms, int n)
{
	char why[160], *url, *request;

	if (!c->opts.on_retry)
		return;
	if (rc == CURLE_OK)
		snprintf(why, sizeof(why), "HTTP %ld", r->status);
	else
		snprintf(why, sizeof(why), "%s", curl_easy_strerror(rc));
	url = http_url_redact(req->url);
	request = xasprintf("%s %s", req->method, url);
	c->opts.on_retry(c->opts.retry_data, request, why, ms, n + 1,
			 c->opts.max_retries);
	free(request);
	free(url);
}

char *http_url_redact(const char *url)
{
	const char *scheme = strstr(url, "://");
	const char *host = scheme ? scheme + 3 : url;
	size_t authority = strcspn(host, "/?#");
	const char *at = memchr(host, '@', authority);

	if (!at)
		return xstrdup(url);
	/* The last '@' of the authority ends the user information. */
	while (memchr(at + 1, '@', authority - (size_t)(at + 1 - host)))
		at = memchr(at + 1, '@', authority - (size_t)(at + 1 - host));
	return xasprintf("%.*s%s", (int)(host - url), url, at + 1);
}

static int fail_transport(struct http_client *c, const struct http_request *req,
			  CURLcode rc, struct err *err)
{
	char *url = http_url_redact(req->url);

	if (c->body_too_big)
		err_set(err, ERR_NETWORK, "%s %s: response larger than %zu bytes",
			req->method, url, c->opts.max_body);
	else if (rc == CURLE_ABORTED_BY_CALLBACK) {
		c->cancelled = 1;
		err_set(err, ERR_GENERIC, "%s %s: interrupted", req->method, url);
	} else {
		err_set(err, ERR_NETWORK, "%s %s: %s", req->method, url,
			curl_easy_strerror(rc));
	}
	free(url);
	return err->code;
}

int http_do(struct http_client *c, const struct http_request *req,
	    struct http_response *out, struct err *err)
{
	int n;

	out->body.max = c->opts.max_body;
	c->cancelled = 0;
	for (n = 0;; n++) {
		CURLcode rc = attempt(c, req, out);
		int again;
		long wait = -1;

		out->retries = n;
		if (rc == CURLE_OK) {
			again = status_retryable(out->status, req->idempotent);
			if (again)
				wait = http_retry_after_ms(
					http_header_get(out, "Retry-After"));
		} else {
			if (c->body_too_big || rc == CURLE_ABORTED_BY_CALLBACK)
				return fail_transport(c, req, rc, err);
			again = transient(rc) && (req->idempotent || not_sent(rc));
		}
		if (!again)
			return rc == CURLE_OK ? 0 : fail_transport(c, req, rc, err);
		if (n >= c->opts.max_retries)
			return rc == CURLE_OK ? 0 : fail_transport(c, req, rc, err);
		if (wait < 0 || wait > c->opts.retry_cap_ms)
			wait = http_backoff_ms(c->opts.retry_base_ms,
					       c->opts.retry_cap_ms, n, &c->seed);
		trace_retry(c, rc == CURLE_OK ? "server busy" : curl_easy_strerror(rc),
			    wait, n);
		tell_retry(c, req, out, rc, wait, n);
		sleep_ms(c, wait);
		if (c->opts.cancel && c->opts.cancel(c->opts.cancel_data))
			return fail_transport(c, req, CURLE_ABORTED_BY_CALLBACK, err);
	}
}
