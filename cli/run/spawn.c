#include "run/spawn.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "run/proc.h"
#include "util/buf.h"
#include "util/xalloc.h"

extern char **environ;

/*
 * In the child, before anything else can run a handler: every signal the
 * parent catches goes back to its default (git's run-command does the same:
 * the parent's handlers would write into the scheduler's signal pipe, so
 * one Ctrl-C could count twice and escalate to SIGKILL).
 */
static void reset_signals(void)
{
	struct sigaction dfl;
	int sig;

	memset(&dfl, 0, sizeof(dfl));
	dfl.sa_handler = SIG_DFL;
	sigemptyset(&dfl.sa_mask);
	for (sig = 1; sig < NSIG; sig++) {
		struct sigaction cur;

		if (sig == SIGKILL || sig == SIGSTOP ||
		    sigaction(sig, NULL, &cur) < 0)
			continue;
		if (cur.sa_handler != SIG_IGN || sig == SIGPIPE)
			sigaction(sig, &dfl, NULL);
	}
}

/*
 * In the child: own process group, default signals, pipes; never returns.
 * `parent` is our parent's pid: the child asks for SIGTERM when it dies
 * (a SIGKILLed plan leaves no terragrunt running on; SIGTERM, not KILL, so
 * that Terraform still releases its state lock), and gives up at once if
 * the parent is already gone.
 */
static void child_exec(const char *path, const struct proc_spec *spec,
		       int out_fd, int err_fd, int status_fd, pid_t parent)
{
	int e, null_fd;
	sigset_t none;

	reset_signals();
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	setpgid(0, 0);
	if (prctl(PR_SET_PDEATHSIG, SIGTERM) < 0 || getppid() != parent) {
		e = ESRCH;
		goto report;
	}
	null_fd = open("/dev/null", O_RDONLY);
	dup2(out_fd, 1);
	dup2(err_fd, 2);
	if (null_fd >= 0)
		dup2(null_fd, 0);
	if (spec->cwd && chdir(spec->cwd) < 0)
		goto fail;
	execve(path, (char *const *)spec->argv,
	       spec->envp ? spec->envp : environ);
fail:
	e = errno;
report:
	if (write(status_fd, &e, sizeof(e)) < 0)
		_exit(127);
	_exit(127);
}

static void close_pair(int p[2])
{
	if (p[0] >= 0)
		close(p[0]);
	if (p[1] >= 0)
		close(p[1]);
}

/* Reads the exec status pipe: 0 when exec succeeded, else the errno. */
static int exec_errno(int fd, pid_t pid)
{
	int child_errno = 0, st;
	ssize_t n;

	while ((n = read(fd, &child_errno, sizeof(child_errno))) < 0 &&
	       errno == EINTR)
		;
	close(fd);
	if (n <= 0)
		return 0;
	while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
		;
	return child_errno ? child_errno : ENOEXEC;
}

int proc_spawn(struct proc_handle *out, const struct proc_spec *spec,
	       struct err *err)
{
	int o[2] = { -1, -1 }, e[2] = { -1, -1 }, st[2] = { -1, -1 }, ce;
	char *path = proc_which(spec->argv[0]);
	pid_t pid, parent = getpid();
	sigset_t all, old_mask;

	if (!path)
		return err_set(err, ERR_ENV, "'%s' not found in PATH",
			       spec->argv[0]);
	if (pipe2(o, O_CLOEXEC) < 0 || pipe2(e, O_CLOEXEC) < 0 ||
	    pipe2(st, O_CLOEXEC) < 0) {
		ce = errno;
		close_pair(o);
		close_pair(e);
		close_pair(st);
		free(path);
		return err_set(err, ERR_IO, "cannot create a pipe: %s",
			       strerror(ce));
	}
	/* No handler may run in the child between fork and its reset. */
	sigfillset(&all);
	sigprocmask(SIG_SETMASK, &all, &old_mask);
	pid = fork();
	if (pid == 0)
		child_exec(path, spec, o[1], e[1], st[1], parent);
	ce = errno;
	sigprocmask(SIG_SETMASK, &old_mask, NULL);
	errno = ce;
	free(path);
	close(o[1]);
	close(e[1]);
	close(st[1]);
	if (pid < 0) {
		ce = errno;
		close(o[0]);
		close(e[0]);
		close(st[0]);
		return err_set(err, ERR_IO, "cannot fork: %s", strerror(ce));
	}
	setpgid(pid, pid);	/* also here: no race with an early kill */
	if ((ce = exec_errno(st[0], pid))) {
		close(o[0]);
		close(e[0]);
		return err_set(err, ERR_ENV, "cannot run '%s': %s",
			       spec->argv[0], strerror(ce));
	}
	fcntl(o[0], F_SETFL, O_NONBLOCK);
	fcntl(e[0], F_SETFL, O_NONBLOCK);
	out->pid = pid;
	out->out_fd = o[0];
	out->err_fd = e[0];
	return 0;
}

static int scrubbed(const char *kv)
{
	return !strncmp(kv, "TF_CLI_ARGS=", 12) ||
	       !strncmp(kv, "TF_CLI_ARGS_", 12) ||
	       !strncmp(kv, "TF_IN_AUTOMATION=", 17) ||
	       !strncmp(kv, "TF_INPUT=", 9) ||
	       !strncmp(kv, "TG_NON_INTERACTIVE=", 19);
}

char **proc_env_build(const char *const *extra, struct buf *dropped)
{
	static const char *const pinned[] = {
		"TF_IN_AUTOMATION=1", "TF_INPUT=0", "TG_NON_INTERACTIVE=true"
	};
	size_t n = 0, nr = 0, i;
	char **env;

	while (environ[n])
		n++;
	for (i = 0; extra && extra[i]; i++)
		n++;
	env = xcalloc(n + ARRAY_SIZE(pinned) + 1, sizeof(*env));
	for (i = 0; environ[i]; i++) {
		if (!scrubbed(environ[i])) {
			env[nr++] = xstrdup(environ[i]);
			continue;
		}
		if (dropped && !strncmp(environ[i], "TF_CLI_ARGS", 11))
			buf_addf(dropped, "%s%.*s", dropped->len ? ", " : "",
				 (int)strcspn(environ[i], "="), environ[i]);
	}
	for (i = 0; i < ARRAY_SIZE(pinned); i++)
		env[nr++] = xstrdup(pinned[i]);
	for (i = 0; extra && extra[i]; i++)
		env[nr++] = xstrdup(extra[i]);
	return env;
}

void proc_env_free(char **envp)
{
	size_t i;

	if (!envp)
		return;
	for (i = 0; envp[i]; i++)
		free(envp[i]);
	free(envp);
}
