#include "run/lock.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "util/buf.h"
#include "util/fs.h"
#include "util/xalloc.h"

static void holder_text(struct buf *out)
{
	char host[256] = "unknown", when[32] = "";
	time_t now = time(NULL);
	struct tm tm;

	gethostname(host, sizeof(host) - 1);
	if (gmtime_r(&now, &tm))
		strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm);
	buf_addf(out, "pid=%ld\nhost=%s\ntime=%s\n", (long)getpid(), host, when);
}

static const char *field(const char *text, const char *key, size_t *len)
{
	size_t kl = strlen(key);
	const char *p = text;

	while (p && *p) {
		if (!strncmp(p, key, kl) && p[kl] == '=') {
			*len = strcspn(p + kl + 1, "\n");
			return p + kl + 1;
		}
		p = strchr(p, '\n');
		p = p ? p + 1 : NULL;
	}
	*len = 0;
	return "";
}

/* 1 when the lock's holder ran on this host and is gone. */
static int is_stale(const char *text)
{
	char host[256] = "";
	size_t hl, pl;
	const char *h = field(text, "host", &hl);
	const char *p = field(text, "pid", &pl);
	char *end;
	long pid;

	gethostname(host, sizeof(host) - 1);
	if (hl != strlen(host) || strncmp(h, host, hl) || !pl)
		return 0;
	pid = strtol(p, &end, 10);
	if (end == p || pid <= 0)
		return 0;
	return kill((pid_t)pid, 0) < 0 && errno == ESRCH;
}

static void one_line(struct buf *out, const char *text)
{
	size_t n;
	const char *pid = field(text, "pid", &n);

	buf_addf(out, "pid %.*s", (int)n, pid);
	pid = field(text, "host", &n);
	buf_addf(out, " on %.*s", (int)n, pid);
	pid = field(text, "time", &n);
	buf_addf(out, " since %.*s", (int)n, pid);
}

/* Tries link(tmp, path) once: 0 taken, 1 exists, <0 error. */
static int try_link(const char *tmp, const char *path, struct err *err)
{
	if (link(tmp, path) == 0)
		return 0;
	if (errno == EEXIST)
		return 1;
	return err_set(err, ERR_IO, "cannot create '%s': %s", path,
		       strerror(errno));
}

static int take(struct run_lock *out, const char *tmp, const char *env,
		struct err *err)
{
	struct buf cur = BUF_INIT, who = BUF_INIT;
	int r, tries;

	for (tries = 0; tries < 2; tries++) {
		if ((r = try_link(tmp, out->path, err)) <= 0)
			break;
		buf_reset(&cur);
		if (fs_read_file(&cur, out->path, err) < 0) {
			if (err->code != ERR_NOTFOUND)
				break;
			err_clear(err);	/* released meanwhile: try again */
			continue;
		}
		if (!is_stale(cur.ptr) || tries) {
			one_line(&who, cur.ptr);
			r = err_set(err, ERR_CONFLICT,
				    "environment '%s' is locked by %s (%s); if that apply is gone, remove the file",
				    env, who.ptr, out->path);
			break;
		}
		one_line(&who, cur.ptr);
		out->took_stale = 1;
		out->stale_holder = buf_detach(&who, NULL);
		unlink(out->path);
	}
	buf_release(&cur);
	buf_release(&who);
	return r;
}

int run_lock_acquire(struct run_lock *out, const char *dir, const char *env,
		     struct err *err)
{
	struct buf text = BUF_INIT;
	char *name = xasprintf("%s.lock", env);
	char *tmp;
	int ret;

	out->path = fs_join(dir, name);
	tmp = xasprintf("%s.%ld.tmp", out->path, (long)getpid());
	free(name);
	holder_text(&text);
	ret = fs_mkdirs(dir, err);
	if (!ret)
		ret = fs_write_atomic(tmp, text.ptr, text.len, 0644, err);
	if (!ret)
		ret = take(out, tmp, env, err);
	if (ret > 0)
		ret = err->code;
	unlink(tmp);
	free(tmp);
	buf_release(&text);
	out->held = ret == 0;
	return ret;
}

void run_lock_release(struct run_lock *l)
{
	if (!l)
		return;
	if (l->held && l->path)
		unlink(l->path);
	free(l->path);
	free(l->stale_holder);
	l->path = l->stale_holder = NULL;
	l->held = 0;
}
