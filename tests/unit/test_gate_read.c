/*
 * gate readers: every shape of REPORT_FORMATS.md, in small documents written
 * to the documented formats, read with the counts and fields docs/design.md's
 * counting rules give; and every kind of "not a report" refused with a
 * message that says what it is.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <string.h>

#include "gate/gate.h"
#include "util/sha256.h"

struct count_case {
	const char *name;
	const char *doc;
	const char *format;
	size_t read;			/* findings read (any status) */
	size_t sev[SEV_COUNT];		/* open ones by severity */
};

static const struct count_case count_cases[] = {
	{ "trivy null", "null", "trivy-json", 0, { 0 } },
	{ "trivy []", "[]\n", "trivy-json", 0, { 0 } },
	{ "trivy v2 without Results", "{\"SchemaVersion\":2,\"ArtifactName\":\"x\"}",
	  "trivy-json", 0, { 0 } },
	{ "trivy v2 Results []", "{\"SchemaVersion\":2,\"Results\":[]}",
	  "trivy-json", 0, { 0 } },
	{ "trivy v2 MisconfSummary only",
	  "{\"SchemaVersion\":2,\"Results\":[{\"Target\":\"a.tf\",\"Class\":\"config\","
	  "\"MisconfSummary\":{\"Successes\":58,\"Failures\":0}}]}",
	  "trivy-json", 0, { 0 } },
	{ "trivy v1 list, null list, entry without severity or id",
	  "[{\"Target\":\"img (alpine 3.10)\",\"Type\":\"alpine\",\"Vulnerabilities\":null},"
	  "{\"Target\":\"composer.lock\",\"Type\":\"composer\",\"Vulnerabilities\":"
	  "[{\"PkgName\":\"x\"},{\"VulnerabilityID\":\"CVE-1\",\"PkgName\":\"y\","
	  "\"Severity\":\"HIGH\"}]}]",
	  "trivy-json", 2, { 0, 1, 0, 0, 0, 1 } },
	{ "trivy misconfig PASS and EXCEPTION do not count, absent Status does",
	  "{\"SchemaVersion\":2,\"Results\":[{\"Target\":\"Dockerfile\",\"Misconfigurations\":["
	  "{\"ID\":\"DS-0002\",\"Severity\":\"HIGH\",\"Status\":\"FAIL\"},"
	  "{\"ID\":\"DS-0001\",\"Severity\":\"HIGH\",\"Status\":\"PASS\"},"
	  "{\"ID\":\"DS-0005\",\"Severity\":\"LOW\",\"Status\":\"EXCEPTION\"},"
	  "{\"ID\":\"DS-0026\",\"Severity\":\"LOW\"}]}]}",
	  "trivy-json", 2, { 0, 1, 0, 1, 0, 0 } },
	{ "trivy secrets and licenses count",
	  "{\"SchemaVersion\":2,\"Results\":[{\"Target\":\"x\",\"Class\":\"secret\",\"Secrets\":"
	  "[{\"RuleID\":\"r\",\"Severity\":\"CRITICAL\"}]},{\"Target\":\"y\",\"Class\":"
	  "\"license\",\"Licenses\":[{\"Name\":\"GPL-3.0\",\"Severity\":\"HIGH\"},"
	  "{\"Name\":\"MIT\",\"Severity\":\"UNKNOWN\"}]}]}",
	  "trivy-json", 3, { 1, 1, 0, 0, 0, 1 } },
	{ "trivy k8s, Resources with Results holding Secrets",
	  "{\"ClusterName\":\"\",\"Resources\":[{\"Namespace\":\"ns\",\"Kind\":\"Pod\","
	  "\"Name\":\"p\",\"Results\":[{\"Target\":\"img\",\"Class\":\"os-pkgs\","
	  "\"Vulnerabilities\":[{\"VulnerabilityID\":\"CVE-2\",\"PkgName\":\"z\","
	  "\"Severity\":\"LOW\"}]},{\"Target\":\"/app/.env\",\"Class\":\"secret\","
	  "\"Secrets\":[{\"RuleID\":\"s\",\"Severity\":\"CRITICAL\"}]}]}]}",
	  "trivy-json", 2, { 1, 0, 0, 1, 0, 0 } },
	{ "trivy k8s, older Vulnerabilities/Misconfigurations lists",
	  "{\"ClusterName\":\"kind\",\"Vulnerabilities\":[{\"Namespace\":\"a\",\"Kind\":"
	  "\"Deployment\",\"Name\":\"d\",\"Results\":[{\"Target\":\"i\",\"Vulnerabilities\":"
	  "[{\"VulnerabilityID\":\"CVE-3\",\"Severity\":\"MEDIUM\"}]}]}],"
	  "\"Misconfigurations\":[{\"Namespace\":\"a\",\"Kind\":\"Deployment\",\"Name\":\"d\","
	  "\"Results\":[{\"Target\":\"Deployment/d\",\"Misconfigurations\":[{\"ID\":"
	  "\"KSV001\",\"Severity\":\"MEDIUM\",\"Status\":\"FAIL\"}]}]}]}",
	  "trivy-json", 2, { 0, 0, 2, 0, 0, 0 } },
	{ "checkov summary only", "{\"passed\":0,\"failed\":0,\"skipped\":0,"
	  "\"parsing_errors\":0,\"resource_count\":0,\"checkov_version\":\"2.1.269\"}",
	  "checkov-json", 0, { 0 } },
	{ "checkov summary disagrees: the arrays count",
	  "{\"check_type\":\"terraform\",\"results\":{\"failed_checks\":["
	  "{\"check_id\":\"A\",\"severity\":null},{\"check_id\":\"B\",\"severity\":\"HIGH\"},"
	  "{\"check_id\":\"C\",\"severity\":\"MODERATE\"}]},\"summary\":{\"failed\":2}}",
	  "checkov-json", 3, { 0, 1, 1, 0, 0, 1 } },
	{ "checkov only skipped: waived, nothing open",
	  "{\"check_type\":\"terraform\",\"results\":{\"passed_checks\":[{\"check_id\":\"P\"}],"
	  "\"failed_checks\":[],\"skipped_checks\":[{\"check_id\":\"S\",\"check_result\":"
	  "{\"result\":\"SKIPPED\",\"suppress_comment\":\"ok\"}}]}}",
	  "checkov-json", 1, { 0 } },
	{ "checkov quiet list with a foreign element",
	  "[{\"check_type\":\"dockerfile\",\"results\":{\"failed_checks\":[{\"check_id\":"
	  "\"CKV_DOCKER_2\",\"file_line_range\":[0,0]}]}},{\"details\":{\"x\":1}}]",
	  "checkov-json", 1, { 0, 0, 0, 0, 0, 1 } },
	{ "sarif rules after results, level chain, kind, suppressions",
	  "{\"version\":\"2.1.0\",\"runs\":[{\"results\":["
	  "{\"ruleId\":\"a\",\"message\":{\"text\":\"m\"}},"
	  "{\"ruleId\":\"b\",\"level\":\"note\",\"message\":{\"text\":\"m\"}},"
	  "{\"ruleId\":\"c\",\"message\":{\"text\":\"m\"}},"
	  "{\"ruleId\":\"zz\",\"message\":{\"text\":\"m\"}},"
	  "{\"ruleId\":\"a\",\"kind\":\"informational\",\"message\":{\"text\":\"m\"}},"
	  "{\"ruleId\":\"a\",\"suppressions\":[{\"kind\":\"inSource\"}],\"message\":{\"text\":\"m\"}}],"
	  "\"tool\":{\"driver\":{\"name\":\"X\",\"rules\":[{\"id\":\"a\",\"properties\":"
	  "{\"security-severity\":\"9.0\"}},{\"id\":\"b\",\"defaultConfiguration\":{\"level\":"
	  "\"error\"}},{\"id\":\"c\",\"defaultConfiguration\":{\"level\":\"none\"}}]}}}]}",
	  "sarif", 5, { 1, 0, 1, 1, 1, 0 } },
	{ "sarif run without tool, empty run",
	  "{\"version\":\"2.1.0\",\"runs\":[{\"results\":[{\"ruleId\":\"x\",\"level\":"
	  "\"error\",\"locations\":[],\"message\":{\"text\":\"t\"}}]},{\"tool\":{\"driver\":"
	  "{\"name\":\"Trivy\",\"rules\":[]}},\"results\":[]}]}",
	  "sarif", 1, { 0, 1, 0, 0, 0, 0 } },
	{ "sonar issues: impacts over severity, MQR-only, no line",
	  "{\"paging\":{\"total\":9},\"issues\":[{\"key\":\"1\",\"rule\":\"r\",\"severity\":"
	  "\"MAJOR\",\"impacts\":[{\"softwareQuality\":\"SECURITY\",\"severity\":\"HIGH\"}]},"
	  "{\"key\":\"2\",\"rule\":\"r\",\"severity\":\"BLOCKER\"},{\"key\":\"3\",\"rule\":"
	  "\"r\",\"impacts\":[{\"softwareQuality\":\"RELIABILITY\",\"severity\":\"INFO\"}]}],"
	  "\"components\":[]}",
	  "sonar-issues", 3, { 1, 1, 0, 0, 1, 0 } },
	{ "sonar hotspots: TO_REVIEW open, SAFE waived, FIXED dropped",
	  "{\"paging\":{},\"hotspots\":[{\"key\":\"h\",\"vulnerabilityProbability\":\"LOW\","
	  "\"status\":\"TO_REVIEW\"},{\"key\":\"i\",\"vulnerabilityProbability\":\"HIGH\","
	  "\"status\":\"REVIEWED\",\"resolution\":\"SAFE\"},{\"key\":\"j\","
	  "\"vulnerabilityProbability\":\"HIGH\",\"status\":\"REVIEWED\",\"resolution\":"
	  "\"FIXED\"}]}",
	  "sonar-hotspots", 2, { 0, 0, 0, 1, 0, 0 } },
	{ "sonar issues: only unresolved open; accepted, false positive waived; "
	  "fixed, closed dropped",
	  "{\"paging\":{\"total\":7},\"issues\":["
	  "{\"key\":\"1\",\"rule\":\"r\",\"severity\":\"BLOCKER\",\"status\":\"OPEN\"},"
	  "{\"key\":\"2\",\"rule\":\"r\",\"severity\":\"BLOCKER\",\"issueStatus\":\"ACCEPTED\"},"
	  "{\"key\":\"3\",\"rule\":\"r\",\"severity\":\"BLOCKER\",\"status\":\"RESOLVED\","
	  "\"resolution\":\"FALSE-POSITIVE\"},"
	  "{\"key\":\"4\",\"rule\":\"r\",\"severity\":\"BLOCKER\",\"status\":\"CLOSED\","
	  "\"resolution\":\"FIXED\"},"
	  "{\"key\":\"5\",\"rule\":\"r\",\"severity\":\"BLOCKER\",\"issueStatus\":\"FIXED\"},"
	  "{\"key\":\"6\",\"rule\":\"r\",\"severity\":\"MINOR\",\"resolution\":\"WONTFIX\","
	  "\"status\":\"RESOLVED\"},"
	  "{\"key\":\"7\",\"rule\":\"r\",\"severity\":\"MINOR\",\"issueStatus\":\"CONFIRMED\"}]}",
	  "sonar-issues", 5, { 1, 0, 0, 1, 0, 0 } },
	{ "sonar generic import, as -o sonar writes it",
	  "{\"rules\":[{\"id\":\"trivy:CVE-1\",\"name\":\"n\",\"engineId\":\"trivy\","
	  "\"cleanCodeAttribute\":\"TRUSTWORTHY\",\"impacts\":[{\"softwareQuality\":"
	  "\"SECURITY\",\"severity\":\"HIGH\"}]}],\"issues\":[{\"ruleId\":\"trivy:CVE-1\","
	  "\"primaryLocation\":{\"message\":\"m\",\"filePath\":\"a/b.tf\",\"textRange\":"
	  "{\"startLine\":3}}}]}",
	  "sonar-generic-issues", 1, { 0, 1, 0, 0, 0, 0 } },
	{ "sonar generic import, deprecated form",
	  "{\"issues\":[{\"engineId\":\"lint\",\"ruleId\":\"x\",\"severity\":\"MAJOR\","
	  "\"type\":\"BUG\",\"primaryLocation\":{\"message\":\"m\",\"filePath\":\"f\"}}]}",
	  "sonar-generic-issues", 1, { 0, 0, 1, 0, 0, 0 } },
	{ "sonar quality gate: no findings",
	  "{\"projectStatus\":{\"status\":\"ERROR\",\"conditions\":[{\"status\":\"ERROR\","
	  "\"metricKey\":\"new_coverage\",\"comparator\":\"LT\",\"actualValue\":\"1\"}],"
	  "\"periods\":[{\"index\":1}]}}", "sonar-quality-gate", 0, { 0 } },
	{ "sonar webhook payload",
	  "{\"taskId\":\"x\",\"status\":\"SUCCESS\",\"qualityGate\":{\"name\":"
	  "\"Sonar way\",\"status\":\"ERROR\",\"conditions\":[{\"metric\":"
	  "\"new_coverage\",\"operator\":\"LESS_THAN\",\"value\":\"12.5\","
	  "\"status\":\"ERROR\",\"errorThreshold\":\"80\"}]}}",
	  "sonar-webhook", 0, { 0 } },
	{ "sonar ce task", "{\"task\":{\"id\":\"x\",\"status\":\"SUCCESS\"}}",
	  "sonar-ce-task", 0, { 0 } },
	{ "report-task.txt with CRLF and '=' in values",
	  "organization=o\r\nprojectKey=p\r\nserverUrl=https://s\r\ndashboardUrl="
	  "https://s/dashboard?id=p&branch=main\r\nceTaskId=T\r\n",
	  "sonar-report-task", 0, { 0 } },
	{ "UTF-8 BOM before JSON", "\xEF\xBB\xBFnull", "trivy-json", 0, { 0 } },
};

