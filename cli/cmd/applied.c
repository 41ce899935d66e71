/*
 * The applied marks of plans, by their manifest's digest: see applied.h.
 */
#include "cmd/applied.h"

#include <stdio.h>
#include <stdlib.h>

#include "util/buf.h"
#include "util/fs.h"
#include "util/sha256.h"
#include "util/xalloc.h"

char *applied_mark_path(const char *root, const char *env,
			const char *plan_dir)
{
	char *manifest = fs_join(plan_dir, "manifest.json"), *path = NULL;
	struct buf data = BUF_INIT, rel = BUF_INIT;
	struct err err = ERR_INIT;
	struct sha256 c;
	unsigned char md[32];
	size_t i;

	if (fs_read_file(&data, manifest, &err) == 0) {
		sha256_init(&c);
		sha256_update(&c, data.ptr, data.len);
		sha256_final(&c, md);
		buf_addf(&rel, ".mds/applied/%s/", env);
		for (i = 0; i < sizeof(md); i++)
			buf_addf(&rel, "%02x", md[i]);
		buf_addstr(&rel, ".json");
		path = fs_join(root, rel.ptr);
	}
	buf_release(&rel);
	buf_release(&data);
	err_release(&err);
	free(manifest);
	return path;
}

int applied_forget(const char *root, const char *env, const char *plan_dir,
		   struct err *err)
{
	char *path = applied_mark_path(root, env, plan_dir);
	int ret = 0;

	if (path && fs_exists(path))
		ret = fs_remove(path, err);
	free(path);
	return ret;
}
