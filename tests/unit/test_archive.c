/*
 * util/archive.c: reproducible writing, and a reader that refuses every
 * unsafe entry of hand-crafted archives (built here with libarchive
 * directly, as an attacker would) and returns nothing then.
 */
#include <archive.h>
#include <archive_entry.h>
#include <criterion/criterion.h>
#include <string.h>

#include "util/archive.h"

TestSuite(archive);

struct crafted {
	const char *name;
	unsigned type;		/* AE_IFREG, AE_IFLNK, ... */
	const char *target;	/* link target */
	const char *hardlink;
	const char *data;
};

static la_ssize_t to_buf(struct archive *a, void *client, const void *d,
			 size_t len)
{
	(void)a;
	buf_add(client, d, len);
	return (la_ssize_t)len;
}

/* A .tar.gz holding `nr` crafted entries. */
static void craft(struct buf *out, const struct crafted *c, size_t nr)
{
	struct archive *a = archive_write_new();
	size_t i;

	archive_write_set_format_pax_restricted(a);
	archive_write_add_filter_gzip(a);
	cr_assert_eq(archive_write_open(a, out, NULL, to_buf, NULL), ARCHIVE_OK);
	for (i = 0; i < nr; i++) {
		struct archive_entry *e = archive_entry_new();
		size_t len = c[i].data ? strlen(c[i].data) : 0;

		archive_entry_set_pathname(e, c[i].name);
		archive_entry_set_filetype(e, c[i].type);
		archive_entry_set_perm(e, 0644);
		if (c[i].target)
			archive_entry_set_symlink(e, c[i].target);
		if (c[i].hardlink)
			archive_entry_set_hardlink(e, c[i].hardlink);
		if (c[i].type == AE_IFREG && !c[i].hardlink)
			archive_entry_set_size(e, (la_int64_t)len);
		cr_assert_eq(archive_write_header(a, e), ARCHIVE_OK, "%s",
			     archive_error_string(a));
		if (len)
			archive_write_data(a, c[i].data, len);
		archive_entry_free(e);
	}
	archive_write_close(a);
	archive_write_free(a);
}

static void members(struct arc_set *s)
{
	arc_set_add(s, "plan/b.tfplan", "bbb", 3, 0644);
	arc_set_add(s, "manifest.json", "{}\n", 3, 0644);
	arc_set_add(s, "env/terragrunt/root.hcl", "# x\n", 4, 0644);
	arc_set_add(s, "bin/tool", "#!/bin/sh\n", 10, 0755);
}

Test(archive, round_trip_sorted)
{
	struct arc_set s = ARC_SET_INIT, back = ARC_SET_INIT;
	struct arc_limits lim = ARC_LIMITS_DEFAULT;
	struct buf tgz = BUF_INIT;
	struct err err = ERR_INIT;

	members(&s);
	cr_assert_eq(arc_write_targz(&tgz, &s, 1700000000, &err), 0, "%s", err.msg.ptr);
	cr_assert_eq(arc_read(&back, tgz.ptr, tgz.len, &lim, &err), 0, "%s", err.msg.ptr);
	cr_assert_eq(back.nr, 4);
	cr_assert_str_eq(back.v[0].name, "bin/tool");
	cr_assert_eq(back.v[0].mode, 0755);
	cr_assert_str_eq(back.v[1].name, "env/terragrunt/root.hcl");
	cr_assert_str_eq(back.v[3].name, "plan/b.tfplan");
	cr_assert_str_eq(back.v[3].data.ptr, "bbb");
	cr_assert_eq(back.v[3].mode, 0644);
	arc_set_release(&s);
	arc_set_release(&back);
	buf_release(&tgz);
}

