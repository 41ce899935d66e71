/*
 * run/lock: one holder at a time, holder details in the refusal, stale
 * locks of dead processes taken over, release removes the file.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "run/lock.h"
#include "util/buf.h"
#include "util/fs.h"

static char dir[64];

static void setup(void)
{
	snprintf(dir, sizeof(dir), "/tmp/mds-lock-XXXXXX");
	cr_assert(mkdtemp(dir));
}

static void teardown(void)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	cr_expect_eq(system(cmd), 0);
}

TestSuite(run_lock, .init = setup, .fini = teardown);

Test(run_lock, second_holder_is_refused_then_release_frees)
{
	struct run_lock a = RUN_LOCK_INIT, b = RUN_LOCK_INIT, c = RUN_LOCK_INIT;
	struct err err = ERR_INIT;
	char pid[32];

	cr_assert_eq(run_lock_acquire(&a, dir, "prod", &err), 0, "%s", err.msg.ptr);
	cr_expect(fs_exists(a.path));
	cr_expect_eq(run_lock_acquire(&b, dir, "prod", &err), ERR_CONFLICT);
	snprintf(pid, sizeof(pid), "pid %ld on ", (long)getpid());
	cr_expect(strstr(err.msg.ptr, pid), "%s", err.msg.ptr);
	cr_expect(strstr(err.msg.ptr, "prod.lock"), "%s", err.msg.ptr);
	err_clear(&err);
	run_lock_release(&b);
	run_lock_release(&a);
	cr_assert_eq(run_lock_acquire(&c, dir, "prod", &err), 0, "%s", err.msg.ptr);
	cr_expect_eq(c.took_stale, 0);
	run_lock_release(&c);
	cr_expect(!fs_exists(c.path ? c.path : "/nonexistent-lock"));
	err_release(&err);
}

Test(run_lock, dead_holder_on_this_host_is_stale)
{
	struct run_lock l = RUN_LOCK_INIT;
	struct err err = ERR_INIT;
	struct buf text = BUF_INIT;
	char host[256] = "", path[128];

	gethostname(host, sizeof(host) - 1);
	snprintf(path, sizeof(path), "%s/dev.lock", dir);
	buf_addf(&text, "pid=999999\nhost=%s\ntime=2026-01-01T00:00:00Z\n", host);
	cr_assert_eq(fs_write_atomic(path, text.ptr, text.len, 0644, &err), 0);
	cr_assert_eq(run_lock_acquire(&l, dir, "dev", &err), 0, "%s", err.msg.ptr);
	cr_expect_eq(l.took_stale, 1);
	cr_expect(strstr(l.stale_holder, "pid 999999"), "%s", l.stale_holder);
	run_lock_release(&l);
	buf_release(&text);
	err_release(&err);
}

Test(run_lock, holder_on_another_host_is_never_stale)
{
	struct run_lock l = RUN_LOCK_INIT;
	struct err err = ERR_INIT;
	const char *text = "pid=999999\nhost=elsewhere.example\ntime=x\n";
	char path[128];

	snprintf(path, sizeof(path), "%s/dev.lock", dir);
	cr_assert_eq(fs_write_atomic(path, text, strlen(text), 0644, &err), 0);
	cr_expect_eq(run_lock_acquire(&l, dir, "dev", &err), ERR_CONFLICT);
	cr_expect(strstr(err.msg.ptr, "on elsewhere.example"), "%s", err.msg.ptr);
	run_lock_release(&l);
	err_release(&err);
}
