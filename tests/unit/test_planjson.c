/*
 * plan JSON reader: counting rules on small fixtures written to the
 * documented format, every plan of the real-world corpus against the
 * summary Terraform prints for it (plans.json), encodings, chunked feeding
 * and clear errors.
 */
#include <criterion/criterion.h>
#include <jansson.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "tfplan/planjson.h"

struct count_case {
	const char *file;
	long add, change, destroy, import;
	int changes;
	int mocks;
};

static const struct count_case fixture_cases[] = {
	{ "creates.json", 2, 0, 0, 0, 1, 0 },
	{ "updates.json", 0, 2, 0, 0, 1, 0 },
	{ "deletes.json", 0, 0, 2, 0, 1, 0 },	/* data-source delete not counted */
	{ "replaces.json", 3, 0, 3, 0, 1, 0 },	/* both orders + tofu forget,create */
	{ "imports.json", 0, 1, 0, 2, 1, 0 },
	{ "reads.json", 0, 0, 0, 0, 1, 0 },
	{ "outputs-only.json", 0, 0, 0, 0, 1, 0 },
	{ "no-changes.json", 0, 0, 0, 0, 0, 0 },
	{ "mock.json", 1, 0, 0, 0, 1, 1 },
	/* moves, forgets and refresh-only drift: no summary count, but a
	 * change as Terraform's Changes.Empty() sees it */
	{ "moves.json", 0, 1, 0, 0, 1, 0 },
	{ "move-only.json", 0, 0, 0, 0, 1, 0 },
	{ "forgets.json", 1, 0, 0, 0, 1, 0 },
	{ "refresh-only-drift.json", 0, 0, 0, 0, 1, 0 },
	{ "drift-ignored.json", 0, 0, 0, 0, 0, 0 },
};

static void check_counts(const struct plan_summary *s, const struct count_case *c,
			 const char *what)
{
	cr_expect_eq(s->add, c->add, "%s: add %ld != %ld", what, s->add, c->add);
	cr_expect_eq(s->change, c->change, "%s: change %ld != %ld", what,
		     s->change, c->change);
	cr_expect_eq(s->destroy, c->destroy, "%s: destroy %ld != %ld", what,
		     s->destroy, c->destroy);
	cr_expect_eq(s->import, c->import, "%s: import %ld != %ld", what,
		     s->import, c->import);
	cr_expect_eq(s->changes_present, c->changes, "%s: changes_present", what);
}

Test(planjson, fixtures_count_as_terraform)
{
	static const char *const mocks[] = { "mds-mock", "ab" };
	size_t i;

	for (i = 0; i < sizeof(fixture_cases) / sizeof(fixture_cases[0]); i++) {
		const struct count_case *c = &fixture_cases[i];
		char path[512];
		struct plan_summary s = PLAN_SUMMARY_INIT;
		struct err err = ERR_INIT;

		snprintf(path, sizeof(path), "%s/plans/%s", FIXTURES, c->file);
		cr_assert_eq(tfplan_read_file(&s, path, mocks, 2, &err), 0,
			     "%s: %s", c->file, err.msg.ptr);
		check_counts(&s, c, c->file);
		cr_expect_eq(s.uses_mocks, c->mocks, "%s: uses_mocks", c->file);
		tfplan_summary_release(&s);
		err_release(&err);
	}
}

struct verb_case {
	const char *file;
	const char *want;	/* "address verb [previous]" per listed resource */
};

static const struct verb_case verb_cases[] = {
	{ "moves.json", "minio_bucket.landing_zone move minio_bucket.landing;"
			"minio_bucket.raw update minio_bucket.bronze;" },
	{ "forgets.json", "minio_bucket.legacy forget -;minio_bucket.swap replace -;" },
	{ "replaces.json", NULL },	/* checked below, by action */
	{ "imports.json", "minio_bucket.imported import -;"
			  "minio_bucket.imported_upd update -;" },
	{ "creates.json", NULL },
};

