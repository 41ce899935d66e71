#!/usr/bin/env bash
# Fresh-cluster staging: a component whose plan fails while a dependency of
# the same run has unapplied changes is "blocked: needs DEP applied" (in
# plan.json, the summary, JUnit), not a failure; apply applies what is
# planned; apply --waves also plans what was blocked and applies it, wave
# after wave, and stops when something really fails.  The fake fails a
# plan with the kubernetes provider's CRD-missing error until the
# component named in <comp>.needs has been applied.
. "$(dirname "$0")/lib.sh"
. "$SOURCE_DIR/tests/e2e/planlib.sh"

plan_repo repo

# minio -> minio-config -> dremio; minio -> airflow (tests/fixtures/planstack)
fresh_cluster() {
	rm -f "$FAKE_TG_DIR"/* "$FAKE_TG_LOG"
	for c in minio minio-config dremio airflow; do fx_plan $c creates.json; done
	fx airflow needs "minio Tenant minio.min.io"
	fx dremio needs "minio-config Source dremio.com"
}
status() { pj ".components[] | select(.name == \"$1\") | \"\(.status): \(.reason)\""; }

test_case "plan: blocked, not failed; exit 0, 4 with --detailed-exitcode" <<'EOS'
fresh_cluster
mds -C repo plan dev >out 2>err
test "$(status airflow)" = "blocked: needs minio applied"
test "$(status dremio)" = "blocked: needs minio-config applied"
test "$(status minio)" = "changes: null"
contains err "[airflow] blocked: needs minio applied"
contains err 'API did not recognize GroupVersionKind from manifest (CRD may not be installed)' ||
	contains repo/.mds/plans/dev/logs/airflow.log 'CRD may not be installed'
contains out "airflow                  blocked        -      -       -      -"
test "$(tail -1 out)" = "verdict: CHANGES: 2 of 6 components (4 to add, 0 to change, 0 to destroy); 2 blocked until their dependencies are applied (mds-infra apply dev --waves)"
test "$(xmllint --xpath 'count(//testcase/skipped[starts-with(@message, "blocked: needs")])' repo/.mds/plans/dev/plan.xml)" = 2
test "$(xmllint --xpath 'count(//testcase/failure)' repo/.mds/plans/dev/plan.xml)" = 0
contains repo/.mds/plans/dev/plan.md "<b>airflow</b>: blocked: needs minio applied</summary>"
test "$(grep -c '^Not planned\.$' repo/.mds/plans/dev/plan.md)" = 2
must_fail 4 mds -C repo plan dev --detailed-exitcode >out 2>err
EOS

test_case "the dependents of a blocked component are blocked on it" <<'EOS'
fresh_cluster
rm "$FAKE_TG_DIR/dremio.needs"
fx minio-config needs "minio Policy minio.min.io"
mds -C repo plan dev >out 2>err
test "$(status minio-config)" = "blocked: needs minio applied"
test "$(status dremio)" = "blocked: needs minio-config applied"
test "$(line_of start dremio plan)" = 0
EOS

test_case "a failure with no unapplied dependency is still a failure" <<'EOS'
fresh_cluster
rm "$FAKE_TG_DIR/minio.json"	# minio: no changes, so nothing to wait for
must_fail 1 mds -C repo plan dev >out 2>err
test "$(status airflow)" = "failed: terragrunt plan exited 1"
EOS

test_case "apply without --waves applies what is planned, says what stays" <<'EOS'
fresh_cluster
mds -C repo plan dev >out 2>err
rm -f "$FAKE_TG_LOG"
mds -C repo apply dev >out 2>err
grep -q "^start minio apply" "$FAKE_TG_LOG"
grep -q "^start minio-config apply" "$FAKE_TG_LOG"
test "$(line_of start airflow apply)" = 0
test "$(line_of start airflow plan)" = 0
contains err "2 components stay blocked until the ones applied now are: plan them with 'mds-infra plan dev' (or use apply --waves)"
mds -C repo plan dev >out 2>err
test "$(status airflow)" = "changes: null"
test "$(status dremio)" = "changes: null"
EOS

test_case "apply --waves: apply, plan what was blocked, apply, until all is applied" <<'EOS'
fresh_cluster
mds -C repo plan dev >out 2>err
rm -f "$FAKE_TG_LOG"
mds -C repo apply dev --waves >out 2>err
a=$(line_of end minio apply); b=$(line_of start airflow plan); c=$(line_of start airflow apply)
test "$a" -gt 0 && test "$a" -lt "$b" && test "$b" -lt "$c"
a=$(line_of end minio-config apply); b=$(line_of start dremio plan)
test "$a" -lt "$b"
test "$(line_of start dremio apply)" -gt 0
test "$(grep -c '^start minio apply' "$FAKE_TG_LOG")" = 1
contains err "wave 1: applying 2 components"
contains err "wave 2: planning 2 blocked components"
contains err "wave 2: applying 2 components"
test "$(grep -c '^verdict: APPLIED' out)" = 2
test "$(tail -1 out)" = "verdict: APPLIED: 2 components (4 added, 0 changed, 0 destroyed, 0 imported)"
test "$(jq -r '.components | sort | join(",")' repo/.mds/plans/dev/applied.json)" = "airflow,dremio"
EOS

test_case "apply --waves stops at a real failure in a later wave" <<'EOS'
fresh_cluster
# dremio needs something outside its dependencies: once minio-config is
# applied, its plan still fails, and nothing of this run waits any more
fx dremio needs "flink FlinkDeployment flink.apache.org"
mds -C repo plan dev >out 2>err
test "$(status dremio)" = "blocked: needs minio-config applied"
must_fail 1 mds -C repo apply dev --waves >out 2>err
contains err "[dremio] failed: terragrunt plan exited 1"
contains err "wave 2: the plan of the blocked components failed; nothing more applied"
test "$(line_of start dremio apply)" = 0
test "$(line_of start airflow apply)" = 0
EOS

test_case "apply --waves re-plans what was planned against mock outputs" <<'EOS'
fresh_cluster
rm "$FAKE_TG_DIR/airflow.needs" "$FAKE_TG_DIR/dremio.needs"
# minio creates its endpoint output: airflow's plan saw a mock of it
jq '.output_changes = {"endpoint": {"actions": ["create"], "after_unknown": true}}' \
	"$FIXTURES/plans/creates.json" >"$FAKE_TG_DIR/minio.json"
mds -C repo plan dev >out 2>err
test "$(pj '.components[] | select(.name == "airflow") | .used_mock_outputs')" = true
rm -f "$FAKE_TG_LOG"
mds -C repo apply dev --waves >out 2>err
test "$(grep -c '^start airflow apply' "$FAKE_TG_LOG")" = 1
test "$(line_of start airflow plan)" -gt "$(line_of end minio apply)"
test "$(line_of start airflow apply)" -gt "$(line_of start airflow plan)"
EOS

test_done
