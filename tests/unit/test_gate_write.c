/*
 * gate writers: SARIF validated against the official 2.1.0 schema (Debian's
 * python3-jsonschema), JUnit against junit-10.xsd (xmllint), the JSON with
 * exactly the keys docs/design.md pins, the Markdown under 64 KB whatever the
 * number of findings, the SonarQube import in the 10.3+ shape, colour only
 * when asked.
 */
#include <criterion/criterion.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "gate/gate.h"
#include "json/jsonw.h"

/* the official schemas, copied into tests/schemas: always there */
#define SARIF_SCHEMA SOURCE_DIR "/tests/schemas/sarif-schema-2.1.0.json"
#define JUNIT_SCHEMA SOURCE_DIR "/tests/schemas/junit-10.xsd"

static const char *const fixtures[] = {
	"trivy-image.json", "trivy-config.json", "checkov.json", "codeql.sarif",
	"sonar-issues.json", "sonar-hotspots.json", "sonar-gate-error.json",
	"report-task.txt",
};

static const char policy_yaml[] =
	"version: 1\nfail_on: {critical: 0, high: 0}\nwarn_on: {medium: 0}\n"
	"waivers:\n  - {id: W-9, rule: CKV_AWS_18, reason: \"logs <elsewhere> & co\", "
	"owner: o, expires: 2027-01-01}\n  - {id: W-10, rule: NOPE, reason: r, "
	"owner: o, expires: 2027-01-01}\n";

struct world {
	struct gate_input in;
	struct gate_policy *pol;
	struct gate_result *res;
};

static void world_init(struct world *w)
{
	struct err err = ERR_INIT;
	char path[512];
	size_t i;

	memset(w, 0, sizeof(*w));
	for (i = 0; i < sizeof(fixtures) / sizeof(fixtures[0]); i++) {
		snprintf(path, sizeof(path), "%s/reports/%s", FIXTURES, fixtures[i]);
		cr_assert_eq(gate_read_file(&w->in, path, &err), 0, "%s", err.msg.ptr);
	}
	cr_assert_eq(gate_policy_parse(&w->pol, policy_yaml, strlen(policy_yaml),
				       "p.yaml", "prod", &err), 0, "%s", err.msg.ptr);
	cr_assert_eq(gate_evaluate(&w->res, &w->in, w->pol, NULL,
				   gate_parse_date("2026-06-01"), &err), 0);
	err_release(&err);
}

static void world_release(struct world *w)
{
	gate_result_free(w->res);
	gate_policy_free(w->pol);
	gate_input_release(&w->in);
}

static char *write_tmp(enum gate_out fmt, const struct world *w, struct buf *doc)
{
	static char path[64];
	int fd;

	snprintf(path, sizeof(path), "/tmp/gate-write-XXXXXX");
	fd = mkstemp(path);
	cr_assert(fd >= 0);
	gate_write(doc, fmt, &w->in, w->res, 0);
	cr_assert_eq(write(fd, doc->ptr, doc->len), (ssize_t)doc->len);
	close(fd);
	return path;
}

