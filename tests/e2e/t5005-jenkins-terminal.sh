#!/usr/bin/env bash
# On a terminal (a pty from util-linux `script`): the input prompt, and
# Ctrl-C asking before it aborts anything.
. "$(dirname "$0")/lib.sh"
. "$SOURCE_DIR/tests/fake_jenkins/lib.sh"

# started: until build #1 runs (so that Ctrl-C hits the follow, not the
# queue); gives up after about 10 s (200 tries) with a message and status 1.
started() {
	local i
	for i in $(seq 200); do
		if "$MDS_INFRA" jenkins status platform/mds-infra/main 1 >/dev/null 2>&1; then
			sleep 0.3
			return 0
		fi
		sleep 0.05
	done
	echo "started: build #1 did not start" >&2
	return 1
}

on_tty() {	# on_tty INPUT-SCRIPT CMD: runs CMD on a pty fed by INPUT-SCRIPT
	local feed=$1
	shift
	(eval "$feed") | script -qec "exec $*" /dev/null
}

jcase "input prompt on a terminal: 'p' proceeds" <<'EOS'
start_fake
rc=0
on_tty 'sleep 0.5; printf "p\n"; sleep 1.5' \
	"$MDS_INFRA" jenkins build platform/mds-infra/main -p DEPLOY=true -p LINES=3 --follow >tty.out 2>&1 || rc=$?
test "$rc" = 0 || { echo "exit $rc"; false; }
contains tty.out "[p]roceed, [a]bort, or [w]ait for someone else?"
contains tty.out "Approved by alice"
contains tty.out "platform/mds-infra/main #1: SUCCESS"
EOS

jcase "Ctrl-C on a terminal asks; 'a' aborts the build explicitly" <<'EOS'
start_fake
rc=0
on_tty 'started; printf "\003"; sleep 0.5; printf "a\n"; sleep 1.5' \
	"$MDS_INFRA" jenkins build platform/mds-infra/main -p LINES=3000 --follow >tty.out 2>&1 || rc=$?
test "$rc" = 1 || { echo "exit $rc"; false; }
contains tty.out "interrupted: [d]etach (the build goes on), [a]bort the build, or [c]ontinue following?"
contains tty.out "abort requested; following until it ends"
contains tty.out "Aborted by alice"
contains tty.out "platform/mds-infra/main #1: ABORTED"
EOS

jcase "Ctrl-C on a terminal, then 'c': following goes on to the end" <<'EOS'
start_fake
rc=0
on_tty 'started; printf "\003"; sleep 0.5; printf "c\n"; sleep 2.5' \
	"$MDS_INFRA" jenkins build platform/mds-infra/main -p LINES=400 --follow >tty.out 2>&1 || rc=$?
test "$rc" = 0 || { echo "exit $rc"; false; }
contains tty.out "interrupted: [d]etach"
contains tty.out "platform/mds-infra/main #1: SUCCESS"
tr -d '\r' <tty.out | grep -c '^test 0399 ok' | grep -qx 1
EOS

test_done
