#!/usr/bin/env bash
# apply: a protected environment shows the components and their counts
# before asking; an applied plan is marked and refused the second time with
# the command that makes a new one; --json follows its documented schema;
# Ctrl-C exits 130.
. "$(dirname "$0")/lib.sh"
. "$SOURCE_DIR/tests/e2e/planlib.sh"

plan_repo repo
fx_plan minio creates.json
fx_plan dremio updates.json
fx_plan airflow replaces.json

allow_replace() {
	mkdir -p repo/policies
	printf 'version: 1\nprotected:\n  deny_destroy: true\n  allow_destroy: ["airflow:*"]\n' >repo/policies/plan.yaml
}

test_case "protected: the components and their counts come before the question" <<'EOS'
allow_replace
mds -C repo plan prod >out 2>err
(sleep 0.5; printf 'prod\n') | script -qec "$MDS_INFRA -C repo apply prod" /dev/null >tty.out
contains tty.out "'prod' is protected. Apply these 3 components:"
contains tty.out "  minio                    2 to add, 0 to change, 0 to destroy"
contains tty.out "  dremio                   0 to add, 2 to change, 0 to destroy"
contains tty.out "  airflow                  3 to add, 0 to change, 3 to destroy"
contains tty.out "Type 'prod' to confirm"
# the list comes before the prompt
test "$(grep -n 'airflow  ' tty.out | head -1 | cut -d: -f1)" -lt "$(grep -n "Type 'prod'" tty.out | cut -d: -f1)"
mds -C repo plan prod >out 2>err
must_fail 1 mds -C repo apply prod </dev/null 2>err
contains err "refusing to apply without --approve"
contains err "  airflow                  3 to add, 0 to change, 3 to destroy"
EOS

test_case "an applied plan is refused the second time, with the fix" <<'EOS'
mds -C repo plan dev >out 2>err
mds -C repo apply dev >out 2>err
test -f repo/.mds/plans/dev/applied.json
test "$(jq -r .schema repo/.mds/plans/dev/applied.json)" = "mds-infra/applied/v1"
rm -f "$FAKE_TG_LOG"
must_fail 1 mds -C repo apply dev >out 2>err
contains err "the plans in $PWD/repo/.mds/plans/dev were already applied at "
contains err "fix: mds-infra plan dev (then apply again)"
test ! -e "$FAKE_TG_LOG"
mds -C repo plan dev >out 2>err
test ! -e repo/.mds/plans/dev/applied.json
mds -C repo apply dev >out 2>err
EOS

test_case "--json: the documented schema, on success, failure and refusal" <<'EOS'
validate() {
	python3 -c '
import json, sys, jsonschema
jsonschema.validate(json.load(open(sys.argv[2])), json.load(open(sys.argv[1])))
' "$SOURCE_DIR/docs/schemas/apply-v1.schema.json" "$1"
}
mds -C repo plan dev >out 2>err
mds -C repo apply dev --json >json 2>err
validate json
test "$(jq -r '.schema, .result, .exit_code' json | paste -sd' ')" = "mds-infra/apply/v1 applied 0"
test "$(jq -r '.components[] | select(.name == "airflow") | "\(.status) \(.add) \(.destroy) \(.wave)"' json)" = "applied 3 3 1"
contains err "verdict: APPLIED: 3 components"
must_fail 1 mds -C repo apply dev --json >json 2>err
validate json
test "$(jq -r .result json)" = refused
mds -C repo plan dev >out 2>err
fx minio apply fail
must_fail 1 mds -C repo apply dev --json >json 2>err
validate json
test "$(jq -r .result json)" = failed
test "$(jq -r '.components[] | select(.name == "minio") | .status' json)" = failed
test "$(jq -r '.components[] | select(.name == "airflow") | .reason' json)" = "dependency 'minio' failed"
rm "$FAKE_TG_DIR/minio.apply"
EOS

test_case "Ctrl-C during apply exits 130; nothing is left running" <<'EOS'
mds -C repo plan dev >out 2>err
fx minio sleep 7.41
"$MDS_INFRA" -C repo apply dev >out 2>err &
pid=$!
for i in $(seq 100); do pgrep -f "sleep 7.41" >/dev/null && break; sleep 0.05; done
sleep 0.2
kill -INT $pid
code=0; wait $pid || code=$?
test "$code" = 130
contains err "apply of 'dev' interrupted"
never pgrep -f "sleep 7.41"
rm "$FAKE_TG_DIR/minio.sleep"
EOS

test_case "exit codes: 4 for changes never means a usage error (2)" <<'EOS'
must_fail 4 mds -C repo plan dev --detailed-exitcode >out 2>err
must_fail 2 mds -C repo plan dev --detailed-exitcode --no-such-option >out 2>err
must_fail 2 mds -C repo plan >out 2>err
EOS

test_done
