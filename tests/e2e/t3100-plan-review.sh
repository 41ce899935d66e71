#!/usr/bin/env bash
# plan: reviewable plans.  Per component, the resource addresses and their
# action in plan.json (schema v2) and plan.md (one <details> per component
# under an updatable-comment marker); moves, forgets and refresh-only drift
# are changes as Terraform's Changes.Empty() sees them; the text summary
# ends with one verdict line.
. "$(dirname "$0")/lib.sh"
. "$SOURCE_DIR/tests/e2e/planlib.sh"

plan_repo repo
MD=repo/.mds/plans/dev/plan.md

res() {	# res COMP -> "action address [previous]" per resource
	pj ".components[] | select(.name == \"$1\") | .resources[] | \"\(.action) \(.address)\(if .previous_address then \" \" + .previous_address else \"\" end)\""
}

test_case "plan.json lists each component's resources with their action" <<'EOS'
fx_plan minio creates.json
fx_plan airflow replaces.json
fx_plan flink imports.json
fx_plan monitoring moves.json
fx_plan dremio forgets.json
mds -C repo plan dev >out 2>err
test "$(pj .schema)" = "mds-infra/plan/v2"
res minio >got
printf '%s\n' "create minio_bucket.landing" "create minio_bucket.lakehouse" "read data.minio_policy.p" >want
test_cmp want got
test "$(res monitoring)" = "move minio_bucket.landing_zone minio_bucket.landing
update minio_bucket.raw minio_bucket.bronze"
test "$(res flink)" = "import minio_bucket.imported
update minio_bucket.imported_upd"
test "$(res dremio)" = "forget minio_bucket.legacy
replace minio_bucket.swap"
test "$(pj '.components[] | select(.name == "airflow") | [.resources[] | .action] | unique | join(",")')" = "destroy,forget,replace"
test "$(pj '.components[] | select(.name == "airflow") | .resources[0].actions | join(",")')" = "delete,create"
test "$(pj '.components[] | select(.name == "monitoring") | .move')" = 2
test "$(pj '.components[] | select(.name == "flink") | .resources[0].importing')" = true
test "$(pj '.components[] | select(.name == "minio-config") | .resources | length')" = 0
EOS

test_case "plan.md: a marker, one collapsible block per component with its counts" <<'EOS'
test "$(head -1 "$MD")" = "<!-- mds-infra:plan v2 env=dev -->"
test "$(grep -c '^<details><summary>' "$MD")" = 6
test "$(grep -c '^</details>' "$MD")" = 6
contains "$MD" "<details><summary><b>airflow</b>: changes: 3 to add, 0 to change, 3 to destroy, 2 to forget</summary>"
contains "$MD" "<details><summary><b>monitoring</b>: changes: 0 to add, 1 to change, 0 to destroy, 2 to move</summary>"
contains "$MD" "- \`move\` \`minio_bucket.landing_zone\` from \`minio_bucket.landing\`"
contains "$MD" "- \`update\` \`minio_bucket.raw\` (moved from \`minio_bucket.bronze\`)"
contains "$MD" "- \`replace\` \`minio_bucket.landing\`"
contains "$MD" "- \`update\` \`minio_bucket.imported_upd\` (imported)"
contains "$MD" "<details><summary><b>minio-config</b>: no changes: 0 to add, 0 to change, 0 to destroy</summary>"
never grep -q hunter2 "$MD"
EOS

test_case "the text summary ends with one verdict line" <<'EOS'
test "$(tail -1 out)" = "verdict: CHANGES: 5 of 6 components (6 to add, 2 to change, 3 to destroy, 2 to import, 2 to move)"
rm -f "$FAKE_TG_DIR"/*
mds -C repo plan dev >out 2>err
test "$(tail -1 out)" = "verdict: NO CHANGES: 6 components up to date"
fx flink fail "boom"
must_fail 1 mds -C repo plan dev >out 2>err
test "$(tail -1 out)" = "verdict: FAILED: 1 failed, 0 skipped"
rm "$FAKE_TG_DIR/flink.fail"
EOS

test_case "a plan that only moves is a change (exit 4 with --detailed-exitcode)" <<'EOS'
rm -f "$FAKE_TG_DIR"/*
fx_plan flink move-only.json
fx flink exit 2
must_fail 4 mds -C repo plan dev --detailed-exitcode >out 2>err
test "$(pj '.components[] | select(.name == "flink") | .status')" = changes
test "$(pj '.components[] | select(.name == "flink") | "\(.add) \(.change) \(.destroy) \(.move)"')" = "0 0 0 1"
test "$(pj .changes_present)" = true
contains out "verdict: CHANGES: 1 of 6 components (0 to add, 0 to change, 0 to destroy, 1 to move)"
EOS

test_case "refresh-only drift is a change; drift the configuration accepts is not" <<'EOS'
rm -f "$FAKE_TG_DIR"/*
fx_plan flink refresh-only-drift.json
fx flink exit 0	# the reader decides, not the plan's exit code
must_fail 4 mds -C repo plan dev --detailed-exitcode >out 2>err
test "$(pj '.components[] | select(.name == "flink") | .status')" = changes
test "$(pj '.components[] | select(.name == "flink") | .refresh_only_drift')" = 1
contains repo/.mds/plans/dev/plan.md "1 drifted (refresh-only)"
fx_plan flink drift-ignored.json
mds -C repo plan dev --detailed-exitcode >out 2>err
test "$(pj '.components[] | select(.name == "flink") | .status')" = no_changes
EOS

test_case "plan.json validates against its documented JSON Schema" <<'EOS'
fx_plan airflow replaces.json
fx_plan monitoring moves.json
mds -C repo plan dev >out 2>err
python3 -c '
import json, sys, jsonschema
jsonschema.validate(json.load(open(sys.argv[2])), json.load(open(sys.argv[1])))
' "$SOURCE_DIR/docs/schemas/plan-v2.schema.json" repo/.mds/plans/dev/plan.json
EOS

test_done
