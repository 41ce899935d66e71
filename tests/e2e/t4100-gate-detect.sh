#!/usr/bin/env bash
# gate detection by proof: reports of other tools (tfsec, terrascan,
# semgrep, bandit, gitleaks, KICS, grype, CycloneDX, Trivy's table, Checkov's
# console text) are refused with exit 2, named, with the way to export SARIF;
# nothing of them reaches a verdict.  UTF-16 with a BOM (either byte order)
# and UTF-8 with a BOM are decoded, then detected like any other file.
. "$(dirname "$0")/lib.sh"

printf 'version: 1\nfail_on: {critical: 0, high: 0}\n' >p.yaml

cat >tfsec.json <<'JSON'
{"results": [{"rule_id": "AVD-AWS-0086", "long_id": "aws-s3-block-public-acls",
  "rule_description": "S3 Access block should block public ACL", "rule_provider": "aws",
  "rule_service": "s3", "impact": "PUT calls with public ACLs specified can make objects public",
  "resolution": "Enable blocking any PUT calls with a public ACL specified",
  "links": [], "description": "No public access block so not blocking public acls",
  "severity": "CRITICAL", "warning": false, "status": 0, "resource": "aws_s3_bucket.landing",
  "location": {"filename": "/src/terraform/modules/minio/main.tf", "start_line": 3, "end_line": 9}}]}
JSON
cat >terrascan.json <<'JSON'
{"results": {"violations": [{"rule_name": "s3Versioning", "description": "Enable versioning",
  "rule_id": "AC_AWS_0214", "severity": "HIGH", "category": "Resilience",
  "resource_name": "landing", "resource_type": "aws_s3_bucket", "file": "main.tf", "line": 3}],
  "skipped_violations": null,
  "scan_summary": {"file/folder": "/src", "iac_type": "terraform", "scanned_at": "2026-01-02 10:00:00",
   "policies_validated": 150, "violated_policies": 1, "low": 0, "medium": 0, "high": 1}}}
JSON
cat >semgrep.json <<'JSON'
{"errors": [], "paths": {"scanned": ["dags/load.py"]},
 "results": [{"check_id": "python.lang.security.audit.eval-detected", "path": "dags/load.py",
   "start": {"line": 12, "col": 5, "offset": 301}, "end": {"line": 12, "col": 20, "offset": 316},
   "extra": {"message": "Detected the use of eval()", "severity": "ERROR", "metadata": {}}}],
 "version": "1.60.0"}
JSON
cat >bandit.json <<'JSON'
{"errors": [], "generated_at": "2026-01-02T10:00:00Z",
 "metrics": {"_totals": {"SEVERITY.HIGH": 1}},
 "results": [{"code": "exec(cmd)", "filename": "dags/load.py", "issue_confidence": "HIGH",
   "issue_severity": "HIGH", "issue_text": "Use of exec detected.", "line_number": 7,
   "test_id": "B102", "test_name": "exec_used"}]}
JSON
cat >gitleaks.json <<'JSON'
[{"Description": "AWS Access Token", "StartLine": 4, "EndLine": 4, "StartColumn": 12,
  "EndColumn": 31, "Match": "AKIA****", "Secret": "AKIA****", "File": "deploy/.env",
  "Commit": "3f2a", "Entropy": 3.6, "RuleID": "aws-access-token",
  "Fingerprint": "3f2a:deploy/.env:aws-access-token:4"}]
JSON
cat >kics.json <<'JSON'
{"kics_version": "v1.7.13", "files_scanned": 4, "queries_total": 900,
 "queries": [{"query_name": "S3 Bucket ACL Allows Read Or Write to All Users", "severity": "CRITICAL", "files": []}],
 "severity_counters": {"CRITICAL": 1}, "total_counter": 1}
JSON
cat >grype.json <<'JSON'
{"matches": [{"vulnerability": {"id": "CVE-2026-0001", "severity": "Critical"},
  "artifact": {"name": "openssl", "version": "3.0.11"}}],
 "source": {"type": "image"}, "distro": {"name": "debian"}, "descriptor": {"name": "grype"}}
JSON
cat >bom.json <<'JSON'
{"bomFormat": "CycloneDX", "specVersion": "1.5", "components": [],
 "vulnerabilities": [{"id": "CVE-2026-0001", "ratings": [{"severity": "critical"}]}]}
JSON
cat >trivy-table.txt <<'TXT'

Report Summary

registry.example/mds/airflow:2.9.1 (debian 12.5)
================================================
Total: 3 (UNKNOWN: 0, LOW: 0, MEDIUM: 1, HIGH: 1, CRITICAL: 1)

