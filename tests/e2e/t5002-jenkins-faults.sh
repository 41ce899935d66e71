#!/usr/bin/env bash
# Following a build survives every fault the fake can inject, and stdout is
# byte-identical (same checksum) to the log the fake served.
. "$(dirname "$0")/lib.sh"
. "$SOURCE_DIR/tests/fake_jenkins/lib.sh"

# follow_with FAULT...: one followed build under the faults; same log.
follow_with() {
	start_fake "$@"
	mds -v jenkins build platform/mds-infra/main -p LINES=120 --follow >out 2>err
	same_log platform/mds-infra/main 1 out
	contains err "platform/mds-infra/main #1: SUCCESS"
	lacks err "$FAKE_TOKEN"
}

jcase "connection reset in the middle of log responses" <<'EOS'
follow_with --fault reset-log=2
contains err "* retry"
EOS

jcase "connection reset before any header, on any request" <<'EOS'
follow_with --fault reset-headers=5
grep -qE "\* retry|Connection died" err
EOS

jcase "responses slower than the client's timeout" <<'EOS'
export MDS_HTTP_TIMEOUT_MS=300
follow_with --fault slow=6:0.8
contains err "Operation timed out"
EOS

jcase "random 500 Oops pages and 502 pages from a proxy" <<'EOS'
follow_with --fault oops=3 --fault proxy=7
contains err "< HTTP/1.1 500"
contains err "< HTTP/1.1 502"
contains err "retry 1/6 in"
EOS

jcase "log rolled over: Jenkins resends from 0, nothing shown twice" <<'EOS'
follow_with --fault rollover=3
contains err "console log restarted at offset 0"
EOS

jcase "Jenkins restarts mid-build: 503 pages, refused connections, new session" <<'EOS'
export MDS_HTTP_RETRIES=1
follow_with --fault restart=1.5:12
contains out "after Jenkins restart"
contains err "lost contact with Jenkins"
EOS

jcase "queue item gone at once: the build is found by its queueId" <<'EOS'
follow_with --fault queue-gone
contains err "queue item 4711 is gone; build #1 came from it"
EOS

jcase "left item without executable for a while, then expired" <<'EOS'
follow_with --fault exec-null=3 --left-ttl 0.1
EOS

jcase "cancelled queue item: exit 1, nothing followed" <<'EOS'
start_fake --fault cancel
must_fail 1 mds jenkins build platform/mds-infra/main --follow >out 2>err
contains err "queue item 4711 was cancelled"
test ! -s out
EOS

jcase "modern Jenkins: ConsoleNotes in the body are stripped" <<'EOS'
start_fake --personality modern
mds jenkins build simple --follow >out 2>err
same_log simple 1 out
mds jenkins build platform/mds-infra/main -p LINES=5 --follow >out2 2>err2
lacks out2 "ha:"
contains out2 "test 0004 ok"
EOS

test_done
