#!/usr/bin/env bash
# apply: exactly the saved plans, in order; refusals (no plan, moved
# commit, changed stack or rendered files, tampered plan file, incomplete
# plan, policy), "Saved plan is stale" as re-plan needed, protected
# environments need --approve, the lock.
. "$(dirname "$0")/lib.sh"
. "$SOURCE_DIR/tests/e2e/planlib.sh"

plan_repo repo
fx_plan minio creates.json
fx_plan dremio updates.json
fx_plan flink updates.json

test_case "no saved plan: refused" <<'EOS'
must_fail 1 mds -C repo apply dev 2>err
contains err "no saved plan for 'dev'"
contains err "run 'mds-infra plan dev' first"
EOS

test_case "applies the components with changes, dependencies first" <<'EOS'
mds -C repo plan dev >out 2>err
rm -f "$FAKE_TG_LOG"
mds -C repo apply dev >out 2>err
contains out "minio                    applied        2      0       0      0"
contains out "dremio                   applied        0      2       0      0"
contains out "total                                   2      4       0      0"
test "$(line_of start airflow apply)" = 0
a=$(line_of end minio apply); b=$(line_of start dremio apply)
test "$a" -lt "$b"
grep -q "^start flink apply" "$FAKE_TG_LOG"
test ! -e repo/.mds/locks/dev.lock
EOS

test_case "a new commit since the plan: refused" <<'EOS'
mds -C repo plan dev >out 2>err
git -C repo -c user.email=t@example.com -c user.name=t commit -q --allow-empty -m later
must_fail 1 mds -C repo apply dev 2>err
contains err "refusing to apply 'dev'"
contains err "planned at commit"
contains err "fix: mds-infra plan dev"
EOS

test_case "a changed rendered file or stack file since the plan: refused" <<'EOS'
mds -C repo plan dev >out 2>err
sed -i 's/retention: 2d/retention: 5d/' repo/stack.yaml
mds -C repo render dev >/dev/null 2>&1
must_fail 1 mds -C repo apply dev 2>err
contains err "the stack file changed since the plan"
contains err "terragrunt/dev/monitoring/terragrunt.hcl changed since the plan"
git -C repo checkout -q stack.yaml terragrunt
EOS

test_case "a stale rendered tree: refused before anything" <<'EOS'
mds -C repo plan dev >out 2>err
echo "# edited" >>repo/terragrunt/dev/flink/terragrunt.hcl
must_fail 1 mds -C repo apply dev 2>err
contains err "stale"
git -C repo checkout -q terragrunt
EOS

test_case "a missing or modified plan file: refused" <<'EOS'
mds -C repo plan dev >out 2>err
rm repo/.mds/plans/dev/dremio.tfplan
must_fail 1 mds -C repo apply dev 2>err
contains err "plan file $PWD/repo/.mds/plans/dev/dremio.tfplan of 'dremio' is missing"
mds -C repo plan dev >out 2>err
echo tampered >>repo/.mds/plans/dev/minio.tfplan
must_fail 1 mds -C repo apply dev 2>err
contains err "of 'minio' was modified after planning"
EOS

test_case "an incomplete plan: refused" <<'EOS'
fx monitoring fail "boom"
must_fail 1 mds -C repo plan dev >out 2>err
rm "$FAKE_TG_DIR/monitoring.fail"
must_fail 1 mds -C repo apply dev 2>err
contains err "'monitoring' was not planned (failed)"
EOS

test_case "Saved plan is stale: re-plan needed, not a crash" <<'EOS'
mds -C repo plan dev >out 2>err
fx dremio apply stale
must_fail 1 mds -C repo apply dev >out 2>err
contains err "[dremio] failed: re-plan needed: the saved plan is stale"
contains err "re-plan needed: 1 saved plan is stale"
contains out "minio                    applied"
rm "$FAKE_TG_DIR/dremio.apply"
EOS

test_case "a failed apply skips its dependents" <<'EOS'
mds -C repo plan dev >out 2>err
fx minio apply fail
must_fail 1 mds -C repo apply dev >out 2>err
contains out "dremio                   skipped"
contains out "flink                    applied"
contains err "connection refused"
rm "$FAKE_TG_DIR/minio.apply"
EOS

test_case "prod needs --approve (no terminal); a policy-violating plan never applies" <<'EOS'
PJ=repo/.mds/plans/prod/plan.json
mds -C repo plan prod >out 2>err
rm -f "$FAKE_TG_LOG"
must_fail 1 mds -C repo apply prod </dev/null 2>err
contains err "'prod' is protected: refusing to apply without --approve"
test ! -e "$FAKE_TG_LOG"
mds -C repo apply prod --approve >out 2>err
contains out "minio                    applied"
fx_plan airflow deletes.json
must_fail 1 mds -C repo plan prod >out 2>err
must_fail 1 mds -C repo apply prod --approve 2>err
contains err "the plan violated the plan policy (2 violations)"
rm "$FAKE_TG_DIR/airflow.json"
EOS

test_case "prod on a terminal: typing the environment's name confirms" <<'EOS'
mds -C repo plan prod >out 2>err
rm -f "$FAKE_TG_LOG"
(sleep 0.5; printf 'prod\n') | script -qec "$MDS_INFRA -C repo apply prod" /dev/null >tty.out
contains tty.out "Type 'prod' to confirm"
contains tty.out "minio                    applied"
mds -C repo plan prod >out 2>err
rm -f "$FAKE_TG_LOG"
# script -e gives the command's exit code: 1, refused
rc=0; (sleep 0.5; printf 'dev\n') | script -qec "$MDS_INFRA -C repo apply prod" /dev/null >tty.out || rc=$?
test "$rc" = 1
contains tty.out "not confirmed; nothing applied"
test ! -e "$FAKE_TG_LOG"
EOS

test_case "the lock stops a second apply; a stale lock is taken over" <<'EOS'
mds -C repo plan dev >out 2>err
mkdir -p repo/.mds/locks
printf 'pid=%s\nhost=%s\ntime=2026-01-01T00:00:00Z\n' $$ "$(hostname)" >repo/.mds/locks/dev.lock
must_fail 1 mds -C repo apply dev 2>err
contains err "environment 'dev' is locked by pid $$ on $(hostname) since 2026-01-01T00:00:00Z"
test -e repo/.mds/locks/dev.lock
printf 'pid=999999\nhost=%s\ntime=2026-01-01T00:00:00Z\n' "$(hostname)" >repo/.mds/locks/dev.lock
mds -C repo apply dev >out 2>err
contains err "removed a stale lock of 'dev' (held by pid 999999"
test ! -e repo/.mds/locks/dev.lock
EOS

test_case "the lock is held while applying" <<'EOS'
mds -C repo plan dev >out 2>err
fx minio sleep 1
"$MDS_INFRA" -C repo apply dev >out1 2>err1 &
pid=$!
for i in $(seq 50); do test -e repo/.mds/locks/dev.lock && break; sleep 0.05; done
contains repo/.mds/locks/dev.lock "pid=$pid"
must_fail 1 mds -C repo apply dev 2>err
contains err "is locked by pid $pid"
must_fail 1 mds -C repo plan dev 2>err
contains err "is locked by pid $pid"
wait $pid
test ! -e repo/.mds/locks/dev.lock
rm "$FAKE_TG_DIR/minio.sleep"
EOS

test_done
