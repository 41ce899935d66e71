#ifndef RUN_LOCK_H
#define RUN_LOCK_H

/*
 * The local apply lock: <dir>/<env>.lock holds the holder's pid, host and
 * start time.  It is created atomically (written aside, then link(2), which
 * fails if the lock exists), so two applies cannot both get it.  A lock
 * whose holder is on this host and no longer runs is stale: it is removed
 * and taken (and the caller told, to say so).
 */
#include "util/err.h"

struct run_lock {
	char *path;
	int held;
	int took_stale;		/* a stale lock was removed to take this one */
	char *stale_holder;	/* its content, one line, when took_stale */
};

#define RUN_LOCK_INIT { NULL, 0, 0, NULL }

/* ERR_CONFLICT "ENV is locked by pid N on HOST since TIME (PATH)". */
int run_lock_acquire(struct run_lock *out, const char *dir, const char *env,
		     struct err *err);
/* Removes the lock if held; frees. */
void run_lock_release(struct run_lock *l);

#endif
