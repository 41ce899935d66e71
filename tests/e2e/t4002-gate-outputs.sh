#!/usr/bin/env bash
# gate outputs on fixture reports: every format at once, each valid (SARIF
# against the official schema, JUnit against junit-10.xsd), -o FMT to
# stdout, environments of the repository policy, waivers by date, baseline.
. "$(dirname "$0")/lib.sh"
R=$FIXTURES/reports
export R
reports="-r $R/trivy-image.json -r $R/trivy-config.json -r $R/checkov.json -r $R/codeql.sarif -r $R/sonar-issues.json -r $R/sonar-hotspots.json -r $R/sonar-gate-ok.json -r $R/report-task.txt"
export reports

test_case "every format at once, all valid" <<'EOF2'
mkdir out
must_fail 1 mds gate --env prod $reports -o json:out/gate.json -o sarif:out/gate.sarif -o junit:out/gate.xml -o markdown:out/gate.md -o sonar:out/sonar.json -o text:out/gate.txt 2>err
contains err "gate FAIL"
test "$(jq -r .schema out/gate.json)" = mds-infra/gate/v1
test "$(jq -r .verdict out/gate.json)" = FAIL
test "$(jq -r .environment out/gate.json)" = prod
test "$(jq '.sources | length' out/gate.json)" = 8
test "$(jq '.by_tool.trivy.critical' out/gate.json)" = 2
test "$(jq -r .sonar.status out/gate.json)" = OK
/usr/bin/python3 -c 'import json, sys, jsonschema; jsonschema.validate(json.load(open(sys.argv[1])), json.load(open(sys.argv[2])))' out/gate.sarif "$SCHEMAS/sarif-schema-2.1.0.json"
xmllint --noout --schema "$SCHEMAS/junit-10.xsd" out/gate.xml
test "$(jq '[.runs[].tool.driver.name] | sort | join(",")' out/gate.sarif)" = '"mds-infra/checkov,mds-infra/codeql,mds-infra/sonarqube,mds-infra/trivy"'
contains out/gate.md "## :x: mds-infra gate: FAIL (env \`prod\`)"
test "$(jq '[.issues[].primaryLocation.filePath] | index("terraform/modules/minio/main.tf") != null' out/sonar.json)" = true
contains out/gate.txt "gate: FAIL"
EOF2

test_case "-o FMT alone writes to stdout" <<'EOF2'
must_fail 1 mds gate $reports -o json >gate.json
test "$(jq -r .verdict gate.json)" = FAIL
must_fail 1 mds gate $reports -o junit:j.xml -o markdown >md
contains md "<!-- mds-infra:gate v1"
test -s j.xml
EOF2

test_case "a report on standard input" <<'EOF2'
mds gate -r - -o json <$R/trivy-config.json >g.json
test "$(jq '.counts.medium' g.json)" = 1
EOF2

test_case "the repository policy: prod stricter than dev" <<'EOF2'
cp -r "$SOURCE_DIR/policies" .
git init -q .
must_fail 1 mds gate --env prod -r $R/trivy-config.json >prod
contains prod "FAIL  trivy: 1 medium finding > fail_on.medium = 0 (env prod)"
mds gate --env dev -r $R/trivy-config.json >dev
contains dev "gate: WARN (env dev, policy"
EOF2

test_case "waivers: valid, expiring, expired by --date" <<'EOF2'
cat >w.yaml <<'YAML'
version: 1
fail_on: {critical: 0}
waivers:
  - id: W-7
    rule: CVE-2024-0001
    reason: rebuild pending
    owner: platform
    expires: 2026-03-31
YAML
must_fail 1 mds gate --policy w.yaml --date 2026-01-01 -r $R/trivy-image.json -o json >g.json 2>/dev/null
test "$(jq -r '[.findings[] | select(.rule_id == "CVE-2024-0001") | .status] | first' g.json)" = waived
test "$(jq -r '[.findings[] | select(.rule_id == "CVE-2024-0001") | .waived_by] | first' g.json)" = W-7
must_fail 1 mds gate --policy w.yaml --date 2026-03-25 -r $R/trivy-image.json >t
contains t "WARN  waiver W-7 (rule CVE-2024-0001, owner platform) expires on 2026-03-31, in 6 days"
must_fail 1 mds gate --policy w.yaml --date 2026-04-01 -r $R/trivy-image.json -o json >g.json
test "$(jq -r '.expired_waivers[0].id' g.json)" = W-7
test "$(jq -r '.expired_waivers[0].expires' g.json)" = 2026-03-31
jq -r '.reasons[]' g.json >reasons
contains reasons "waiver W-7 (rule CVE-2024-0001, owner platform) expired on 2026-03-31: it no longer waives 1 finding"
EOF2

test_case "baseline: only new findings count" <<'EOF2'
printf 'version: 1\nfail_on: {critical: 0, high: 0, medium: 0}\n' >p.yaml
must_fail 1 mds gate --policy p.yaml -r $R/trivy-image.json >/dev/null
mds gate --policy p.yaml -r $R/trivy-image.json --write-baseline .mds/baseline.json 2>err
contains err "wrote 5 fingerprints to '.mds/baseline.json'"
test "$(jq '.findings | length' .mds/baseline.json)" = 5
mds gate --policy p.yaml -r $R/trivy-image.json --baseline .mds/baseline.json -o json >g.json
test "$(jq '[.findings[] | select(.status == "baseline")] | length' g.json)" = 5
must_fail 1 mds gate --policy p.yaml -r $R/trivy-image.json -r $R/trivy-config.json --baseline .mds/baseline.json >t
contains t "FAIL  trivy: 1 medium finding > fail_on.medium = 0"
printf 'version: 1\nfail_on: {medium: 0}\nbaseline: .mds/baseline.json\n' >pb.yaml
mds gate --policy pb.yaml -r $R/trivy-image.json >t
contains t "gate: PASS"
EOF2

test_done