static int run(const char *cmd)
{
	int st = system(cmd);

	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

Test(gate_write, sarif_valid_against_the_official_schema)
{
	struct world w;
	struct buf doc = BUF_INIT, cmd = BUF_INIT;
	const char *path;
	json_t *root, *runs, *r;
	size_t i, results = 0;

	world_init(&w);
	path = write_tmp(GATE_OUT_SARIF, &w, &doc);
	buf_addf(&cmd, "/usr/bin/python3 -c 'import json, sys, jsonschema; "
		 "jsonschema.validate(json.load(open(sys.argv[1])), "
		 "json.load(open(sys.argv[2])))' %s %s",
		 path, SARIF_SCHEMA);
	cr_assert_eq(access(SARIF_SCHEMA, R_OK), 0, "no schema %s", SARIF_SCHEMA);
	cr_expect_eq(run(cmd.ptr), 0, "SARIF not valid: %s", path);
	root = json_loads(doc.ptr, 0, NULL);
	cr_assert(root);
	runs = json_object_get(root, "runs");
	/* one run per tool: trivy, checkov, codeql, sonarqube */
	cr_expect_eq(json_array_size(runs), 4);
	json_array_foreach(runs, i, r) {
		json_t *res = json_object_get(r, "results"), *x;
		size_t j;

		results += json_array_size(res);
		json_array_foreach(res, j, x)
			cr_expect(json_array_size(json_object_get(x, "locations")) == 1);
	}
	/*
	 * everything but the waived: checkov:skip, W-9, the SARIF suppression,
	 * the hotspot reviewed as SAFE in SonarQube
	 */
	cr_expect_eq(results, w.in.nr - w.res->waived);
	cr_expect_eq(w.res->waived, 4);
	json_decref(root);
	unlink(path);
	buf_release(&doc);
	buf_release(&cmd);
	world_release(&w);
}

Test(gate_write, junit_valid_and_one_testcase_per_condition)
{
	struct world w;
	struct buf doc = BUF_INIT, cmd = BUF_INIT;
	const char *path, *p;
	size_t cases = 0, failures = 0, i, blocking = 0, failed = 0;

	world_init(&w);
	path = write_tmp(GATE_OUT_JUNIT, &w, &doc);
	buf_addf(&cmd, "xmllint --noout --schema %s %s 2>&1",
		 JUNIT_SCHEMA, path);
	cr_assert_eq(access(JUNIT_SCHEMA, R_OK), 0, "no schema %s", JUNIT_SCHEMA);
	cr_expect_eq(run(cmd.ptr), 0, "JUnit not valid: %s", path);
	for (p = doc.ptr; (p = strstr(p, "<testcase ")); p++)
		cases++;
	for (p = doc.ptr; (p = strstr(p, "<failure ")); p++)
		failures++;
	for (i = 0; i < w.in.nr; i++)
		blocking += w.in.findings[i].blocking;
	for (i = 0; i < w.res->nr_conds; i++)
		failed += w.res->conds[i].status == V_FAIL;
	cr_expect_eq(cases, w.res->nr_conds + blocking);
	cr_expect_eq(failures, failed + blocking);
	cr_expect(strstr(doc.ptr, "name=\"mds-infra.policy\""));
	cr_expect(strstr(doc.ptr, "name=\"fail_on.critical &lt;= 0\""));
	cr_expect(strstr(doc.ptr, "WARN: waiver W-10 (rule NOPE) matches no finding"));
	unlink(path);
	buf_release(&doc);
	buf_release(&cmd);
	world_release(&w);
}

Test(gate_write, json_has_exactly_the_pinned_keys)
{
	static const char *const keys[] = {
		"schema", "verdict", "environment", "sources", "counts", "by_tool",
		"sonar", "reasons", "reason_schema", "reason_details", "duplicates",
		"waived", "expired_waivers", "stale_waivers", "findings",
	};
	json_t *d;
	struct world w;
	struct buf doc = BUF_INIT;
	json_t *root, *src;
	size_t i, sum = 0;
	json_error_t jerr;

	world_init(&w);
	gate_write(&doc, GATE_OUT_JSON, &w.in, w.res, 0);
	root = json_loads(doc.ptr, 0, &jerr);
	cr_assert(root, "%s", jerr.text);
	cr_expect_eq(json_object_size(root), sizeof(keys) / sizeof(keys[0]));
	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		cr_expect(json_object_get(root, keys[i]), "no key %s", keys[i]);
	cr_expect_str_eq(json_string_value(json_object_get(root, "schema")),
			 "mds-infra/gate/v1");
	cr_expect_str_eq(json_string_value(json_object_get(root, "verdict")), "FAIL");
	cr_expect_str_eq(json_string_value(json_object_get(root, "environment")), "prod");
	json_array_foreach(json_object_get(root, "sources"), i, src)
		sum += json_integer_value(json_object_get(src, "findings"));
	cr_expect_eq(sum, w.in.nr);
	cr_expect_eq(json_array_size(json_object_get(root, "findings")), w.in.nr);
	cr_expect_eq(json_integer_value(json_object_get(json_object_get(root, "counts"),
							"critical")), 4);
	cr_expect_eq(json_integer_value(json_object_get(json_object_get(
		json_object_get(root, "by_tool"), "trivy"), "critical")), 2);
	cr_expect_str_eq(json_string_value(json_object_get(json_object_get(root, "sonar"),
							   "status")), "ERROR");
	cr_expect_eq(json_array_size(json_object_get(root, "stale_waivers")), 1);
	cr_expect_eq(json_integer_value(json_object_get(root, "waived")), 4);
	/* reason_details: the prose reasons, one for one, structured */
	cr_expect_str_eq(json_string_value(json_object_get(root, "reason_schema")),
			 "mds-infra/gate/reason/v1");
	cr_assert_eq(json_array_size(json_object_get(root, "reason_details")),
		     json_array_size(json_object_get(root, "reasons")));
	d = json_array_get(json_object_get(root, "reason_details"), 0);
	cr_expect_str_eq(json_string_value(json_object_get(d, "text")),
			 json_string_value(json_array_get(json_object_get(root,
								       "reasons"), 0)));
	cr_expect_str_eq(json_string_value(json_object_get(d, "rule")),
			 "fail_on.critical");
	cr_expect_str_eq(json_string_value(json_object_get(d, "severity")), "critical");
	cr_expect_eq(json_integer_value(json_object_get(d, "limit")), 0);
	cr_expect_eq(json_integer_value(json_object_get(d, "actual")), 4);
	cr_expect_str_eq(json_string_value(json_object_get(d, "environment")), "prod");
	json_decref(root);
	buf_release(&doc);
	world_release(&w);
}

Test(gate_write, markdown_stays_under_64k)
{
	struct world w;
	struct buf doc = BUF_INIT, big = BUF_INIT;
	struct err err = ERR_INIT;
	const char *last;
	int i;

	world_init(&w);
	buf_addstr(&big, "{\"SchemaVersion\":2,\"Results\":[{\"Target\":\"a/b.txt\","
		   "\"Vulnerabilities\":[");
	for (i = 0; i < 5000; i++)
		buf_addf(&big, "%s{\"VulnerabilityID\":\"CVE-2026-%05d\",\"PkgName\":"
			 "\"package-with-a-long-name-%d\",\"Severity\":\"HIGH\",\"Title\":"
			 "\"a title | with a pipe and quite a few words in it\"}",
			 i ? "," : "", i, i);
	buf_addstr(&big, "]}]}");
	cr_assert_eq(gate_read_mem(&w.in, "big.json", big.ptr, big.len, &err), 0);
	gate_result_free(w.res);
	gate_evaluate(&w.res, &w.in, w.pol, NULL, gate_parse_date("2026-06-01"), &err);
	gate_write(&doc, GATE_OUT_MARKDOWN, &w.in, w.res, 0);
	cr_expect(doc.len < 65536, "%zu bytes", doc.len);
	cr_expect(doc.len > 60000, "%zu bytes: truncated too early", doc.len);
	cr_expect(strstr(doc.ptr, "<!-- mds-infra:gate v1 env=prod -->"));
	cr_expect(strstr(doc.ptr, "more, see the JSON or SARIF artifact"));
	cr_expect(strstr(doc.ptr, "a title \\| with a pipe"));
	/* rows are whole: the line before the "more" line ends a row */
	last = strstr(doc.ptr, "\n… ");
	cr_assert(last);
	cr_expect_eq(last[-1], '\n');
	cr_expect_eq(last[-2], '|');
	buf_release(&doc);
	buf_release(&big);
	err_release(&err);
	world_release(&w);
}

Test(gate_write, sonar_generic_import_10_3)
{
	struct world w;
	struct buf doc = BUF_INIT;
	json_t *root, *rules, *issues, *x;
	size_t i;

	world_init(&w);
	gate_write(&doc, GATE_OUT_SONAR, &w.in, w.res, 0);
	root = json_loads(doc.ptr, 0, NULL);
	cr_assert(root);
	rules = json_object_get(root, "rules");
	issues = json_object_get(root, "issues");
	cr_expect(json_array_size(rules) > 0);
	cr_expect(json_array_size(issues) > 0);
	json_array_foreach(rules, i, x) {
		cr_expect(json_string_value(json_object_get(x, "cleanCodeAttribute")));
		cr_expect(json_array_size(json_object_get(x, "impacts")) == 1);
		cr_expect_str_neq(json_string_value(json_object_get(x, "engineId")),
				  "sonarqube");
	}
	json_array_foreach(issues, i, x) {
		const char *id = json_string_value(json_object_get(x, "ruleId"));
		json_t *r;
		size_t j;
		int found = 0;

		cr_expect_null(json_object_get(x, "severity"));	/* an error in 10.3+ */
		cr_expect_null(json_object_get(x, "type"));
		cr_expect(json_string_value(json_object_get(json_object_get(x,
			"primaryLocation"), "filePath")));
		json_array_foreach(rules, j, r)
			found |= !strcmp(json_string_value(json_object_get(r, "id")), id);
		cr_expect(found, "issue rule %s not in rules", id);
	}
	json_decref(root);
	buf_release(&doc);
	world_release(&w);
}

Test(gate_write, text_colour_only_when_asked)
{
	struct world w;
	struct buf plain = BUF_INIT, color = BUF_INIT;

	world_init(&w);
	gate_write_text(&plain, &w.in, w.res, 0);
	gate_write_text(&color, &w.in, w.res, 1);
	cr_expect_null(strchr(plain.ptr, '\033'));
	cr_expect(strchr(color.ptr, '\033'));
	cr_expect(strstr(plain.ptr, "gate: FAIL (env prod, policy p.yaml, 2026-06-01)"));
	/* blocking first within a tool */
	cr_expect(strstr(plain.ptr, "trivy: 2 critical 1 high 2 medium 1 low"));
	cr_expect(strstr(plain.ptr, "  ! CRITICAL CVE-2024-0001"));
	buf_release(&plain);
	buf_release(&color);
	world_release(&w);
}

/* The JSON writer appends runs: escapes and numbers must stay exact. */
Test(gate_write, jsonw_escapes_and_numbers)
{
	struct buf out = BUF_INIT;
	struct jsonw w;

	jw_quote(&out, "plain \"q\" back\\slash\nnl\ttab\rcr\x01\x1f caf\xc3\xa9");
	cr_expect_str_eq(out.ptr, "\"plain \\\"q\\\" back\\\\slash\\nnl\\ttab\\rcr"
			 "\\u0001\\u001f caf\xc3\xa9\"");
	buf_reset(&out);
	jw_init(&w, &out, 0);
	jw_arr(&w);
	jw_int(&w, 0);
	jw_int(&w, -42);
	jw_int(&w, 1234567890123LL);
	jw_int(&w, -9223372036854775807LL - 1);
	jw_str(&w, "");
	jw_end(&w, ']');
	cr_expect_str_eq(out.ptr, "[0,-42,1234567890123,-9223372036854775808,\"\"]");
	buf_release(&out);
}
