#!/usr/bin/env bash
# A report whose format is proven but whose findings sit where the gate
# cannot read them (a list that is an object or null, a SARIF run without
# results, a Checkov report without its results object, a Trivy Result of
# an unknown Class, a quality gate without status, ...) is refused with
# exit 2: read as "nothing found", each of these passed.  Each file below
# passed (exit 0) before the fix.
. "$(dirname "$0")/lib.sh"

printf 'version: 1\nfail_on: {critical: 0, high: 0}\n' >p.yaml

refused() {	# FILE TEXT: exit 2, the text in the message, nothing written
	must_fail 2 mds gate --soft-fail --policy p.yaml -r "$1" -o json:out.json 2>err
	test ! -e out.json
	contains err "error: $1: "
	contains err "$2"
	contains err "so the gate cannot read all of it"
}

test_case "Trivy: Results, a Result's list, a k8s resource's Results of the wrong type" <<'EOF'
printf '{"SchemaVersion": 2, "Results": {"Target": "x", "Vulnerabilities": [{"VulnerabilityID": "CVE-1", "Severity": "CRITICAL"}]}}' >a.json
refused a.json "trivy-json: 'Results' is an object"
printf '{"SchemaVersion": 2, "Results": [{"Target": "x", "Class": "lang-pkgs", "Vulnerabilities": {"VulnerabilityID": "CVE-1", "Severity": "CRITICAL"}}]}' >b.json
refused b.json "a Result's list of findings is an object"
printf '{"SchemaVersion": 2, "Results": [{"Target": "x", "Secrets": "AKIA"}]}' >c.json
refused c.json "a Result's list of findings is a string"
printf '{"ClusterName": "", "Resources": [{"Kind": "Pod", "Results": {"Target": "x"}}]}' >d.json
refused d.json "a resource's 'Results' is an object"
printf '{"SchemaVersion": 2, "Results": [[{"Target": "x"}]]}' >e.json
refused e.json "an entry of a Trivy list is a list"
printf '{"SchemaVersion": 2, "Results": "none"}' >f.json
refused f.json "'Results' is a string"
EOF

test_case "Trivy: a Result of an unknown Class; null and absent lists still read as empty" <<'EOF'
printf '{"SchemaVersion": 2, "Results": [{"Target": "x", "Class": "sbom-findings", "Findings": [{"ID": "X", "Severity": "CRITICAL"}]}]}' >a.json
refused a.json "a Result of unknown Class 'sbom-findings'"
printf '{"SchemaVersion": 2, "Results": null}' >ok1.json
printf '{"SchemaVersion": 2, "Results": [{"Target": "x", "Class": "os-pkgs", "Vulnerabilities": null}]}' >ok2.json
mds gate --policy p.yaml -r ok1.json -r ok2.json >out
contains out "PASS"
EOF

test_case "Trivy: a misconfiguration Status other than PASS or EXCEPTION is a failure" <<'EOF'
printf '{"SchemaVersion": 2, "Results": [{"Target": "main.tf", "Class": "config", "Misconfigurations": [{"ID": "AVD-1", "Severity": "CRITICAL", "Status": "fail"}, {"ID": "AVD-2", "Severity": "CRITICAL", "Status": "PASS"}]}]}' >a.json
must_fail 1 mds gate --policy p.yaml -r a.json >out
contains out "AVD-1"
lacks out "AVD-2"
EOF

test_case "SARIF: runs or results of the wrong type, a run without results, no run at all" <<'EOF'
printf '{"version": "2.1.0", "runs": {"tool": {"driver": {"name": "x"}}, "results": [{"ruleId": "a", "level": "error"}]}}' >a.json
refused a.json "sarif: 'runs' is an object"
printf '{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": {"ruleId": "a", "level": "error"}}]}' >b.json
refused b.json "a run's 'results' is an object"
printf '{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}}]}' >c.json
refused c.json "run 1 (x) has no 'results' list: the tool did not run to the end"
printf '{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": null}]}' >d.json
refused d.json "a run's 'results' is null"
printf '{"version": "2.1.0", "runs": []}' >e.json
refused e.json "'runs' is empty: no tool's results"
printf '{"version": "2.1.0", "runs": [{"results": []}, {"tool": {"driver": {"name": "y"}}, "results": [], "invocations": [{"executionSuccessful": false}]}]}' >f.json
refused f.json "run 2 (y) says its execution did not succeed"
EOF

