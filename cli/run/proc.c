#include "run/proc.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "util/fs.h"
#include "util/xalloc.h"

extern char **environ;

char *proc_which(const char *name)
{
	const char *path = getenv("PATH");
	const char *p;

	if (strchr(name, '/'))
		return access(name, X_OK) == 0 ? xstrdup(name) : NULL;
	if (!path)
		path = "/usr/bin:/bin";
	for (p = path; ; ) {
		size_t len = strcspn(p, ":");
		char *dir = xstrndup(len ? p : ".", len ? len : 1);
		char *full = fs_join(dir, name);

		free(dir);
		if (access(full, X_OK) == 0 && !fs_is_dir(full))
			return full;
		free(full);
		if (!p[len])
			return NULL;
		p += len + 1;
	}
}

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* In the child: wire the pipes, change directory and exec; never returns. */
static void child_exec(const char *path, const char *const *argv,
		       const char *cwd, char *const *envp, int out_fd,
		       int err_fd, int status_fd)
{
	int e, null_fd = open("/dev/null", O_RDONLY);

	dup2(out_fd, 1);
	dup2(err_fd, 2);
	if (null_fd >= 0)
		dup2(null_fd, 0);
	if (cwd && chdir(cwd) < 0)
		goto fail;
	execve(path, (char *const *)argv, envp ? envp : environ);
fail:
	e = errno;
	if (write(status_fd, &e, sizeof(e)) < 0)
		_exit(127);
	_exit(127);
}

static void drain(int *fd, struct buf *into)
{
	char chunk[16384];
	ssize_t n = read(*fd, chunk, sizeof(chunk));

	if (n > 0) {
		buf_add(into, chunk, (size_t)n);
		return;
	}
	if (n < 0 && errno == EINTR)
		return;
	close(*fd);
	*fd = -1;
}

static void pump(struct proc_result *res, pid_t pid, int out_fd, int err_fd,
		 int timeout_ms)
{
	long long deadline = timeout_ms > 0 ? now_ms() + timeout_ms : 0;
	long long kill_at = 0;

	while (out_fd >= 0 || err_fd >= 0) {
		struct pollfd fds[2] = { { out_fd, POLLIN, 0 }, { err_fd, POLLIN, 0 } };
		int wait_ms = -1;

		if (deadline) {
			long long left = (kill_at ? kill_at : deadline) - now_ms();

			wait_ms = left > 0 ? (int)left : 0;
		}
		if (poll(fds, 2, wait_ms) == 0 && deadline) {
			if (!kill_at) {
				res->timed_out = 1;
				kill(pid, SIGTERM);
				kill_at = now_ms() + 5000;
			} else {
				kill(pid, SIGKILL);
				deadline = 0;
			}
			continue;
		}
		if (out_fd >= 0 && fds[0].revents)
			drain(&out_fd, &res->out);
		if (err_fd >= 0 && fds[1].revents)
			drain(&err_fd, &res->errout);
	}
}

int proc_capture(struct proc_result *res, const char *const *argv,
		 const char *cwd, char *const *envp, int timeout_ms,
		 struct err *err)
{
	int out[2], errp[2], st[2], child_errno = 0, wstatus;
	char *path = proc_which(argv[0]);
	pid_t pid;

	if (!path)
		return err_set(err, ERR_NOTFOUND, "'%s' not found in PATH", argv[0]);
	if (pipe2(out, O_CLOEXEC) < 0 || pipe2(errp, O_CLOEXEC) < 0 ||
	    pipe2(st, O_CLOEXEC) < 0) {
		free(path);
		return err_set(err, ERR_IO, "cannot create a pipe: %s",
			       strerror(errno));
	}
	pid = fork();
	if (pid < 0) {
		free(path);
		return err_set(err, ERR_IO, "cannot fork: %s", strerror(errno));
	}
	if (pid == 0)
		child_exec(path, argv, cwd, envp, out[1], errp[1], st[1]);
	free(path);
	close(out[1]);
	close(errp[1]);
	close(st[1]);
	pump(res, pid, out[0], errp[0], timeout_ms);
	if (read(st[0], &child_errno, sizeof(child_errno)) <= 0)
		child_errno = 0;
	close(st[0]);
	while (waitpid(pid, &wstatus, 0) < 0 && errno == EINTR)
		;
	if (child_errno)
		return err_set(err, ERR_NOTFOUND, "cannot run '%s': %s", argv[0],
			       strerror(child_errno));
	res->exited = WIFEXITED(wstatus);
	res->status = res->exited ? WEXITSTATUS(wstatus) : WTERMSIG(wstatus);
	return 0;
}

void proc_result_release(struct proc_result *res)
{
	buf_release(&res->out);
	buf_release(&res->errout);
}
