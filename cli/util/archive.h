#ifndef UTIL_ARCHIVE_H
#define UTIL_ARCHIVE_H

/*
 * The libarchive wrapper: reproducible .tar.gz in memory, and a safe
 * reader that returns an archive's regular files in memory after checking
 * every entry, so that a caller can refuse a whole archive before writing
 * a single byte of it.
 *
 * Writing is deterministic: members sorted by name, ustar format, uid and
 * gid 0 with no user or group names, one fixed mtime, no xattrs, ACLs or
 * other extended headers, and gzip without a timestamp or a file name.
 * The same members and mtime always give the same bytes.
 *
 * Reading refuses, naming the entry: absolute names, "." or ".." segments,
 * empty names, anything but a regular file (symbolic and hard links,
 * devices, FIFOs; directories are skipped), duplicate names, an entry
 * larger than the per-entry limit or a total beyond the total limit, more
 * entries than allowed, and truncated or corrupt data.
 */
#include <stddef.h>

#include "util/buf.h"
#include "util/err.h"

struct arc_member {
	char *name;		/* '/'-separated, relative */
	struct buf data;
	unsigned mode;		/* permission bits, 0644 or 0755 */
};

struct arc_set {
	struct arc_member *v;
	size_t nr, alloc;
};

#define ARC_SET_INIT { NULL, 0, 0 }

struct arc_limits {
	size_t max_entry;	/* bytes per member */
	size_t max_total;	/* bytes in all */
	size_t max_entries;
};

/* 1 GiB a member, 4 GiB in all, 100,000 members. */
#define ARC_LIMITS_DEFAULT { (size_t)1 << 30, (size_t)4 << 30, 100000 }

/* Adds a member (copies name and data). */
void arc_set_add(struct arc_set *s, const char *name, const void *data,
		 size_t len, unsigned mode);
/* The member called `name`, or NULL. */
const struct arc_member *arc_set_find(const struct arc_set *s,
				      const char *name);
/* Sorts the members by name (bytewise). */
void arc_set_sort(struct arc_set *s);
void arc_set_release(struct arc_set *s);

/* Writes `s` (sorted first) as .tar.gz into `out`, every mtime `mtime`. */
int arc_write_targz(struct buf *out, struct arc_set *s, long long mtime,
		    struct err *err);

/* Reads a .tar.gz (or any tar libarchive knows) from memory into *out.
 * ERR_INPUT naming the offending entry; *out is empty then. */
int arc_read(struct arc_set *out, const void *data, size_t len,
	     const struct arc_limits *lim, struct err *err);

/* 1 when `name` is a safe relative member name (see above). */
int arc_name_safe(const char *name);

#endif
