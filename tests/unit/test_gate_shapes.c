/*
 * gate readers, attacked: a proven report whose findings sit where they
 * cannot be read (a list of the wrong type, a run without results, a
 * summary that counts more than the file holds, a decisive key twice) is
 * refused, never read as "nothing found"; and what it keeps when two
 * copies of one finding disagree.
 */
#include <criterion/criterion.h>
#include <string.h>

#include "gate/gate.h"

struct shape_case {
	const char *name, *doc, *message;
};

static const struct shape_case shapes[] = {
	{ "trivy Results object",
	  "{\"SchemaVersion\":2,\"Results\":{\"Target\":\"x\"}}",
	  "doc: trivy-json: 'Results' is an object" },
	{ "trivy list of findings a number",
	  "{\"SchemaVersion\":2,\"Results\":[{\"Target\":\"x\",\"Misconfigurations\":3}]}",
	  "a Result's list of findings is a number" },
	{ "trivy finding a string",
	  "{\"SchemaVersion\":2,\"Results\":[{\"Target\":\"x\",\"Vulnerabilities\":[\"CVE-1\"]}]}",
	  "an entry of a Trivy list is a string" },
	{ "trivy unknown class",
	  "{\"SchemaVersion\":2,\"Results\":[{\"Target\":\"x\",\"Class\":\"future\"}]}",
	  "a Result of unknown Class 'future'" },
	{ "trivy severity twice, the first one critical",
	  "{\"SchemaVersion\":2,\"Results\":[{\"Target\":\"x\",\"Vulnerabilities\":"
	  "[{\"VulnerabilityID\":\"CVE-1\",\"Severity\":\"CRITICAL\",\"Severity\":\"LOW\"}]}]}",
	  "duplicate key 'Severity' at byte" },
	{ "sarif run without results",
	  "{\"version\":\"2.1.0\",\"runs\":[{\"tool\":{\"driver\":{\"name\":\"T\"}}}]}",
	  "doc: sarif: run 1 (t) has no 'results' list" },
	{ "sarif result a list",
	  "{\"version\":\"2.1.0\",\"runs\":[{\"results\":[[{\"ruleId\":\"a\"}]]}]}",
	  "an entry of a run's 'results' is a list" },
	{ "sarif kind a number",
	  "{\"version\":\"2.1.0\",\"runs\":[{\"results\":[{\"ruleId\":\"a\",\"kind\":1}]}]}",
	  "a result's 'kind' is none of SARIF's" },
	{ "sarif level twice",
	  "{\"version\":\"2.1.0\",\"runs\":[{\"results\":[{\"level\":\"error\",\"level\":\"none\"}]}]}",
	  "duplicate key 'level' at byte" },
	{ "sarif failed execution",
	  "{\"version\":\"2.1.0\",\"runs\":[{\"results\":[],\"invocations\":"
	  "[{\"executionSuccessful\":true},{\"executionSuccessful\":false}]}]}",
	  "run 1 (sarif) says its execution did not succeed" },
	{ "sarif no runs", "{\"version\":\"2.1.0\",\"runs\":[]}",
	  "'runs' is empty" },
	{ "checkov results a list",
	  "{\"check_type\":\"terraform\",\"results\":[]}",
	  "doc: checkov-json: it has no 'results' object" },
	{ "checkov skipped_checks a string",
	  "{\"check_type\":\"terraform\",\"results\":{\"skipped_checks\":\"all\"}}",
	  "a list of checks is a string" },
	{ "checkov summary only, failed",
	  "{\"passed\":1,\"failed\":1,\"skipped\":0,\"parsing_errors\":0}",
	  "its summary counts 1 failed checks but it holds none" },
	{ "checkov summary above the records",
	  "{\"check_type\":\"k8s\",\"results\":{\"failed_checks\":[{\"check_id\":\"A\"}],"
	  "\"skipped_checks\":[{\"check_id\":\"B\"}]},\"summary\":{\"failed\":2}}",
	  "counts 2 failed checks but it lists 1" },
	{ "sonar issues null",
	  "{\"paging\":{\"total\":1},\"issues\":null}",
	  "doc: sonar-issues: 'issues' is null" },
	{ "sonar issue status twice",
	  "{\"paging\":{\"total\":1},\"issues\":[{\"rule\":\"r\",\"status\":\"OPEN\","
	  "\"status\":\"CLOSED\"}]}",
	  "duplicate key 'status' at byte" },
	{ "sonar gate without status", "{\"projectStatus\":{\"conditions\":[]}}",
	  "'projectStatus' has no 'status'" },
	{ "sonar task canceled", "{\"task\":{\"status\":\"CANCELED\"}}",
	  "the analysis task is CANCELED" },
	/* an unproven report is named as what it looks like, shapes aside */
	{ "tfsec with odd shapes",
	  "{\"results\":[{\"rule_id\":\"AVD-1\",\"long_id\":\"x\"},[1]]}",
	  "doc: a tfsec report" },
	{ "UTF-32", "\xFF\xFE\0\0{\0\0\0}\0\0\0", "UTF-32" },
};

