#!/usr/bin/env bash
# gate --sonar past SonarQube's 10,000-result cap: the fake server answers
# HTTP 400 for any p*ps past 10,000, like the real one, and holds more
# issues than that; the gate splits its query (by severity, then by
# creation-date windows) and counts every issue, exactly once.  Progress
# goes to stderr, and -q silences it.
. "$(dirname "$0")/lib.sh"
TOKEN=squ_cap-test-token
SONAR_LIFETIME=120
. "$SOURCE_DIR/tests/e2e/sonarlib.sh"

printf 'version: 1\nfail_on: {critical: 0}\n' >p.yaml

test_case "the fake enforces the cap" <<'EOF2'
start_sonar --issues 12000
code=$(curl -s -o body -w '%{http_code}' -u "$TOKEN:" "$SONAR_URL/api/issues/search?components=mds%3Aplatform&resolved=false&ps=500&p=21")
test "$code" = 400
contains body "Can return only the first 10000 results"
stop_sonar
EOF2

test_case "12,000 issues over five severities: every one counted" <<'EOF2'
start_sonar --issues 12000 --pending 2 --task-status SUCCESS
printf 'projectKey=mds:platform\nserverUrl=%s\nceTaskId=AZ-task-1\n' "$SONAR_URL" >task.txt
SONAR_HOST_URL=$SONAR_URL SONAR_TOKEN=$TOKEN must_fail 1 mds gate --policy p.yaml --sonar task.txt -o json >g.json 2>err
test "$(jq '[.findings[] | select(.category != "hotspot")] | length' g.json)" = 12000
test "$(jq '[.findings[].fingerprint] | unique | length' g.json)" = 12000
test "$(jq '.counts.critical' g.json)" = 2400
test "$(jq '.duplicates' g.json)" = 0
contains "$SONAR_LOG" "severities=BLOCKER"
lacks "$SONAR_LOG" "p=21"
contains err "waiting for analysis AZ-task-1 (PENDING, 0 s)"
contains err "waiting for analysis AZ-task-1 (IN_PROGRESS,"
contains err "issues: 12,000/12,000"
contains err "issues: 500/12,000"
lacks err "truncated"
SONAR_TOKEN=$TOKEN must_fail 1 mds -q gate --policy p.yaml --sonar mds:platform --sonar-url "$SONAR_URL" -o json:q.json 2>err
test ! -s err
test "$(jq '.findings | length' q.json)" = 12000
stop_sonar
EOF2

test_case "10,600 issues of one severity: split by creation date" <<'EOF2'
start_sonar --issues 10600 --severity-spread 1
SONAR_TOKEN=$TOKEN must_fail 1 mds gate --policy p.yaml --sonar mds:platform --sonar-url "$SONAR_URL" -o json >g.json 2>err
test "$(jq '.findings | length' g.json)" = 10600
test "$(jq '[.findings[].fingerprint] | unique | length' g.json)" = 10600
contains "$SONAR_LOG" "createdAfter=2023-11-14T22%3A13%3A20%2B0000"
contains "$SONAR_LOG" "createdBefore="
stop_sonar
EOF2

test_case "more than 10,000 created in one second: an error, never a truncated count" <<'EOF2'
start_sonar --issues 10200 --severity-spread 1 --per-second 20000
SONAR_TOKEN=$TOKEN must_fail 3 mds gate --policy p.yaml --sonar mds:platform --sonar-url "$SONAR_URL" -o json:one-second.json 2>err
contains err "SonarQube issues: 10200 created within one second, more than the 10000 SonarQube can return"
test ! -e one-second.json
stop_sonar
EOF2

test_case "a project that changes while its pages are read: an error" <<'EOF2'
start_sonar --issues 1200 --grow-after 1
SONAR_TOKEN=$TOKEN must_fail 3 mds gate --policy p.yaml --sonar mds:platform --sonar-url "$SONAR_URL" -o json:moved.json 2>err
contains err "SonarQube issues: the total moved from 1200 to 1201 while the pages were read"
test ! -e moved.json
stop_sonar
EOF2

test_done
