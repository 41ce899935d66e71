#!/usr/bin/env bash
# jenkins build/status/log against the fake Jenkins: parameters, the queue,
# following, every result's exit code, job paths, bad parameters.
. "$(dirname "$0")/lib.sh"
. "$SOURCE_DIR/tests/fake_jenkins/lib.sh"

jcase "build with parameters, --follow: log byte for byte, stages, result" <<'EOS'
start_fake
mds jenkins build platform/mds-infra/main -p GREETING=hej -p LINES=12 --follow >out 2>err
same_log platform/mds-infra/main 1 out
contains out "Building with GREETING=hej"
contains err "queued as item 4711"
contains err "waiting in the queue: "
contains err "platform/mds-infra/main #1 started"
contains err "stage 'Build' started"
contains err "stage 'Test' SUCCESS"
contains err "platform/mds-infra/main #1: SUCCESS http://127.0.0.1:$FAKE_PORT/job/platform/job/mds-infra/job/main/1/"
lacks out "mds-infra:"
lacks out "ha:"

EOS

jcase "each result gives its exit code and is printed" <<'EOS'
start_fake
for r in UNSTABLE FAILURE ABORTED NOT_BUILT; do
	must_fail 1 mds jenkins build platform/mds-infra/main -p RESULT=$r -p LINES=6 --follow >out.$r 2>err.$r
	contains err.$r "platform/mds-infra/main #"
	contains err.$r ": $r http://"
done
contains out.ABORTED "Aborted by admin"
contains err.FAILURE "stage 'Test' FAILED"
mds jenkins status platform/mds-infra/main 4 >st 2>&1 || true
contains st "#4: NOT_BUILT"
must_fail 1 mds jenkins status platform/mds-infra/main 1

EOS

jcase "build without --follow prints the number; status and log afterwards" <<'EOS'
start_fake
n=$(mds jenkins build platform/mds-infra/main -p LINES=3 2>err)
test "$n" = 1
mds jenkins log platform/mds-infra/main 1 --follow >followed 2>/dev/null
same_log platform/mds-infra/main 1 followed
mds jenkins log platform/mds-infra/main >last
same_log platform/mds-infra/main 1 last
mds jenkins status platform/mds-infra/main 1 >st
contains st "platform/mds-infra/main #1: SUCCESS"
mds jenkins status platform/mds-infra/main --json >st.json
test "$(jq -r '.result + " " + (.number|tostring) + " " + (.building|tostring)' st.json)" = "SUCCESS 1 false"

EOS

jcase "parameters are checked against the job before anything is queued" <<'EOS'
start_fake
must_fail 2 mds jenkins build platform/mds-infra/main -p GRETING=x 2>e1
contains e1 "no parameter 'GRETING' (did you mean 'GREETING'?)"
must_fail 2 mds jenkins build platform/mds-infra/main -p RESULT=MAYBE 2>e2
contains e2 "'MAYBE' is not one of the choices"
must_fail 2 mds jenkins build platform/mds-infra/main -p DEPLOY=yes 2>e3
contains e3 "is not true or false"
must_fail 2 mds jenkins build platform/mds-infra/main -p LINES=1 -p LINES=2 2>e4
contains e4 "given twice"
must_fail 2 mds jenkins build simple -p X=1 2>e5
contains e5 "takes no parameters"
must_fail 2 mds jenkins build platform/mds-infra/main -p NOEQUALS 2>e6
must_fail 2 mds jenkins build uploads -p CONFIG=notafile 2>e7
contains e7 "a file parameter"
must_fail 2 mds jenkins build platform/mds-infra/main -p GREETING=@/etc/hostname 2>e8
contains e8 "not a file parameter"
# Nothing was queued: the next build is still #1.
mds jenkins build simple >n
test "$(cat n)" = 1

EOS

jcase "job paths: missing job, bad path, disabled job, multibranch branch" <<'EOS'
start_fake
must_fail 2 mds jenkins build platform/nope 2>e1
contains e1 "no job 'platform/nope'"
must_fail 2 mds jenkins build 'platform//main' 2>e2
contains e2 "bad job path"
must_fail 1 mds jenkins build disabled 2>e3
contains e3 "not buildable"
mds jenkins build 'repo/feature%2Fx' --follow >b.out 2>b.err
same_log 'repo/feature%2Fx' 1 b.out
contains b.err "/job/repo/job/feature%252Fx/1/"
mds jenkins build simple --follow >s.out 2>s.err
same_log simple 1 s.out
contains s.err "simple #1: SUCCESS"
lacks s.err "stage '"

EOS

jcase "file parameter upload; context path; Location naming another host" <<'EOS'
start_fake --ctx=/jenkins --fault location-host
printf 'key: value\n' >config.yaml
mds jenkins build uploads -p CONFIG=@config.yaml -p NOTE=x --follow >out 2>err
contains out "CONFIG has 11 bytes, sha256 $(sha256sum <config.yaml | cut -d' ' -f1)"
same_log uploads 1 out
contains err "uploads #1: SUCCESS http://127.0.0.1:$FAKE_PORT/jenkins/job/uploads/1/"

EOS

jcase "help lists every verb with its own options" <<'EOS'
mds help jenkins >h
for v in build log status stop input; do contains h "  $v "; done
mds help jenkins build >hb
contains hb "--param NAME=VALUE"
contains hb "--follow"
mds help jenkins input >hi
contains hi "--proceed"
must_fail 2 mds jenkins frobnicate 2>e
contains e "unknown verb 'frobnicate'"
EOS

test_done
