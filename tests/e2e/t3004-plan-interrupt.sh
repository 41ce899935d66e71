#!/usr/bin/env bash
# plan: Ctrl-C.  The first SIGINT is forwarded once to each running
# terragrunt (which stops gracefully) and nothing new starts; a second one
# kills them; either way nothing is left running and the exit code is 130 (128 + SIGINT).
. "$(dirname "$0")/lib.sh"
. "$SOURCE_DIR/tests/e2e/planlib.sh"

plan_repo repo

# wait_for EVENT COMP VERB: up to 5 s for the event to be logged.
wait_for() {
	local i
	for i in $(seq 100); do
		[ "$(line_of "$1" "$2" "$3")" != 0 ] && return 0
		sleep 0.05
	done
	echo "error: no '$1 $2 $3' in the log" >&2
	return 1
}

# sleeping PATTERN: the fake is in its sleep (pgrep), so that bash runs
# its SIGINT trap at once (a signal landing while bash forks the sleep is
# only handled when the sleep ends).
sleeping() {
	local i
	for i in $(seq 100); do
		pgrep -f "$1" >/dev/null && { sleep 0.2; return 0; }
		sleep 0.05
	done
	echo "error: no process '$1'" >&2
	return 1
}

test_case "first Ctrl-C: forwarded once, running ones stop gracefully" <<'EOS'
fx minio sleep 7.31
fx flink sleep 7.31
"$MDS_INFRA" -C repo plan dev -j 2 >out 2>err &
pid=$!
wait_for start minio plan
wait_for start flink plan
sleeping "sleep 7.31"
kill -INT $pid
code=0; wait $pid || code=$?
test "$code" = 130
test "$(grep -c '^interrupted minio plan' "$FAKE_TG_LOG")" = 1
test "$(grep -c '^interrupted flink plan' "$FAKE_TG_LOG")" = 1
test "$(line_of start monitoring plan)" = 0
contains err "interrupted: stopping"
contains err "plan of 'dev' interrupted"
test "$(pj '.components[] | select(.name == "minio") | .reason')" = "terragrunt plan interrupted"
test "$(pj '.components[] | select(.name == "monitoring") | .status')" = skipped
never pgrep -f "sleep 7.31"
EOS

test_case "second Ctrl-C kills what ignores the first; nothing left running" <<'EOS'
rm -f "$FAKE_TG_LOG" "$FAKE_TG_DIR"/*
fx minio sleep 7.32
fx minio stubborn yes
"$MDS_INFRA" -C repo plan dev -j 2 >out 2>err &
pid=$!
wait_for start minio plan
sleeping "sleep 7.32"
kill -INT $pid
wait_for ignored minio plan
kill -INT $pid
code=0; wait $pid || code=$?
test "$code" = 130
contains err "interrupted again: killing"
test "$(pj '.components[] | select(.name == "minio") | .status')" = failed
never pgrep -f "sleep 7.32"
EOS

test_case "--timeout interrupts a component that runs too long" <<'EOS'
rm -f "$FAKE_TG_LOG" "$FAKE_TG_DIR"/*
fx flink sleep 7.33
must_fail 1 mds -C repo plan dev --timeout 1 >out 2>err
test "$(pj '.components[] | select(.name == "flink") | .reason')" = "terragrunt plan timed out"
test "$(line_of interrupted flink plan)" != 0
test "$(pj '.components[] | select(.name == "minio") | .status')" = no_changes
never pgrep -f "sleep 7.33"
EOS

test_done