static void check_counts(const struct count_case *c)
{
	struct gate_input in = GATE_INPUT_INIT;
	struct err err = ERR_INIT;
	size_t sev[SEV_COUNT] = { 0 }, i;

	cr_assert_eq(gate_read_mem(&in, "doc", c->doc, strlen(c->doc), &err), 0,
		     "%s: %s", c->name, err.msg.ptr);
	cr_expect_str_eq(in.sources[0].format, c->format, "%s", c->name);
	cr_expect_eq(in.nr, c->read, "%s: read %zu, want %zu", c->name, in.nr,
		     c->read);
	cr_expect_eq(in.sources[0].findings, c->read, "%s", c->name);
	for (i = 0; i < in.nr; i++)
		if (in.findings[i].status == ST_OPEN)
			sev[in.findings[i].severity]++;
	for (i = 0; i < SEV_COUNT; i++)
		cr_expect_eq(sev[i], c->sev[i], "%s: %zu %s, want %zu", c->name,
			     sev[i], gate_severity_name(i), c->sev[i]);
	gate_input_release(&in);
	err_release(&err);
}

struct bad_case {
	const char *name;
	const char *doc;
	size_t len;		/* 0: strlen */
	const char *message;	/* a part of the error */
};

static const struct bad_case bad_cases[] = {
	{ "UTF-16LE, decoded, then refused", "\xFF\xFE{\0}\0", 6,
	  "doc: JSON that is no known report" },
	{ "UTF-16BE checkov console text", "\xFE\xFF\0C\0h\0e\0c\0k\0:\0 \0C\0K\0V\0_\0001",
	  24, "doc: Checkov console text, not JSON" },
	{ "checkov console text", "\n       _               _\n   ___| |__ checkov\n"
	  "By Prisma Cloud | version: 3.2.0\nCheck: CKV_AWS_18: \"x\"\n", 0,
	  "doc: Checkov console text, not JSON" },
	{ "truncated", "{\"SchemaVersion\":2,\"Results\":[{\"Target\":\"x\"", 0,
	  "doc: truncated JSON at byte 43" },
	{ "syntax error", "{\"a\": tru}", 0, "doc: invalid JSON at byte" },
	{ "trailing garbage", "null null", 0, "invalid JSON at byte" },
	{ "unknown JSON", "{\"name\":\"x\",\"version\":\"1\"}", 0,
	  "doc: JSON that is no known report (Checkov JSON, Trivy JSON, SARIF "
	  "2.1.0, SonarQube Web API responses or generic issue import); "
	  "top-level keys: 'name'" },
	{ "tfsec", "{\"results\":[{\"rule_id\":\"AVD-AWS-0086\",\"long_id\":\"a\","
	  "\"severity\":\"CRITICAL\"}]}", 0, "doc: a tfsec report, which the gate "
	  "does not read; export SARIF instead (tfsec --format sarif)" },
	{ "terrascan", "{\"results\":{\"violations\":[{\"severity\":\"HIGH\"}],"
	  "\"scan_summary\":{}}}", 0, "terrascan scan -o sarif" },
	{ "semgrep", "{\"results\":[{\"check_id\":\"x\",\"extra\":{}}],\"errors\":[]}", 0,
	  "semgrep --sarif" },
	{ "bandit (errors key alone is no Sonar error)", "{\"errors\":[],\"results\":[],"
	  "\"generated_at\":\"x\",\"metrics\":{}}", 0, "bandit -f sarif" },
	{ "kics", "{\"kics_version\":\"1.7\",\"queries\":[],\"total_counter\":3}", 0,
	  "kics scan --report-formats sarif" },
	{ "gitleaks", "[{\"RuleID\":\"aws\",\"Secret\":\"x\",\"File\":\"f\"}]", 0,
	  "a gitleaks report" },
	{ "grype", "{\"matches\":[{\"vulnerability\":{},\"artifact\":{}}],\"source\":{}}",
	  0, "grype -o sarif" },
	{ "cyclonedx", "{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.5\"}", 0,
	  "a CycloneDX document" },
	{ "a bare results object proves no Checkov", "{\"results\":{}}", 0,
	  "no known report" },
	{ "sarif of another version", "{\"version\":\"2.0.0\",\"runs\":[]}", 0,
	  "SARIF of another version" },
	{ "a list whose Trivy-like element has no Target", "[{\"Vulnerabilities\":[]}]",
	  0, "no known report" },
	{ "issues without paging: sonar-report", "{\"date\":\"d\",\"projectName\":\"p\","
	  "\"issues\":[{\"rule\":\"r\",\"severity\":\"MAJOR\"}],\"hotspotKeys\":[]}", 0,
	  "sonar-report" },
	{ "trivy table text", "\nReport Summary\n\nimg (alpine 3.10)\n=====\n"
	  "Total: 2 (UNKNOWN: 0, LOW: 0, MEDIUM: 2, HIGH: 0, CRITICAL: 0)\n", 0,
	  "Trivy's table output, not JSON" },
	{ "unknown list", "[1, 2]", 0, "no known report" },
	{ "bare string", "\"x\"", 0, "not a report" },
	{ "empty", " \n", 0, "doc: empty file, not a report" },
	{ "sonar error", "{\"errors\":[{\"msg\":\"Insufficient privileges\"}]}", 0,
	  "doc: a SonarQube error response, not a result: Insufficient privileges" },
	{ "text", "hello world\n", 0, "doc: not a report" },
	{ "bad report-task line", "projectKey=p\nceTaskId=t\njunk\n", 0,
	  "doc:3: not a key=value line" },
};

