#!/usr/bin/env bash
# gate exit codes: 0 PASS and WARN, 1 FAIL, 2 bad input or usage (and then
# nothing written), 3 an output that cannot be written.
. "$(dirname "$0")/lib.sh"
R=$FIXTURES/reports
export R

cat >low.json <<'JSON'
{"SchemaVersion": 2, "Results": [{"Target": "app/go.sum", "Class": "lang-pkgs",
 "Vulnerabilities": [{"VulnerabilityID": "CVE-2026-1", "PkgName": "x", "InstalledVersion": "1", "FixedVersion": "2", "Severity": "LOW"}]}]}
JSON
printf 'version: 1\nfail_on: {critical: 0, high: 0}\nwarn_on: {low: 0}\n' >warn.yaml
printf 'version: 1\nfail_on: {critical: 0, high: 0}\n' >strict.yaml

test_case "PASS: exit 0 and the verdict on stdout" <<'EOF2'
mds gate --policy strict.yaml -r low.json >out
contains out "gate: PASS (policy strict.yaml"
contains out "app/go.sum"
EOF2

test_case "WARN: exit 0 with the reason" <<'EOF2'
mds gate --policy warn.yaml -r low.json >out
contains out "gate: WARN"
contains out "WARN  trivy: 1 low finding > warn_on.low = 0"
EOF2

test_case "FAIL: exit 1 with every reason spelled out" <<'EOF2'
must_fail 1 mds gate --policy strict.yaml --env prod -r $R/trivy-image.json -r $R/checkov.json >out
contains out "gate: FAIL (env prod, policy strict.yaml"
contains out "FAIL  trivy: 2 critical findings > fail_on.critical = 0 (env prod)"
contains out "FAIL  trivy 1, checkov 2: 3 high findings (2 without a severity, counted as high) > fail_on.high = 0 (env prod)"
EOF2

test_case "no policy file: the built-in default" <<'EOF2'
must_fail 1 mds gate -r $R/trivy-image.json >out
contains out "policy built-in default"
EOF2

test_case "a report that is not one: exit 2, nothing written" <<'EOF2'
echo keep >gate.json
for bad in truncated.json utf16.json checkov-console.json package.json; do
	must_fail 2 mds gate --policy strict.yaml -r low.json -r $R/$bad -o json:gate.json -o sarif:gate.sarif 2>err
	contains err "error: $R/$bad: "
	test "$(cat gate.json)" = keep
	test ! -e gate.sarif
done
must_fail 2 mds gate -r $R/truncated.json 2>err
contains err "truncated JSON at byte 700"
must_fail 2 mds gate -r $R/checkov-console.json 2>err
contains err "Checkov console text, not JSON; run checkov with '-o json'"
must_fail 2 mds gate -r missing.json 2>err
contains err "cannot open report 'missing.json'"
EOF2

test_case "a bad policy: exit 2 with file:line:column" <<'EOF2'
printf 'version: 1\nfail_on: {critical: 0, hihg: 0}\n' >bad.yaml
must_fail 2 mds gate --policy bad.yaml -r low.json 2>err
contains err "bad.yaml:2:24: unknown key 'hihg' in fail_on (did you mean 'high'?)"
printf 'version: 1\nwaivers:\n  - {rule: X, reason: r, owner: o, expires: 31.12.2026}\n' >bad.yaml
must_fail 2 mds gate --policy bad.yaml -r low.json 2>err
contains err "bad.yaml:3:45: waiver expires must be a date YYYY-MM-DD"
EOF2

test_case "usage errors: exit 2" <<'EOF2'
must_fail 2 mds gate 2>err
contains err "no report given"
must_fail 2 mds gate -r low.json -o yaml:x 2>err
contains err "unknown output format in '-o yaml:x'"
must_fail 2 mds gate -r low.json -o json -o sarif 2>err
contains err "only one -o FMT may go to standard output"
must_fail 2 mds gate -r low.json --date 2026-02-30 2>err
contains err "--date takes a date YYYY-MM-DD"
must_fail 2 mds gate -r low.json --frobnicate 2>err
must_fail 2 mds gate -r low.json --baseline nope.json 2>err
contains err "cannot read baseline 'nope.json'"
EOF2

test_case "an output that cannot be written: exit 3, no other written" <<'EOF2'
echo file >blocker
must_fail 3 mds gate --policy strict.yaml -r low.json -o json:ok.json -o sarif:blocker/x.sarif 2>err
test ! -e ok.json
EOF2

test_done
