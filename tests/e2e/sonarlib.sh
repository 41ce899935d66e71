# Sourced by the gate --sonar tests after lib.sh: the fake SonarQube Web API
# (tests/fake_sonar) started and stopped per test case.  The caller sets
# TOKEN (the token the fake accepts) before sourcing; SONAR_LIFETIME (s,
# default 60) bounds how long a forgotten fake lives.
FAKE_PY=$SOURCE_DIR/tests/fake_sonar/fake_sonar.py
export FAKE_PY MDS_SONAR_POLL_MS=20 MDS_HTTP_RETRY_BASE_MS=10 MDS_HTTP_RETRIES=2
: "${SONAR_LIFETIME:=60}"

start_sonar() {	# start_sonar [fake_sonar.py options]: sets SONAR_URL, SONAR_LOG
	local dir i
	dir=$(mktemp -d "$TRASH/sonar.XXXXXX")
	SONAR_LOG=$dir/requests.log
	/usr/bin/python3 "$FAKE_PY" --port-file "$dir/port" --log "$SONAR_LOG" \
		--token "$TOKEN" --lifetime "$SONAR_LIFETIME" "$@" 2>"$dir/stderr" &
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
export TOKEN SONAR_LIFETIME
