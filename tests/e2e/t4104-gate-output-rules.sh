#!/usr/bin/env bash
# gate outputs: -o FMT:- is standard output, --json is -o json, a missing
# output directory is an error naming it (nothing created, nothing
# written), --soft-fail prints the verdict and exits 0.
. "$(dirname "$0")/lib.sh"

printf 'version: 1\nfail_on: {critical: 0}\n' >p.yaml
cat >crit.json <<'JSON'
{"SchemaVersion": 2, "Results": [{"Target": "t", "Vulnerabilities": [
 {"VulnerabilityID": "CVE-2026-9", "PkgName": "p", "Severity": "CRITICAL"}]}]}
JSON

test_case "-o json:- and -o sarif:- write to standard output, no file '-'" <<'EOF2'
must_fail 1 mds gate --policy p.yaml -r crit.json -o json:- >g.json
test "$(jq -r .verdict g.json)" = FAIL
test ! -e ./-
must_fail 1 mds gate --policy p.yaml -r crit.json -o sarif:- -o json:g2.json >s.sarif
test "$(jq -r .version s.sarif)" = 2.1.0
test ! -e ./-
test -s g2.json
must_fail 2 mds gate --policy p.yaml -r crit.json -o json:- -o sarif 2>err
contains err "only one -o FMT may go to standard output"
EOF2

test_case "--json is -o json" <<'EOF2'
must_fail 1 mds gate --policy p.yaml -r crit.json --json >g.json
test "$(jq -r .schema g.json)" = mds-infra/gate/v1
test "$(jq '.reason_details[0].severity' g.json)" = '"critical"'
test "$(jq '.reason_details[0].actual' g.json)" = 1
EOF2

test_case "a missing output directory: an error naming it, nothing created" <<'EOF2'
must_fail 3 mds gate --policy p.yaml -r crit.json -o json:no/such/dir/g.json -o sarif:ok.sarif 2>err
contains err "cannot write 'no/such/dir/g.json': no directory 'no/such/dir'"
test ! -e no
test ! -e ok.sarif
EOF2

test_case "--soft-fail: the verdict printed, exit 0" <<'EOF2'
mds gate --policy p.yaml -r crit.json --soft-fail >out
contains out "gate: FAIL"
mds gate --policy p.yaml -r crit.json --soft-fail --json >g.json
test "$(jq -r .verdict g.json)" = FAIL
printf 'nope\n' >bad.txt
must_fail 2 mds gate --policy p.yaml -r bad.txt --soft-fail
EOF2

test_done
