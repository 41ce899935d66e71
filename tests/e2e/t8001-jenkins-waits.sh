#!/usr/bin/env bash
# Waits are never silent: a heartbeat on a terminal while a stage prints
# nothing (stderr only, the log on stdout stays byte for byte), none
# without a terminal; Ctrl-C ends every jenkins verb with 130.
. "$(dirname "$0")/lib.sh"
. "$SOURCE_DIR/tests/fake_jenkins/lib.sh"

on_tty() {	# on_tty CMD: runs CMD on a pty (util-linux script)
	script -qec "exec $*" /dev/null </dev/null
}

jcase "a silent stage gets a heartbeat on a terminal" <<'EOS'
start_fake
rc=0
on_tty "$MDS_INFRA" jenkins build quiet --follow >tty.out 2>&1 || rc=$?
test "$rc" = 0 || { echo "exit $rc"; false; }
contains tty.out "quiet #1 still running (stage 'Migrate'); no output for"
contains tty.out "quiet #1: SUCCESS"
n=$(grep -c "still running" tty.out)
test "$n" -ge 1 && test "$n" -le 3
EOS

jcase "no heartbeat without a terminal, nor under -q; the log stays exact" <<'EOS'
start_fake
mds jenkins build quiet --follow >out 2>err
lacks err "still running"
same_log quiet 1 out
lacks out "still running"
rc=0
on_tty "$MDS_INFRA" -q jenkins log quiet 1 --follow >tty.out 2>&1 || rc=$?
test "$rc" = 0
lacks tty.out "still running"
EOS

jcase "Ctrl-C during a slow request: 130 for log, status, stop and input" <<'EOS'
start_fake --fault slow=1:3
for verb in "log platform/mds-infra/main 1" "status simple" "stop simple 1" \
	    "input platform/mds-infra/main 1 --proceed"; do
	# The binary itself, not the mds function's subshell, must get SIGINT.
	"$MDS_INFRA" jenkins $verb >out 2>err &
	pid=$!
	# Until it has its handler (a background job starts with SIGINT
	# ignored), a SIGINT does nothing; the slow request takes 3 s.
	for i in $(seq 10); do
		sleep 0.2
		kill -INT $pid 2>/dev/null || break
	done
	rc=0; wait $pid || rc=$?
	test "$rc" = 130 || { echo "jenkins $verb: exit $rc"; cat err; false; }
	contains err "interrupted"
done
EOS

test_done
