#include "util/fs.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/xalloc.h"

int fs_read_file_max(struct buf *out, const char *path, size_t max,
		     struct err *err)
{
	char chunk[65536];
	size_t total = 0, start = out->len;
	ssize_t n;
	int ret = 0, fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return err_set(err, errno == ENOENT ? ERR_NOTFOUND : ERR_IO,
			       "cannot open '%s': %s", path, strerror(errno));
	while ((n = read(fd, chunk, sizeof(chunk))) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			ret = err_set(err, ERR_IO, "cannot read '%s': %s", path,
				      strerror(errno));
			break;
		}
		total += (size_t)n;
		if (total > max || buf_add(out, chunk, (size_t)n) < 0) {
			ret = err_set(err, ERR_INPUT,
				      "%s: byte offset %zu: file larger than the %zu KiB limit",
				      path, max, max >> 10);
			break;
		}
	}
	close(fd);
	if (!ret)
		return 0;
	/* nothing of a failed read is kept (nor its memory, up to 16 MiB) */
	if (start)
		buf_truncate(out, start);
	else
		buf_release(out);
	return ret;
}

int fs_read_file(struct buf *out, const char *path, struct err *err)
{
	return fs_read_file_max(out, path, FS_READ_MAX, err);
}

static int write_all(int fd, const char *data, size_t len)
{
	while (len) {
		ssize_t n = write(fd, data, len);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		data += n;
		len -= (size_t)n;
	}
	return 0;
}

static void fsync_dir_of(const char *path)
{
	char *dir = fs_dirname(path);
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
	free(dir);
}

/*
 * Writes `data` into a new temporary beside `path`; returns its name.
 * `sync`: fsync it now (a transaction syncs the file system once instead).
 */
static char *write_temp(const char *path, const void *data, size_t len,
			mode_t mode, int sync, struct err *err)
{
	char *tmp = xasprintf("%s.tmp-XXXXXX", path);
	int fd = mkstemp(tmp);

	if (fd < 0) {
		err_set(err, ERR_IO, "cannot create a temporary file for '%s': %s",
			path, strerror(errno));
		free(tmp);
		return NULL;
	}
	if (fchmod(fd, mode) < 0 || write_all(fd, data, len) < 0 ||
	    (sync && fsync(fd) < 0)) {
		err_set(err, ERR_IO, "cannot write '%s': %s", path,
			strerror(errno));
		close(fd);
		unlink(tmp);
		free(tmp);
		return NULL;
	}
	if (close(fd) < 0) {
		err_set(err, ERR_IO, "cannot write '%s': %s", path,
			strerror(errno));
		unlink(tmp);
		free(tmp);
		return NULL;
	}
	return tmp;
}

/* The target of the symbolic link `path`, or NULL with errno set. */
static char *read_link(const char *path)
{
	char target[4096];
	ssize_t n = readlink(path, target, sizeof(target));

	if (n < 0)
		return NULL;
	if ((size_t)n >= sizeof(target)) {
		errno = ENAMETOOLONG;
		return NULL;
	}
	return xstrndup(target, (size_t)n);
}

/*
 * Where writing `path` really goes.  A symbolic link is followed, so its
 * target is what gets replaced and the link stays a link; a FIFO or a
 * character device (`/dev/null`, `/dev/stdout`) is written in place
 * (*in_place = 1), as renaming a file over it would destroy it; anything
 * else that is not a regular file is refused.  Caller frees *out.
 */
static int resolve_target(char **out, int *in_place, const char *path,
			  struct err *err)
{
	char *cur = xstrdup(path);
	int hops;

	*out = NULL;
	*in_place = 0;
	for (hops = 0; hops < 40; hops++) {
		struct stat st;
		char *link, *dir;

		if (lstat(cur, &st) < 0) {
			if (errno == ENOENT) {
				*out = cur;	/* a new file */
				return 0;
			}
			err_set(err, ERR_IO, "cannot write '%s': %s", cur,
				strerror(errno));
			break;
		}
		if (S_ISREG(st.st_mode) || S_ISFIFO(st.st_mode) ||
		    S_ISCHR(st.st_mode)) {
			*in_place = !S_ISREG(st.st_mode);
			*out = cur;
			return 0;
		}
		if (!S_ISLNK(st.st_mode)) {
			err_set(err, ERR_IO, "cannot write '%s': it is not a regular file, a FIFO or a character device",
				cur);
			break;
		}
		if (!(link = read_link(cur))) {
			err_set(err, ERR_IO, "cannot read the link '%s': %s",
				cur, strerror(errno));
			break;
		}
		dir = fs_dirname(cur);
		free(cur);
		cur = link[0] == '/' ? xstrdup(link) : fs_join(dir, link);
		free(dir);
		free(link);
	}
	if (hops == 40)
		err_set(err, ERR_IO, "cannot write '%s': too many levels of symbolic links",
			path);
	free(cur);
	return err->code;
}

