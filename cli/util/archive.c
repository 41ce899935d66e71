/*
 * .tar.gz with libarchive (see archive.h).  libarchive's handles stay in
 * this file.
 */
#include "util/archive.h"

#include <archive.h>
#include <archive_entry.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

void arc_set_add(struct arc_set *s, const char *name, const void *data,
		 size_t len, unsigned mode)
{
	struct arc_member *m;

	ALLOC_GROW(s->v, s->nr, s->alloc);
	m = &s->v[s->nr++];
	m->name = xstrdup(name);
	m->data = (struct buf)BUF_INIT;
	buf_add(&m->data, data, len);
	m->mode = mode;
}

const struct arc_member *arc_set_find(const struct arc_set *s,
				      const char *name)
{
	size_t i;

	for (i = 0; i < s->nr; i++)
		if (!strcmp(s->v[i].name, name))
			return &s->v[i];
	return NULL;
}

static int cmp_member(const void *a, const void *b)
{
	return strcmp(((const struct arc_member *)a)->name,
		      ((const struct arc_member *)b)->name);
}

void arc_set_sort(struct arc_set *s)
{
	if (s->nr)
		qsort(s->v, s->nr, sizeof(*s->v), cmp_member);
}

void arc_set_release(struct arc_set *s)
{
	size_t i;

	for (i = 0; i < s->nr; i++) {
		free(s->v[i].name);
		buf_release(&s->v[i].data);
	}
	free(s->v);
	s->v = NULL;
	s->nr = s->alloc = 0;
}

static int arc_fail(struct err *err, struct archive *a, const char *what)
{
	const char *msg = archive_error_string(a);

	return err_set(err, ERR_INPUT, "%s: %s", what,
		       msg ? msg : "libarchive error");
}

static int append_cb_open(struct archive *a, void *client)
{
	(void)a;
	(void)client;
	return ARCHIVE_OK;
}

static la_ssize_t append_cb(struct archive *a, void *client,
			    const void *data, size_t len)
{
	(void)a;
	buf_add(client, data, len);
	return (la_ssize_t)len;
}

static int write_member(struct archive *a, const struct arc_member *m,
			long long mtime, struct err *err)
{
	struct archive_entry *e = archive_entry_new();
	int ret = 0;

	archive_entry_set_pathname(e, m->name);
	archive_entry_set_filetype(e, AE_IFREG);
	archive_entry_set_perm(e, m->mode);
	archive_entry_set_size(e, (la_int64_t)m->data.len);
	archive_entry_set_mtime(e, (time_t)mtime, 0);
	archive_entry_set_uid(e, 0);
	archive_entry_set_gid(e, 0);
	if (archive_write_header(a, e) != ARCHIVE_OK ||
	    (m->data.len &&
	     archive_write_data(a, m->data.ptr, m->data.len) !=
	     (la_ssize_t)m->data.len))
		ret = arc_fail(err, a, m->name);
	archive_entry_free(e);
	return ret;
}

int arc_write_targz(struct buf *out, struct arc_set *s, long long mtime,
		    struct err *err)
{
	struct archive *a = archive_write_new();
	size_t i;
	int ret = 0;

	arc_set_sort(s);
	archive_write_set_format_ustar(a);
	archive_write_add_filter_gzip(a);
	/* no timestamp in the gzip header: the same input, the same bytes */
	archive_write_set_filter_option(a, "gzip", "timestamp", NULL);
	archive_write_set_bytes_in_last_block(a, 1);
	if (archive_write_open(a, out, append_cb_open, append_cb, NULL) !=
	    ARCHIVE_OK)
		ret = arc_fail(err, a, "cannot start the archive");
	for (i = 0; !ret && i < s->nr; i++)
		ret = write_member(a, &s->v[i], mtime, err);
	if (archive_write_close(a) != ARCHIVE_OK && !ret)
		ret = arc_fail(err, a, "cannot finish the archive");
	archive_write_free(a);
	return ret;
}

int arc_name_safe(const char *name)
{
	const char *p = name;

	if (!*name || *name == '/')
		return 0;
	while (*p) {
		size_t len = strcspn(p, "/");

		if (!len || (len == 1 && p[0] == '.') ||
		    (len == 2 && p[0] == '.' && p[1] == '.'))
			return 0;
		p += len;
		if (*p == '/')
			p++;
	}
	return p[-1] != '/';
}

