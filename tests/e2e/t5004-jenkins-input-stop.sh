#!/usr/bin/env bash
# Input steps (answered while following or from elsewhere), stop, and
# Ctrl-C, which detaches and never aborts the build.
. "$(dirname "$0")/lib.sh"
. "$SOURCE_DIR/tests/fake_jenkins/lib.sh"

# wait_for FILE TEXT: until FILE contains TEXT (at most ~10 s).
wait_for() {
	local i
	for i in $(seq 200); do
		grep -qF -- "$2" "$1" 2>/dev/null && return 0
		sleep 0.05
	done
	echo "error: '$1' never got '$2'" >&2
	return 1
}

jcase "--input proceed answers with the parameters' defaults" <<'EOS'
start_fake
mds jenkins build platform/mds-infra/main -p DEPLOY=true -p LINES=3 --follow --input proceed >out 2>err
same_log platform/mds-infra/main 1 out
contains err "waits for input 'Deploy': Deploy to production?"
contains err "parameter TARGET (default 'prod')"
contains err "stage 'Deploy' SUCCESS"
contains out "Approved by alice"
contains out "deploying to prod"
EOS

jcase "--input abort: the build ends ABORTED, exit 1" <<'EOS'
start_fake
must_fail 1 mds jenkins build platform/mds-infra/main -p DEPLOY=true -p LINES=3 --follow --input abort >out 2>err
same_log platform/mds-infra/main 1 out
contains out "Rejected by alice"
contains err "platform/mds-infra/main #1: ABORTED"
EOS

jcase "without a terminal, ask waits; 'jenkins input --proceed' answers from elsewhere" <<'EOS'
start_fake
mds jenkins build platform/mds-infra/main -p DEPLOY=true -p LINES=3 --follow >out 2>err </dev/null &
pid=$!
wait_for err "answer with 'mds-infra jenkins input platform/mds-infra/main 1 --proceed'"
mds jenkins input platform/mds-infra/main 1 --proceed 2>in.err
contains in.err "input 'Deploy' approved"
wait $pid
same_log platform/mds-infra/main 1 out
contains out "Approved by alice"
must_fail 1 mds jenkins input platform/mds-infra/main 1 --abort 2>none.err
contains none.err "has no pending input"
must_fail 2 mds jenkins input platform/mds-infra/main 1 2>usage.err
contains usage.err "give --proceed or --abort"
EOS

jcase "input already answered by someone else: noted, the build goes on" <<'EOS'
start_fake --fault input-answered
mds jenkins build platform/mds-infra/main -p DEPLOY=true -p LINES=3 --follow --input abort >out 2>err
contains err "This input has been already given"
contains err "platform/mds-infra/main #1: SUCCESS"
EOS

jcase "stop aborts a running build; the follower reports ABORTED" <<'EOS'
start_fake
mds jenkins build platform/mds-infra/main -p LINES=2000 --follow >out 2>err &
pid=$!
wait_for err "#1 started"
mds jenkins stop platform/mds-infra/main 1 2>stop.err
contains stop.err "abort requested"
rc=0; wait $pid || rc=$?
test "$rc" = 1 || { echo "follower exited $rc"; cat err; false; }
contains out "Aborted by alice"
contains err "platform/mds-infra/main #1: ABORTED"
same_log platform/mds-infra/main 1 out
EOS

jcase "Ctrl-C without a terminal detaches (exit 130); the build goes on" <<'EOS'
start_fake
# The binary itself, not the mds function's subshell, must get SIGINT.
"$MDS_INFRA" jenkins build platform/mds-infra/main -p LINES=300 --follow >out 2>err </dev/null &
pid=$!
wait_for out "test 0010 ok"
kill -INT $pid
rc=0; wait $pid || rc=$?
test "$rc" = 130
contains err "detached; platform/mds-infra/main #1 goes on"
lacks err "abort requested"
mds jenkins log platform/mds-infra/main 1 --follow >again 2>err2
same_log platform/mds-infra/main 1 again
contains err2 "#1: SUCCESS"
EOS

test_done
