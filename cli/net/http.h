#ifndef NET_HTTP_H
#define NET_HTTP_H

/*
 * The one HTTP layer, on libcurl (Jenkins now, SonarQube later).
 *
 * One `struct http_client` keeps one curl handle, so connections, TLS
 * sessions and the cookie jar are reused across requests.  http_do() sends
 * one request and retries it with exponential backoff and full jitter when
 * the failure is transient:
 *   - connection refused / DNS / timeouts / resets (for non-idempotent
 *     requests only when nothing was sent: connect failures);
 *   - 429 and 503, honouring Retry-After (seconds) when present, which also
 *     covers Jenkins' "Restarting Jenkins" 503 page;
 *   - 502 and 504 from proxies, and 500 for idempotent requests.
 * TLS is verified unless `insecure` is set explicitly; `ca_file` adds a CA
 * bundle.  Proxies come from the usual environment (http_proxy,
 * https_proxy, no_proxy), which libcurl reads itself.  Credentials are sent
 * preemptively as HTTP Basic and never to another host on a redirect.
 * Bodies larger than `max_body` fail the request instead of growing.
 *
 * The library never prints: a trace callback receives one line per request,
 * response status and header, with Authorization, Cookie and Set-Cookie
 * values replaced by "<redacted>".
 */
#include <stddef.h>

#include "util/buf.h"
#include "util/err.h"

typedef void http_trace_fn(void *data, const char *line);
/* Returns non-zero to abort the transfer in flight (e.g. after Ctrl-C). */
typedef int http_cancel_fn(void *data);
/*
 * Told before each retry's wait: the request ("GET <url>", credentials cut
 * out), why it is retried ("HTTP 503", "Couldn't connect to server"), the
 * wait in ms and which retry of how many.  The caller decides whether to
 * tell the user (the library never prints).
 */
typedef void http_retry_fn(void *data, const char *request, const char *why,
			   long wait_ms, int retry, int max_retries);

struct http_options {
	const char *user;	/* borrowed; NULL: none (or ~/.netrc) */
	const char *password;	/* borrowed; API token or password */
	int use_netrc;		/* read ~/.netrc when no user is given */
	const char *ca_file;	/* extra CA bundle, or NULL */
	int insecure;		/* skip TLS verification (explicit only) */
	long connect_timeout_ms;
	long timeout_ms;	/* whole transfer; 0 none */
	long low_speed_s;	/* abort when below 1 B/s for this long */
	int max_retries;
	long retry_base_ms;	/* first backoff; doubles per retry */
	long retry_cap_ms;
	size_t max_body;	/* response body cap in bytes */
	http_trace_fn *trace;
	void *trace_data;
	http_cancel_fn *cancel;
	void *cancel_data;
	http_retry_fn *on_retry;
	void *retry_data;
};

/*
 * Defaults: 10 s connect, 120 s total, 30 s low-speed, 5 retries from
 * 500 ms up to 30 s, 64 MiB bodies.  MDS_HTTP_RETRY_BASE_MS,
 * MDS_HTTP_RETRIES and MDS_HTTP_TIMEOUT_MS in the environment override the
 * retry schedule and the per-request timeout (tests use them to keep
 * unreachable-server and stalled-server runs short).
 */
void http_options_defaults(struct http_options *o);

struct http_header {
	char *name;
	char *value;
};

struct http_form_part {
	const char *name;	/* form field name */
	const char *value;	/* text value, or NULL when `file` is set */
	const char *file;	/* path of a file to upload, or NULL */
};

struct http_request {
	const char *method;	/* "GET", "POST" */
	const char *url;
	const char *const *headers;	/* "Name: value", NULL-terminated, or NULL */
	const char *body;	/* POST body, or NULL */
	size_t body_len;
	const char *content_type; /* for `body` */
	const struct http_form_part *form; /* multipart parts, or NULL */
	size_t nr_form;
	int idempotent;		/* may be retried after it was sent */
	int follow;		/* follow redirects (same host keeps auth) */
};

struct http_response {
	long status;
	struct buf body;
	struct http_header *headers;
	size_t nr_headers, alloc_headers;
	int retries;		/* how many retries this response took */
};

#define HTTP_RESPONSE_INIT { 0, BUF_INIT, NULL, 0, 0, 0 }

struct http_client;

/* Creates a client; `opts` is copied (its strings stay borrowed). */
int http_client_new(struct http_client **out, const struct http_options *opts,
		    struct err *err);
void http_client_free(struct http_client *c);
/* Number of requests sent on the wire, retries included. */
unsigned long http_client_requests(const struct http_client *c);
/* Whether the last http_do() ended because the cancel hook said so. */
int http_client_cancelled(const struct http_client *c);

/*
 * Sends `req`; on success (any HTTP status) fills `out`, which the caller
 * releases with http_response_release().  Fails with ERR_NETWORK after the
 * retries are spent (or at once for permanent transport errors), with
 * ERR_GENERIC when cancelled.  HTTP error statuses are not errors here,
 * except that a retryable status still present after the last retry is
 * returned as the response.
 */
int http_do(struct http_client *c, const struct http_request *req,
	    struct http_response *out, struct err *err);
void http_response_release(struct http_response *r);
/* Last value of a response header (case-insensitive), or NULL. */
const char *http_header_get(const struct http_response *r, const char *name);

/* Backoff before retry `n` (0-based): full jitter below min(cap, base*2^n). */
long http_backoff_ms(long base_ms, long cap_ms, int n, unsigned int *seed);
/* Retry-After in seconds (delta form only) -> ms, or -1 when absent/bad. */
long http_retry_after_ms(const char *value);
/* Percent-encodes `s` for a query or form value into `out`. */
void http_url_escape(struct buf *out, const char *s);
/*
 * `url` fit for a message: any "user:password@" is cut out, so credentials
 * put into JENKINS_URL or --sonar-url never reach the output.  Caller frees.
 */
char *http_url_redact(const char *url);
/* Replaces secrets in one trace line: "Authorization: <redacted>". */
void http_redact_line(struct buf *out, const char *line, size_t len);

#endif