/* Each listed resource's reviewer verb and the move's origin. */
Test(planjson, resources_carry_their_verb_and_origin)
{
	size_t i, k;

	for (i = 0; i < sizeof(verb_cases) / sizeof(verb_cases[0]); i++) {
		const struct verb_case *c = &verb_cases[i];
		struct plan_summary s = PLAN_SUMMARY_INIT;
		struct err err = ERR_INIT;
		char path[512], got[1024] = "";

		if (!c->want)
			continue;
		snprintf(path, sizeof(path), "%s/plans/%s", FIXTURES, c->file);
		cr_assert_eq(tfplan_read_file(&s, path, NULL, 0, &err), 0, "%s", err.msg.ptr);
		for (k = 0; k < s.nr_res; k++) {
			const struct plan_resource *r = &s.res[k];
			size_t len = strlen(got);

			snprintf(got + len, sizeof(got) - len, "%s %s %s;", r->address,
				 tfplan_resource_verb(r),
				 r->moved ? r->previous_address : "-");
		}
		cr_expect_str_eq(got, c->want, "%s", c->file);
		tfplan_summary_release(&s);
		err_release(&err);
	}
}

Test(planjson, moves_and_drift_are_counted_apart)
{
	struct plan_summary s = PLAN_SUMMARY_INIT;
	struct err err = ERR_INIT;

	cr_assert_eq(tfplan_read_file(&s, FIXTURES "/plans/moves.json", NULL, 0, &err), 0);
	cr_expect_eq(s.move, 2);
	cr_expect_eq(s.nr_changes, 3);
	cr_expect_eq(s.refresh_only, 0);
	tfplan_summary_release(&s);
	cr_assert_eq(tfplan_read_file(&s, FIXTURES "/plans/refresh-only-drift.json",
				    NULL, 0, &err), 0);
	cr_expect_eq(s.drift, 1);
	cr_expect_eq(s.refresh_only, 1);
	tfplan_summary_release(&s);
	cr_assert_eq(tfplan_read_file(&s, FIXTURES "/plans/drift-ignored.json",
				    NULL, 0, &err), 0);
	cr_expect_eq(s.drift, 1);
	cr_expect_eq(s.refresh_only, 0);
	tfplan_summary_release(&s);
	err_release(&err);
}

Test(planjson, action_lists_round_trip)
{
	cr_expect_str_eq(tfplan_action_list(PLAN_DELETE_CREATE), "delete,create");
	cr_expect_str_eq(tfplan_action_list(PLAN_CREATE_FORGET), "create,forget");
	cr_expect_str_eq(tfplan_action_list(PLAN_NOOP), "no-op");
	cr_expect_str_eq(tfplan_action_list(PLAN_UNKNOWN), "unknown");
}

Test(planjson, replaces_keep_addresses_and_actions)
{
	struct plan_summary s = PLAN_SUMMARY_INIT;
	struct err err = ERR_INIT;
	size_t i, destroys = 0;

	cr_assert_eq(tfplan_read_file(&s, FIXTURES "/plans/replaces.json", NULL, 0,
				    &err), 0, "%s", err.msg.ptr);
	for (i = 0; i < s.nr_res; i++)
		destroys += tfplan_action_destroys(s.res[i].action);
	cr_expect_eq(destroys, 3);
	cr_expect_str_eq(s.res[0].address, "minio_bucket.landing");
	cr_expect_eq(s.res[0].action, PLAN_DELETE_CREATE);
	cr_expect_eq(s.res[1].action, PLAN_CREATE_DELETE);
	tfplan_summary_release(&s);
}

/* Feeding one byte at a time must give the same result as a whole file. */
Test(planjson, byte_by_byte_feed)
{
	static const char *const files[] = { "replaces.json", "utf16le.json" };
	size_t f;

	for (f = 0; f < 2; f++) {
		char path[512];
		FILE *in;
		int c;
		struct plan_reader *r = tfplan_reader_new("bytes", NULL, 0);
		struct plan_summary s = PLAN_SUMMARY_INIT;
		struct err err = ERR_INIT;

		snprintf(path, sizeof(path), "%s/plans/%s", FIXTURES, files[f]);
		in = fopen(path, "rb");
		cr_assert(in);
		while ((c = fgetc(in)) != EOF) {
			unsigned char b = (unsigned char)c;

			cr_assert_eq(tfplan_reader_feed(r, &b, 1, &err), 0, "%s",
				     err.msg.ptr);
		}
		fclose(in);
		cr_assert_eq(tfplan_reader_finish(&s, r, &err), 0, "%s", err.msg.ptr);
		cr_expect_eq(s.add, f == 0 ? 3 : 1, "%s", files[f]);
		tfplan_summary_release(&s);
		tfplan_reader_free(r);
	}
}

