/*
 * gate policy and verdict: each key, each merge rule, each waiver state, the
 * baseline, and the reasons as they are spelled out.  Policies are inline
 * YAML; findings come from small documents read by the real readers.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "gate/gate.h"
#include "util/glob.h"

#define DAY(s) gate_parse_date(s)

static struct gate_policy *policy(const char *yaml, const char *env)
{
	struct gate_policy *pol = NULL;
	struct err err = ERR_INIT;

	cr_assert_eq(gate_policy_parse(&pol, yaml, strlen(yaml), "gate.yaml", env,
				       &err), 0, "%s", err.msg.ptr);
	err_release(&err);
	return pol;
}

struct bad_policy {
	const char *yaml;
	const char *message;
};

static const struct bad_policy bad_policies[] = {
	{ "fail_on: {high: 0}\n", "gate.yaml:1:1: gate policy without 'version: 1'" },
	{ "version: 2\n", "gate.yaml:1:10: version" },
	{ "version: 1\nfail_on: {hihg: 0}\n", "gate.yaml:2:11: unknown key 'hihg'" },
	{ "version: 1\nfail_on: {high: -1}\n", "gate.yaml:2:17:" },
	{ "version: 1\nwarn_on: {medium: lots}\n", "gate.yaml:2:19:" },
	{ "version: 1\nunknown_as: severe\n", "gate.yaml:2:13: unknown_as must be "
	  "critical, high, medium, low or info, not 'severe'" },
	{ "version: 1\nignore_unfixed: maybe\n", "gate.yaml:2:17:" },
	{ "version: 1\nsonar_gate: strict\n", "gate.yaml:2:13: sonar_gate must be "
	  "required, advisory or ignore, not 'strict'" },
	{ "version: 1\nfail_onn: {}\n", "gate.yaml:2:1: unknown key 'fail_onn'" },
	{ "version: 1\ncategories:\n  secrets: {fail_on: {low: 0}}\n",
	  "gate.yaml:3:3: unknown category 'secrets'" },
	{ "version: 1\ntools:\n  trivy: {fail_on: {high: 0}, ignore: true}\n",
	  "gate.yaml:3:31: unknown key 'ignore' in tools.trivy" },
	{ "version: 1\nenvironments:\n  dev: {fail_on: {medum: 3}}\n",
	  "gate.yaml:3:19: unknown key 'medum'" },
	{ "version: 1\nenvironments:\n  prod: {version: 1}\n",
	  "gate.yaml:3:10: unknown key 'version'" },
	{ "version: 1\nwaivers:\n  - rule: CKV_1\n    reason: r\n    owner: o\n"
	  "    expires: 2026-02-30\n", "gate.yaml:6:14: waiver expires must be a date "
	  "YYYY-MM-DD, not '2026-02-30'" },
	{ "version: 1\nwaivers:\n  - rule: CKV_1\n    reason: r\n    expires: 2026-02-01\n",
	  "gate.yaml:3:5: waiver without 'owner'" },
	{ "version: 1\nwaivers:\n  - {id: W1, rule: a, reason: r, owner: o, expires: 2026-01-01}\n"
	  "  - {id: W1, rule: b, reason: r, owner: o, expires: 2026-01-01}\n",
	  "gate.yaml:4:5: waiver id 'W1' is used twice" },
	{ "version: 1\nwaivers:\n  - {rule: a, reason: r, owner: o, expires: 2026-01-01, "
	  "until: x}\n", "unknown key 'until' in a waiver" },
	{ "- 1\n", "gate.yaml:1:1: a gate policy is a mapping" },
};

Test(gate_policy, errors_name_file_line_column)
{
	size_t i;

	for (i = 0; i < sizeof(bad_policies) / sizeof(bad_policies[0]); i++) {
		const struct bad_policy *c = &bad_policies[i];
		struct gate_policy *pol = NULL;
		struct err err = ERR_INIT;

		cr_expect_eq(gate_policy_parse(&pol, c->yaml, strlen(c->yaml),
					       "gate.yaml", "dev", &err), ERR_INPUT,
			     "accepted: %s", c->yaml);
		cr_expect(strstr(err.msg.ptr, c->message), "'%s' lacks '%s'",
			  err.msg.ptr, c->message);
		cr_expect_null(pol);
		err_release(&err);
	}
}

Test(gate_policy, environment_deep_merge)
{
	static const char yaml[] =
		"version: 1\n"
		"fail_on: {critical: 0, high: 0}\n"
		"warn_on: {medium: 20}\n"
		"unknown_as: high\n"
		"tools:\n  checkov: {unknown_as: medium, warn_on: {low: 5}}\n"
		"baseline: .mds/gate-baseline.json\n"
		"environments:\n"
		"  prod:\n"
		"    fail_on: {medium: 0}\n"
		"    warn_on: {medium: null}\n"
		"    tools: {checkov: {fail_on: {low: 10}}}\n"
		"    sonar_gate: advisory\n"
		"    baseline: null\n"
		"  dev: {fail_on: {high: 5}}\n";
	struct gate_policy *prod = policy(yaml, "prod"), *dev = policy(yaml, "dev");
	struct gate_policy *none = policy(yaml, NULL);

	/* maps merge key by key */
	cr_expect_eq(prod->top.fail_on[SEV_CRITICAL], 0);
	cr_expect_eq(prod->top.fail_on[SEV_HIGH], 0);
	cr_expect_eq(prod->top.fail_on[SEV_MEDIUM], 0);
	cr_expect_eq(prod->top.warn_on[SEV_MEDIUM], -1);	/* null removes */
	cr_assert_eq(prod->nr_tools, 1);
	cr_expect_eq(prod->tools[0].lim.unknown_as, SEV_MEDIUM);
	cr_expect_eq(prod->tools[0].lim.warn_on[SEV_LOW], 5);
	cr_expect_eq(prod->tools[0].lim.fail_on[SEV_LOW], 10);
	/* scalars replace */
	cr_expect_eq(prod->sonar_gate, SONAR_ADVISORY);
	cr_expect_null(prod->baseline);
	cr_expect_eq(dev->top.fail_on[SEV_HIGH], 5);
	cr_expect_eq(dev->sonar_gate, SONAR_REQUIRED);
	cr_expect_str_eq(dev->baseline, ".mds/gate-baseline.json");
	cr_expect_eq(none->top.fail_on[SEV_MEDIUM], -1);
	cr_expect_eq(none->tools[0].lim.fail_on[SEV_LOW], -1);
	gate_policy_free(prod);
	gate_policy_free(dev);
	gate_policy_free(none);
}