/* A FIFO or a device: opened and written as it is, nothing renamed. */
static int write_in_place(const char *path, const void *data, size_t len,
			  struct err *err)
{
	int fd = open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC);

	if (fd < 0)
		return err_set(err, ERR_IO, "cannot open '%s': %s", path,
			       strerror(errno));
	if (write_all(fd, data, len) < 0) {
		err_set(err, ERR_IO, "cannot write '%s': %s", path,
			strerror(errno));
		close(fd);
		return err->code;
	}
	if (close(fd) < 0)
		return err_set(err, ERR_IO, "cannot write '%s': %s", path,
			       strerror(errno));
	return 0;
}

static mode_t apply_umask(mode_t mode)
{
	mode_t mask = umask(0);

	umask(mask);
	return mode & ~mask;
}

int fs_write_atomic(const char *path, const void *data, size_t len,
		    mode_t mode, struct err *err)
{
	char *target, *tmp;
	int in_place;

	if (resolve_target(&target, &in_place, path, err) < 0)
		return err->code;
	if (in_place) {
		write_in_place(target, data, len, err);
		free(target);
		return err->code;
	}
	tmp = write_temp(target, data, len, apply_umask(mode), 1, err);
	if (!tmp) {
		free(target);
		return err->code;
	}
	if (rename(tmp, target) < 0) {
		err_set(err, ERR_IO, "cannot replace '%s': %s", target,
			strerror(errno));
		unlink(tmp);
	} else {
		fsync_dir_of(target);
	}
	free(tmp);
	free(target);
	return err->code;
}

int fs_mkdirs_mode(const char *path, mode_t mode, struct err *err)
{
	char *p = xstrdup(path);
	char *s;
	int ret = 0;

	for (s = p + 1; ; s++) {
		int end = (*s == '\0');

		if (*s != '/' && !end)
			continue;
		*s = '\0';
		if (mkdir(p, mode) < 0 && errno != EEXIST) {
			ret = err_set(err, ERR_IO, "cannot create directory '%s': %s",
				      p, strerror(errno));
			break;
		}
		if (end)
			break;
		*s = '/';
	}
	if (!ret && !fs_is_dir(path))
		ret = err_set(err, ERR_IO, "'%s' exists and is not a directory",
			      path);
	free(p);
	return ret;
}

int fs_mkdirs(const char *path, struct err *err)
{
	return fs_mkdirs_mode(path, 0777, err);
}

int fs_refuse_symlinks(const char *base, const char *rel, struct err *err)
{
	char *p = xstrdup(rel), *s = p;
	int ret = 0;

	for (;;) {
		char *slash = strchr(s, '/'), *full;
		struct stat st;

		if (slash)
			*slash = '\0';
		full = fs_join(base, p);
		if (lstat(full, &st) == 0 && S_ISLNK(st.st_mode))
			ret = err_set(err, ERR_INPUT,
				      "'%s' is a symbolic link: refusing to write through it (the tree must be real directories inside the repository)",
				      p);
		free(full);
		if (ret || !slash)
			break;
		*slash = '/';
		s = slash + 1;
	}
	free(p);
	return ret;
}

int fs_mkdirs_for(const char *path, struct err *err)
{
	char *dir = fs_dirname(path);
	int ret = fs_mkdirs(dir, err);

	free(dir);
	return ret;
}

int fs_exists(const char *path)
{
	struct stat st;

	return lstat(path, &st) == 0;
}

int fs_is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

int fs_remove(const char *path, struct err *err)
{
	if (unlink(path) == 0) {
		fsync_dir_of(path);
		return 0;
	}
	return err_set(err, errno == ENOENT ? ERR_NOTFOUND : ERR_IO,
		       "cannot remove '%s': %s", path, strerror(errno));
}

char *fs_join(const char *a, const char *b)
{
	size_t la = strlen(a);

	if (!la || !strcmp(a, "."))
		return xstrdup(b);
	if (a[la - 1] == '/')
		return xasprintf("%s%s", a, b);
	return xasprintf("%s/%s", a, b);
}

char *fs_dirname(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (!slash)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	return xstrndup(path, (size_t)(slash - path));
}

int fs_txn_stage(struct fs_txn *txn, const char *path, const void *data,
		 size_t len, mode_t mode, struct err *err)
{
	struct fs_txn_item *it;
	char *target, *tmp = NULL;
	int in_place;

	if (fs_mkdirs_for(path, err) < 0 ||
	    resolve_target(&target, &in_place, path, err) < 0)
		return err->code;
	if (!in_place &&
	    !(tmp = write_temp(target, data, len, apply_umask(mode), 0, err))) {
		free(target);
		return err->code;
	}
	ALLOC_GROW(txn->items, txn->nr, txn->alloc);
	it = &txn->items[txn->nr++];
	memset(it, 0, sizeof(*it));
	it->path = target;
	it->tmp = tmp;
	if (in_place) {
		/* written at commit, after every rename has succeeded */
		it->data = xmalloc(len + 1);
		memcpy(it->data, data, len);
		it->len = len;
	}
	return 0;
}

