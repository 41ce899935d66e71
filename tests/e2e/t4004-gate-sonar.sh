#!/usr/bin/env bash
# gate --sonar against a fake SonarQube Web API (tests/fake_sonar): waiting
# for the analysis of a report-task.txt, the gate by analysisId, every page
# of issues and hotspots, the token as Basic user and never in a URL or a
# message, and the errors (refused token, unknown project, no server).
. "$(dirname "$0")/lib.sh"
TOKEN=squ_0123456789abcdef-token-of-ci
. "$SOURCE_DIR/tests/e2e/sonarlib.sh"

printf 'version: 1\nfail_on: {critical: 0}\nsonar_gate: required\n' >p.yaml

test_case "report-task.txt: wait for the analysis, then every page" <<'EOF2'
start_sonar --pending 3 --issues 1203 --hotspots 4 --gate OK
printf 'projectKey=mds:platform\nserverUrl=https://sonar.public.example\nbranch=main\ndashboardUrl=x\nceTaskId=AZ-task-1\nceTaskUrl=x\n' >report-task.txt
SONAR_TOKEN=$TOKEN must_fail 1 mds gate --policy p.yaml --sonar report-task.txt --sonar-url "$SONAR_URL" -o json >g.json 2>err
test "$(grep -c 'api/ce/task?id=AZ-task-1' "$SONAR_LOG")" = 4
contains "$SONAR_LOG" "/api/qualitygates/project_status?analysisId=AN-42 auth=yes"
contains "$SONAR_LOG" "/api/issues/search?components=mds%3Aplatform&resolved=false&branch=main&ps=500&p=3 auth=yes"
lacks "$SONAR_LOG" "p=4"
contains "$SONAR_LOG" "/api/hotspots/search?project=mds%3Aplatform&status=TO_REVIEW&branch=main&ps=500&p=1"
lacks "$SONAR_LOG" "$TOKEN"
test "$(jq -r .sonar.status g.json)" = OK
test "$(jq '[.findings[] | select(.category != "hotspot")] | length' g.json)" = 1203
test "$(jq '[.findings[] | select(.category == "hotspot")] | length' g.json)" = 4
test "$(jq '.counts.critical' g.json)" = 241
test "$(jq -r '[.findings[] | select(.rule_id == "python:S1000")][0].location.path' g.json)" = src/mod0.py
jq -r '.reasons[]' g.json >reasons
contains reasons "sonarqube: 241 critical findings > fail_on.critical = 0"
stop_sonar
EOF2

test_case "a project key and SONAR_HOST_URL; a failing quality gate" <<'EOF2'
start_sonar --gate ERROR
SONAR_HOST_URL=$SONAR_URL SONAR_TOKEN=$TOKEN must_fail 1 mds gate --policy p.yaml --sonar mds:platform --sonar-pr 17 >out
contains out "FAIL  sonarqube: quality gate ERROR (new_coverage 55.5 < 80) with sonar_gate = required"
contains "$SONAR_LOG" "/api/qualitygates/project_status?projectKey=mds%3Aplatform&pullRequest=17"
stop_sonar
EOF2

test_case "a refused token: exit 3, the token never printed" <<'EOF2'
start_sonar
SONAR_TOKEN=wrong-$TOKEN must_fail 3 mds gate --sonar mds:platform --sonar-url "$SONAR_URL" -o json:refused.json 2>err
contains err "check SONAR_TOKEN: SonarQube quality gate: HTTP 401 (Authentication required)"
lacks err "$TOKEN"
test ! -e refused.json
stop_sonar
EOF2

test_case "an unknown project, a failed analysis, no server" <<'EOF2'
start_sonar --task-status FAILED
SONAR_TOKEN=$TOKEN must_fail 2 mds gate --sonar other:project --sonar-url "$SONAR_URL" 2>err
contains err "SonarQube quality gate: HTTP 404 (Project 'other:project' not found)"
printf 'projectKey=mds:platform\nserverUrl=%s\nceTaskId=AZ-task-1\n' "$SONAR_URL" >task.txt
SONAR_HOST_URL=$SONAR_URL SONAR_TOKEN=$TOKEN must_fail 3 mds gate --sonar task.txt 2>err
contains err "SonarQube analysis task AZ-task-1 is FAILED"
# the token never goes to a server only the file names
: >"$SONAR_LOG"
SONAR_TOKEN=$TOKEN must_fail 2 mds gate --sonar task.txt 2>err
contains err "SONAR_TOKEN is only sent to a server you name: give --sonar-url or set SONAR_HOST_URL (task.txt names '$SONAR_URL')"
test ! -s "$SONAR_LOG"
stop_sonar
must_fail 3 mds gate --sonar mds:platform --sonar-url http://127.0.0.1:1 2>err
contains err "SonarQube quality gate"
must_fail 2 mds gate --sonar mds:platform 2>err
contains err "no server (give --sonar-url or set SONAR_HOST_URL)"
EOF2

test_done
