/*
 * bundle_open is all or nothing: a refused bundle leaves nothing behind
 * (the bundle fuzzer's first finding, leak-fabdc63e: members read before
 * the manifest check failed were kept, and lost by callers that release
 * only on success).
 */
#include <criterion/criterion.h>
#include <string.h>

#include "bundle/bundle.h"

TestSuite(bundle_open);

static void archive_of(struct buf *out, const char *name, const char *data)
{
	struct arc_set s = ARC_SET_INIT;
	struct err err = ERR_INIT;

	arc_set_add(&s, name, data, strlen(data), 0644);
	cr_assert_eq(arc_write_targz(out, &s, 0, &err), 0, "%s", err.msg.ptr);
	arc_set_release(&s);
	err_release(&err);
}

static void refused_and_empty(const char *name, const char *data,
			      const char *why)
{
	struct bundle b = BUNDLE_INIT;
	struct buf tgz = BUF_INIT;
	struct err err = ERR_INIT;

	archive_of(&tgz, name, data);
	cr_assert_eq(bundle_open(&b, tgz.ptr, tgz.len, &err), ERR_INPUT);
	cr_assert(strstr(err.msg.ptr, why), "%s", err.msg.ptr);
	cr_assert_eq(b.members.nr, 0, "members kept after a refusal");
	cr_assert_null(b.members.v);
	cr_assert_null(b.environment);
	err_release(&err);
	buf_release(&tgz);
}

Test(bundle_open, no_manifest_keeps_nothing)
{
	refused_and_empty("plans/minio.tfplan", "x", "'manifest.json' is missing");
}

Test(bundle_open, a_manifest_that_is_no_json_keeps_nothing)
{
	refused_and_empty("manifest.json", "{not json", "entry 'manifest.json'");
}
