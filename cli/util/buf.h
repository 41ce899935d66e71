#ifndef UTIL_BUF_H
#define UTIL_BUF_H

/*
 * struct buf: an owned, growable byte buffer.
 *
 * Invariants (as git's strbuf): `ptr` is never NULL and always NUL-terminated,
 * so `buf.ptr` can be handed to any C string function even when empty.  The
 * content may hold NUL bytes; `len` is authoritative.  `max`, when non-zero,
 * caps the length: an append that would pass it fails with -1 and leaves the
 * buffer as it was (used for HTTP bodies and report fields).
 *
 * A refused append is sticky: `failed` is set and every later append is
 * refused too, so the content stays a clean prefix (never a text with a
 * hole in the middle) and a writer of many appends checks buf_failed()
 * once at the end instead of checking each call.  Sizes are computed with
 * overflow checks (st_add() of util/xalloc.h): a size that would wrap
 * around SIZE_MAX is an internal error, never a short allocation.
 */
#include <stdarg.h>
#include <stddef.h>

struct buf {
	char *ptr;
	size_t len;
	size_t alloc;
	size_t max;
	int failed;	/* an append was refused: see buf_failed() */
};

extern char buf_empty[];
#define BUF_INIT { buf_empty, 0, 0, 0, 0 }

void buf_init(struct buf *b, size_t hint);
/* Frees the memory and resets to BUF_INIT (keeps `max`). NULL-safe. */
void buf_release(struct buf *b);
/* Hands the memory to the caller (free() it); the buffer is reset. */
char *buf_detach(struct buf *b, size_t *len_out);
void buf_grow(struct buf *b, size_t extra);
/* The growth policy: the allocation after `alloc` that holds `want` bytes. */
size_t buf_alloc_size(size_t alloc, size_t want);
/* Empties the content and clears `failed`; keeps the memory and `max`. */
void buf_reset(struct buf *b);
void buf_truncate(struct buf *b, size_t len);

/*
 * Appends return 0, or -1 when `max` would be exceeded or an earlier append
 * was refused (nothing appended either way).
 */
int buf_add(struct buf *b, const void *data, size_t len);
int buf_addstr(struct buf *b, const char *s);
int buf_addch(struct buf *b, char c);
int buf_addf(struct buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
int buf_vaddf(struct buf *b, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));

/* Whether an append was refused since the last reset (or release). */
int buf_failed(const struct buf *b);

/* Removes trailing white space (spaces, tabs, CR, LF). */
void buf_rtrim(struct buf *b);
int buf_equals(const struct buf *a, const struct buf *b);

#endif