Test(archive, reproducible_bytes)
{
	struct arc_set s1 = ARC_SET_INIT, s2 = ARC_SET_INIT;
	struct buf a = BUF_INIT, b = BUF_INIT, c = BUF_INIT;
	struct err err = ERR_INIT;

	members(&s1);
	/* the same members added in another order */
	arc_set_add(&s2, "bin/tool", "#!/bin/sh\n", 10, 0755);
	arc_set_add(&s2, "env/terragrunt/root.hcl", "# x\n", 4, 0644);
	arc_set_add(&s2, "manifest.json", "{}\n", 3, 0644);
	arc_set_add(&s2, "plan/b.tfplan", "bbb", 3, 0644);
	cr_assert_eq(arc_write_targz(&a, &s1, 1700000000, &err), 0);
	cr_assert_eq(arc_write_targz(&b, &s2, 1700000000, &err), 0);
	cr_assert_eq(a.len, b.len);
	cr_assert_eq(memcmp(a.ptr, b.ptr, a.len), 0);
	/* gzip header: no timestamp (bytes 4..7) and no file name (FLG 0) */
	cr_assert_eq((unsigned char)a.ptr[0], 0x1f);
	cr_assert_eq(a.ptr[3], 0);
	cr_assert_eq(a.ptr[4] | a.ptr[5] | a.ptr[6] | a.ptr[7], 0);
	/* the mtime is an input: another one gives other bytes */
	cr_assert_eq(arc_write_targz(&c, &s1, 1700000001, &err), 0);
	cr_assert(c.len != a.len || memcmp(a.ptr, c.ptr, a.len));
	arc_set_release(&s1);
	arc_set_release(&s2);
	buf_release(&a);
	buf_release(&b);
	buf_release(&c);
}

Test(archive, written_entries_are_anonymous)
{
	struct arc_set s = ARC_SET_INIT;
	struct buf tgz = BUF_INIT;
	struct err err = ERR_INIT;
	struct archive *a = archive_read_new();
	struct archive_entry *e;

	members(&s);
	cr_assert_eq(arc_write_targz(&tgz, &s, 1234, &err), 0);
	archive_read_support_filter_gzip(a);
	archive_read_support_format_tar(a);
	cr_assert_eq(archive_read_open_memory(a, tgz.ptr, tgz.len), ARCHIVE_OK);
	while (archive_read_next_header(a, &e) == ARCHIVE_OK) {
		cr_assert_eq(archive_entry_uid(e), 0);
		cr_assert_eq(archive_entry_gid(e), 0);
		cr_assert(!archive_entry_uname(e) || !*archive_entry_uname(e));
		cr_assert(!archive_entry_gname(e) || !*archive_entry_gname(e));
		cr_assert_eq(archive_entry_mtime(e), 1234);
		cr_assert_eq(archive_entry_xattr_count(e), 0);
	}
	archive_read_free(a);
	arc_set_release(&s);
	buf_release(&tgz);
}

static const struct {
	struct crafted evil;
	const char *named;	/* what the error must name */
} refused[] = {
	{ { "../escape", AE_IFREG, NULL, NULL, "x" }, "'../escape'" },
	{ { "/etc/cron.d/evil", AE_IFREG, NULL, NULL, "x" }, "'/etc/cron.d/evil'" },
	{ { "plan/../../escape", AE_IFREG, NULL, NULL, "x" }, "'plan/../../escape'" },
	{ { "plan/./x", AE_IFREG, NULL, NULL, "x" }, "'plan/./x'" },
	{ { "plan//x", AE_IFREG, NULL, NULL, "x" }, "'plan//x'" },
	{ { "plan/link", AE_IFLNK, "/etc/passwd", NULL, NULL }, "'plan/link' is a symbolic link to /etc/passwd" },
	{ { "plan/up", AE_IFLNK, "../../..", NULL, NULL }, "'plan/up' is a symbolic link" },
	{ { "plan/inside", AE_IFLNK, "plan.json", NULL, NULL }, "'plan/inside' is a symbolic link" },
	{ { "plan/hard", AE_IFREG, NULL, "/etc/shadow", NULL }, "'plan/hard' is a hard link" },
	{ { "plan/dev", AE_IFCHR, NULL, NULL, NULL }, "'plan/dev' is a device" },
	{ { "plan/fifo", AE_IFIFO, NULL, NULL, NULL }, "'plan/fifo' is a FIFO" },
};

/* Each unsafe entry, placed after a harmless one: the whole archive is
 * refused, nothing is returned, and the error names the entry. */
