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

struct verdict {
	size_t bad;		/* files read differently */
	size_t accepted;	/* accepted by the oracle (and so by the reader) */
	size_t lenient;		/* rejected only by the oracle, when allowed */
};

/*
 * One file: `want` is the oracle's line for it.  With `lenient`, a file
 * only the oracle rejects is no disagreement (an error in expression
 * grammar, which the reader does not check) but is counted.
 */
static void compare_one(struct verdict *v, const char *path, const char *want, int lenient)
{
	struct hcl_file f = HCL_FILE_INIT;
	struct err err = ERR_INIT;
	struct buf got = BUF_INIT;
	int oracle_ok = want[0] == '{', rc = hcl_parse_file(&f, path, &err);

	cr_assert(oracle_ok || !strncmp(want, "error ", 6), "oracle failed on %s: %s", path, want);
	v->accepted += (size_t)oracle_ok;
	if (oracle_ok && rc) {
		cr_log_error("%s: oracle accepts, reader rejects: %s", path, err.msg.ptr);
		v->bad++;
	} else if (!oracle_ok && !rc && lenient) {
		v->lenient++;
	} else if (!oracle_ok && !rc) {
		cr_log_error("%s: oracle rejects (%s), reader accepts", path, want);
		v->bad++;
	} else if (!rc) {
		hcl_dump_json(&got, &f);
		buf_rtrim(&got);
		if (strcmp(got.ptr, want)) {
			cr_log_error("%s: structure differs\noracle: %s\nreader: %s", path, want, got.ptr);
			v->bad++;
		}
	}
	hcl_file_release(&f);
	err_release(&err);
	buf_release(&got);
}

/* Starts the oracle once for all files (one line each), then compares. */
static void compare_files(struct verdict *v, char *const *paths, size_t nr, int lenient)
{
	struct buf cmd = BUF_INIT, lines = BUF_INIT;
	char *p;

	buf_addf(&cmd, "'%s'", oracle);
	for (size_t i = 0; i < nr; i++)
		buf_addf(&cmd, " '%s'", paths[i]);
	buf_addstr(&cmd, " /dev/null");	/* two files at least: one line each, exit 0 */
	cr_assert_eq(run(&lines, cmd.ptr), 0, "oracle failed: %s", lines.ptr);
	p = lines.ptr;
	for (size_t i = 0; i < nr; i++) {
		char *nl = strchr(p, '\n');

		cr_assert_not_null(nl, "oracle output ends before %s", paths[i]);
		*nl = '\0';
		compare_one(v, paths[i], p, lenient);
		p = nl + 1;
	}
	buf_release(&cmd);
	buf_release(&lines);
}

static void compare_all(struct files *fs, size_t min_files, size_t want_rejects)
{
	struct verdict v = { 0 };

	cr_assert_geq(fs->nr, min_files, "only %zu files found", fs->nr);
	compare_files(&v, fs->v, fs->nr, 0);
	cr_expect_eq(v.bad, 0, "%zu of %zu files disagree with the oracle", v.bad, fs->nr);
	cr_expect_geq(fs->nr - v.accepted, want_rejects, "the malformed fixtures must be rejected");
	for (size_t i = 0; i < fs->nr; i++)
		free(fs->v[i]);
	free(fs->v);
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

/* Scratch files for the oracle (no fsync: fs_write_atomic's would dominate). */
static void write_file(const char *path, const struct buf *b)
{
	FILE *f = fopen(path, "wb");

	cr_assert_not_null(f, "%s", path);
	cr_assert_eq(fwrite(b->ptr, 1, b->len, f), b->len);
	cr_assert_eq(fclose(f), 0);
}

static unsigned long next_rand(unsigned long *seed)
{
	*seed = *seed * 6364136223846793005UL + 1442695040888963407UL;
	return *seed >> 13;
}

/* One to three edits: a character replaced, deleted, or a piece inserted. */
static void damage(struct buf *src, unsigned long *seed)
{
	static const char *const alphabet[] = {
		"\"", "$", "{", "}", "[", "]", "(", ")", "\n", "\\", "#", "/", "*", "=",
		" ", "a", "1", ".", "~", "%", "<<EOT\n", "EOT\n", ",", ":", "?",
	};

	for (unsigned long edits = 1 + next_rand(seed) % 3; edits && src->len; edits--) {
		struct buf next = BUF_INIT;
		size_t at = next_rand(seed) % src->len, op = next_rand(seed) % 3;
		const char *ins = alphabet[next_rand(seed) % ARRAY_SIZE(alphabet)];
		size_t skip = op == 2 ? 0 : 1;	/* 0 replace, 1 delete, 2 insert */

		buf_add(&next, src->ptr, at);
		if (op != 1)
			buf_addstr(&next, ins);
		buf_add(&next, src->ptr + at + skip, src->len - at - skip);
		buf_release(src);
		*src = next;
	}
}

/* `n` damaged copies of the valid files among `srcs`, written under `dir`. */
static void make_damaged(struct files *made, const struct files *srcs, const char *dir, size_t n)
{
	unsigned long seed = 20261129;

	for (size_t i = 0; made->nr < n && i < 20 * n; i++) {
		const char *from = srcs->v[next_rand(&seed) % srcs->nr];
		struct buf src = BUF_INIT;
		struct err err = ERR_INIT;

		if (strstr(from, "/bad-"))
			continue;	/* damage only files that are valid to begin with */
		cr_assert_eq(fs_read_file(&src, from, &err), 0, "%s", err.msg.ptr);
		damage(&src, &seed);
		ALLOC_GROW(made->v, made->nr, made->alloc);
		made->v[made->nr] = xasprintf("%s/m%zu.tf", dir, made->nr);
		write_file(made->v[made->nr++], &src);
		buf_release(&src);
	}
}

/*
 * Random damage to valid files (seeded, so reproducible): characters
 * replaced, deleted or inserted from an alphabet of HCL's structural
 * characters.  The reader must never reject what hclsyntax accepts, and
 * must read the same structure whenever both accept.  Files with damage
 * only to expression grammar ("a = 1 +") pass the reader; they are counted
 * and may be at most a fifth.
 */
Test(hcl_read_oracle, randomly_damaged_files)
{
	struct files srcs = { 0 }, made = { 0 };
	struct verdict v = { 0 };
	char dir[] = "/tmp/hcl-oracle-XXXXXX";

	collect(&srcs, FIXTURES "/hcl", ".tf", 0);
	collect(&srcs, SOURCE_DIR "/terraform/modules", ".tf", 1);
	cr_assert_not_null(mkdtemp(dir));
	make_damaged(&made, &srcs, dir, 1000);
	compare_files(&v, made.v, made.nr, 1);
	for (size_t i = 0; i < made.nr; i++) {
		struct err err = ERR_INIT;

		fs_remove(made.v[i], &err);
		err_release(&err);
		free(made.v[i]);
	}
	free(made.v);
	rmdir(dir);
	for (size_t i = 0; i < srcs.nr; i++)
		free(srcs.v[i]);
	free(srcs.v);
	cr_log_info("%zu damaged files: %zu accepted by both, %zu rejected only by hclsyntax",
		    made.nr, v.accepted, v.lenient);
	cr_expect_eq(v.bad, 0, "%zu damaged files read differently", v.bad);
	cr_expect_gt(v.accepted, made.nr / 10, "the damage must leave some files valid");
	cr_expect_lt(v.lenient, made.nr / 5, "too many files only hclsyntax rejects");
}
