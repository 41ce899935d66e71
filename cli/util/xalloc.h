#ifndef UTIL_XALLOC_H
#define UTIL_XALLOC_H

/*
 * Allocation that cannot fail: on out-of-memory these print and abort, as
 * git's wrapper.c and tmux's xmalloc.c do.  This is a CLI, not a library, so
 * nothing else checks allocations.
 */
#include <stddef.h>

void *xmalloc(size_t size);
void *xcalloc(size_t nmemb, size_t size);
void *xrealloc(void *ptr, size_t size);
/* Grows an array of `nmemb` elements of `size` bytes with overflow checks. */
void *xreallocarray(void *ptr, size_t nmemb, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* For invariants that cannot be broken by input: prints and aborts. */
_Noreturn void xdie(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* ALLOC_GROW(arr, nr, alloc): make room for arr[nr] (git's idiom). */
#define ALLOC_GROW(arr, nr, alloc) \
	do { \
		if ((nr) >= (alloc)) { \
			(alloc) = (alloc) < 8 ? 8 : (alloc) * 2; \
			(arr) = xreallocarray((arr), (alloc), sizeof(*(arr))); \
		} \
	} while (0)

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* a + b, or an internal error if the size would wrap (git's st_add). */
static inline size_t st_add(size_t a, size_t b)
{
	if (a > (size_t)-1 - b)
		xdie("size_t overflow: %zu + %zu", a, b);
	return a + b;
}

#endif
