#!/usr/bin/env bash
# gate: the same finding read twice (one report given twice, or two reports
# that share findings) counts once, and the text output says how many
# duplicates were dropped.
. "$(dirname "$0")/lib.sh"

printf 'version: 1\nfail_on: {critical: 0}\n' >p.yaml
cat >a.json <<'JSON'
{"SchemaVersion": 2, "Results": [{"Target": "img (debian 12)", "Class": "os-pkgs",
 "Vulnerabilities": [
  {"VulnerabilityID": "CVE-2026-1", "PkgName": "openssl", "InstalledVersion": "3.0.1", "Severity": "CRITICAL"},
  {"VulnerabilityID": "CVE-2026-2", "PkgName": "zlib", "InstalledVersion": "1.2", "Severity": "HIGH"}]}]}
JSON
cat >b.json <<'JSON'
{"SchemaVersion": 2, "Results": [{"Target": "img (debian 12)", "Class": "os-pkgs",
 "Vulnerabilities": [
  {"VulnerabilityID": "CVE-2026-1", "PkgName": "openssl", "InstalledVersion": "3.0.1", "Severity": "CRITICAL"},
  {"VulnerabilityID": "CVE-2026-3", "PkgName": "curl", "InstalledVersion": "8", "Severity": "LOW"}]}]}
JSON

test_case "one report twice counts once" <<'EOF2'
must_fail 1 mds gate --policy p.yaml -r a.json -r a.json >out
contains out "2 duplicate findings dropped"
contains out "FAIL  trivy: 1 critical finding > fail_on.critical = 0"
must_fail 1 mds gate --policy p.yaml -r a.json -r a.json -o json >g.json
test "$(jq '.counts.critical' g.json)" = 1
test "$(jq '.findings | length' g.json)" = 2
test "$(jq '.duplicates' g.json)" = 2
EOF2

test_case "two reports sharing a finding: the union" <<'EOF2'
must_fail 1 mds gate --policy p.yaml -r a.json -r b.json -o json >g.json
test "$(jq '.findings | length' g.json)" = 3
test "$(jq '.duplicates' g.json)" = 1
must_fail 1 mds gate --policy p.yaml -r a.json >out
lacks out "duplicate"
EOF2

test_done
