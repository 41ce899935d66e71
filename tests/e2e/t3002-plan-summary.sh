#!/usr/bin/env bash
# plan: counts per component for every kind of change, exit codes, the
# reports (plan.json, JUnit, Markdown, --json), no sensitive value shown,
# and the plan policy (destroys and mock outputs in protected envs).
. "$(dirname "$0")/lib.sh"
. "$SOURCE_DIR/tests/e2e/planlib.sh"

plan_repo repo

# one kind of change per component
fx_plan minio creates.json
fx_plan minio-config updates.json
fx_plan dremio deletes.json
fx_plan airflow replaces.json
fx_plan flink imports.json
fx_plan monitoring outputs-only.json

counts() {	# counts COMP -> "status add change destroy import"
	pj ".components[] | select(.name == \"$1\") | \"\(.status) \(.add) \(.change) \(.destroy) \(.import)\""
}

test_case "counts follow Terraform's summary for every kind of change" <<'EOS'
mds -C repo plan dev >out 2>err
test "$(counts minio)" = "changes 2 0 0 0"
test "$(counts minio-config)" = "changes 0 2 0 0"
test "$(counts dremio)" = "changes 0 0 2 0"
test "$(counts airflow)" = "changes 3 0 3 0"
test "$(counts flink)" = "changes 0 1 0 2"
test "$(counts monitoring)" = "changes 0 0 0 0"
test "$(pj '.totals | "\(.add) \(.change) \(.destroy) \(.import)"')" = "5 3 5 2"
test "$(pj .changes_present)" = true
test "$(pj .schema)" = "mds-infra/plan/v2"
contains out "airflow                  changes        3      0       3      0"
contains out "total                                   5      3       5      2"
EOS

test_case "reads and no-ops are no changes; exit 0 without changes" <<'EOS'
rm -f "$FAKE_TG_DIR"/*
fx_plan minio no-changes.json
fx minio exit 0
mds -C repo plan dev --detailed-exitcode >out 2>err
test "$(counts minio)" = "no_changes 0 0 0 0"
test "$(pj .changes_present)" = false
fx_plan flink reads.json
must_fail 4 mds -C repo plan dev --detailed-exitcode >out 2>err
test "$(counts flink)" = "changes 0 0 0 0"
mds -C repo plan dev >out 2>err
EOS

test_case "reports: plan files, JUnit XML, Markdown, manifest; --json on stdout" <<'EOS'
mds -C repo plan dev --json --out "$PWD/o" >json 2>err
jq -e '.schema == "mds-infra/plan/v2"' json >/dev/null
test_cmp o/plan.json json
for c in minio minio-config dremio airflow flink monitoring; do test -f o/$c.tfplan; done
xmllint --noout o/plan.xml
test "$(xmllint --xpath 'count(//testcase)' o/plan.xml)" = 6
contains o/plan.md "| flink | changes | 0 | 0 | 0 | 0 |"
test "$(jq -r .commit o/manifest.json)" = "$(git -C repo rev-parse HEAD)"
test "$(jq -r '.rendered_files | length' o/manifest.json)" = 8
EOS

test_case "sensitive values never reach the screen, logs or reports" <<'EOS'
fx_plan minio creates.json
mds -C repo plan dev --json --out "$PWD/o" >json 2>err
grep -c hunter2 "$FAKE_TG_DIR/minio.json" >/dev/null
test -d o
never grep -r hunter2 json err o
EOS

test_case "a failed component is a JUnit failure with its output" <<'EOS'
fx dremio fail "helm: release <failed> & \"stopped\""
must_fail 1 mds -C repo plan dev --out "$PWD/o" >out 2>err
xmllint --noout o/plan.xml
test "$(xmllint --xpath 'count(//testcase/failure)' o/plan.xml)" = 1
test "$(xmllint --xpath 'count(//testcase/skipped)' o/plan.xml)" = 0
contains o/plan.xml 'helm: release &lt;failed&gt; &amp; &quot;stopped&quot;'
xmllint --noout --schema "$SCHEMAS/junit-10.xsd" o/plan.xml
rm "$FAKE_TG_DIR/dremio.fail"
EOS

test_case "an invalid show -json fails that component with a clear error" <<'EOS'
printf '{"format_version": "1.2", "resource_changes": [' >"$FAKE_TG_DIR/flink.json"
must_fail 1 mds -C repo plan dev >out 2>err
contains err "[flink] failed: flink: terragrunt show -json: truncated JSON at byte"
printf '{"format_version": "3.0"}' >"$FAKE_TG_DIR/flink.json"
must_fail 1 mds -C repo plan dev >out 2>err
contains err "unsupported plan format_version '3.0'"
rm "$FAKE_TG_DIR/flink.json"
EOS

test_case "policy: destroys and replaces in prod are violations, by address" <<'EOS'
rm -f "$FAKE_TG_DIR"/*
fx_plan airflow replaces.json
PJ=repo/.mds/plans/prod/plan.json
must_fail 1 mds -C repo plan prod >out 2>err
contains err "plan policy violated (built-in default)"
contains err "airflow minio_bucket.landing: would be replaced in protected environment 'prod' [deny_destroy]"
contains err "airflow minio_bucket.gone: would be destroyed"
test "$(pj '.policy_violations | length')" = 3
mds -C repo plan dev >out 2>err
EOS

test_case "policy: allow_destroy globs, per component" <<'EOS'
mkdir -p repo/policies
cat >repo/policies/plan.yaml <<'EOF2'
version: 1
protected:
  deny_destroy: true
  allow_destroy: ["minio_bucket.*", "airflow:helm_release.flink"]
EOF2
PJ=repo/.mds/plans/prod/plan.json
mds -C repo plan prod >out 2>err
test "$(pj '.policy_violations | length')" = 0
printf 'version: 1\nprotected: {deny_destroy: maybe}\n' >repo/policies/plan.yaml
must_fail 2 mds -C repo plan prod 2>err
contains err "plan.yaml:2:"
printf 'version: 1\nprotectd: {}\n' >repo/policies/plan.yaml
must_fail 2 mds -C repo plan prod 2>err
contains err "unknown key 'protectd'"
rm -r repo/policies
EOS

test_case "policy: a plan against mock outputs cannot go to prod" <<'EOS'
rm -f "$FAKE_TG_DIR"/*
fx_plan dremio mock.json
cat >"$FAKE_TG_DIR/minio.json" <<'EOF2'
{"format_version": "1.2", "resource_changes": [],
 "output_changes": {"endpoint": {"actions": ["create"], "after_unknown": true}}}
EOF2
PJ=repo/.mds/plans/prod/plan.json
must_fail 1 mds -C repo plan prod >out 2>err
test "$(pj '.components[] | select(.name == "airflow") | .used_mock_outputs')" = true
contains err "airflow: cannot be applied in protected environment 'prod': dependency 'minio' has unapplied output changes"
test "$(pj '.components[] | select(.name == "flink") | .used_mock_outputs')" = false
sed -i 's/mds-mock-minio-endpoint/mock-access-key/' "$FAKE_TG_DIR/dremio.json"
must_fail 1 mds -C repo plan prod >out 2>err
contains err "dremio: cannot be applied in protected environment 'prod': planned values contain mock outputs"
mds -C repo plan dev >out 2>err
test "$(pj '.components[] | select(.name == "dremio") | .used_mock_outputs')" = true
EOS

test_done