static void check_refused(const struct bad_case *c)
{
	struct gate_input in = GATE_INPUT_INIT;
	struct err err = ERR_INIT;
	size_t len = c->len ? c->len : strlen(c->doc);

	cr_assert_eq(gate_read_mem(&in, "doc", c->doc, len, &err), ERR_INPUT,
		     "%s: accepted", c->name);
	cr_expect(strstr(err.msg.ptr, c->message), "%s: '%s' lacks '%s'", c->name,
		  err.msg.ptr, c->message);
	cr_expect_eq(in.nr, 0, "%s: findings kept", c->name);
	cr_expect_eq(in.nr_sources, 0, "%s: source kept", c->name);
	gate_input_release(&in);
	err_release(&err);
}

/* Table-driven: each case names itself in the failure messages. */
Test(gate_read, counts)
{
	size_t i;

	for (i = 0; i < sizeof(count_cases) / sizeof(count_cases[0]); i++)
		check_counts(&count_cases[i]);
}

Test(gate_read, refused)
{
	size_t i;

	for (i = 0; i < sizeof(bad_cases) / sizeof(bad_cases[0]); i++)
		check_refused(&bad_cases[i]);
}

/* A report that fails after another was read keeps the first one whole. */
Test(gate_read, failure_keeps_earlier_reports)
{
	struct gate_input in = GATE_INPUT_INIT;
	struct err err = ERR_INIT;

	cr_assert_eq(gate_read_file(&in, FIXTURES "/reports/checkov.json", &err), 0);
	cr_assert_eq(in.nr, 4);
	cr_assert_neq(gate_read_file(&in, FIXTURES "/reports/truncated.json", &err), 0);
	cr_expect_eq(in.nr, 4);
	cr_expect_eq(in.nr_sources, 1);
	err_clear(&err);
	cr_expect_eq(gate_read_file(&in, FIXTURES "/reports/nonexistent.json", &err),
		     ERR_NOTFOUND);
	gate_input_release(&in);
	err_release(&err);
}

