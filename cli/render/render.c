/*
 * render: the stack into files, the files against disk, and the writes.
 */
#include "render/render.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "render/render_int.h"
#include "util/fs.h"
#include "util/xalloc.h"

static int by_path(const void *a, const void *b)
{
	return strcmp(((const struct render_file *)a)->path,
		      ((const struct render_file *)b)->path);
}

static int select_envs(char *want, const struct stack *st,
		       const struct render_opts *opts, struct err *err)
{
	size_t i;

	if (!opts || !opts->nr_envs) {
		memset(want, 1, st->nr_envs);
		return 0;
	}
	for (i = 0; i < opts->nr_envs; i++) {
		long e = stack_env_find(st, opts->envs[i]);

		if (e < 0) {
			struct buf names = BUF_INIT;
			size_t j;

			for (j = 0; j < st->nr_envs; j++)
				buf_addf(&names, "%s%s", j ? ", " : "", st->envs[j].name);
			err_set(err, ERR_NOTFOUND, "unknown environment '%s' (the stack has: %s)",
				opts->envs[i], names.ptr);
			buf_release(&names);
			return err->code;
		}
		want[e] = 1;
	}
	return 0;
}

int render_stack(struct render_set *out, const struct stack *st,
		 const struct render_opts *opts, struct err *err)
{
	char *want = xcalloc(st->nr_envs + 1, 1);
	size_t e;

	if (select_envs(want, st, opts, err) < 0 ||
	    render_root_file(out, st, err) < 0)
		goto fail;
	for (e = 0; e < st->nr_envs; e++)
		if (want[e] && render_env_files(out, st, e, err) < 0)
			goto fail;
	qsort(out->files, out->nr, sizeof(*out->files), by_path);
	free(want);
	return 0;
fail:
	free(want);
	render_set_release(out);
	return err->code;
}

const struct render_file *render_set_find(const struct render_set *set,
					  const char *path)
{
	struct render_file key = { (char *)path, BUF_INIT };

	if (!set->nr)
		return NULL;
	return bsearch(&key, set->files, set->nr, sizeof(*set->files), by_path);
}

void render_set_release(struct render_set *set)
{
	size_t i;

	for (i = 0; i < set->nr; i++) {
		free(set->files[i].path);
		buf_release(&set->files[i].content);
	}
	free(set->files);
	set->files = NULL;
	set->nr = set->alloc = 0;
}

static int has_marker(const struct buf *b)
{
	size_t n = strlen(STACK_MARKER);

	return b->len >= n && !memcmp(b->ptr, STACK_MARKER, n) &&
		(b->len == n || b->ptr[n] == '\n' || b->ptr[n] == '\r');
}

static void add_change(struct render_changes *ch, enum render_change_kind kind,
		       const char *path, const struct render_file *f)
{
	ALLOC_GROW(ch->items, ch->nr, ch->alloc);
	ch->items[ch->nr].kind = kind;
	ch->items[ch->nr].path = xstrdup(path);
	ch->items[ch->nr].file = f;
	ch->nr++;
}

static int compare_file(struct render_changes *ch, const struct stack *st,
			const struct render_file *f, struct err *err)
{
	char *full = fs_join(st->dir, f->path);
	struct buf cur = BUF_INIT;
	int ret = fs_refuse_symlinks(st->dir, f->path, err);

	if (!ret)	/* nothing is read or written through a symlink */
		ret = fs_read_file(&cur, full, err);

	free(full);
	if (ret == ERR_NOTFOUND) {
		err_clear(err);
		add_change(ch, RENDER_CREATE, f->path, f);
		ret = 0;
	} else if (!ret && !buf_equals(&cur, &f->content)) {
		if (!has_marker(&cur))
			ret = err_set(err, ERR_CONFLICT,
				      "refusing to overwrite '%s': it lacks the generated-file marker "
				      "(a hand-written file?); move it away or delete it",
				      f->path);
		else
			add_change(ch, RENDER_UPDATE, f->path, f);
	}
	buf_release(&cur);
	return ret;
}

/* Files under `rel` (relative to st->dir), recursively, skipping dot dirs. */
static void walk(struct render_set *found, const struct stack *st,
		 const char *rel)
{
	char *full = fs_join(st->dir, rel);
	DIR *d = opendir(full);
	struct dirent *de;

	free(full);
	if (!d)
		return;
	while ((de = readdir(d))) {
		char *child;
		struct stat sb;
		char *cfull;

		if (de->d_name[0] == '.')
			continue;
		child = xasprintf("%s/%s", rel, de->d_name);
		cfull = fs_join(st->dir, child);
		/* d_type saves a stat per file where the file system gives it */
		sb.st_mode = de->d_type == DT_DIR ? S_IFDIR : de->d_type == DT_REG ?
			S_IFREG : 0;
		if (de->d_type == DT_UNKNOWN && lstat(cfull, &sb) < 0)
			sb.st_mode = 0;
		if (S_ISDIR(sb.st_mode)) {
			walk(found, st, child);
			free(child);
		} else if (S_ISREG(sb.st_mode)) {
			struct buf empty = BUF_INIT;

			render_set_add(found, child, &empty);
		} else {
			free(child);
		}
		free(cfull);
	}
	closedir(d);
}

