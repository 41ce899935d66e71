/*
 * gate conformance: every report of ../shared/corpus/reports is read with
 * exactly the counts reports.json expects (total and by severity), under the
 * counting rules of docs/design.md.  When the corpus is absent the test is skipped
 * (cr_skip_test; CI has the corpus).
 */
#include <criterion/criterion.h>
#include <jansson.h>
#include <string.h>
#include <unistd.h>

#include "gate/gate.h"

static void check_one(const char *corpus, json_t *entry, int *checked)
{
	const char *rel = json_string_value(json_object_get(entry, "path"));
	json_t *exp = json_object_get(entry, "expected");
	struct gate_input in = GATE_INPUT_INIT;
	struct err err = ERR_INIT;
	size_t by[SEV_COUNT] = { 0 }, total = 0, i;
	char path[4096];

	snprintf(path, sizeof(path), "%s/%s", corpus, rel);
	cr_assert_eq(gate_read_file(&in, path, &err), 0, "%s: %s", rel,
		     err.msg.ptr);
	for (i = 0; i < in.nr; i++)
		if (in.findings[i].status == ST_OPEN) {
			by[in.findings[i].severity]++;
			total++;
		}
	if (json_is_object(exp)) {
		json_t *sev = json_object_get(exp, "by_severity");

		cr_expect_eq(total, json_integer_value(json_object_get(exp, "findings")),
			     "%s: %zu findings, expected %lld", rel, total,
			     json_integer_value(json_object_get(exp, "findings")));
		for (i = 0; i < SEV_COUNT; i++) {
			json_int_t want = json_integer_value(
				json_object_get(sev, gate_severity_name(i)));

			cr_expect_eq((json_int_t)by[i], want, "%s: %zu %s, expected %lld",
				     rel, by[i], gate_severity_name(i), want);
		}
	} else {
		cr_expect_eq(total, 0, "%s: no findings expected", rel);
	}
	(*checked)++;
	gate_input_release(&in);
	err_release(&err);
}

Test(gate_conformance, corpus_counts)
{
	const char *corpus = SHARED_DIR "/corpus";
	json_error_t jerr;
	json_t *all;
	size_t i;
	int checked = 0;

	if (access(corpus, R_OK) != 0) {
		cr_skip_test("corpus absent at %s: conformance not checked", corpus);
	}
	all = json_load_file(SHARED_DIR "/corpus/reports.json", 0, &jerr);
	cr_assert(json_is_array(all), "reports.json: %s", jerr.text);
	for (i = 0; i < json_array_size(all); i++)
		check_one(corpus, json_array_get(all, i), &checked);
	cr_expect_eq((size_t)checked, json_array_size(all));
	json_decref(all);
}