static const struct finding *find(const struct gate_input *in, const char *rule)
{
	size_t i;

	for (i = 0; i < in->nr; i++)
		if (!strcmp(in->findings[i].rule_id, rule))
			return &in->findings[i];
	cr_assert_fail("no finding %s", rule);
	return NULL;
}

Test(gate_read, trivy_fields)
{
	struct gate_input in = GATE_INPUT_INIT;
	struct err err = ERR_INIT;
	const struct finding *f;

	cr_assert_eq(gate_read_file(&in, FIXTURES "/reports/trivy-image.json", &err), 0);
	f = find(&in, "CVE-2024-0001");
	cr_expect_str_eq(f->tool, "trivy");
	cr_expect_eq(f->severity, SEV_CRITICAL);
	cr_expect_eq(f->category, CAT_VULNERABILITY);
	cr_expect_str_eq(f->pkg_name, "openssl");
	cr_expect_str_eq(f->pkg_installed, "3.0.11-1");
	cr_expect_str_eq(f->pkg_fixed, "3.0.13-1");
	cr_expect_null(f->path);	/* an OS package is in the image */
	cr_expect_str_eq(f->resource, "registry.example/mds/airflow:2.9.1 (debian 12.5)");
	cr_expect_str_eq(f->url, "https://avd.aquasec.com/nvd/cve-2024-0001");
	cr_expect_null(find(&in, "CVE-2024-0002")->pkg_fixed);
	f = find(&in, "aws-access-key-id");
	cr_expect_eq(f->category, CAT_SECRET);
	cr_expect_str_eq(f->path, "opt/airflow/config/.env");
	cr_expect_eq(f->start_line, 3);
	cr_expect_eq(strlen(f->fingerprint), 0);	/* computed on demand */
	gate_fingerprints(&in);
	cr_expect_eq(strlen(f->fingerprint), 32);
	gate_input_release(&in);
	err_release(&err);
}