Test(gate_policy, default_and_repository_policy)
{
	struct gate_policy *def = gate_policy_default(NULL), *repo = NULL;
	struct err err = ERR_INIT;

	cr_expect_eq(def->top.fail_on[SEV_CRITICAL], 0);
	cr_expect_eq(def->top.fail_on[SEV_HIGH], 0);
	cr_expect_eq(def->top.warn_on[SEV_MEDIUM], 20);
	cr_expect_eq(def->top.unknown_as, SEV_HIGH);
	cr_expect_eq(def->sonar_gate, SONAR_REQUIRED);
	/* policies/gate.yaml loads, and prod is stricter than dev */
	cr_assert_eq(gate_policy_load(&repo, SOURCE_DIR "/policies/gate.yaml", "prod",
				      &err), 0, "%s", err.msg.ptr);
	cr_expect_eq(repo->top.fail_on[SEV_MEDIUM], 0);
	gate_policy_free(repo);
	cr_assert_eq(gate_policy_load(&repo, SOURCE_DIR "/policies/gate.yaml", "dev",
				      &err), 0, "%s", err.msg.ptr);
	cr_expect_neq(repo->top.fail_on[SEV_MEDIUM], 0);
	gate_policy_free(repo);
	gate_policy_free(def);
	err_release(&err);
}

static const char findings_doc[] =
	"[{\"check_type\":\"terraform\",\"results\":{\"failed_checks\":["
	"{\"check_id\":\"CKV_K8S_21\",\"file_path\":\"/terraform/modules/airflow/main.tf\","
	"\"resource\":\"helm_release.airflow\"},"
	"{\"check_id\":\"CKV_AWS_18\",\"file_path\":\"/terraform/modules/minio/main.tf\","
	"\"resource\":\"aws_s3_bucket.landing\",\"severity\":\"HIGH\"}]}}]";

static const char trivy_doc[] =
	"{\"SchemaVersion\":2,\"Results\":[{\"Target\":\"img (debian 12)\",\"Class\":"
	"\"os-pkgs\",\"Vulnerabilities\":[{\"VulnerabilityID\":\"CVE-1\",\"PkgName\":"
	"\"a\",\"InstalledVersion\":\"1\",\"FixedVersion\":\"2\",\"Severity\":\"CRITICAL\"},"
	"{\"VulnerabilityID\":\"CVE-2\",\"PkgName\":\"b\",\"InstalledVersion\":\"1\","
	"\"Severity\":\"CRITICAL\"},{\"VulnerabilityID\":\"CVE-3\",\"PkgName\":\"c\","
	"\"Severity\":\"MEDIUM\",\"FixedVersion\":\"4\"}]},{\"Target\":\"app/.env\","
	"\"Class\":\"secret\",\"Secrets\":[{\"RuleID\":\"gh-pat\",\"Severity\":\"LOW\"}]}]}";

