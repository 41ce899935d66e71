# Helpers for the jenkins end-to-end tests; source after tests/e2e/lib.sh.
#
# start_fake [fake_jenkins.py options...] starts a fake Jenkins on an
# ephemeral loopback port (it stops by itself after --lifetime seconds),
# sets FAKE_DIR (its state: finished logs as <job>-<N>.log) and exports
# JENKINS_URL, JENKINS_USER_ID and JENKINS_API_TOKEN for it.  Delays are
# scaled down: the fake's by --scale, ours by MDS_JENKINS_TIME_SCALE, and
# HTTP retries by MDS_HTTP_RETRY_BASE_MS.
FAKE_PY=$SOURCE_DIR/tests/fake_jenkins/fake_jenkins.py
FAKE_TOKEN=11e5aa0c0ffee-token-of-alice-42
FAKE_PASSWORD=alice-password
FAKE_SCALE=${FAKE_SCALE:-0.05}
export MDS_JENKINS_TIME_SCALE=$FAKE_SCALE
export MDS_HTTP_RETRY_BASE_MS=${MDS_HTTP_RETRY_BASE_MS:-20}
export MDS_HTTP_RETRIES=${MDS_HTTP_RETRIES:-6}

start_fake() {
	local ctx="" a i
	for a in "$@"; do
		case $a in --ctx=*) ctx=${a#--ctx=} ;; esac
	done
	FAKE_DIR=$(mktemp -d "$TRASH/fake.XXXXXX")
	/usr/bin/python3 "$FAKE_PY" --port-file "$FAKE_DIR/port" \
		--state-dir "$FAKE_DIR" --scale "$FAKE_SCALE" --lifetime 40 \
		--queue-wait 0.5 "$@" >"$FAKE_DIR/stdout" 2>"$FAKE_DIR/stderr" &
	FAKE_PID=$!
	for i in $(seq 100); do
		[ -s "$FAKE_DIR/port" ] && break
		sleep 0.05
	done
	[ -s "$FAKE_DIR/port" ] || { echo "fake jenkins did not start" >&2; return 1; }
	FAKE_PORT=$(cat "$FAKE_DIR/port")
	export JENKINS_URL=http://127.0.0.1:$FAKE_PORT$ctx
	export JENKINS_USER_ID=alice JENKINS_API_TOKEN=$FAKE_TOKEN
}

stop_fake() {
	[ -n "${FAKE_PID:-}" ] || return 0
	kill "$FAKE_PID" 2>/dev/null || true
	wait "$FAKE_PID" 2>/dev/null || true
	return 0
}

# fake_log JOB N: the finished log as the fake served it (consoleText).
fake_log() {
	local f
	f=$FAKE_DIR/$(printf '%s' "$1" | tr / _)-$2.log
	for i in $(seq 100); do
		[ -f "$f" ] && break
		sleep 0.05
	done
	printf '%s\n' "$f"
}

# same_log JOB N OUT: OUT is byte-identical to what the fake served.
same_log() {
	local ref
	ref=$(fake_log "$1" "$2")
	if [ "$(sha256sum <"$ref")" != "$(sha256sum <"$3")" ]; then
		echo "error: '$3' differs from the served log '$ref'" >&2
		cmp "$ref" "$3" >&2
		return 1
	fi
}

# jcase TITLE: test_case, except that any failing command fails the case.
# (lib.sh's test_case runs the body inside an `if` condition, where bash
# ignores `set -e`, so only the last command counts there.)
jcase() {
	local title=$1 body rc
	body=$(cat)
	(trap stop_fake EXIT; set -e; eval "$body") >"$TRASH/case.log" 2>&1
	rc=$?
	if [ "$rc" = 0 ]; then
		nr_ok=$((nr_ok + 1))
		echo "ok $((nr_ok + nr_fail)) - $title"
	else
		nr_fail=$((nr_fail + 1))
		echo "not ok $((nr_ok + nr_fail)) - $title"
		sed 's/^/#   /' "$TRASH/case.log"
	fi
}

# must_fail CODE cmd...: as lib.sh's, but safe under `set -e` (jcase).
must_fail() {
	local want=$1 got=0
	shift
	"$@" || got=$?
	if [ "$got" != "$want" ]; then
		echo "error: '$*' exited $got, expected $want" >&2
		return 1
	fi
}
