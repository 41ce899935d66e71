#!/usr/bin/env bash
# gate --sonar checks that the pages of a query hold what their
# paging.total promised: a server (or a proxy) that gives a page one issue
# short was counted one issue short, and could PASS.  Now it is an error
# (exit 3) and nothing is written.
. "$(dirname "$0")/lib.sh"
TOKEN=squ_cap-test-token
SONAR_LIFETIME=120
. "$SOURCE_DIR/tests/e2e/sonarlib.sh"

printf 'version: 1\nfail_on: {critical: 0}\n' >p.yaml

test_case "a page one issue short of its total: exit 3, nothing written" <<'EOF2'
start_sonar --issues 700 --short-page 2
SONAR_TOKEN=$TOKEN must_fail 3 mds gate --policy p.yaml --sonar mds:platform --sonar-url "$SONAR_URL" -o json:g.json 2>err
contains err "SonarQube issues: the pages held 699 of the 700 results their paging.total promised"
test ! -e g.json
stop_sonar
EOF2

test_case "a short page of hotspots too" <<'EOF2'
start_sonar --hotspots 3 --short-page 1
SONAR_TOKEN=$TOKEN must_fail 3 mds gate --policy p.yaml --sonar mds:platform --sonar-url "$SONAR_URL" 2>err
contains err "the pages held 2 of the 3 results"
stop_sonar
EOF2

test_case "whole pages: every issue counted" <<'EOF2'
start_sonar --issues 700
SONAR_TOKEN=$TOKEN must_fail 1 mds gate --policy p.yaml --sonar mds:platform --sonar-url "$SONAR_URL" -o json >g.json
test "$(jq '.findings | length' g.json)" = 700
stop_sonar
EOF2

test_done
