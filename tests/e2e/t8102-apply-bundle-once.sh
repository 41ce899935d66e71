#!/usr/bin/env bash
# A plan is applied once, also through a bundle: apply --bundle extracts
# into a fresh folder every time, so the mark must outlive it.  The same
# bundle applied twice, or its plans applied once by bundle and once from
# the plan directory (either order), run terragrunt apply only once; a
# new plan may be applied again.
. "$(dirname "$0")/lib.sh"
. "$SOURCE_DIR/tests/e2e/planlib.sh"

plan_repo repo
fx_plan minio creates.json
mds -C repo plan dev >/dev/null 2>&1
mds -C repo bundle dev -o "$TRASH/b.tgz" 2>/dev/null

applies() { grep -c "^start .* apply " "$FAKE_TG_LOG" || true; }

test_case "the same bundle is applied once" <<'EOS'
rm -f "$FAKE_TG_LOG"
mds -C repo apply dev --bundle "$TRASH/b.tgz" >/dev/null 2>&1
test "$(applies)" = 1
must_fail 1 mds -C repo apply dev --bundle "$TRASH/b.tgz" >out 2>err
contains err "the plans of bundle $TRASH/b.tgz were already applied at "
contains err "fix: mds-infra plan dev && mds-infra bundle dev -o FILE"
lacks err ".mds/tmp"
test "$(applies)" = 1
test -z "$(find repo/.mds/tmp -type f 2>/dev/null)"
EOS

test_case "a plan applied by bundle is refused from its directory" <<'EOS'
must_fail 1 mds -C repo apply dev 2>err
contains err "were already applied at "
contains err "fix: mds-infra plan dev (then apply again)"
test "$(applies)" = 1
EOS

test_case "a new plan applies again; then its bundle is refused" <<'EOS'
mds -C repo plan dev >/dev/null 2>&1
mds -C repo bundle dev -o "$TRASH/b2.tgz" 2>/dev/null
mds -C repo apply dev >/dev/null 2>&1
test "$(applies)" = 2
must_fail 1 mds -C repo apply dev --bundle "$TRASH/b2.tgz" 2>err
contains err "were already applied"
test "$(applies)" = 2
EOS

test_done