static size_t shape_len(const struct shape_case *c)
{
	/* the UTF-32 case holds NULs: it is the only one that starts with FF */
	return (unsigned char)c->doc[0] == 0xFF ? 12 : strlen(c->doc);
}

Test(gate_shapes, refused_and_nothing_kept)
{
	size_t i;

	for (i = 0; i < sizeof(shapes) / sizeof(shapes[0]); i++) {
		const struct shape_case *c = &shapes[i];
		struct gate_input in = GATE_INPUT_INIT;
		struct err err = ERR_INIT;

		cr_expect_eq(gate_read_mem(&in, "doc", c->doc, shape_len(c), &err),
			     ERR_INPUT, "%s: accepted", c->name);
		cr_expect(err.msg.ptr && strstr(err.msg.ptr, c->message),
			  "%s: '%s' lacks '%s'", c->name,
			  err.msg.ptr ? err.msg.ptr : "", c->message);
		cr_expect_eq(in.nr, 0, "%s: findings kept", c->name);
		cr_expect_eq(in.nr_sources, 0, "%s: source kept", c->name);
		gate_input_release(&in);
		err_release(&err);
	}
}

/* The same shapes done right are read: the checks refuse only the wrong. */
Test(gate_shapes, right_shapes_read)
{
	static const char *const docs[] = {
		"{\"SchemaVersion\":2,\"Results\":null}",
		"{\"SchemaVersion\":2,\"Results\":[{\"Target\":\"x\",\"Class\":\"custom\","
		"\"Vulnerabilities\":null,\"MisconfSummary\":{\"Failures\":0}}]}",
		"{\"version\":\"2.1.0\",\"runs\":[{\"results\":[],\"invocations\":"
		"[{\"executionSuccessful\":true}]}]}",
		"{\"check_type\":\"terraform\",\"results\":{\"failed_checks\":null},"
		"\"summary\":{\"failed\":0}}",
		"{\"passed\":0,\"failed\":0,\"skipped\":0,\"parsing_errors\":0}",
		"{\"task\":{\"status\":\"SUCCESS\"}}",
	};
	size_t i;

	for (i = 0; i < sizeof(docs) / sizeof(docs[0]); i++) {
		struct gate_input in = GATE_INPUT_INIT;
		struct err err = ERR_INIT;

		cr_expect_eq(gate_read_mem(&in, "doc", docs[i], strlen(docs[i]), &err),
			     0, "%s: %s", docs[i], err.msg.ptr ? err.msg.ptr : "");
		gate_input_release(&in);
		err_release(&err);
	}
}

/* Two copies of one finding: the open one, then the more severe, stays. */
Test(gate_shapes, dedup_keeps_the_worse_copy)
{
	static const char low[] = "{\"SchemaVersion\":2,\"Results\":[{\"Target\":"
		"\"t\",\"Vulnerabilities\":[{\"VulnerabilityID\":\"CVE-1\","
		"\"PkgName\":\"p\",\"Severity\":\"LOW\"}]}]}";
	static const char crit[] = "{\"SchemaVersion\":2,\"Results\":[{\"Target\":"
		"\"t\",\"Vulnerabilities\":[{\"VulnerabilityID\":\"CVE-1\","
		"\"PkgName\":\"p\",\"Severity\":\"CRITICAL\"}]}]}";
	struct gate_input in = GATE_INPUT_INIT;
	struct err err = ERR_INIT;

	cr_assert_eq(gate_read_mem(&in, "a", low, strlen(low), &err), 0);
	cr_assert_eq(gate_read_mem(&in, "b", crit, strlen(crit), &err), 0);
	cr_expect_eq(gate_dedup(&in), 1);
	cr_assert_eq(in.nr, 1);
	cr_expect_eq(in.findings[0].severity, SEV_CRITICAL);
	gate_input_release(&in);
	err_release(&err);
}
