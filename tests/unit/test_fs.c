#include <criterion/criterion.h>
#include <dirent.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/fs.h"
#include "util/xalloc.h"

static char dir[] = "/tmp/mds-test-fs.XXXXXX";

static void setup(void)
{
	cr_assert_not_null(mkdtemp(dir));
}

static void teardown(void)
{
	char *cmd = xasprintf("rm -rf '%s'", dir);

	cr_assert_eq(system(cmd), 0);
	free(cmd);
}

TestSuite(fs, .init = setup, .fini = teardown);

static char *slurp(const char *path)
{
	struct buf b = BUF_INIT;
	struct err err = ERR_INIT;

	cr_assert_eq(fs_read_file(&b, path, &err), 0, "%s", err.msg.ptr);
	return buf_detach(&b, NULL);
}

/* Number of directory entries other than . and .. */
static int entries(const char *path)
{
	DIR *d = opendir(path);
	struct dirent *e;
	int n = 0;

	cr_assert_not_null(d);
	while ((e = readdir(d)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			n++;
	closedir(d);
	return n;
}

Test(fs, atomic_write_creates_and_replaces)
{
	char *path = fs_join(dir, "f.txt");
	struct err err = ERR_INIT;
	char *s;

	cr_assert_eq(fs_write_atomic(path, "one\n", 4, 0644, &err), 0);
	cr_assert_str_eq(s = slurp(path), "one\n");
	free(s);
	cr_assert_eq(fs_write_atomic(path, "two!\n", 5, 0644, &err), 0);
	cr_assert_str_eq(s = slurp(path), "two!\n");
	free(s);
	cr_assert_eq(entries(dir), 1, "no temporary left behind");
	free(path);
}

Test(fs, failed_write_leaves_old_file_intact)
{
	char *path = fs_join(dir, "keep.txt");
	struct err err = ERR_INIT;
	struct rlimit lim = { 4096, 4096 };
	size_t big = 1 << 20;
	char *data = xmalloc(big), *s;

	cr_assert_eq(fs_write_atomic(path, "precious\n", 9, 0644, &err), 0);
	/* Files may not grow past 4 KiB now: the next write fails half-way. */
	signal(SIGXFSZ, SIG_IGN);
	cr_assert_eq(setrlimit(RLIMIT_FSIZE, &lim), 0);
	memset(data, 'x', big);
	cr_assert_eq(fs_write_atomic(path, data, big, 0644, &err), ERR_IO);
	cr_assert(strstr(err.msg.ptr, "cannot write"), "%s", err.msg.ptr);
	cr_assert_str_eq(s = slurp(path), "precious\n");
	cr_assert_eq(entries(dir), 1, "the temporary was removed");
	free(s);
	free(data);
	free(path);
	err_release(&err);
}

Test(fs, write_into_missing_directory_fails_cleanly)
{
	char *path = fs_join(dir, "no/such/dir/f");
	struct err err = ERR_INIT;

	cr_assert_eq(fs_write_atomic(path, "x", 1, 0644, &err), ERR_IO);
	cr_assert(strstr(err.msg.ptr, "no/such/dir/f"), "%s", err.msg.ptr);
	free(path);
	err_release(&err);
}

Test(fs, read_missing_is_notfound)
{
	struct buf b = BUF_INIT;
	struct err err = ERR_INIT;
	char *path = fs_join(dir, "absent");

	cr_assert_eq(fs_read_file(&b, path, &err), ERR_NOTFOUND);
	cr_assert(strstr(err.msg.ptr, "cannot open"));
	free(path);
	err_release(&err);
}

Test(fs, mkdirs_and_paths)
{
	char *deep = fs_join(dir, "a/b/c");
	struct err err = ERR_INIT;
	char *d;

	cr_assert_eq(fs_mkdirs(deep, &err), 0);
	cr_assert(fs_is_dir(deep));
	cr_assert_eq(fs_mkdirs(deep, &err), 0, "existing is fine");
	cr_assert_str_eq(d = fs_dirname("a/b/c.txt"), "a/b");
	free(d);
	cr_assert_str_eq(d = fs_dirname("c.txt"), ".");
	free(d);
	cr_assert_str_eq(d = fs_join("a/", "b"), "a/b");
	free(d);
	cr_assert_str_eq(d = fs_join(".", "b"), "b");
	free(d);
	free(deep);
}

Test(fs, transaction_commits_all_or_nothing)
{
	struct fs_txn txn = FS_TXN_INIT;
	struct err err = ERR_INIT;
	char *a = fs_join(dir, "x/a"), *b = fs_join(dir, "y/b"), *s;

	cr_assert_eq(fs_txn_stage(&txn, a, "A", 1, 0644, &err), 0);
	cr_assert_eq(fs_txn_stage(&txn, b, "B", 1, 0644, &err), 0);
	cr_assert(!fs_exists(a), "nothing visible before commit");
	fs_txn_release(&txn);	/* abort */
	cr_assert(!fs_exists(a) && !fs_exists(b));
	cr_assert_eq(entries(fs_dirname(a)), 0, "temporaries removed");

	cr_assert_eq(fs_txn_stage(&txn, a, "A", 1, 0644, &err), 0);
	cr_assert_eq(fs_txn_stage(&txn, b, "B", 1, 0644, &err), 0);
	cr_assert_eq(fs_txn_commit(&txn, &err), 0);
	fs_txn_release(&txn);
	cr_assert_str_eq(s = slurp(a), "A");
	free(s);
	cr_assert_str_eq(s = slurp(b), "B");
	free(s);
	free(a);
	free(b);
}

Test(fs, remove_reports_missing)
{
	char *path = fs_join(dir, "gone");
	struct err err = ERR_INIT;

	cr_assert_eq(fs_write_atomic(path, "", 0, 0600, &err), 0);
	cr_assert_eq(fs_remove(path, &err), 0);
	cr_assert(!fs_exists(path));
	cr_assert_eq(fs_remove(path, &err), ERR_NOTFOUND);
	free(path);
	err_release(&err);
}

Test(fs, transaction_failing_midway_puts_every_old_file_back)
{
	struct fs_txn txn = FS_TXN_INIT;
	struct err err = ERR_INIT;
	char *a = fs_join(dir, "a"), *b = fs_join(dir, "b"), *c = fs_join(dir, "c");
	char *s;

	cr_assert_eq(fs_write_atomic(a, "old A", 5, 0644, &err), 0);
	cr_assert_eq(fs_write_atomic(c, "old C", 5, 0644, &err), 0);
	cr_assert_eq(fs_txn_stage(&txn, a, "new A", 5, 0644, &err), 0);
	cr_assert_eq(fs_txn_stage(&txn, b, "new B", 5, 0644, &err), 0);
	cr_assert_eq(fs_txn_stage(&txn, c, "new C", 5, 0644, &err), 0);
	/* The third rename fails: its staged temporary has vanished. */
	cr_assert_eq(unlink(txn.items[2].tmp), 0);
	cr_assert_eq(fs_txn_commit(&txn, &err), ERR_IO);
	cr_assert(strstr(err.msg.ptr, "cannot replace"), "%s", err.msg.ptr);
	fs_txn_release(&txn);
	cr_assert_str_eq(s = slurp(a), "old A", "the replaced file is back");
	free(s);
	cr_assert_str_eq(s = slurp(c), "old C");
	free(s);
	cr_assert(!fs_exists(b), "the new file is gone");
	cr_assert_eq(entries(dir), 2, "a and c only: no temporaries, no backups");
	free(a);
	free(b);
	free(c);
	err_release(&err);
}

Test(fs, list_sorts_and_filters_by_suffix_or_directory)
{
	static const char *const files[] = { "b.tf", "a.tf", "c.md", ".h.tf" };
	char **names, *path, *sub = fs_join(dir, "z-dir.tf");
	struct err err = ERR_INIT;
	size_t nr, i;

	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		path = fs_join(dir, files[i]);
		cr_assert_eq(fs_write_atomic(path, "x", 1, 0644, &err), 0);
		free(path);
	}
	cr_assert_eq(fs_mkdirs(sub, &err), 0);
	nr = fs_list(&names, dir, ".tf");	/* no dot-file, no directory */
	cr_assert_eq(nr, 2);
	cr_assert_str_eq(names[0], "a.tf");
	cr_assert_str_eq(names[1], "b.tf");
	fs_list_free(names, nr);
	nr = fs_list(&names, dir, NULL);	/* the directories */
	cr_assert_eq(nr, 1);
	cr_assert_str_eq(names[0], "z-dir.tf");
	fs_list_free(names, nr);
	cr_assert_eq(fs_list(&names, "/nonexistent/dir", NULL), 0);
	cr_assert_null(names);
	free(sub);
	err_release(&err);
}
