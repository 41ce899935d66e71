#ifndef RUN_SPAWN_H
#define RUN_SPAWN_H

/*
 * Asynchronous children for the scheduler: proc_spawn() starts a program in
 * its own process group with separate stdout and stderr pipes (non-blocking,
 * close-on-exec) and stdin on /dev/null.  The caller polls the two fds,
 * reads them until EOF and reaps the pid.
 *
 * The child gets its own process group so that a Ctrl-C typed on the
 * terminal reaches only mds-infra, which forwards it exactly once: Terraform
 * treats a second SIGINT as "stop now", so a child must never get two.
 * Signals are blocked across fork() and the child resets every handler
 * before unblocking them, so the parent's handlers never run in it.  A
 * child gets SIGTERM when mds-infra dies (PR_SET_PDEATHSIG), even by
 * SIGKILL, so no terragrunt is left running as an orphan.
 */
#include <sys/types.h>

#include "util/err.h"

struct proc_spec {
	const char *const *argv;	/* argv[0] looked up in PATH */
	const char *cwd;		/* NULL: ours */
	char *const *envp;		/* NULL: ours */
};

struct proc_handle {
	pid_t pid;		/* also the process group id */
	int out_fd;
	int err_fd;
};

/*
 * Starts the child.  ERR_ENV when the program cannot be found or executed
 * (nothing is left running then), ERR_IO for other system errors.
 */
int proc_spawn(struct proc_handle *out, const struct proc_spec *spec,
	       struct err *err);

/*
 * Environment for terragrunt: ours, minus TF_CLI_ARGS and TF_CLI_ARGS_*
 * (they would change our commands behind our back; contract §3.1), plus
 * TF_IN_AUTOMATION=1, TF_INPUT=0, TG_NON_INTERACTIVE=true and the `extra`
 * "NAME=VALUE" strings (NULL-terminated, may be NULL).  The TF_CLI_ARGS*
 * names dropped are appended to `dropped` (", "-separated) when it is not
 * NULL.  Caller
 * frees with proc_env_free().
 */
struct buf;
char **proc_env_build(const char *const *extra, struct buf *dropped);
void proc_env_free(char **envp);

#endif
