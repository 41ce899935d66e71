/*
 * Differential test of the HCL reader against HashiCorp's parser: for every
 * .tf file of the repository and every file of tests/fixtures/hcl/, the
 * oracle (tests/oracle/hcldump.go on Debian's hclsyntax) and hcl_parse()
 * must agree on accept/reject, and on accepted files print the same
 * structure (attribute names, lines and expression text; block types,
 * labels, lines and bodies).  The oracle is built on demand; if it cannot
 * be built the test fails (no skip).
 */
#include <criterion/criterion.h>
#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "hcl/hcl.h"
#include "util/buf.h"
#include "util/fs.h"
#include "util/xalloc.h"

static char oracle[PATH_MAX];

/* Runs a shell command; its stdout into `out`; returns the exit status. */
static int run(struct buf *out, const char *cmd)
{
	FILE *p = popen(cmd, "r");
	char chunk[4096];
	size_t n;
	int st;

	cr_assert_not_null(p, "popen %s", cmd);
	while ((n = fread(chunk, 1, sizeof(chunk), p)) > 0)
		buf_add(out, chunk, n);
	st = pclose(p);
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128;
}

/* The oracle goes to <build>/tools, the build directory being the parent
 * of the directory of this test executable (build/tests/). */
static void build_oracle(void)
{
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	struct buf out = BUF_INIT;
	char *dir, *build, *cmd;

	cr_assert(n > 0);
	exe[n] = '\0';
	dir = fs_dirname(exe);
	build = fs_dirname(dir);
	cmd = xasprintf("sh '%s/tests/oracle/build.sh' '%s/tools' 2>&1", SOURCE_DIR, build);
	cr_assert_eq(run(&out, cmd), 0, "cannot build the hcldump oracle: %s", out.ptr);
	buf_rtrim(&out);
	cr_assert(out.len < sizeof(oracle));
	memcpy(oracle, out.ptr, out.len + 1);
	free(cmd);
	free(build);
	free(dir);
	buf_release(&out);
}

struct files {
	char **v;
	size_t nr, alloc;
};

static void collect(struct files *fs, const char *dir, const char *ext, int recurse)
{
	DIR *d = opendir(dir);
	struct dirent *de;

	if (!d)
		return;
	while ((de = readdir(d))) {
		char *path;
		size_t len = strlen(de->d_name);

		if (de->d_name[0] == '.' || !strncmp(de->d_name, "build", 5))
			continue;
		path = fs_join(dir, de->d_name);
		if (fs_is_dir(path)) {
			if (recurse)
				collect(fs, path, ext, recurse);
			free(path);
		} else if (len > strlen(ext) && !strcmp(de->d_name + len - strlen(ext), ext)) {
			ALLOC_GROW(fs->v, fs->nr, fs->alloc);
			fs->v[fs->nr++] = path;
		} else {
			free(path);
		}
	}
	closedir(d);
}

/* 0 when oracle and reader agree on `path`; prints the difference otherwise. */
static int compare(const char *path, int *accepted)
{
	struct buf want = BUF_INIT, got = BUF_INIT;
	struct hcl_file f = HCL_FILE_INIT;
	struct err err = ERR_INIT;
	char *cmd = xasprintf("'%s' '%s'", oracle, path);
	int oracle_rc = run(&want, cmd), rc = hcl_parse_file(&f, path, &err), bad = 0;

	cr_assert(oracle_rc == 0 || oracle_rc == 1, "oracle failed on %s: %s", path, want.ptr);
	*accepted = oracle_rc == 0;
	if (oracle_rc == 0 && rc) {
		cr_log_error("%s: oracle accepts, reader rejects: %s", path, err.msg.ptr);
		bad = 1;
	} else if (oracle_rc == 1 && !rc) {
		cr_log_error("%s: oracle rejects (%s), reader accepts", path, want.ptr);
		bad = 1;
	} else if (!rc) {
		hcl_dump_json(&got, &f);
		if (strcmp(got.ptr, want.ptr)) {
			cr_log_error("%s: structure differs\noracle: %s\nreader: %s", path, want.ptr, got.ptr);
			bad = 1;
		}
	}
	hcl_file_release(&f);
	err_release(&err);
	buf_release(&want);
	buf_release(&got);
	free(cmd);
	return bad;
}

static void compare_all(struct files *fs, size_t min_files, int want_rejects)
{
	size_t bad = 0, rejected = 0;

	cr_assert_geq(fs->nr, min_files, "only %zu files found", fs->nr);
	for (size_t i = 0; i < fs->nr; i++) {
		int accepted;

		bad += (size_t)compare(fs->v[i], &accepted);
		rejected += !accepted;
		free(fs->v[i]);
	}
	free(fs->v);
	cr_expect_eq(bad, 0, "%zu of %zu files disagree with the oracle", bad, fs->nr);
	if (want_rejects)
		cr_expect_geq(rejected, (size_t)want_rejects, "the malformed fixtures must be rejected");
}

TestSuite(hcl_read_oracle, .init = build_oracle, .timeout = 110);

Test(hcl_read_oracle, every_tf_file_of_the_repository)
{
	struct files fs = { 0 };

	collect(&fs, SOURCE_DIR, ".tf", 1);
	compare_all(&fs, 32, 0);
}

Test(hcl_read_oracle, tricky_fixtures)
{
	struct files fs = { 0 };

	collect(&fs, FIXTURES "/hcl", ".tf", 0);
	compare_all(&fs, 20, 8);
}