TXT
cat >checkov-cli.txt <<'TXT'
       _               _
   ___| |__   ___  ___| | _______   __
  / __| '_ \ / _ \/ __| |/ / _ \ \ / /
 | (__| | | |  __/ (__|   < (_) \ V /
  \___|_| |_|\___|\___|_|\_\___/ \_/

By Prisma Cloud | version: 3.2.0
Check: CKV_AWS_18: "Ensure the S3 bucket has access logging enabled"
	FAILED for resource: aws_s3_bucket.landing
TXT

test_case "tfsec, terrascan, semgrep: refused, named, never PASS" <<'EOF2'
for f in tfsec terrascan semgrep; do
	must_fail 2 mds gate --policy p.yaml -r $f.json -o json:out.json 2>err
	test ! -e out.json
	contains err "$f.json: a $f report, which the gate does not read; export SARIF instead"
done
must_fail 2 mds gate --policy p.yaml -r tfsec.json 2>err
contains err "(tfsec --format sarif)"
must_fail 2 mds gate --policy p.yaml -r semgrep.json 2>err
contains err "(semgrep --sarif)"
EOF2

test_case "bandit's errors key is no SonarQube error; gitleaks, KICS, grype, CycloneDX" <<'EOF2'
must_fail 2 mds gate -r bandit.json 2>err
contains err "bandit.json: a bandit report"
lacks err "SonarQube error"
must_fail 2 mds gate -r gitleaks.json 2>err
contains err "gitleaks.json: a gitleaks report"
must_fail 2 mds gate -r kics.json 2>err
contains err "kics scan --report-formats sarif"
must_fail 2 mds gate -r grype.json 2>err
contains err "grype -o sarif"
must_fail 2 mds gate -r bom.json 2>err
contains err "a CycloneDX document"
EOF2

test_case "Trivy's table and Checkov's console text: refused with the JSON option" <<'EOF2'
must_fail 2 mds gate -r trivy-table.txt 2>err
contains err "trivy-table.txt: Trivy's table output, not JSON; run trivy with '--format json'"
must_fail 2 mds gate -r checkov-cli.txt 2>err
contains err "checkov-cli.txt: Checkov console text, not JSON; run checkov with '-o json'"
iconv -f UTF-8 -t UTF-16 checkov-cli.txt >checkov-cli.utf16
must_fail 2 mds gate -r checkov-cli.utf16 2>err
contains err "checkov-cli.utf16: Checkov console text"
EOF2

test_case "one unreadable report among good ones: nothing judged" <<'EOF2'
printf '{"SchemaVersion": 2}\n' >empty-trivy.json
must_fail 2 mds gate --policy p.yaml -r empty-trivy.json -r tfsec.json >out 2>err
test ! -s out
EOF2

test_case "UTF-16 LE and BE (PowerShell's >) and UTF-8 BOM: read" <<'EOF2'
cat >trivy.json <<'JSON'
{"SchemaVersion": 2, "ArtifactName": "café", "Results": [{"Target": "img (debian 12)",
 "Vulnerabilities": [{"VulnerabilityID": "CVE-2026-7", "PkgName": "libü", "InstalledVersion": "1",
 "Severity": "HIGH"}]}]}
JSON
cat >sonar.json <<'JSON'
{"paging": {"pageIndex": 1, "pageSize": 100, "total": 2},
 "issues": [{"key": "A1", "rule": "java:S2076", "component": "mds:app:src/Run.java", "line": 4,
   "message": "Éviter l'injection", "severity": "BLOCKER", "status": "OPEN"},
  {"key": "A2", "rule": "java:S1481", "component": "mds:app:src/Run.java",
   "severity": "MINOR", "issueStatus": "OPEN"}],
 "components": [{"key": "mds:app:src/Run.java", "path": "src/Run.java"}]}
JSON
{ printf '\xff\xfe'; iconv -f UTF-8 -t UTF-16LE trivy.json; } >trivy-le.json
{ printf '\xfe\xff'; iconv -f UTF-8 -t UTF-16BE sonar.json; } >sonar-be.json
{ printf '\xef\xbb\xbf'; cat sonar.json; } >sonar-bom.json
mds gate -r trivy-le.json -o json >t.json || test $? = 1
test "$(jq -r '.sources[0].format' t.json)" = trivy-json
test "$(jq -r '.findings[0].package.name' t.json)" = "libü"
test "$(jq '.counts.high' t.json)" = 1
mds gate -r sonar-be.json -o json >s.json || test $? = 1
test "$(jq -r '.sources[0].format' s.json)" = sonar-issues
test "$(jq '.counts.critical' s.json)" = 1
test "$(jq '.counts.low' s.json)" = 1
test "$(jq -r '[.findings[] | select(.rule_id == "java:S2076")][0].title' s.json)" = "Éviter l'injection"
mds gate -r sonar-bom.json -o json >b.json || test $? = 1
test "$(jq '.counts.critical' b.json)" = 1
EOF2

test_case "the generic issue import that -o sonar writes is read back" <<'EOF2'
mds gate -r trivy.json -o sonar:import.json -o json:first.json || test $? = 1
test "$(jq -r '.rules[0].engineId' import.json)" = trivy
mds gate -r import.json -o json >back.json || test $? = 1
test "$(jq -r '.sources[0].format' back.json)" = sonar-generic-issues
test "$(jq -r '.findings[0].tool' back.json)" = trivy
test "$(jq -r '.findings[0].rule_id' back.json)" = CVE-2026-7
test "$(jq '.counts.high' back.json)" = 1
EOF2

test_done