static int first_line_is_marker(const struct stack *st, const char *rel)
{
	char *full = fs_join(st->dir, rel);
	char line[128];
	size_t n = strlen(STACK_MARKER);
	FILE *f = fopen(full, "rb");
	size_t got;

	free(full);
	if (!f)
		return 0;
	got = fread(line, 1, n + 1, f);
	fclose(f);
	return got >= n && !memcmp(line, STACK_MARKER, n) &&
		(got == n || line[n] == '\n' || line[n] == '\r');
}

static void find_stale(struct render_changes *ch, const struct stack *st,
		       const struct render_set *set,
		       const struct render_opts *opts)
{
	struct render_set found = RENDER_SET_INIT;
	size_t i;

	if (!opts || !opts->nr_envs) {
		walk(&found, st, RENDER_TREE_DIR);
	} else {
		for (i = 0; i < opts->nr_envs; i++) {
			char *dir;
			size_t j;

			for (j = 0; j < i && strcmp(opts->envs[j], opts->envs[i]); j++)
				;
			if (j < i)
				continue;	/* named twice */
			dir = xasprintf("%s/%s", RENDER_TREE_DIR, opts->envs[i]);
			walk(&found, st, dir);
			free(dir);
		}
	}
	for (i = 0; i < found.nr; i++) {
		const char *p = found.files[i].path;

		if (!render_set_find(set, p) && first_line_is_marker(st, p))
			add_change(ch, RENDER_DELETE, p, NULL);
	}
	render_set_release(&found);
}

/* The change as a unified diff, in the order of the sorted changes. */
static void diff_change(struct buf *out, const struct stack *st,
			const struct render_change *c)
{
	struct buf cur = BUF_INIT;
	struct err err = ERR_INIT;
	char *full = fs_join(st->dir, c->path);

	if (c->kind != RENDER_CREATE)
		fs_read_file(&cur, full, &err);
	if (c->kind == RENDER_CREATE)
		render_udiff(out, c->path, NULL, 0, c->file->content.ptr,
			     c->file->content.len);
	else if (c->kind == RENDER_UPDATE)
		render_udiff(out, c->path, cur.ptr, cur.len, c->file->content.ptr,
			     c->file->content.len);
	else
		render_udiff(out, c->path, cur.ptr, cur.len, NULL, 0);
	free(full);
	buf_release(&cur);
	err_release(&err);
}

static int by_change_path(const void *a, const void *b)
{
	return strcmp(((const struct render_change *)a)->path,
		      ((const struct render_change *)b)->path);
}

int render_compare(struct render_changes *out, const struct stack *st,
		   const struct render_set *set,
		   const struct render_opts *opts, int want_diff,
		   struct err *err)
{
	size_t i;

	for (i = 0; i < set->nr; i++)
		if (compare_file(out, st, &set->files[i], err) < 0)
			return err->code;
	find_stale(out, st, set, opts);
	if (out->nr)
		qsort(out->items, out->nr, sizeof(*out->items), by_change_path);
	out->drift = out->nr > 0;
	for (i = 0; want_diff && i < out->nr; i++)
		diff_change(&out->diff, st, &out->items[i]);
	return 0;
}

/* Removes now-empty directories from `rel`'s parent up to the tree root. */
static void prune_dirs(const struct stack *st, const char *rel)
{
	char *dir = xstrdup(rel), *slash;

	while ((slash = strrchr(dir, '/'))) {
		char *full;

		*slash = '\0';
		if (!strcmp(dir, RENDER_TREE_DIR))
			break;
		full = fs_join(st->dir, dir);
		if (!fs_rmdir_empty(full)) {
			free(full);
			break;
		}
		free(full);
	}
	free(dir);
}

int render_apply(const struct stack *st, const struct render_changes *ch,
		 struct err *err)
{
	struct fs_txn txn = FS_TXN_INIT;
	size_t i;
	int ret = 0;

	for (i = 0; !ret && i < ch->nr; i++) {
		const struct render_change *c = &ch->items[i];
		char *full;

		if (c->kind == RENDER_DELETE || !c->file)
			continue;
		full = fs_join(st->dir, c->path);
		ret = fs_txn_stage(&txn, full, c->file->content.ptr,
				   c->file->content.len, 0666, err);
		free(full);
	}
	if (!ret)
		ret = fs_txn_commit(&txn, err);
	fs_txn_release(&txn);
	for (i = 0; !ret && i < ch->nr; i++) {
		char *full;

		if (ch->items[i].kind != RENDER_DELETE)
			continue;
		full = fs_join(st->dir, ch->items[i].path);
		ret = fs_remove(full, err);
		free(full);
		if (!ret)
			prune_dirs(st, ch->items[i].path);
	}
	return ret;
}

void render_changes_release(struct render_changes *ch)
{
	size_t i;

	for (i = 0; i < ch->nr; i++)
		free(ch->items[i].path);
	free(ch->items);
	ch->items = NULL;
	ch->nr = ch->alloc = 0;
	ch->drift = 0;
	buf_release(&ch->diff);
}

int render_check(struct render_changes *out, const struct stack *st,
		 const struct render_opts *opts, struct err *err)
{
	struct render_set set = RENDER_SET_INIT;
	size_t i;
	int ret;

	if (render_stack(&set, st, opts, err) < 0)
		return err->code;
	ret = render_compare(out, st, &set, opts, 1, err);
	for (i = 0; i < out->nr; i++)
		out->items[i].file = NULL;
	render_set_release(&set);
	return ret;
}