Test(gate_read, checkov_fields)
{
	struct gate_input in = GATE_INPUT_INIT;
	struct err err = ERR_INIT;
	const struct finding *f;

	cr_assert_eq(gate_read_file(&in, FIXTURES "/reports/checkov.json", &err), 0);
	f = find(&in, "CKV_AWS_18");
	cr_expect_str_eq(f->path, "terraform/modules/minio/main.tf");	/* no leading / */
	cr_expect_eq(f->start_line, 10);
	cr_expect_eq(f->end_line, 20);
	cr_expect_str_eq(f->resource, "aws_s3_bucket.landing");
	cr_expect_eq(f->severity, SEV_UNKNOWN);
	cr_expect_eq(f->category, CAT_MISCONFIGURATION);
	cr_expect_eq(find(&in, "CKV_K8S_21")->start_line, 0);	/* [0,0]: no line */
	cr_expect_eq(find(&in, "CKV_SECRET_6")->category, CAT_SECRET);
	f = find(&in, "CKV_AWS_144");
	cr_expect_eq(f->status, ST_WAIVED);
	cr_expect_str_eq(f->waived_by, "single-site MinIO");
	gate_input_release(&in);
	err_release(&err);
}

Test(gate_read, sarif_and_sonar_fields)
{
	struct gate_input in = GATE_INPUT_INIT;
	struct err err = ERR_INIT;
	const struct finding *f;

	cr_assert_eq(gate_read_file(&in, FIXTURES "/reports/codeql.sarif", &err), 0);
	f = find(&in, "go/sql-injection");
	cr_expect_str_eq(f->tool, "codeql");
	cr_expect_str_eq(f->path, "cli/app/db query.go");	/* %20 decoded */
	cr_expect_eq(f->start_line, 42);
	cr_expect_str_eq(f->title, "This query depends on a user-provided value.");
	cr_expect_eq(f->severity, SEV_HIGH);		/* security-severity 8.8 */
	cr_assert_eq(gate_read_file(&in, FIXTURES "/reports/sonar-issues.json", &err), 0);
	f = find(&in, "java:S2076");
	cr_expect_str_eq(f->path, "services/platform/src/main/java/Run.java");
	cr_expect_eq(f->category, CAT_VULNERABILITY);
	f = find(&in, "java:S2259");
	cr_expect_eq(f->severity, SEV_CRITICAL);	/* impact BLOCKER */
	cr_expect_eq(f->category, CAT_BUG);		/* impact RELIABILITY */
	cr_expect_eq(f->start_line, 5);
	cr_assert_eq(gate_read_file(&in, FIXTURES "/reports/sonar-gate-error.json", &err), 0);
	cr_expect_str_eq(in.sonar.status, "ERROR");
	cr_expect_eq(in.sonar.nr_conditions, 2);
	cr_expect_str_eq(in.sonar.conditions[0].actual, "62.5");
	cr_assert_eq(gate_read_file(&in, FIXTURES "/reports/report-task.txt", &err), 0);
	cr_expect_str_eq(in.sonar.dashboard_url,
			 "https://sonar.example/dashboard?id=mds%3Aplatform&branch=main");
	cr_expect_str_eq(in.sonar.ce_task_id, "AZ-task-1");
	gate_input_release(&in);
	err_release(&err);
}

