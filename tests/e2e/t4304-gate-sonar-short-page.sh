#!/usr/bin/env bash
# gate --sonar checks that the pages of a query hold what their
# paging.total promised: a server (or a proxy) that gives a page one issue
# short was counted one issue short, and could PASS.  Now it is an error
# (exit 3) and nothing is written.
. "$(dirname "$0")/lib.sh"
FAKE_PY=$SOURCE_DIR/tests/fake_sonar/fake_sonar.py
export FAKE_PY MDS_SONAR_POLL_MS=20 MDS_HTTP_RETRY_BASE_MS=10 MDS_HTTP_RETRIES=2
TOKEN=squ_cap-test-token

start_sonar() {	# start_sonar [fake_sonar.py options]: sets SONAR_URL, SONAR_LOG
	local dir i
	dir=$(mktemp -d "$TRASH/sonar.XXXXXX")
	SONAR_LOG=$dir/requests.log
	/usr/bin/python3 "$FAKE_PY" --port-file "$dir/port" --log "$SONAR_LOG" \
		--token "$TOKEN" --lifetime 120 "$@" 2>"$dir/stderr" &
	SONAR_PID=$!
	for i in $(seq 200); do
		[ -s "$dir/port" ] && break
		sleep 0.05
	done
	SONAR_URL=http://127.0.0.1:$(cat "$dir/port")
	touch "$SONAR_LOG"
}
stop_sonar() {
	[ -n "${SONAR_PID:-}" ] || return 0
	kill "$SONAR_PID" 2>/dev/null || true
	wait "$SONAR_PID" 2>/dev/null || true
}
trap 'stop_sonar; rm -rf "$TRASH"' EXIT
export -f start_sonar stop_sonar
export TOKEN

printf 'version: 1\nfail_on: {critical: 0}\n' >p.yaml


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
