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

#include "util/xalloc.h"

#define NOTE_START "\033[8mha:"
#define NOTE_END "\033[0m"

void jenkins_log_clean(struct buf *out, const char *body, size_t len)
{
	const char *p = body, *end = body + len;

	while (p < end) {
		const char *esc = memchr(p, '\033', (size_t)(end - p));
		const char *stop = esc ? esc : end;
		const char *q;

		/* Copy up to the next ESC, turning CRLF into LF. */
		for (q = p; q < stop; q++) {
			if (*q == '\r' && q + 1 < end && q[1] == '\n')
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

int jenkins_log_get(struct jenkins_log_chunk *out, struct jenkins *j,
		    const char *job, long number, long start, struct err *err)
{
	struct http_response r = HTTP_RESPONSE_INIT;
	struct buf url = BUF_INIT;
	const char *more;
	int ret = jenkins_job_url(&url, j->base, job, err);

	if (!ret) {
		buf_addf(&url, "/%ld/logText/progressiveText?start=%ld", number,
			 start);
		ret = jenkins_get(&r, j, url.ptr, err);
	}
	if (!ret && r.status != 200)
		ret = jenkins_status_error(&r, "console log", err);
	if (!ret) {
		out->next = header_long(&r, "X-Text-Size");
		if (out->next < 0)
			ret = err_set(err, ERR_NETWORK, "console log: response "
				      "without X-Text-Size (a proxy page?)");
	}
	if (!ret) {
		more = http_header_get(&r, "X-More-Data");
		out->more = more && !strcmp(more, "true");
		buf_reset(&out->text);
		jenkins_log_clean(&out->text, r.body.ptr, r.body.len);
	}
	http_response_release(&r);
	buf_release(&url);
	return ret;
}

void jenkins_log_chunk_release(struct jenkins_log_chunk *c)
{
	buf_release(&c->text);
}