static const char *kind_of(mode_t type)
{
	switch (type) {
	case AE_IFLNK:
		return "a symbolic link";
	case AE_IFCHR:
	case AE_IFBLK:
		return "a device";
	case AE_IFIFO:
		return "a FIFO";
	case AE_IFSOCK:
		return "a socket";
	default:
		return "not a regular file";
	}
}

/* Checks one header; 0 to read it, 1 to skip it (a directory). */
static int check_entry(struct archive_entry *e, const struct arc_set *out,
		       const struct arc_limits *lim, size_t total,
		       struct err *err)
{
	const char *name = archive_entry_pathname(e);
	mode_t type = archive_entry_filetype(e);
	la_int64_t size = archive_entry_size(e);

	if (!name || !arc_name_safe(name)) {
		size_t len = name ? strlen(name) : 0;

		/* a directory entry "dir/" is harmless if the rest is safe */
		if (type == AE_IFDIR && len > 1 && name[len - 1] == '/') {
			char *trim = xstrndup(name, len - 1);
			int ok = arc_name_safe(trim);

			free(trim);
			if (ok)
				return 1;
		}
		return err_set(err, ERR_INPUT, "entry '%s': unsafe path "
			       "(absolute, empty or with '.' or '..')",
			       name ? name : "");
	}
	if (archive_entry_hardlink(e))
		return err_set(err, ERR_INPUT, "entry '%s' is a hard link to '%s'",
			       name, archive_entry_hardlink(e));
	if (type == AE_IFDIR)
		return 1;
	if (type != AE_IFREG)
		return err_set(err, ERR_INPUT, "entry '%s' is %s%s%s", name,
			       kind_of(type),
			       type == AE_IFLNK ? " to " : "",
			       type == AE_IFLNK && archive_entry_symlink(e) ?
			       archive_entry_symlink(e) : "");
	if (arc_set_find(out, name))
		return err_set(err, ERR_INPUT, "entry '%s' appears twice", name);
	if (out->nr + 1 > lim->max_entries)
		return err_set(err, ERR_INPUT, "entry '%s': more than %zu entries",
			       name, lim->max_entries);
	if (size < 0 || (size_t)size > lim->max_entry ||
	    total + (size_t)size > lim->max_total)
		return err_set(err, ERR_INPUT, "entry '%s' is too large (%lld bytes)",
			       name, (long long)size);
	return 0;
}

static int read_member(struct arc_set *out, struct archive *a,
		       struct archive_entry *e, struct err *err)
{
	const char *name = archive_entry_pathname(e);
	size_t want = (size_t)archive_entry_size(e);
	struct buf data = BUF_INIT;
	char chunk[65536];
	la_ssize_t n;

	while ((n = archive_read_data(a, chunk, sizeof(chunk))) > 0)
		buf_add(&data, chunk, (size_t)n);
	if (n < 0 || data.len != want) {
		buf_release(&data);
		return err_set(err, ERR_INPUT, "entry '%s' is truncated or corrupt%s%s",
			       name, n < 0 ? ": " : "",
			       n < 0 && archive_error_string(a) ?
			       archive_error_string(a) : "");
	}
	arc_set_add(out, name, data.ptr, data.len,
		    (archive_entry_perm(e) & 0111) ? 0755 : 0644);
	buf_release(&data);
	return 0;
}

int arc_read(struct arc_set *out, const void *data, size_t len,
	     const struct arc_limits *lim, struct err *err)
{
	struct archive *a = archive_read_new();
	struct archive_entry *e;
	size_t total = 0;
	int ret = 0, r;

	archive_read_support_filter_gzip(a);
	archive_read_support_format_tar(a);
	if (archive_read_open_memory(a, data, len) != ARCHIVE_OK)
		ret = arc_fail(err, a, "truncated or corrupt archive (no entry readable)");
	while (!ret && (r = archive_read_next_header(a, &e)) != ARCHIVE_EOF) {
		const char *last = out->nr ? out->v[out->nr - 1].name : NULL;

		if (r != ARCHIVE_OK) {
			ret = err_set(err, ERR_INPUT,
				      "truncated or corrupt archive after entry '%s': %s",
				      last ? last : "(none)",
				      archive_error_string(a) ?
				      archive_error_string(a) : "bad header");
			break;
		}
		if ((r = check_entry(e, out, lim, total, err)) < 0)
			ret = r;
		else if (r == 0 && !(ret = read_member(out, a, e, err)))
			total += out->v[out->nr - 1].data.len;
	}
	archive_read_free(a);
	if (ret)
		arc_set_release(out);
	return ret;
}
