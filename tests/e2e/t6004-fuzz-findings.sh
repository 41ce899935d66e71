#!/usr/bin/env bash
# Regression tests for what the fuzzers (fuzz/, make fuzz) and the attack
# of issue #11 found, each named after its finding: outputs stay valid
# UTF-8 whatever the readers decode, \u0000 is kept, long tokens cost
# linear time and have a cap, deep blocks and alias bombs are refused.
. "$(dirname "$0")/lib.sh"
. "$SOURCE_DIR/tests/e2e/planlib.sh"

# utf8_ok FILE...: each file is strict UTF-8 without NUL bytes.
utf8_ok() {
	python3 - "$@" <<'PY'
import sys
for p in sys.argv[1:]:
    b = open(p, "rb").read()
    b.decode("utf-8")          # raises on invalid UTF-8, surrogates included
    assert b"\0" not in b, p
PY
}

outputs="-o json:g.json -o sarif:g.sarif -o sonar:g.sonar"

test_case "fuzz_report_sarif crash-9f0b1948: %88 in a SARIF uri made the JSON invalid" <<'EOS'
cat >r.sarif <<'JSON'
{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "CodeQL", "rules": [{"id": "go/sql-injection"}]}},
 "results": [{"ruleId": "go/sql-injection", "level": "error", "message": {"text": "q"},
  "locations": [{"physicalLocation": {"artifactLocation": {"uri": "cli/app/db%88query.go"}, "region": {"startLine": 3}}}]}]}]}
JSON
mds gate -r r.sarif $outputs >/dev/null || test $? = 1
utf8_ok g.json g.sarif g.sonar
test "$(jq -r '.findings[0].location.path' g.json)" = "cli/app/db�query.go"
EOS

test_case "fuzz_report_task crash-a375e75c: a raw 0xE4 in report-task.txt made the JSON invalid" <<'EOS'
printf 'projectKey=p\nserverUrl=https://sq\ndashboardUrl=https://sq/\xe4ashboard?id=p\nceTaskId=T1\n' >report-task.txt
mds gate -r report-task.txt $outputs >/dev/null || test $? = 1
utf8_ok g.json g.sarif g.sonar
EOS

test_case "fuzz_stack crash-6907b386: a NUL in a stack string overflowed the HCL writer" <<'EOS'
cp -r "$FIXTURES/stacks/basic" s
sed -i 's|      buckets: \[landing, lakehouse\]|      buckets: [landing, lakehouse]\n      nul: "a\\0b\\u0000c"|' s/stack.yaml
grep -F 'nul: "a\0b\u0000c"' s/stack.yaml
mds -C s render >/dev/null
grep -F 'nul' s/terragrunt/dev/minio/terragrunt.hcl >got
grep -F '"a\u0000b\u0000c"' got
EOS

test_case "issue 11: a lone surrogate becomes U+FFFD, \\u0000 is kept and escaped" <<'EOS'
cat >t.json <<'JSON'
{"SchemaVersion": 2, "ArtifactName": "x", "Results": [{"Target": "a\u0000b.txt", "Class": "os-pkgs",
 "Vulnerabilities": [{"VulnerabilityID": "CVE-1", "PkgName": "p", "InstalledVersion": "1",
  "Severity": "HIGH", "Title": "lone \udfff and \ud800 high, NUL \u0000 kept"}]}]}
JSON
must_fail 1 mds gate -r t.json $outputs >/dev/null
utf8_ok g.json g.sarif g.sonar
grep -F 'NUL \u0000 kept' g.json
grep -F 'a\u0000b.txt' g.json
grep -F 'lone � and � high' g.json
grep -F 'lone � and � high' g.sarif
EOS

test_case "issue 11: a 15 MiB string is read in linear time; past 16 MiB refused at its byte" <<'EOS'
python3 - <<'PY'
n = 15 << 20
with open("long.json", "w") as f:
    f.write('{"SchemaVersion": 2, "ArtifactName": "x", "Results": [{"Target": "')
    f.write("a" * n)
    f.write('", "Class": "os-pkgs"}]}')
with open("toolong.json", "w") as f:
    f.write('{"SchemaVersion": 2, "Results": [{"Target": "')
    f.write("a" * (17 << 20))
    f.write('"}]}')
PY
start=$(date +%s%N)
timeout 10 "$MDS_INFRA" gate -r long.json >/dev/null
ms=$(( ($(date +%s%N) - start) / 1000000 ))
echo "15 MiB string: $ms ms"
test "$ms" -lt 5000
must_fail 2 mds gate -r toolong.json 2>err
contains err "toolong.json: a JSON token longer than 16 MiB at byte 44"
EOS

test_case "issue 11: a 200 MB token in a plan (show -json) is refused in linear time" <<'EOS'
plan_repo prepo
python3 - "$FAKE_TG_DIR/minio.json" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    f.write('{"format_version": "1.2", "resource_changes": [{"address": "')
    f.write("a" * (200 << 20))
    f.write('"}]}')
PY
start=$(date +%s)
code=0
timeout 30 "$MDS_INFRA" -C prepo plan dev --component minio >out 2>err || code=$?
test "$code" = 1
test $(( $(date +%s) - start )) -lt 10
contains err "minio: terragrunt show -json: a JSON token longer than 16 MiB at byte 59"
rm "$FAKE_TG_DIR/minio.json"
EOS

test_case "issue 11: 60,000 nested blocks crashed validate and docs (SIGSEGV)" <<'EOS'
cp -r "$FIXTURES/validate/ok" repo
python3 -c 'print("a {\n" * 60000 + "}\n" * 60000, end="")' >repo/terraform/modules/store/deep.tf
must_fail 2 mds -C repo validate >out 2>err
contains out "terraform/modules/store/deep.tf:101:3: error: blocks nested more than 100 deep"
must_fail 2 mds -C repo docs --check >out 2>err
contains err "deep.tf:101:3: blocks nested more than 100 deep"
EOS

test_case "issue 11: an alias bomb under components.<c>.inputs is refused at load" <<'EOS'
cp -r "$FIXTURES/stacks/basic" s
python3 - <<'PY'
s = open("s/stack.yaml").read()
bomb = ["b0: &b0 [x, x, x, x, x, x, x, x, x, x]"]
bomb += [f"b{i}: &b{i} [" + ", ".join([f"*b{i-1}"] * 10) + "]" for i in range(1, 7)]
s = s.replace("      buckets: [landing, lakehouse]\n",
              "      buckets: [landing, lakehouse]\n      pad: {" + ", ".join(bomb) + "}\n", 1)
open("s/stack.yaml", "w").write(s)
PY
start=$(date +%s)
must_fail 2 timeout 10 "$MDS_INFRA" -C s render 2>err
test $(( $(date +%s) - start )) -lt 3
contains err "the document expands to more than 1000000 nodes through its aliases (the limit)"
must_fail 2 timeout 10 "$MDS_INFRA" -C s validate >out 2>&1
contains out "expands to more than 1000000 nodes"
EOS

test_case "issue 11: an alias to its own ancestor is refused (a cycle, not a tree)" <<'EOS'
printf 'version: 1\nfail_on: &f {high: *f}\n' >p.yaml
must_fail 2 mds gate --policy p.yaml -r "$FIXTURES/reports/trivy-config.json" 2>err
contains err "p.yaml:2:20: alias '*f' refers to a collection that contains it"
EOS

test_done