/* Makes every staged temporary durable with one syncfs, not one fsync each. */
static int sync_staged(struct fs_txn *txn, struct err *err)
{
	char *dir;
	size_t i;
	int fd, ret;

	for (i = 0; i < txn->nr && !txn->items[i].tmp; i++)
		;
	if (i == txn->nr)
		return 0;
	dir = fs_dirname(txn->items[i].tmp);
	fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	free(dir);
	if (fd < 0)
		return err_set(err, ERR_IO, "cannot sync '%s': %s",
			       txn->items[i].path, strerror(errno));
	ret = syncfs(fd);
	close(fd);
	if (ret < 0)
		return err_set(err, ERR_IO, "cannot sync '%s': %s",
			       txn->items[i].path, strerror(errno));
	return 0;
}

/* fsyncs each distinct directory of the committed files once. */
static void sync_dirs(struct fs_txn *txn)
{
	char **dirs = xcalloc(txn->nr, sizeof(*dirs));
	size_t i, j;

	for (i = 0; i < txn->nr; i++) {
		dirs[i] = fs_dirname(txn->items[i].path);
		for (j = 0; j < i && strcmp(dirs[i], dirs[j]); j++)
			;
		if (j == i)
			fsync_dir_of(txn->items[i].path);
	}
	for (i = 0; i < txn->nr; i++)
		free(dirs[i]);
	free(dirs);
}

/* Links each existing target to a backup name beside it. */
static int keep_old_files(struct fs_txn *txn, struct err *err)
{
	size_t i;

	for (i = 0; i < txn->nr; i++) {
		struct fs_txn_item *it = &txn->items[i];
		char *backup;

		if (!it->tmp)
			continue;	/* written in place */
		backup = xasprintf("%s.old", it->tmp);
		if (link(it->path, backup) == 0) {
			it->backup = backup;
			continue;
		}
		free(backup);
		if (errno != ENOENT)
			return err_set(err, ERR_IO, "cannot keep a copy of '%s': %s",
				       it->path, strerror(errno));
	}
	return 0;
}

/* Undoes the renames of items [0, upto): old files back, new ones gone. */
static void roll_back(struct fs_txn *txn, size_t upto)
{
	size_t i;

	for (i = 0; i < upto; i++) {
		struct fs_txn_item *it = &txn->items[i];

		if (!it->tmp)
			continue;
		if (it->backup)
			rename(it->backup, it->path);
		else
			unlink(it->path);
	}
}

static void drop_backups(struct fs_txn *txn)
{
	size_t i;

	for (i = 0; i < txn->nr; i++) {
		if (txn->items[i].backup)
			unlink(txn->items[i].backup);
		free(txn->items[i].backup);
		txn->items[i].backup = NULL;
	}
}

int fs_txn_commit(struct fs_txn *txn, struct err *err)
{
	size_t i;

	if (sync_staged(txn, err) < 0 || keep_old_files(txn, err) < 0) {
		drop_backups(txn);
		return err->code;
	}
	for (i = 0; i < txn->nr; i++) {
		struct fs_txn_item *it = &txn->items[i];

		if (it->tmp && rename(it->tmp, it->path) < 0) {
			err_set(err, ERR_IO, "cannot replace '%s': %s", it->path,
				strerror(errno));
			roll_back(txn, i);
			drop_backups(txn);
			return err->code;
		}
	}
	for (i = 0; i < txn->nr; i++) {
		free(txn->items[i].tmp);
		txn->items[i].tmp = NULL;
	}
	drop_backups(txn);
	sync_dirs(txn);
	for (i = 0; i < txn->nr; i++)
		if (txn->items[i].data &&
		    write_in_place(txn->items[i].path, txn->items[i].data,
				   txn->items[i].len, err) < 0)
			return err->code;
	return 0;
}

int fs_rmdir_empty(const char *path)
{
	if (rmdir(path) == 0) {
		fsync_dir_of(path);
		return 1;
	}
	return 0;
}

void fs_txn_release(struct fs_txn *txn)
{
	size_t i;

	for (i = 0; i < txn->nr; i++) {
		if (txn->items[i].tmp) {
			unlink(txn->items[i].tmp);
			free(txn->items[i].tmp);
		}
		free(txn->items[i].data);
		free(txn->items[i].path);
	}
	free(txn->items);
	txn->items = NULL;
	txn->nr = txn->alloc = 0;
}

static int cmp_name(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

size_t fs_list(char ***out, const char *dir, const char *suffix)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	size_t nr = 0, alloc = 0, slen = suffix ? strlen(suffix) : 0;

	*out = NULL;
	if (!d)
		return 0;
	while ((de = readdir(d))) {
		size_t len = strlen(de->d_name);
		char *path;
		int keep;

		if (de->d_name[0] == '.')
			continue;
		path = fs_join(dir, de->d_name);
		keep = suffix ? len > slen && !strcmp(de->d_name + len - slen, suffix) &&
			       !fs_is_dir(path) : fs_is_dir(path);
		if (keep) {
			ALLOC_GROW(*out, nr, alloc);
			(*out)[nr++] = xstrdup(de->d_name);
		}
		free(path);
	}
	closedir(d);
	if (nr)
		qsort(*out, nr, sizeof(**out), cmp_name);
	return nr;
}

void fs_list_free(char **names, size_t nr)
{
	for (size_t i = 0; i < nr; i++)
		free(names[i]);
	free(names);
}
