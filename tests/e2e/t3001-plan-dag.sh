#!/usr/bin/env bash
# plan: dependency order, the -j limit, a failure skips only its
# dependents, --fail-fast, --component/--changed selection, refusals.
. "$(dirname "$0")/lib.sh"
. "$SOURCE_DIR/tests/e2e/planlib.sh"

plan_repo repo

test_case "dependencies finish before dependents start; -j 2 respected" <<'EOS'
for c in minio minio-config dremio airflow flink monitoring; do fx $c sleep 0.2; done
mds -C repo plan dev -j 2 >out 2>err
before minio minio-config
before minio-config dremio
before minio airflow
test "$(max_parallel)" = 2
contains out "minio-config             no_changes"
test "$(pj '.components | length')" = 6
EOS

test_case "-j 1 runs one component at a time" <<'EOS'
rm -f "$FAKE_TG_LOG"
mds -C repo plan dev -j 1 >out 2>err
test "$(max_parallel)" = 1
EOS

test_case "-j 4 uses four workers when four are ready" <<'EOS'
rm -f "$FAKE_TG_LOG" "$FAKE_TG_DIR"/*
for c in minio minio-config dremio airflow flink monitoring; do fx $c sleep 0.4; done
mds -C repo plan dev -j 4 >out 2>err
test "$(max_parallel)" -ge 3
test "$(max_parallel)" -le 4
EOS

test_case "a failure skips its dependents only; the rest is planned" <<'EOS'
rm -f "$FAKE_TG_LOG" "$FAKE_TG_DIR"/*
fx minio-config fail "creating bucket policy: access denied"
fx_plan flink creates.json
must_fail 1 mds -C repo plan dev -j 3 >out 2>err
test "$(pj '.components[] | select(.name == "minio-config") | .status')" = failed
test "$(pj '.components[] | select(.name == "dremio") | .status')" = skipped
test "$(pj '.components[] | select(.name == "dremio") | .reason')" = "dependency 'minio-config' failed"
test "$(pj '.components[] | select(.name == "airflow") | .status')" = no_changes
test "$(pj '.components[] | select(.name == "flink") | .status')" = changes
test "$(line_of start dremio plan)" = 0
contains err "--- minio-config failed: terragrunt plan exited 1"
contains err "Error: creating bucket policy: access denied"
contains err "full log: $PWD/repo/.mds/plans/dev/logs/minio-config.log"
contains err "[dremio] skipped: dependency 'minio-config' failed"
contains repo/.mds/plans/dev/logs/minio-config.log "access denied"
EOS

test_case "--fail-fast stops everything at the first failure" <<'EOS'
rm -f "$FAKE_TG_LOG" "$FAKE_TG_DIR"/*
fx minio fail "boom"
fx minio after flink	# fails once flink runs (its SIGINT trap set)
fx flink sleep 5
must_fail 1 mds -C repo plan dev -j 2 --fail-fast >out 2>err
test "$(pj '.components[] | select(.name == "flink") | .status')" = failed
test "$(pj '.components[] | select(.name == "flink") | .reason')" = "terragrunt plan interrupted"
test "$(line_of interrupted flink plan)" != 0
test "$(line_of start monitoring plan)" = 0
test "$(pj '.components[] | select(.name == "monitoring") | .status')" = skipped
EOS

test_case "--component plans only the named components" <<'EOS'
rm -f "$FAKE_TG_LOG" "$FAKE_TG_DIR"/*
mds -C repo plan dev --component dremio -c flink >out 2>err
test "$(pj '[.components[].name] | join(",")')" = "dremio,flink"
test "$(line_of start minio plan)" = 0
must_fail 2 mds -C repo plan dev --component dremi 2>err
contains err "unknown component 'dremi' (did you mean 'dremio'?)"
EOS

test_case "--changed selects changed modules plus their dependents" <<'EOS'
rm -f "$FAKE_TG_LOG"
echo '# touched' >>repo/modules/minio-config/main.tf
mds -C repo plan dev --changed >out 2>err
test "$(pj '[.components[].name] | join(",")')" = "minio-config,dremio"
git -C repo -c user.email=t@example.com -c user.name=t commit -qam "touch minio-config"
mds -C repo plan dev --changed HEAD~1 >out 2>err
test "$(pj '[.components[].name] | join(",")')" = "minio-config,dremio"
mds -C repo plan dev --changed=HEAD >out 2>err
test "$(pj '.components | length')" = 0
must_fail 2 mds -C repo plan dev --changed=nosuchrev 2>err
contains err "nosuchrev"
EOS

test_case "a stale rendered tree is refused with the fix command" <<'EOS'
cp repo/stack.yaml stack.orig
sed -i 's/retention: 2d/retention: 9d/' repo/stack.yaml
must_fail 1 mds -C repo plan dev 2>err
contains err "the rendered tree of 'dev' is stale"
contains err "fix: mds-infra render dev"
cp stack.orig repo/stack.yaml
EOS

test_case "TF_CLI_ARGS* are removed from the environment, with a warning" <<'EOS'
TF_CLI_ARGS=-lock=false TF_CLI_ARGS_plan=-refresh=false TF_INPUT=1 \
	mds -C repo plan dev >out 2>err
grep -q "ignoring TF_CLI_ARGS.*, TF_CLI_ARGS_plan from the environment\|ignoring TF_CLI_ARGS_plan, TF_CLI_ARGS from the environment" err
test "$(pj '[.components[] | select(.status == "failed")] | length')" = 0
EOS

test_case "a relative MDS_TERRAGRUNT works from the component directories" <<'EOS'
cp "$MDS_TERRAGRUNT" ./tg
(cd repo && MDS_TERRAGRUNT=../tg "$MDS_INFRA" plan dev >../out 2>../err)
test "$(pj '[.components[] | select(.status == "no_changes")] | length')" = 6
EOS

test_case "terragrunt missing is exit 3; unknown environment exit 2" <<'EOS'
MDS_TERRAGRUNT=/nonexistent/terragrunt must_fail 3 mds -C repo plan dev 2>err
contains err "not found"
must_fail 2 mds -C repo plan qa 2>err
contains err "unknown environment 'qa' (the stack defines: dev, prod)"
must_fail 2 mds -C repo plan 2>err
EOS

test_done
