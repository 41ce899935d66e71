#!/usr/bin/env bash
# jenkins: hints that point at real help topics, "did you mean" for verbs
# and job names, pasted URLs, log --tail, stop of a finished build, input
# with a wrong id, retries told on stderr, status --json against its schema.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/jsonlib.sh"
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

test_case "usage errors name help topics that exist" <<'EOS'
must_fail 2 mds jenkins stop 2>err
contains err "see 'mds-infra help jenkins stop'"
mds help jenkins stop >h
contains h "usage: mds-infra jenkins stop JOB N"
must_fail 2 mds jenkins log a --tail 3 --follow 2>err
contains err "see 'mds-infra help jenkins log'"
mds help jenkins log >/dev/null
EOS

test_case "a mistyped verb gets a suggestion" <<'EOS'
must_fail 2 mds jenkins bild x 2>err
contains err "unknown verb 'bild' (did you mean 'build'?)"
contains err "see 'mds-infra help jenkins'"
must_fail 2 mds jenkins zzzzzz 2>err
contains err "unknown verb 'zzzzzz' (build, log, status, stop or input)"
EOS

jcase "a mistyped job name gets the closest sibling from its folder" <<'EOS'
start_fake
must_fail 2 mds jenkins status platform/mds-infr/main 2>err
contains err "(did you mean 'platform/mds-infra/main'?)"
must_fail 2 mds jenkins build simpel 2>err
contains err "(did you mean 'simple'?)"
must_fail 2 mds jenkins build platform/mds-infra/mian 2>err
contains err "(did you mean 'platform/mds-infra/main'?)"
must_fail 2 mds jenkins build zzzzzzzzzz 2>err
lacks err "did you mean"
EOS

jcase "a pasted job or build URL works where a job path does" <<'EOS'
start_fake
mds jenkins build platform/mds-infra/main -p LINES=2 --follow >/dev/null 2>&1
mds jenkins status "$JENKINS_URL/job/platform/job/mds-infra/job/main/" --json >s.json
json_valid jenkins-status s.json
test "$(json_get s.json '["job"]')" = '"platform/mds-infra/main"'
test "$(json_get s.json '["number"]')" = 1
test "$(json_get s.json '["result"]')" = '"SUCCESS"'
mds jenkins build platform/mds-infra/main -p LINES=2 --follow >/dev/null 2>&1
mds jenkins status "$JENKINS_URL/job/platform/job/mds-infra/job/main/1/console" --json >s1.json
test "$(json_get s1.json '["number"]')" = 1
mds jenkins status "https://jenkins.example/job/platform/job/mds-infra/job/main/2/" >s2
contains s2 "platform/mds-infra/main #2: SUCCESS"
mds jenkins build "$JENKINS_URL/job/repo/job/feature%252Fx/" --follow >mb 2>mb.err
contains mb.err "repo/feature%2Fx #1: SUCCESS"
must_fail 2 mds jenkins status "https://jenkins.example/view/all/" 2>err
contains err "no /job/ in it"
EOS

jcase "log --tail N prints the last N lines of the log" <<'EOS'
start_fake
mds jenkins build platform/mds-infra/main -p LINES=20 --follow >/dev/null 2>&1
mds jenkins log platform/mds-infra/main 1 --tail 3 >t3
tail -n 3 "$(fake_log platform/mds-infra/main 1)" >want
test_cmp want t3
test "$(wc -l <t3)" = 3
mds jenkins log platform/mds-infra/main --tail 1000 >all
same_log platform/mds-infra/main 1 all
EOS

jcase "stop of a finished build says so and exits 1" <<'EOS'
start_fake
mds jenkins build simple --follow >/dev/null 2>&1
must_fail 1 mds jenkins stop simple 1 2>err
contains err "simple #1 already finished (SUCCESS); nothing to stop"
lacks err "abort requested"
mds jenkins build platform/mds-infra/main -p LINES=3000 >/dev/null 2>&1
mds jenkins stop "$JENKINS_URL/job/platform/job/mds-infra/job/main/1/" 2>err
contains err "platform/mds-infra/main #1: abort requested; it ends ABORTED once Jenkins stops it"
EOS

jcase "input with a wrong id lists the pending inputs" <<'EOS'
start_fake
mds jenkins build platform/mds-infra/main -p DEPLOY=true -p LINES=3 --follow >out 2>err </dev/null &
pid=$!
wait_for err "answer with 'mds-infra jenkins input"
must_fail 1 mds jenkins input platform/mds-infra/main 1 --proceed --id Deplyo 2>in.err
contains in.err "has no pending input 'Deplyo' (did you mean 'Deploy'?); pending:"
contains in.err "--id Deploy	Deploy to production?"
mds jenkins input platform/mds-infra/main 1 --proceed --id Deploy 2>/dev/null
wait $pid
EOS

# Every 3rd GET is a proxy's 502 (a GET is retried; a POST that may have
# arrived never is, so a fault counted over every request could land on the
# trigger and fail the build, depending on how many polls came before).
# The -q half must meet faults too, or its silence proves nothing.
jcase "HTTP retries are told with reason and delay; -q keeps quiet" <<'EOS'
start_fake --fault proxy-get=3
mds jenkins build simple --follow >out 2>err
contains err "HTTP 502; retry 1 of"
grep -Eq "GET http://127\.0\.0\.1:[0-9]+/[^ ]*: HTTP 502; retry 1 of [0-9]+ in [0-9]+\.[0-9] s" err
lacks err "$JENKINS_API_TOKEN"
faults() { curl -s "$JENKINS_URL/fake/stats" | json_get /dev/stdin '["faults"]'; }
before=$(faults)
test "$before" -ge 1
mds -q jenkins build simple --follow >out 2>err
after=$(faults)
test "$after" -gt "$before"
lacks err "retry"
lacks err "HTTP 502"
EOS

test_done