static void read_docs(struct gate_input *in)
{
	struct err err = ERR_INIT;

	cr_assert_eq(gate_read_mem(in, "checkov.json", findings_doc,
				   strlen(findings_doc), &err), 0, "%s", err.msg.ptr);
	cr_assert_eq(gate_read_mem(in, "trivy.json", trivy_doc, strlen(trivy_doc),
				   &err), 0, "%s", err.msg.ptr);
	err_release(&err);
}

static struct gate_result *judge(struct gate_input *in, const char *yaml,
				 const char *env, const struct strmap *bl,
				 const char *today, struct gate_policy **pol)
{
	struct gate_result *res = NULL;
	struct err err = ERR_INIT;

	*pol = policy(yaml, env);
	cr_assert_eq(gate_evaluate(&res, in, *pol, bl, DAY(today), &err), 0);
	err_release(&err);
	return res;
}

static int has_reason(const struct gate_result *res, enum verdict v,
		      const char *text)
{
	size_t i;

	for (i = 0; i < res->nr_conds; i++)
		if (res->conds[i].status == v && res->conds[i].reason &&
		    !strcmp(res->conds[i].reason, text))
			return 1;
	for (i = 0; i < res->nr_conds; i++)
		if (res->conds[i].reason)
			cr_log_info("reason: %s", res->conds[i].reason);
	return 0;
}

Test(gate_policy, thresholds_spelled_out)
{
	struct gate_input in = GATE_INPUT_INIT;
	struct gate_policy *pol;
	struct gate_result *res;

	read_docs(&in);
	res = judge(&in, "version: 1\nfail_on: {critical: 0, high: 1}\n"
		    "warn_on: {medium: 0}\nunknown_as: high\n"
		    "categories:\n  secret: {fail_on: {low: 0}}\n", "prod", NULL,
		    "2026-01-10", &pol);
	cr_expect_eq(res->verdict, V_FAIL);
	cr_expect(has_reason(res, V_FAIL, "trivy: 2 critical findings > "
			     "fail_on.critical = 0 (env prod)"));
	cr_expect(has_reason(res, V_FAIL, "checkov: 2 high findings (1 without a "
			     "severity, counted as high) > fail_on.high = 1 (env prod)"));
	cr_expect(has_reason(res, V_WARN, "trivy: 1 medium finding > "
			     "warn_on.medium = 0 (env prod)"));
	cr_expect(has_reason(res, V_FAIL, "secret findings of trivy: 1 low "
			     "finding > categories.secret.fail_on.low = 0 (env prod)"));
	/* counts keep `unknown`; unknown_as is for thresholds only */
	cr_expect_eq(res->counts[SEV_UNKNOWN], 1);
	cr_expect_eq(res->counts[SEV_CRITICAL], 2);
	cr_expect(in.findings[0].blocking);	/* CKV_K8S_21, counted as high */
	gate_result_free(res);
	gate_policy_free(pol);
	gate_input_release(&in);
}

Test(gate_policy, tool_settings_and_ignore_unfixed)
{
	struct gate_input in = GATE_INPUT_INIT;
	struct gate_policy *pol;
	struct gate_result *res;

	read_docs(&in);
	res = judge(&in, "version: 1\nfail_on: {critical: 1, high: 1}\n"
		    "ignore_unfixed: true\n"
		    "tools:\n  checkov: {unknown_as: low}\n", NULL, NULL,
		    "2026-01-10", &pol);
	/* CVE-2 has no fix: ignored; CKV_K8S_21 counts as low for checkov */
	cr_expect_eq(res->verdict, V_PASS);
	cr_expect_eq(res->ignored, 1);
	cr_expect_eq(in.findings[3].status, ST_IGNORED);
	gate_result_free(res);
	gate_policy_free(pol);
	gate_input_release(&in);
}

