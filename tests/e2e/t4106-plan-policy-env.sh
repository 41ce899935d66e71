#!/usr/bin/env bash
# plan policy: an `environments:` name the stack does not have is an error
# with "did you mean" (a typo would leave the real environment unprotected),
# before anything runs.
. "$(dirname "$0")/lib.sh"
. "$SOURCE_DIR/tests/e2e/planlib.sh"

plan_repo repo
fx_plan minio creates.json

test_case "a typo in the protected environments: exit 2, did you mean" <<'EOS'
mkdir -p repo/policies
printf 'version: 1\nenvironments: [prdo]\n' >repo/policies/plan.yaml
must_fail 2 mds -C repo plan dev 2>err
contains err "environments: unknown environment 'prdo' (did you mean 'prod'?)"
test ! -s "$FAKE_TG_LOG"
printf 'version: 1\nenvironments: [prod]\n' >repo/policies/plan.yaml
mds -C repo plan dev >out 2>err
EOS

test_done
