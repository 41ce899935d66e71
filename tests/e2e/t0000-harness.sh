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

cat >never.sh <<INNER
. "$TEST_DIR/lib.sh"
test_case "never on a failing command goes on" <<'EOS'
never false
echo reached >"\$OLDPWD/reached-never"
EOS
test_case "never on a succeeding command fails" <<'EOS'
never true
echo reached >"\$OLDPWD/reached-too-far"
EOS
test_done
INNER

test_case "failures are counted, successes too" <<'EOS'
rm -f reached
must_fail 1 bash inner.sh >out 2>&1
grep -qx "not ok 1 - a failure before a success" out
grep -qx "ok 2 - must_fail on the right code goes on" out
grep -qx "not ok 3 - must_fail on the wrong code fails" out
contains out "1 passed, 2 failed"
test "$(cat reached)" = reached
EOS

test_case "never fails the case when its command succeeds" <<'EOS'
rm -f reached-never reached-too-far
must_fail 1 bash never.sh >out 2>&1
grep -qx "ok 1 - never on a failing command goes on" out
grep -qx "not ok 2 - never on a succeeding command fails" out
contains out "error: 'true' succeeded, expected it to fail"
test "$(cat reached-never)" = reached
test ! -e reached-too-far
EOS

test_done