/* Moving code changes lines, never fingerprints; another rule does. */
Test(gate_read, fingerprint_ignores_lines)
{
	static const char a[] = "{\"check_type\":\"terraform\",\"results\":{\"failed_checks\":"
		"[{\"check_id\":\"CKV_1\",\"file_path\":\"/m.tf\",\"file_line_range\":[3,9],"
		"\"resource\":\"aws_s3_bucket.a\"}]}}";
	static const char b[] = "{\"check_type\":\"terraform\",\"results\":{\"failed_checks\":"
		"[{\"check_id\":\"CKV_1\",\"file_path\":\"/m.tf\",\"file_line_range\":[30,90],"
		"\"resource\":\"aws_s3_bucket.a\"},{\"check_id\":\"CKV_2\",\"file_path\":"
		"\"/m.tf\",\"file_line_range\":[3,9],\"resource\":\"aws_s3_bucket.a\"}]}}";
	struct gate_input in = GATE_INPUT_INIT;
	struct err err = ERR_INIT;

	cr_assert_eq(gate_read_mem(&in, "a", a, strlen(a), &err), 0);
	cr_assert_eq(gate_read_mem(&in, "b", b, strlen(b), &err), 0);
	gate_fingerprints(&in);
	cr_expect_str_eq(in.findings[0].fingerprint, in.findings[1].fingerprint);
	cr_expect_str_neq(in.findings[0].fingerprint, in.findings[2].fingerprint);
	gate_input_release(&in);
	err_release(&err);
}

