#ifndef UTIL_ERR_H
#define UTIL_ERR_H

/*
 * Errors are values.  A fallible function returns 0 or a negative
 * `enum err_code` and, on failure, puts a one-line message (no trailing
 * newline, no "error:" prefix) into the caller's `struct err`:
 *
 *	if (!f)
 *		return err_set(err, ERR_IO, "cannot open '%s': %s", path, strerror(errno));
 *
 * Callers propagate without overwriting (err_set on an already-set err keeps
 * the first message); they may add context with err_prefix().  Only cmd/
 * turns an error into a message and an exit code (see cmd/exit.h).
 */
#include "util/buf.h"

enum err_code {
	ERR_OK = 0,
	ERR_GENERIC = -1,	/* internal or unclassified: exit 3 */
	ERR_INPUT = -2,		/* invalid input file or value: exit 2 */
	ERR_USAGE = -3,		/* bad command line: exit 2 */
	ERR_IO = -4,		/* file system: exit 3 */
	ERR_ENV = -5,		/* tool missing, environment broken: exit 3 */
	ERR_NETWORK = -6,	/* server unreachable after retries: exit 3 */
	ERR_NOTFOUND = -7,	/* a named thing does not exist: exit 2 */
	ERR_CONFLICT = -8,	/* refused: lock held, stale plan, drift: exit 1 */
};

struct err {
	int code;
	struct buf msg;
};

#define ERR_INIT { ERR_OK, BUF_INIT }

/* Sets code and message unless already set; returns `code`. */
int err_set(struct err *err, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Prepends "context: " to the message; returns the error's code. */
int err_prefix(struct err *err, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
int err_is_set(const struct err *err);
/* Clears code and message so the struct can be reused. */
void err_clear(struct err *err);
void err_release(struct err *err);

#endif
