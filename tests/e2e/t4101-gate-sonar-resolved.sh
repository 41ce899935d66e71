#!/usr/bin/env bash
# gate on saved SonarQube pages: only unresolved issues are open; accepted
# and false-positive ones are waived upstream, fixed and closed ones dropped;
# a REVIEWED hotspot is waived (SAFE, ACKNOWLEDGED) or dropped (FIXED).  A
# page whose paging.total exceeds what it holds is read with a warning that
# names the file and both numbers.
. "$(dirname "$0")/lib.sh"

printf 'version: 1\nfail_on: {critical: 0}\n' >p.yaml
cat >page.json <<'JSON'
{"paging": {"pageIndex": 1, "pageSize": 100, "total": 7},
 "issues": [
  {"key": "O1", "rule": "py:S1", "component": "k:a.py", "severity": "BLOCKER", "status": "OPEN"},
  {"key": "O2", "rule": "py:S2", "component": "k:a.py", "impacts": [{"softwareQuality": "SECURITY", "severity": "HIGH"}], "issueStatus": "CONFIRMED"},
  {"key": "A1", "rule": "py:S3", "component": "k:a.py", "severity": "BLOCKER", "issueStatus": "ACCEPTED"},
  {"key": "A2", "rule": "py:S3", "component": "k:b.py", "severity": "BLOCKER", "status": "RESOLVED", "resolution": "WONTFIX"},
  {"key": "F1", "rule": "py:S4", "component": "k:b.py", "severity": "BLOCKER", "status": "RESOLVED", "resolution": "FALSE-POSITIVE"},
  {"key": "C1", "rule": "py:S5", "component": "k:b.py", "severity": "BLOCKER", "status": "CLOSED", "resolution": "FIXED"},
  {"key": "C2", "rule": "py:S5", "component": "k:b.py", "impacts": [{"softwareQuality": "SECURITY", "severity": "BLOCKER"}], "issueStatus": "FIXED"}],
 "components": [{"key": "k:a.py", "path": "src/a.py"}, {"key": "k:b.py", "path": "src/b.py"}]}
JSON
cat >hot.json <<'JSON'
{"paging": {"pageIndex": 1, "pageSize": 100, "total": 3},
 "hotspots": [
  {"key": "H1", "component": "k:a.py", "vulnerabilityProbability": "HIGH", "status": "TO_REVIEW", "securityCategory": "sql-injection"},
  {"key": "H2", "component": "k:a.py", "vulnerabilityProbability": "HIGH", "status": "REVIEWED", "resolution": "SAFE"},
  {"key": "H3", "component": "k:a.py", "vulnerabilityProbability": "HIGH", "status": "REVIEWED", "resolution": "FIXED"}]}
JSON

test_case "a page mixing open, accepted, false-positive and closed issues" <<'EOF2'
must_fail 1 mds gate --policy p.yaml -r page.json -o json >g.json
test "$(jq '.sources[0].findings' g.json)" = 5
test "$(jq '.counts.critical' g.json)" = 1
test "$(jq '.counts.high' g.json)" = 1
test "$(jq '.waived' g.json)" = 3
test "$(jq -r '[.findings[] | select(.status == "waived") | .waived_by] | sort | join(",")' g.json)" = \
	"sonarqube:accepted,sonarqube:accepted,sonarqube:false-positive"
test "$(jq '[.findings[] | select(.rule_id == "py:S5")] | length' g.json)" = 0
EOF2

test_case "hotspots: to review open, SAFE waived, FIXED dropped" <<'EOF2'
mds gate --policy p.yaml -r hot.json -o json >h.json
test "$(jq '.counts.high' h.json)" = 1
test "$(jq '.waived' h.json)" = 1
test "$(jq '.findings | length' h.json)" = 2
EOF2

test_case "a saved page short of paging.total: a warning with the file and both numbers" <<'EOF2'
sed 's/"total": 7/"total": 1200/' page.json >page1.json
must_fail 1 mds gate --policy p.yaml -r page1.json >out 2>err
contains err "warning: page1.json: the page holds 7 of 1200 issues (paging.total)"
must_fail 1 mds gate --policy p.yaml -r page.json >out 2>err
lacks err "paging.total"
EOF2

test_done
