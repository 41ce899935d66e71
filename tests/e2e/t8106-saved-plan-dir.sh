#!/usr/bin/env bash
# apply and bundle read saved plans: a --plan DIR that does not exist (a
# typo) is refused as "no saved plan" (exit 1) and is not created, nor is
# the default .mds/plans/ENV when nothing was planned.
. "$(dirname "$0")/lib.sh"
. "$SOURCE_DIR/tests/e2e/planlib.sh"

plan_repo repo

test_case "apply --plan DIR that does not exist" <<'EOS'
must_fail 1 mds -C repo apply dev --plan "$TRASH/typo/plans" 2>err
contains err "no saved plan for 'dev' in $TRASH/typo/plans (no such directory); run 'mds-infra plan dev --out $TRASH/typo/plans' first"
test ! -e typo
test ! -e "$FAKE_TG_LOG"
EOS

test_case "bundle --plan DIR that does not exist" <<'EOS'
must_fail 1 mds -C repo bundle dev --plan typo -o b.tgz 2>err
contains err "no saved plan for 'dev' in $TRASH/repo/typo (no such directory)"
contains err "run 'mds-infra plan dev --out typo' first"
test ! -e repo/typo
test ! -e b.tgz
EOS

test_case "nothing planned: the default directory is not made" <<'EOS'
must_fail 1 mds -C repo apply dev 2>err
contains err "no saved plan for 'dev' in $TRASH/repo/.mds/plans/dev"
contains err "run 'mds-infra plan dev' first"
test ! -e repo/.mds/plans
must_fail 1 mds -C repo bundle dev -o b.tgz 2>err
contains err "no saved plan for 'dev'"
test ! -e repo/.mds/plans
EOS

test_done