static const char waivers_yaml[] =
	"version: 1\nfail_on: {critical: 0, high: 0}\nunknown_as: high\n"
	"waivers:\n"
	"  - id: W-1\n    rule: CKV_K8S_*\n    path: \"terraform/modules/airflow/**\"\n"
	"    reason: the chart needs it\n    owner: data-platform\n    expires: 2027-03-31\n"
	"  - id: W-2\n    rule: CKV_AWS_18\n    resource: aws_s3_bucket.*\n"
	"    reason: logs go elsewhere\n    owner: platform\n    expires: 2026-01-09\n"
	"  - id: W-3\n    rule: CVE-*\n    tool: trivy\n    reason: base image rebuild\n"
	"    owner: sec\n    expires: 2026-01-20\n"
	"  - id: W-4\n    rule: CKV_GONE\n    reason: r\n    owner: o\n    expires: 2027-01-01\n"
	"  - id: W-5\n    rule: gh-pat\n    reason: dev only\n    owner: o\n"
	"    expires: 2027-01-01\n    environments: [dev]\n";

Test(gate_policy, waiver_states)
{
	struct gate_input in = GATE_INPUT_INIT;
	struct gate_policy *pol;
	struct gate_result *res;

	read_docs(&in);
	res = judge(&in, waivers_yaml, "prod", NULL, "2026-01-10", &pol);
	/* W-1 waives by rule glob and path glob */
	cr_expect_eq(in.findings[0].status, ST_WAIVED);
	cr_expect_str_eq(in.findings[0].waived_by, "W-1");
	/* W-2 expired yesterday: its finding is open again, and the gate fails */
	cr_expect_eq(in.findings[1].status, ST_OPEN);
	cr_expect_eq(res->waiver_state[1], WAIVER_EXPIRED);
	cr_expect(has_reason(res, V_FAIL, "waiver W-2 (rule CKV_AWS_18, owner "
			     "platform) expired on 2026-01-09: it no longer waives "
			     "1 finding"));
	/* W-3 waives the CVEs but expires within 14 days */
	cr_expect_eq(in.findings[2].status, ST_WAIVED);
	cr_expect(has_reason(res, V_WARN, "waiver W-3 (rule CVE-*, owner sec) "
			     "expires on 2026-01-20, in 10 days"));
	/* W-4 matches nothing */
	cr_expect_eq(res->waiver_state[3], WAIVER_STALE);
	cr_expect(has_reason(res, V_WARN, "waiver W-4 (rule CKV_GONE) matches no "
			     "finding: stale, remove it"));
	/* W-5 is for dev only */
	cr_expect_eq(res->waiver_state[4], WAIVER_OTHER_ENV);
	cr_expect_eq(in.findings[5].status, ST_OPEN);
	cr_expect_eq(res->verdict, V_FAIL);
	gate_result_free(res);
	gate_policy_free(pol);
	/* the same in dev a year earlier: nothing expired, W-5 applies */
	res = judge(&in, waivers_yaml, "dev", NULL, "2025-01-10", &pol);
	cr_expect_eq(in.findings[1].status, ST_WAIVED);
	cr_expect_eq(in.findings[5].status, ST_WAIVED);
	cr_expect_eq(res->waiver_state[2], WAIVER_OK);
	gate_result_free(res);
	gate_policy_free(pol);
	gate_input_release(&in);
}

Test(gate_policy, baseline_only_new_findings_count)
{
	static const char new_doc[] = "{\"SchemaVersion\":2,\"Results\":"
		"[{\"Target\":\"x.tf\",\"Misconfigurations\":[{\"ID\":\"AWS-1\","
		"\"Severity\":\"HIGH\",\"CauseMetadata\":{\"StartLine\":9}}]}]}";
	struct gate_input in = GATE_INPUT_INIT;
	struct strmap bl = STRMAP_INIT;
	struct gate_policy *pol;
	struct gate_result *res;
	struct buf doc = BUF_INIT;
	struct err err = ERR_INIT;
	char path[] = "/tmp/gate-baseline-XXXXXX";
	int fd = mkstemp(path);

	cr_assert(fd >= 0);
	read_docs(&in);
	gate_baseline_write(&doc, &in, "2026-01-10");
	cr_assert_eq(write(fd, doc.ptr, doc.len), (ssize_t)doc.len);
	close(fd);
	cr_assert_eq(gate_baseline_load(&bl, path, &err), 0, "%s", err.msg.ptr);
	cr_expect_eq(bl.nr, 6);
	/* a new report: the same findings on other lines, plus one new */
	gate_input_release(&in);
	read_docs(&in);
	cr_assert_eq(gate_read_mem(&in, "new.json", new_doc, strlen(new_doc), &err),
		     0, "%s", err.msg.ptr);
	res = judge(&in, "version: 1\nfail_on: {critical: 0, high: 0}\n", NULL, &bl,
		    "2026-01-10", &pol);
	cr_expect_eq(res->baselined, 6);
	cr_expect_eq(res->counts[SEV_HIGH], 1);
	cr_expect(has_reason(res, V_FAIL, "trivy: 1 high finding > fail_on.high = 0"));
	gate_result_free(res);
	gate_policy_free(pol);
	unlink(path);
	/* a missing or broken baseline is an error, not an empty set */
	err_clear(&err);
	cr_expect_eq(gate_baseline_load(&bl, "/nonexistent/b.json", &err), ERR_NOTFOUND);
	buf_release(&doc);
	strmap_release(&bl);
	gate_input_release(&in);
	err_release(&err);
}

