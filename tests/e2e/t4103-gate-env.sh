#!/usr/bin/env bash
# gate --env: an environment neither the stack nor the policy knows is a
# usage error (exit 2) with "did you mean", never a silent fall back to the
# laxer top-level policy.
. "$(dirname "$0")/lib.sh"

cat >p.yaml <<'YAML'
version: 1
fail_on: {critical: 0}
environments:
  prod: {fail_on: {critical: 0, high: 0}}
  qa: {}
YAML
cp "$SOURCE_DIR/stack.yaml" stack.yaml	# dev, staging, prod
cat >high.json <<'JSON'
{"SchemaVersion": 2, "Results": [{"Target": "t", "Vulnerabilities": [
 {"VulnerabilityID": "CVE-2026-9", "PkgName": "p", "Severity": "HIGH"}]}]}
JSON

test_case "a typo of prod: exit 2, did you mean, nothing judged" <<'EOF2'
must_fail 2 mds gate --policy p.yaml --env production -r high.json -o json:g.json >out 2>err
contains err "--env: unknown environment 'production' (did you mean 'prod'?)"
test ! -e g.json
must_fail 1 mds gate --policy p.yaml --env prod -r high.json >out
EOF2

test_case "environments of the stack and of the policy are both known" <<'EOF2'
mds gate --policy p.yaml --env dev -r high.json >out
contains out "gate: PASS (env dev"
mds gate --policy p.yaml --env qa -r high.json >out
must_fail 2 mds gate --policy p.yaml --env stagin -r high.json 2>err
contains err "(did you mean 'staging'?) (the stack and the policy know: dev, staging, prod, qa)"
EOF2

test_done