test_case "SARIF: kind, level and suppression status outside SARIF's words" <<'EOF'
r='{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": [{"ruleId": "a", %s}]}]}'
printf "$r" '"level": "error", "kind": "FAIL"' >a.json
refused a.json "a result's 'kind' is none of SARIF's"
printf "$r" '"level": "Error"' >b.json
refused b.json "a result's 'level' is none of SARIF's"
printf "$r" '"level": "error", "suppressions": [{"kind": "external", "status": "approved"}]' >c.json
refused c.json "a suppression's 'status' is none of SARIF's"
EOF

test_case "SARIF: a suppression under review waives nothing; a NaN score is no score" <<'EOF'
printf '{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": [{"ruleId": "a", "level": "error", "suppressions": [{"kind": "external", "status": "underReview"}]}]}]}' >a.json
must_fail 1 mds gate --policy p.yaml -r a.json -o json >out
contains out '"waived": 0'
printf '{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": [{"ruleId": "a", "level": "error", "suppressions": [{"kind": "external", "status": "accepted"}]}]}]}' >b.json
mds gate --policy p.yaml -r b.json -o json >out
contains out '"waived": 1'
printf '{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": [{"ruleId": "a", "level": "error", "suppressions": [{"kind": "inSource"}, {"kind": "external", "status": "rejected"}]}]}]}' >b2.json
must_fail 1 mds gate --policy p.yaml -r b2.json -o json >out
contains out '"waived": 0'
printf '{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x", "rules": [{"id": "a", "properties": {"security-severity": "NaN"}}]}}, "results": [{"ruleId": "a", "level": "error"}]}]}' >c.json
must_fail 1 mds gate --policy p.yaml -r c.json >out
contains out "1 high"
EOF

test_case "SARIF: a ruleIndex past any range does not pick rule 0" <<'EOF'
printf '{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x", "rules": [{"id": "low", "properties": {"security-severity": "1.0"}}, {"id": "crit", "properties": {"security-severity": "9.8"}}]}}, "results": [{"ruleId": "crit", "ruleIndex": 99999999999}]}]}' >a.json
must_fail 1 mds gate --policy p.yaml -r a.json >out
contains out "1 critical"
EOF

test_case "Checkov: no results object, failed_checks not a list, a summary counting failures" <<'EOF'
printf '{"check_type": "terraform"}' >a.json
refused a.json "checkov-json: it has no 'results' object"
printf '{"check_type": "terraform", "results": [{"check_id": "CKV_AWS_1"}]}' >b.json
refused b.json "it has no 'results' object"
printf '{"check_type": "terraform", "checks": {"failed_checks": [{"check_id": "CKV_AWS_1"}]}}' >c.json
refused c.json "it has no 'results' object"
printf '{"check_type": "terraform", "results": {"failed_checks": {"check_id": "CKV_AWS_1", "severity": "CRITICAL"}}}' >d.json
refused d.json "'results.failed_checks' is an object"
printf '[{"check_type": "terraform", "results": {"failed_checks": []}}, {"check_type": "secrets"}]' >e.json
refused e.json "the report of check_type 'secrets' has no 'results' object"
printf '{"passed": 0, "failed": 5, "skipped": 0, "parsing_errors": 0, "resource_count": 3, "checkov_version": "3.2.1"}' >f.json
refused f.json "its summary counts 5 failed checks but it holds none"
printf '{"passed": 0, "failed": 0, "skipped": 0, "parsing_errors": 0, "resource_count": 0, "checkov_version": "3.2.1"}' >ok.json
mds gate --policy p.yaml -r ok.json >out
contains out "PASS"
EOF

test_case "SonarQube: issues null or an object, a gate without status, a failed analysis" <<'EOF'
printf '{"paging": {"pageIndex": 1, "pageSize": 100, "total": 5}, "issues": null}' >a.json
refused a.json "sonar-issues: 'issues' is null"
printf '{"paging": {"pageIndex": 1, "pageSize": 100, "total": 1}, "hotspots": {"key": "h"}}' >b.json
refused b.json "sonar-hotspots: 'hotspots' is an object"
printf '{"projectStatus": {}}' >c.json
refused c.json "sonar-quality-gate: 'projectStatus' has no 'status'"
printf '{"projectStatus": "ERROR"}' >d.json
refused d.json "'projectStatus' is a string"
printf '{"task": {"id": "AY1", "status": "FAILED"}}' >e.json
refused e.json "sonar-ce-task: the analysis task is FAILED: there is no result"
EOF

