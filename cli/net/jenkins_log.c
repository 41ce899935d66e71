/*
 * The console log over progressiveText: one request per call, offsets
 * from X-Text-Size only (the body length differs from raw bytes because
 * of CRLF normalisation and stripped annotations).
 */
#include "net/jenkins.h"
#include "net/jenkins_priv.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/xalloc.h"

#define NOTE_START "\033[8mha:"
#define NOTE_END "\033[0m"

static void log_strip(struct buf *out, const char *body, size_t len, int crlf);

void jenkins_log_clean(struct buf *out, const char *body, size_t len)
{
	log_strip(out, body, len, 1);
}

void jenkins_log_strip_notes(struct buf *out, const char *body, size_t len)
{
	log_strip(out, body, len, 0);
}

static void log_strip(struct buf *out, const char *body, size_t len, int crlf)
{
	const char *p = body, *end = body + len;

	while (p < end) {
		const char *esc = memchr(p, '\033', (size_t)(end - p));
		const char *stop = esc ? esc : end;
		const char *q;

		/* Copy up to the next ESC, turning CRLF into LF. */
		for (q = p; q < stop; q++) {
			if (crlf && *q == '\r' && q + 1 < end && q[1] == '\n')
				continue;
			buf_addch(out, *q);
		}
		if (!esc)
			break;
		if ((size_t)(end - esc) >= strlen(NOTE_START) &&
		    !memcmp(esc, NOTE_START, strlen(NOTE_START))) {
			const char *close = memmem(esc + 1, (size_t)(end - esc - 1),
						   NOTE_END, strlen(NOTE_END));

			if (close) {
				p = close + strlen(NOTE_END);
				continue;
			}
		}
		buf_addch(out, *esc);
		p = esc + 1;
	}
}

static long header_long(const struct http_response *r, const char *name)
{
	const char *v = http_header_get(r, name);
	char *end;
	long n;

	if (!v)
		return -1;
	errno = 0;
	n = strtol(v, &end, 10);
	if (errno || end == v || n < 0)
		return -1;
	return n;
}

/* Where an unfinished ConsoleNote starts at the end of raw text, or len. */
static size_t complete_prefix(const char *text, size_t len)
{
	const char *p = text, *last = NULL;

	while ((p = memmem(p, (size_t)(text + len - p), NOTE_START,
			   strlen(NOTE_START)))) {
		last = p;
		p += strlen(NOTE_START);
	}
	if (last && !memmem(last, (size_t)(text + len - last), NOTE_END,
			    strlen(NOTE_END)))
		return (size_t)(last - text);
	/* A trailing ESC could be the first byte of a note still unwritten. */
	for (p = text + len; p > text && text + len - p < 8; p--)
		if (p[-1] == '\033' && !memcmp(p - 1, NOTE_START,
						 (size_t)(text + len - p + 1)))
			return (size_t)(p - 1 - text);
	return len;
}

/* The "text" and "meta" parts of a multipart progressiveText answer. */
static int take_part(struct jenkins_log_chunk *out, const char *name,
		     const char *data, size_t len, struct err *err)
{
	json_t *meta;
	json_error_t jerr;
	size_t keep;

	if (!strcmp(name, "text")) {
		keep = complete_prefix(data, len);
		jenkins_log_strip_notes(&out->text, data, keep);
		out->held = (long)(len - keep);
		return 0;
	}
	if (strcmp(name, "meta"))
		return 0;
	meta = json_loadb(data, len, 0, &jerr);
	if (!json_is_integer(json_object_get(meta, "end"))) {
		json_decref(meta);
		return err_set(err, ERR_NETWORK, "console log: bad meta part");
	}
	out->next = (long)json_integer_value(json_object_get(meta, "end"));
	out->more = !json_is_true(json_object_get(meta, "completed"));
	json_decref(meta);
	return 0;
}

static int parse_multipart(struct jenkins_log_chunk *out,
			   const struct http_response *r, const char *ctype,
			   struct err *err)
{
	const char *b = strstr(ctype, "boundary="), *p, *end = r->body.ptr + r->body.len;
	char delim[200];
	int ret = 0;

	if (b && *(b += 9) == '"')	/* boundary="..." */
		b++;
	if (!b || snprintf(delim, sizeof(delim), "\r\n--%.*s",
			   (int)strcspn(b, "; \""), b) >= (int)sizeof(delim))
		return err_set(err, ERR_NETWORK, "console log: multipart without boundary");
	out->next = -1;
	out->held = 0;
	/* The body starts with the delimiter without its leading CRLF. */
	p = memmem(r->body.ptr, r->body.len, delim + 2, strlen(delim + 2));
	while (!ret && p && (p += strlen(delim + 2)) < end && *p != '-') {
		const char *hdrs = p, *data = memmem(p, (size_t)(end - p), "\r\n\r\n", 4);
		const char *stop, *nm;
		char name[16] = "";

		if (!data)
			break;
		data += 4;
		stop = memmem(data, (size_t)(end - data), delim, strlen(delim));
		if (!stop)
			break;
		nm = memmem(hdrs, (size_t)(data - hdrs), "name=\"", 6);
		if (nm)
			snprintf(name, sizeof(name), "%.*s", (int)strcspn(nm + 6, "\""), nm + 6);
		ret = take_part(out, name, data, (size_t)(stop - data), err);
		p = stop + 2;
	}
	if (!ret && out->next < 0)
		ret = err_set(err, ERR_NETWORK, "console log: multipart without meta");
	/* An unfinished ConsoleNote is asked for again next time. */
	if (!ret)
		out->next -= out->held;
	return ret;
}

static int parse_plain(struct jenkins_log_chunk *out, const struct http_response *r,
		       struct err *err)
{
	const char *more = http_header_get(r, "X-More-Data");

	out->next = header_long(r, "X-Text-Size");
	if (out->next < 0)
		return err_set(err, ERR_NETWORK, "console log: response without "
			       "X-Text-Size (a proxy page?)");
	out->more = more && !strcmp(more, "true");
	jenkins_log_clean(&out->text, r->body.ptr, r->body.len);
	return 0;
}

int jenkins_log_get(struct jenkins_log_chunk *out, struct jenkins *j,
		    const char *job, long number, long start, struct err *err)
{
	/*
	 * Jenkins >= 2.534 streams raw bytes (no CRLF rewriting, partial lines
	 * included) when asked for multipart; older ones ignore the header and
	 * answer text/plain.  2.509-2.533 drop a trailing partial line from
	 * text/plain (jenkinsci/jenkins#26739): nothing a client can recover.
	 */
	static const char *const accept[] = { "Accept: multipart/form-data", NULL };
	struct http_response r = HTTP_RESPONSE_INIT;
	struct buf url = BUF_INIT;
	const char *ctype;
	int ret = jenkins_job_url(&url, j->base, job, err);

	if (!ret) {
		buf_addf(&url, "/%ld/logText/progressiveText?start=%ld", number,
			 start);
		ret = jenkins_get_with(&r, j, url.ptr, accept, err);
	}
	if (!ret && r.status != 200)
		ret = jenkins_status_error(&r, "console log", err);
	if (!ret) {
		buf_reset(&out->text);
		ctype = http_header_get(&r, "Content-Type");
		if (ctype && !strncasecmp(ctype, "multipart/form-data", 19))
			ret = parse_multipart(out, &r, ctype, err);
		else
			ret = parse_plain(out, &r, err);
	}
	http_response_release(&r);
	buf_release(&url);
	return ret;
}

void jenkins_log_chunk_release(struct jenkins_log_chunk *c)
{
	buf_release(&c->text);
}