Test(gate_policy, sonar_gate_modes)
{
	static const struct { const char *mode, *doc; enum verdict want; } cases[] = {
		{ "required", "{\"projectStatus\":{\"status\":\"ERROR\"}}", V_FAIL },
		{ "required", "{\"projectStatus\":{\"status\":\"NONE\"}}", V_FAIL },
		{ "required", "{\"projectStatus\":{\"status\":\"WARN\"}}", V_WARN },
		{ "required", "{\"projectStatus\":{\"status\":\"OK\"}}", V_PASS },
		{ "advisory", "{\"projectStatus\":{\"status\":\"ERROR\"}}", V_WARN },
		{ "ignore", "{\"projectStatus\":{\"status\":\"ERROR\"}}", V_PASS },
		{ "required", "projectKey=p\nceTaskId=t\n", V_WARN },
		{ "required", "{\"taskId\":\"t\",\"qualityGate\":{\"status\":\"ERROR\"}}",
		  V_FAIL },
		{ "required", "{\"taskId\":\"t\",\"qualityGate\":{\"name\":\"x\"}}",
		  V_FAIL },	/* no status: NONE */
		{ "advisory", "{\"taskId\":\"t\",\"qualityGate\":{\"status\":\"OK\"}}",
		  V_PASS },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct gate_input in = GATE_INPUT_INIT;
		struct gate_policy *pol;
		struct gate_result *res;
		struct err err = ERR_INIT;
		char yaml[64];

		cr_assert_eq(gate_read_mem(&in, "s", cases[i].doc, strlen(cases[i].doc),
					   &err), 0);
		snprintf(yaml, sizeof(yaml), "version: 1\nsonar_gate: %s\n", cases[i].mode);
		res = judge(&in, yaml, NULL, NULL, "2026-01-10", &pol);
		cr_expect_eq(res->verdict, cases[i].want, "case %zu: %s", i,
			     gate_verdict_name(res->verdict));
		gate_result_free(res);
		gate_policy_free(pol);
		gate_input_release(&in);
		err_release(&err);
	}
}

Test(gate_policy, dates)
{
	char s[11];

	cr_expect_eq(DAY("1970-01-01"), 0);
	cr_expect_eq(DAY("2024-02-29") + 1, DAY("2024-03-01"));
	cr_expect_eq(DAY("2023-02-29"), -1);
	cr_expect_eq(DAY("2026-13-01"), -1);
	cr_expect_eq(DAY("2026-1-01"), -1);
	gate_format_date(s, DAY("2027-03-31"));
	cr_expect_str_eq(s, "2027-03-31");
}

Test(gate_policy, waiver_globs)
{
	static const struct { const char *pat, *s; int paths, want; } cases[] = {
		{ "terraform/modules/airflow/**", "terraform/modules/airflow/main.tf", 1, 1 },
		{ "terraform/modules/airflow/**", "terraform/modules/airflow/a/b.tf", 1, 1 },
		{ "terraform/modules/airflow/**", "terraform/modules/minio/main.tf", 1, 0 },
		{ "**/Dockerfile", "Dockerfile", 1, 1 },
		{ "**/Dockerfile", "images/airflow/Dockerfile", 1, 1 },
		{ "images/*/Dockerfile", "images/airflow/Dockerfile", 1, 1 },
		{ "images/*/Dockerfile", "images/a/b/Dockerfile", 1, 0 },
		{ "*.tf", "modules/main.tf", 1, 0 },
		{ "main.t?", "main.tf", 1, 1 },
		{ "CKV_K8S_*", "CKV_K8S_21", 0, 1 },
		{ "CKV_K8S_*", "CKV2_K8S_21", 0, 0 },
		{ "module.*.aws_s3_bucket.*", "module.a.b.aws_s3_bucket.logs", 0, 1 },
		{ "CVE-2024-0001", "CVE-2024-00012", 0, 0 },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		cr_expect_eq(glob_match(cases[i].pat, cases[i].s, cases[i].paths),
			     cases[i].want, "%s ~ %s", cases[i].pat, cases[i].s);
}
