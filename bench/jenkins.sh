#!/usr/bin/env bash
# Following a 10-minute Pipeline (time scaled down by BENCH_SCALE, default
# 0.1: a minute of wall time per follower) with `mds-infra jenkins log --follow`, against a
# naive follower that asks progressiveText every second (scaled the same).
# Prints requests per (simulated) minute and the delay between the fake
# producing a line and the follower printing it (worst, p95, median, in
# simulated seconds).  Nothing is asserted.
set -u
: "${MDS_INFRA:?run through bench/run.sh}"
: "${SOURCE_DIR:=$(cd "$(dirname "$0")/.." && pwd)}"
SCALE=${BENCH_SCALE:-0.1}
HELPER=$SOURCE_DIR/bench/jenkins_helper.py
TMP=$(mktemp -d "${TMPDIR:-/tmp}/mds-bench-jenkins.XXXXXX")
trap 'kill $FAKE_PID 2>/dev/null; rm -rf "$TMP"' EXIT
export MDS_JENKINS_TIME_SCALE=$SCALE

start_fake() {	# start_fake DIR: a fresh fake Jenkins; sets JENKINS_* and FAKE_PID
	mkdir -p "$1"
	/usr/bin/python3 "$SOURCE_DIR/tests/fake_jenkins/fake_jenkins.py" \
		--port-file "$1/port" --state-dir "$1" --scale "$SCALE" \
		--queue-wait 0.2 --lifetime 900 --personality classic \
		>"$1/fake.out" 2>&1 &
	FAKE_PID=$!
	while [ ! -s "$1/port" ]; do sleep 0.05; done
	export JENKINS_URL=http://127.0.0.1:$(cat "$1/port")
	export JENKINS_USER_ID=alice JENKINS_API_TOKEN=11e5aa0c0ffee-token-of-alice-42
}

requests() { curl -s "$JENKINS_URL/fake/stats" | jq .requests; }

# run NAME DIR CMD...: trigger the bench build, follow it with CMD (given
# the build number as its last argument), and print one result row.
run() {
	local name=$1 dir=$2 n r0 r1 t0 t1 minutes
	shift 2
	start_fake "$dir"
	n=$("$MDS_INFRA" jenkins build bench 2>/dev/null)
	r0=$(requests)
	t0=$(date +%s.%N)
	"$@" "$n"
	t1=$(date +%s.%N)
	r1=$(requests)
	kill "$FAKE_PID" 2>/dev/null
	wait "$FAKE_PID" 2>/dev/null
	minutes=$(echo "($t1 - $t0) / $SCALE / 60" | bc -l)
	read -r worst p95 median bad < <(/usr/bin/python3 "$HELPER" report \
		"$dir/bench-$n.times" "$dir/stamps" "$SCALE" "$(cat "$dir/t0")")
	printf '%-26s %9d %11.1f %9s %7s %8s %s\n' "$name" $((r1 - r0 - 1)) \
		"$(echo "($r1 - $r0 - 1) / $minutes" | bc -l)" "$worst" "$p95" \
		"$median" "$([ "${bad:-0}" = 0 ] || echo "($bad lines differ)")"
}

follow_mds() {
	mkfifo "$TMP/mds/fifo"
	/usr/bin/python3 "$HELPER" stamp "$TMP/mds/stamps" "$TMP/mds/fifo" &
	while [ ! -s "$TMP/mds/t0" ]; do sleep 0.01; done
	"$MDS_INFRA" -q jenkins log bench "$1" --follow 2>/dev/null >"$TMP/mds/fifo"
	wait $!
}

follow_naive() {
	/usr/bin/python3 "$HELPER" naive "$JENKINS_URL" bench "$1" \
		"$TMP/naive/stamps" "$SCALE"
}

echo "10-minute Pipeline, time scale $SCALE (delays in simulated seconds)"
printf '%-26s %9s %11s %9s %7s %8s\n' follower requests "req/minute" \
	"worst(s)" "p95(s)" "median(s)"
run "mds-infra log --follow" "$TMP/mds" follow_mds
run "naive 1 s poller" "$TMP/naive" follow_naive
