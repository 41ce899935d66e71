#!/usr/bin/env bash
# Dropping a duplicate keeps the worse copy: a rescan that rates a CVE
# critical, given after an older report that rated it low, PASSed before
# (the low copy was kept, the critical one dropped); so did an open SARIF
# result after the same result suppressed in another report.
. "$(dirname "$0")/lib.sh"

tv() { printf '{"SchemaVersion": 2, "Results": [{"Target": "img", "Class": "os-pkgs", "Vulnerabilities": [{"VulnerabilityID": "CVE-9", "PkgName": "ssl", "Severity": "%s"}]}]}' "$1"; }
sf() { printf '{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "scan"}}, "results": [{"ruleId": "R1", "level": "error", "message": {"text": "m"}, "locations": [{"physicalLocation": {"artifactLocation": {"uri": "a.tf"}}}]%s}]}]}' "$1"; }

test_case "the more severe copy is kept, in either order" <<'EOF'
tv LOW >old.json
tv CRITICAL >new.json
must_fail 1 mds gate -r old.json -r new.json >out
contains out "1 duplicate finding dropped"
contains out "1 critical"
must_fail 1 mds gate -r new.json -r old.json >out
contains out "1 critical"
EOF

test_case "an open copy wins over a suppressed one" <<'EOF'
sf ', "suppressions": [{"kind": "inSource"}]' >waived.json
sf '' >open.json
must_fail 1 mds gate -r waived.json -r open.json -o json >out
test "$(jq '.findings | length' out)" = 1
test "$(jq -r '.findings[0].status' out)" = open
EOF

test_done
