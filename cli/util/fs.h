#ifndef UTIL_FS_H
#define UTIL_FS_H

/*
 * The one place that writes files.
 *
 * fs_write_atomic() writes to a temporary file in the same directory, fsyncs
 * it, renames it over `path` and fsyncs the directory: readers see either the
 * old content or the new, never half of it, and a failed write leaves the old
 * file untouched and no temporary behind.
 *
 * Both it and the transaction below follow a symbolic link at the output
 * path (the link's target is replaced atomically, the link stays) and write
 * a FIFO or a character device in place (`-o json:/dev/null` must not
 * replace /dev/null); a directory, socket or block device is refused.
 */
#include <stddef.h>
#include <sys/types.h>

#include "util/buf.h"
#include "util/err.h"

/*
 * Reads a whole (small) file into `out` (appended). ERR_NOTFOUND if absent;
 * ERR_INPUT "PATH: byte offset N: file larger than ..." past `max` bytes,
 * so `-f /dev/zero` ends quickly.  fs_read_file() caps at FS_READ_MAX.
 */
#define FS_READ_MAX ((size_t)16 << 20)
int fs_read_file_max(struct buf *out, const char *path, size_t max,
		     struct err *err);
int fs_read_file(struct buf *out, const char *path, struct err *err);
int fs_write_atomic(const char *path, const void *data, size_t len,
		    mode_t mode, struct err *err);
/* Creates `path` and its parents (mode 0777 & ~umask); existing is fine. */
int fs_mkdirs(const char *path, struct err *err);
/* The same with `mode` (& ~umask) for every directory it creates. */
int fs_mkdirs_mode(const char *path, mode_t mode, struct err *err);
/*
 * ERR_INPUT "'PREFIX' is a symbolic link: refusing ..." when `rel` (a
 * relative path) or any directory on its way under `base` is a symbolic
 * link: what the tool writes in the repository stays in it.
 */
int fs_refuse_symlinks(const char *base, const char *rel, struct err *err);
/* Creates the parent directories of the file `path`. */
int fs_mkdirs_for(const char *path, struct err *err);
int fs_exists(const char *path);
int fs_is_dir(const char *path);
/*
 * The names in `dir`, sorted, without dot-files: the files whose name ends
 * in `suffix`, or the subdirectories when `suffix` is NULL.  None when `dir`
 * cannot be listed.  Free with fs_list_free().
 */
size_t fs_list(char ***out, const char *dir, const char *suffix);
void fs_list_free(char **names, size_t nr);
/* Removes a file; ERR_NOTFOUND if absent. */
int fs_remove(const char *path, struct err *err);
/* Removes `path` if it is an empty directory; 1 if removed, else 0. */
int fs_rmdir_empty(const char *path);
/* Joins two path parts with one '/'. Caller frees. */
char *fs_join(const char *a, const char *b);
/* Directory part of `path` ("." when there is none). Caller frees. */
char *fs_dirname(const char *path);

/*
 * A transaction over several files (git's lockfile/ref_transaction idea):
 * every file is staged as a temporary beside its target; commit renames them
 * all, abort (or release without commit) removes the temporaries.  Commit is
 * all or nothing: each old file is kept as a hard link until every rename
 * succeeded, and a failed rename puts back the files already replaced.
 */
struct fs_txn_item {
	char *path;
	char *tmp;
	char *backup;	/* hard link to the old file while committing */
	char *data;	/* a FIFO or device: written in place at commit */
	size_t len;
};

struct fs_txn {
	struct fs_txn_item *items;
	size_t nr, alloc;
};

#define FS_TXN_INIT { NULL, 0, 0 }

int fs_txn_stage(struct fs_txn *txn, const char *path, const void *data,
		 size_t len, mode_t mode, struct err *err);
int fs_txn_commit(struct fs_txn *txn, struct err *err);
/* Removes any temporaries not committed and frees the transaction. */
void fs_txn_release(struct fs_txn *txn);

#endif
