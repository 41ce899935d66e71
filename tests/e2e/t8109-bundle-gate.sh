#!/usr/bin/env bash
# bundle --gate FILE: the verdict goes into the bundle that apply trusts,
# so it must be what `gate -o json:FILE` writes: a missing file, JSON that
# does not parse (FILE:LINE:COL) or another document are usage errors
# (exit 2) that write no bundle; gate.json in the plan directory too.
. "$(dirname "$0")/lib.sh"
. "$SOURCE_DIR/tests/e2e/planlib.sh"

plan_repo repo
fx_plan minio creates.json
mds -C repo plan dev >/dev/null 2>&1

test_case "a missing, broken or foreign --gate file is refused" <<'EOS'
must_fail 2 mds -C repo bundle dev --gate "$TRASH/none.json" -o "$TRASH/b.tgz" 2>err
contains err "cannot open '$TRASH/none.json': no such file (write it with 'mds-infra gate ... -o json:"
lacks err "mds-infra plan"
printf '{"schema": "mds-infra/gate/v1",\n  "verdict": \n' >bad.json
must_fail 2 mds -C repo bundle dev --gate "$TRASH/bad.json" -o "$TRASH/b.tgz" 2>err
contains err "$TRASH/bad.json:3:1: "
cp repo/.mds/plans/dev/plan.json plan.json
must_fail 2 mds -C repo bundle dev --gate "$TRASH/plan.json" -o "$TRASH/b.tgz" 2>err
contains err "not a gate verdict (schema mds-infra/plan/v2, want mds-infra/gate/v1"
test ! -e b.tgz
EOS

test_case "a real verdict goes in; a broken gate.json beside the plans does not" <<'EOS'
mds gate -r "$FIXTURES/reports/checkov.json" -o json:gate.json >/dev/null 2>&1 || test $? = 1
test -s gate.json
mds -C repo bundle dev --gate "$TRASH/gate.json" -o "$TRASH/b.tgz" 2>/dev/null
tar tzf b.tgz | grep -q gate.json
echo '[]' >repo/.mds/plans/dev/gate.json
must_fail 2 mds -C repo bundle dev -o "$TRASH/c.tgz" 2>err
contains err "repo/.mds/plans/dev/gate.json: not a gate verdict (schema missing"
test ! -e c.tgz
EOS

test_done