struct bad_case {
	const char *data;
	const char *message;
	size_t len;		/* 0: strlen(data) */
};

static const struct bad_case bad_cases[] = {
	{ "", "empty input", 0 },
	{ "{\"format_version\": \"1.2\"", "truncated JSON at byte 24", 0 },
	{ "{\"format_version\": \"1.2\"} {}", "invalid JSON at byte 27", 0 },
	{ "{\"format_version\": \"2.0\"}", "unsupported plan format_version '2.0'", 0 },
	{ "{\"resource_changes\": []}", "no format_version", 0 },
	{ "[1, 2", "truncated JSON", 0 },
	{ "\xff\xfe{\x00\x00\xd8}\x00", "unpaired surrogate", 8 },
	{ "\xff\xfe{\x00\x00", "truncated UTF-16", 5 },
};

Test(planjson, bad_input_is_a_clear_error)
{
	size_t i;

	for (i = 0; i < sizeof(bad_cases) / sizeof(bad_cases[0]); i++) {
		struct plan_reader *r = tfplan_reader_new("x.json", NULL, 0);
		struct plan_summary s = PLAN_SUMMARY_INIT;
		struct err err = ERR_INIT;
		size_t len = bad_cases[i].len ? bad_cases[i].len :
			     strlen(bad_cases[i].data);
		int ret = tfplan_reader_feed(r, bad_cases[i].data, len, &err);

		if (!ret)
			ret = tfplan_reader_finish(&s, r, &err);
		cr_expect_eq(ret, ERR_INPUT, "case %zu: %d", i, ret);
		cr_expect(strstr(err.msg.ptr, bad_cases[i].message),
			  "case %zu: '%s' lacks '%s'", i, err.msg.ptr,
			  bad_cases[i].message);
		cr_expect(!strncmp(err.msg.ptr, "x.json: ", 8), "%s", err.msg.ptr);
		tfplan_reader_free(r);
		err_release(&err);
	}
}

/* The real-world corpus, when present: Terraform's own summary per plan. */
Test(planjson, corpus_matches_terraform_summary)
{
	json_t *root, *e;
	json_error_t jerr;
	size_t i, checked = 0;

	if (access(SHARED_DIR "/corpus/plans.json", R_OK) != 0) {
		cr_skip_test("no corpus at %s/corpus: not checked", SHARED_DIR);
	}
	root = json_load_file(SHARED_DIR "/corpus/plans.json", 0, &jerr);
	cr_assert(root, "%s", jerr.text);
	json_array_foreach(root, i, e) {
		const char *rel = json_string_value(json_object_get(e, "path"));
		json_t *x = json_object_get(e, "expected");
		char path[1024];
		struct plan_summary s = PLAN_SUMMARY_INIT;
		struct err err = ERR_INIT;
		int ret;

		snprintf(path, sizeof(path), "%s/corpus/%s", SHARED_DIR, rel);
		ret = tfplan_read_file(&s, path, NULL, 0, &err);
		if (json_is_true(json_object_get(e, "invalid"))) {
			cr_expect_eq(ret, ERR_INPUT, "%s should be rejected", rel);
			cr_expect(strstr(err.msg.ptr, rel), "%s: %s", rel, err.msg.ptr);
		} else {
			struct count_case c = {
				rel,
				(long)json_integer_value(json_object_get(x, "add")),
				(long)json_integer_value(json_object_get(x, "change")),
				(long)json_integer_value(json_object_get(x, "destroy")),
				(long)json_integer_value(json_object_get(x, "import")),
				json_is_true(json_object_get(x, "changes_present")), 0
			};

			cr_expect_eq(ret, 0, "%s: %s", rel, err.msg.ptr);
			check_counts(&s, &c, rel);
		}
		checked++;
		tfplan_summary_release(&s);
		err_release(&err);
	}
	cr_expect_geq(checked, 20);
	json_decref(root);
}
