#!/usr/bin/env bash
# The harness itself: a case fails at its first failing command, and
# must_fail checks the exit code without ending the case.
. "$(dirname "$0")/lib.sh"

cat >inner.sh <<INNER
. "$TEST_DIR/lib.sh"
test_case "a failure before a success" <<'EOS'
false
true
EOS
test_case "must_fail on the right code goes on" <<'EOS'
must_fail 3 sh -c 'exit 3'
echo reached >"\$OLDPWD/reached"
EOS
test_case "must_fail on the wrong code fails" <<'EOS'
must_fail 3 true
EOS
test_done
INNER

test_case "failures are counted, successes too" <<'EOS'
! bash inner.sh >out 2>&1
contains out "not ok 1 - a failure before a success"
contains out "ok 2 - must_fail on the right code goes on"
contains out "not ok 3 - must_fail on the wrong code fails"
contains out "1 passed, 2 failed"
EOS

test_done
