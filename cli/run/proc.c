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

#include "run/spawn.h"
#include "util/fs.h"
#include "util/xalloc.h"

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

static void drain(int *fd, struct buf *into)
{
	char chunk[16384];
	ssize_t n = read(*fd, chunk, sizeof(chunk));

	if (n > 0) {
		buf_add(into, chunk, (size_t)n);
		return;
	}
	if (n < 0 && (errno == EINTR || errno == EAGAIN))
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
				kill(-pid, SIGTERM);
				kill_at = now_ms() + 5000;
			} else {
				kill(-pid, SIGKILL);
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
	const struct proc_spec spec = { argv, cwd, envp };
	struct proc_handle h;
	int wstatus;

	if (proc_spawn(&h, &spec, err) < 0)
		return err->code;
	pump(res, h.pid, h.out_fd, h.err_fd, timeout_ms);
	while (waitpid(h.pid, &wstatus, 0) < 0 && errno == EINTR)
		;
	res->exited = WIFEXITED(wstatus);
	res->status = res->exited ? WEXITSTATUS(wstatus) : WTERMSIG(wstatus);
	return 0;
}

void proc_result_release(struct proc_result *res)
{
	buf_release(&res->out);
	buf_release(&res->errout);
}