/* Category from the framework, wherever check_type comes in the object. */
Test(gate_read, checkov_check_type_after_results)
{
	static const char doc[] = "{\"results\":{\"failed_checks\":[{\"check_id\":"
		"\"CKV_SECRET_2\"}]},\"check_type\":\"secrets\"}";
	struct gate_input in = GATE_INPUT_INIT;
	struct err err = ERR_INIT;

	cr_assert_eq(gate_read_mem(&in, "c", doc, strlen(doc), &err), 0);
	cr_assert_eq(in.nr, 1);
	cr_expect_eq(in.findings[0].category, CAT_SECRET);
	gate_input_release(&in);
	err_release(&err);
}

/* FIPS 180-4 examples. */
Test(gate_read, sha256_vectors)
{
	static const struct { const char *in; const char *hex; } v[] = {
		{ "abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" },
		{ "", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" },
		{ "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
		  "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1" },
	};
	size_t i;

	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		unsigned char md[32];
		char hex[65];
		struct sha256 c;
		int j;

		sha256_init(&c);
		sha256_update(&c, v[i].in, strlen(v[i].in));
		sha256_final(&c, md);
		for (j = 0; j < 32; j++)
			snprintf(hex + 2 * j, 3, "%02x", md[j]);
		cr_expect_str_eq(hex, v[i].hex);
	}
}

/* A report bigger than one read chunk streams through. */
Test(gate_read, many_chunks)
{
	struct buf doc = BUF_INIT;
	struct gate_input in = GATE_INPUT_INIT;
	struct err err = ERR_INIT;
	char path[] = "/tmp/gate-read-XXXXXX";
	int fd = mkstemp(path), i;

	cr_assert(fd >= 0);
	buf_addstr(&doc, "{\"SchemaVersion\":2,\"Results\":[{\"Target\":\"t\",\"Vulnerabilities\":[");
	for (i = 0; i < 20000; i++)
		buf_addf(&doc, "%s{\"VulnerabilityID\":\"CVE-%d\",\"PkgName\":\"p%d\","
			 "\"Severity\":\"%s\",\"Description\":\"%0100d\"}", i ? "," : "",
			 i, i, i % 2 ? "LOW" : "HIGH", 0);
	buf_addstr(&doc, "]}]}");
	cr_assert(doc.len > 1024 * 1024);
	cr_assert_eq(write(fd, doc.ptr, doc.len), (ssize_t)doc.len);
	close(fd);
	cr_assert_eq(gate_read_file(&in, path, &err), 0, "%s", err.msg.ptr);
	cr_expect_eq(in.nr, 20000);
	cr_expect_str_eq(in.findings[19999].rule_id, "CVE-19999");
	unlink(path);
	buf_release(&doc);
	gate_input_release(&in);
	err_release(&err);
}

/* UTF-16 with a BOM, both byte orders, with a pair of surrogates. */
static size_t to_utf16(char *out, const char *ascii, int big_endian)
{
	size_t n = 0;

	out[n++] = big_endian ? '\xFE' : '\xFF';
	out[n++] = big_endian ? '\xFF' : '\xFE';
	for (; *ascii; ascii++) {
		if (*ascii == '@') {	/* U+1F600 as D83D DE00 */
			memcpy(out + n, big_endian ? "\xD8\x3D\xDE\x00" :
			       "\x3D\xD8\x00\xDE", 4);
			n += 4;
			continue;
		}
		out[n++] = big_endian ? '\0' : *ascii;
		out[n++] = big_endian ? *ascii : '\0';
	}
	return n;
}

