#include "util/buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

char buf_empty[1];

void buf_init(struct buf *b, size_t hint)
{
	b->ptr = buf_empty;
	b->len = 0;
	b->alloc = 0;
	b->max = 0;
	b->failed = 0;
	if (hint)
		buf_grow(b, hint);
}

void buf_release(struct buf *b)
{
	if (!b)
		return;
	if (b->alloc)
		free(b->ptr);
	b->ptr = buf_empty;
	b->len = 0;
	b->alloc = 0;
	b->failed = 0;
}

char *buf_detach(struct buf *b, size_t *len_out)
{
	char *res;

	if (!b->alloc)
		buf_grow(b, 0);
	res = b->ptr;
	if (len_out)
		*len_out = b->len;
	b->ptr = buf_empty;
	b->len = 0;
	b->alloc = 0;
	b->failed = 0;
	return res;
}

/*
 * The next allocation for at least `want` bytes: double while small, then
 * grow by half; where the growth itself would wrap, exactly `want`.
 */
size_t buf_alloc_size(size_t alloc, size_t want)
{
	while (alloc < want) {
		size_t step = alloc < 1024 ? alloc : alloc / 2;

		if (alloc > (size_t)-1 - step)
			return want;
		alloc += step;
	}
	return alloc;
}

void buf_grow(struct buf *b, size_t extra)
{
	size_t want = st_add(st_add(b->len, extra), 1);

	if (want <= b->alloc)
		return;
	if (!b->alloc) {
		size_t cap = want < 64 ? 64 : want;

		b->ptr = xmalloc(cap);
		b->ptr[0] = '\0';
		b->alloc = cap;
		return;
	}
	b->alloc = buf_alloc_size(b->alloc, want);
	b->ptr = xrealloc(b->ptr, b->alloc);
}

void buf_reset(struct buf *b)
{
	buf_truncate(b, 0);
	b->failed = 0;
}

void buf_truncate(struct buf *b, size_t len)
{
	if (len >= b->len)
		return;
	b->len = len;
	b->ptr[len] = '\0';
}

/* Refuses an append past `max`, and every append after a refused one. */
static int refuse(struct buf *b, size_t extra)
{
	if (b->max && (extra > b->max || b->len > b->max - extra))
		b->failed = 1;
	return b->failed;
}

int buf_failed(const struct buf *b)
{
	return b->failed;
}

int buf_add(struct buf *b, const void *data, size_t len)
{
	if (refuse(b, len))
		return -1;
	if (!len)
		return 0;
	buf_grow(b, len);
	memmove(b->ptr + b->len, data, len);
	b->len += len;
	b->ptr[b->len] = '\0';
	return 0;
}

int buf_addstr(struct buf *b, const char *s)
{
	return buf_add(b, s, strlen(s));
}

int buf_addch(struct buf *b, char c)
{
	return buf_add(b, &c, 1);
}

int buf_vaddf(struct buf *b, const char *fmt, va_list ap)
{
	va_list cp;
	size_t avail;
	int n;

	if (refuse(b, 0))
		return -1;
	/* Format straight into the free space; only a longer result pays for
	 * a second pass (git's strbuf_vaddf does the same). */
	buf_grow(b, 64);
	avail = b->alloc - b->len;
	va_copy(cp, ap);
	n = vsnprintf(b->ptr + b->len, avail, fmt, cp);
	va_end(cp);
	if (n < 0)
		xdie("invalid format string '%s'", fmt);
	if (refuse(b, (size_t)n)) {
		b->ptr[b->len] = '\0';
		return -1;
	}
	if ((size_t)n >= avail) {
		buf_grow(b, (size_t)n);
		vsnprintf(b->ptr + b->len, (size_t)n + 1, fmt, ap);
	}
	b->len += (size_t)n;
	return 0;
}

int buf_addf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	int ret;

	va_start(ap, fmt);
	ret = buf_vaddf(b, fmt, ap);
	va_end(ap);
	return ret;
}

void buf_rtrim(struct buf *b)
{
	while (b->len && strchr(" \t\r\n", b->ptr[b->len - 1]))
		b->len--;
	if (b->alloc)
		b->ptr[b->len] = '\0';
}

int buf_equals(const struct buf *a, const struct buf *b)
{
	return a->len == b->len && !memcmp(a->ptr, b->ptr, a->len);
}