test_case "SonarQube: a successful analysis task alone is no PASS; old paging totals warn" <<'EOF'
printf '{"task": {"id": "AY1", "status": "SUCCESS"}}' >a.json
mds gate --policy p.yaml -r a.json >out
contains out "WARN"
printf '{"total": 5, "p": 1, "ps": 100, "issues": []}' >b.json
mds gate --policy p.yaml -r b.json 2>err >out
contains err "b.json: the page holds 0 of 5 issues (paging.total)"
printf '{"paging": {"pageIndex": 1, "pageSize": 100, "total": 99999999999}, "issues": []}' >c.json
mds gate --policy p.yaml -r c.json 2>err >out
contains err "the page holds 0 of 99999999999 issues"
EOF

test_case "a summary that counts more failures than the report lists: refused" <<'EOF'
printf '{"SchemaVersion": 2, "Results": [{"Target": "main.tf", "Class": "config", "MisconfSummary": {"Successes": 1, "Failures": 3}, "Misconfigurations": [{"ID": "AVD-1", "Severity": "LOW", "Status": "FAIL"}]}]}' >a.json
refused a.json "a Result's MisconfSummary counts 3 failures but it lists 1"
printf '{"check_type": "terraform", "results": {"failed_checks": [{"check_id": "CKV_1"}]}, "summary": {"passed": 0, "failed": 4, "skipped": 0, "parsing_errors": 0}}' >b.json
refused b.json "the summary of check_type 'terraform' counts 4 failed checks but it lists 1"
printf '[{"check_type": "secrets", "results": {"failed_checks": []}, "summary": {"failed": 2}}]' >c.json
refused c.json "the summary of check_type 'secrets' counts 2 failed checks but it lists 0"
# more records than the summary says is what Checkov writes at times
printf '{"check_type": "terraform", "results": {"failed_checks": [{"check_id": "CKV_1"}, {"check_id": "CKV_2"}]}, "summary": {"failed": 1}}' >ok.json
must_fail 1 mds gate --policy p.yaml -r ok.json >out
contains out "CKV_2"
EOF

test_case "an errors list beside the data: the producer failed, refused" <<'EOF'
printf '{"errors": [{"msg": "Insufficient privileges"}], "paging": {"total": 0}, "issues": []}' >a.json
refused a.json "sonar-issues: it holds 1 error besides its data: Insufficient privileges"
printf '{"errors": ["boom", "bang"], "projectStatus": {"status": "OK"}}' >b.json
refused b.json "it holds 2 errors besides its data"
printf '{"errors": [], "paging": {"total": 0}, "issues": []}' >ok.json
mds gate --policy p.yaml -r ok.json >out
contains out PASS
EOF

test_case "SARIF: rules of tool.extensions (CodeQL's packs) give their severity" <<'EOF'
cat >codeql.sarif <<'JSON'
{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "CodeQL", "rules": [
   {"id": "note-rule", "properties": {"security-severity": "2.0"}},
   {"id": "other", "properties": {"security-severity": "1.0"}}]},
  "extensions": [{"name": "codeql/python-queries", "rules": [
    {"id": "py/unused", "properties": {"security-severity": "1.0"}},
    {"id": "py/sql-injection", "properties": {"security-severity": "9.8"}}]}]},
 "results": [{"ruleId": "py/sql-injection", "ruleIndex": 1,
   "rule": {"id": "py/sql-injection", "index": 1, "toolComponent": {"index": 0}},
   "level": "error", "message": {"text": "SQL injection"}},
  {"ruleId": "note-rule", "ruleIndex": 0, "level": "note", "message": {"text": "n"}}]}]}
JSON
printf 'version: 1\nfail_on: {critical: 0}\n' >crit.yaml
must_fail 1 mds gate --policy crit.yaml -r codeql.sarif >out
contains out "codeql: 1 critical 1 low"
EOF

test_case "a proven report with another tool's results list holding entries: refused" <<'EOF'
printf '{"SchemaVersion": 2, "results": [{"Target": "x", "Vulnerabilities": [{"VulnerabilityID": "CVE-1", "Severity": "CRITICAL"}]}]}' >a.json
refused a.json "trivy-json: it has a top-level 'results', 'matches' or 'queries' list with entries, which trivy-json does not"
printf '{"version": "2.1.0", "runs": [{"results": []}], "matches": ["CVE-1"]}' >b.json
refused b.json "which sarif does not"
printf '{"SchemaVersion": 2, "results": []}' >ok.json
mds gate --policy p.yaml -r ok.json >out
contains out PASS
EOF

test_done