Test(gate_read, utf16_with_bom_is_decoded_then_detected)
{
	static const char doc[] = "{\"SchemaVersion\":2,\"Results\":[{\"Target\":"
		"\"@\",\"Vulnerabilities\":[{\"VulnerabilityID\":\"CVE-1\","
		"\"PkgName\":\"p@\",\"Severity\":\"HIGH\"}]}]}";
	char wide[512];
	int be;

	for (be = 0; be < 2; be++) {
		struct gate_input in = GATE_INPUT_INIT;
		struct err err = ERR_INIT;
		size_t len = to_utf16(wide, doc, be);

		cr_assert_eq(gate_read_mem(&in, "w", wide, len, &err), 0, "%s",
			     err.msg.ptr);
		cr_assert_eq(in.nr, 1);
		cr_expect_str_eq(in.findings[0].pkg_name, "p\xF0\x9F\x98\x80");
		cr_expect_eq(in.findings[0].severity, SEV_HIGH);
		gate_input_release(&in);
		err_release(&err);
	}
}

Test(gate_read, saved_sonar_page_short_of_its_total_warns)
{
	static const char page[] = "{\"paging\":{\"pageIndex\":1,\"pageSize\":2,"
		"\"total\":500},\"issues\":[{\"key\":\"a\",\"rule\":\"r\"},"
		"{\"key\":\"b\",\"rule\":\"r\"}]}";
	static const char whole[] = "{\"paging\":{\"total\":1},\"issues\":"
		"[{\"key\":\"a\",\"rule\":\"r\"}]}";
	struct gate_input in = GATE_INPUT_INIT;
	struct err err = ERR_INIT;

	cr_assert_eq(gate_read_mem(&in, "p1.json", page, strlen(page), &err), 0);
	cr_assert_eq(gate_read_mem(&in, "all.json", whole, strlen(whole), &err), 0);
	cr_assert_eq(in.nr_warnings, 1);
	cr_expect(strstr(in.warnings[0], "p1.json: the page holds 2 of 500 issues"),
		  "%s", in.warnings[0]);
	gate_input_release(&in);
	err_release(&err);
}

Test(gate_read, the_same_report_twice_counts_once)
{
	static const char doc[] = "{\"SchemaVersion\":2,\"Results\":[{\"Target\":"
		"\"t\",\"Vulnerabilities\":[{\"VulnerabilityID\":\"CVE-1\","
		"\"PkgName\":\"p\",\"InstalledVersion\":\"1\"},{\"VulnerabilityID\":"
		"\"CVE-1\",\"PkgName\":\"p\",\"InstalledVersion\":\"2\"},"
		"{\"VulnerabilityID\":\"CVE-2\",\"PkgName\":\"p\"}]}]}";
	static const char other[] = "{\"SchemaVersion\":2,\"Results\":[{\"Target\":"
		"\"t\",\"Vulnerabilities\":[{\"VulnerabilityID\":\"CVE-1\","
		"\"PkgName\":\"p\"},{\"VulnerabilityID\":\"CVE-3\",\"PkgName\":"
		"\"p\"}]}]}";
	struct gate_input in = GATE_INPUT_INIT;
	struct err err = ERR_INIT;

	cr_assert_eq(gate_read_mem(&in, "a", doc, strlen(doc), &err), 0);
	cr_assert_eq(gate_read_mem(&in, "b", doc, strlen(doc), &err), 0);
	cr_assert_eq(gate_read_mem(&in, "c", other, strlen(other), &err), 0);
	/* one report's own repeats stay: CVE-1 twice, CVE-2, then CVE-3 */
	cr_expect_eq(gate_dedup(&in), 4);
	cr_expect_eq(in.nr, 4);
	cr_expect_eq(in.duplicates, 4);
	cr_expect_str_eq(in.findings[3].rule_id, "CVE-3");
	gate_input_release(&in);
	err_release(&err);
}

/* FIPS 180-4's examples, and the padding edges: the fingerprints rest on this. */
static void sha256_vectors(void)
{
	static const struct { const char *msg, *hex; } v[] = {
		{ "abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" },
		{ "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
		  "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1" },
		{ "", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" },
		/* 64 bytes: the padding takes a block of its own */
		{ "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
		  "a8ae6e6ee929abea3afcfc5258c8ccd6f85273e0d4626d26c7279f3250f77c8e" },
	};
	size_t i, j;

	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		struct sha256 c;
		unsigned char md[32];
		char hex[65];

		sha256_init(&c);
		sha256_update(&c, v[i].msg, strlen(v[i].msg));
		sha256_final(&c, md);
		for (j = 0; j < 32; j++)
			snprintf(hex + 2 * j, 3, "%02x", md[j]);
		cr_expect_str_eq(hex, v[i].hex, "%s", v[i].msg);
	}
}

/* With the SHA extensions where the processor has them... */
Test(gate_read, sha256_standard_vectors)
{
	sha256_vectors();
}

/* ...and the C rounds (each Criterion test runs in a process of its own). */
Test(gate_read, sha256_standard_vectors_portable)
{
	sha256_portable_only();
	sha256_vectors();
}