Test(archive, refuses_every_unsafe_entry)
{
	size_t i;

	for (i = 0; i < sizeof(refused) / sizeof(refused[0]); i++) {
		struct crafted c[2] = {
			{ "plan/ok.json", AE_IFREG, NULL, NULL, "{}" },
			refused[i].evil,
		};
		struct arc_limits lim = ARC_LIMITS_DEFAULT;
		struct arc_set out = ARC_SET_INIT;
		struct buf tgz = BUF_INIT;
		struct err err = ERR_INIT;

		craft(&tgz, c, 2);
		cr_assert_eq(arc_read(&out, tgz.ptr, tgz.len, &lim, &err), ERR_INPUT,
			     "accepted %s", refused[i].evil.name);
		cr_assert_eq(out.nr, 0, "%s: returned members", refused[i].evil.name);
		cr_assert_not_null(strstr(err.msg.ptr, refused[i].named),
				   "'%s' does not name %s", err.msg.ptr, refused[i].named);
		buf_release(&tgz);
		err_release(&err);
	}
}

Test(archive, refuses_duplicates_and_oversize)
{
	struct crafted dup[2] = {
		{ "plan/a", AE_IFREG, NULL, NULL, "1" },
		{ "plan/a", AE_IFREG, NULL, NULL, "2" },
	};
	struct crafted big[2] = {
		{ "plan/a", AE_IFREG, NULL, NULL, "12345" },
		{ "plan/b", AE_IFREG, NULL, NULL, "123456" },
	};
	struct arc_limits lim = { 5, 100, 10 }, total = { 10, 8, 10 },
		count = { 10, 100, 1 };
	struct arc_set out = ARC_SET_INIT;
	struct buf a = BUF_INIT, b = BUF_INIT;
	struct err err = ERR_INIT;

	craft(&a, dup, 2);
	cr_assert_eq(arc_read(&out, a.ptr, a.len, &lim, &err), ERR_INPUT);
	cr_assert_not_null(strstr(err.msg.ptr, "'plan/a' appears twice"), "%s", err.msg.ptr);
	err_clear(&err);
	craft(&b, big, 2);
	cr_assert_eq(arc_read(&out, b.ptr, b.len, &lim, &err), ERR_INPUT);
	cr_assert_not_null(strstr(err.msg.ptr, "'plan/b' is too large"), "%s", err.msg.ptr);
	err_clear(&err);
	cr_assert_eq(arc_read(&out, b.ptr, b.len, &total, &err), ERR_INPUT);
	cr_assert_not_null(strstr(err.msg.ptr, "'plan/b' is too large"), "%s", err.msg.ptr);
	err_clear(&err);
	cr_assert_eq(arc_read(&out, b.ptr, b.len, &count, &err), ERR_INPUT);
	cr_assert_not_null(strstr(err.msg.ptr, "'plan/b': more than 1 entries"), "%s", err.msg.ptr);
	cr_assert_eq(out.nr, 0);
	buf_release(&a);
	buf_release(&b);
	err_release(&err);
}

/* Every cut of a valid archive is refused or, when the cut falls in the
 * tar padding after the data, reads back every member intact. */
Test(archive, truncated_is_refused)
{
	struct arc_set s = ARC_SET_INIT;
	struct arc_limits lim = ARC_LIMITS_DEFAULT;
	struct buf tgz = BUF_INIT;
	struct err err = ERR_INIT;
	size_t cut, refused_nr = 0;

	members(&s);
	cr_assert_eq(arc_write_targz(&tgz, &s, 1, &err), 0);
	for (cut = 0; cut < tgz.len; cut += 7) {
		struct arc_set out = ARC_SET_INIT;

		if (arc_read(&out, tgz.ptr, cut, &lim, &err) < 0) {
			refused_nr++;
			cr_assert_eq(out.nr, 0);
		} else {
			cr_assert_eq(out.nr, 4, "cut at %zu returned %zu members", cut, out.nr);
			cr_assert_str_eq(out.v[3].data.ptr, "bbb");
		}
		err_clear(&err);
		arc_set_release(&out);
	}
	cr_assert_gt(refused_nr, 0);
	arc_set_release(&s);
	buf_release(&tgz);
	err_release(&err);
}

Test(archive, safe_names)
{
	static const struct { const char *name; int safe; } cases[] = {
		{ "a", 1 }, { "a/b.c", 1 }, { "..a/b", 1 }, { "a/.hidden", 1 },
		{ "", 0 }, { "/a", 0 }, { "..", 0 }, { ".", 0 }, { "a/..", 0 },
		{ "a/../b", 0 }, { "a//b", 0 }, { "a/", 0 }, { "./a", 0 },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		cr_assert_eq(arc_name_safe(cases[i].name), cases[i].safe, "%s",
			     cases[i].name);
}
