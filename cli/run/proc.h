#ifndef RUN_PROC_H
#define RUN_PROC_H

/*
 * Run to completion: proc_capture() starts a program through proc_spawn()
 * (run/spawn.h, the one process runner) and collects stdout and stderr
 * separately (read with poll, so neither pipe can fill up and block the
 * child), with an optional timeout after which the child's process group
 * gets SIGTERM and, 5 s later, SIGKILL.
 */
#include "util/buf.h"
#include "util/err.h"

struct proc_result {
	int exited;		/* 1 if it exited, 0 if killed by a signal */
	int status;		/* exit status, or the signal number */
	int timed_out;
	struct buf out;
	struct buf errout;
};

#define PROC_RESULT_INIT { 0, 0, 0, BUF_INIT, BUF_INIT }

/*
 * Runs argv[0] (looked up in PATH when it has no '/') in `cwd` (NULL: here)
 * with `envp` (NULL: ours).  Fails with ERR_ENV when the program cannot be
 * found or executed, ERR_IO for other system errors.  `timeout_ms` <= 0
 * means none.
 */
int proc_capture(struct proc_result *res, const char *const *argv,
		 const char *cwd, char *const *envp, int timeout_ms,
		 struct err *err);
void proc_result_release(struct proc_result *res);

/* Full path of `name` found in PATH (or `name` itself if it has a '/' and
 * is executable), or NULL.  Caller frees. */
char *proc_which(const char *name);

#endif
