#!/usr/bin/env bash
# SIGKILL at random points: render and gate leave every file either the old
# or the new version, never half of one; a SIGKILLed plan leaves no
# terragrunt running on (its children get SIGTERM when it dies).
. "$(dirname "$0")/lib.sh"
. "$SOURCE_DIR/tests/e2e/planlib.sh"

REPORT=$FIXTURES/reports/trivy-config.json
ROUNDS=${ROUNDS:-25}
here() { cd "$(mktemp -d -p "$TRASH")"; }	# each case in its own directory

# snapshot DIR: "sha256  path" of every file under DIR (sorted).
snapshot() {
	(cd "$1" && find . -type f ! -name '*.tmp-*' -exec sha256sum {} + | sort -k2)
}

# old_or_new SNAP OLD NEW: each file of SNAP is in OLD or NEW, and each
# path of OLD or NEW is there (an update never loses a file).
old_or_new() {
	awk 'FNR == 1 { n++ } n < 3 { ok[$1 " " $2] = 1; path[$2] = 1; next }
	     { seen[$2] = 1; if (!ok[$1 " " $2]) { print "torn: " $2; bad = 1 } }
	     END { for (p in path) if (!seen[p]) { print "lost: " p; bad = 1 }
		   exit bad }' "$2" "$3" "$1"
}

# kill_at CMD...: starts CMD, SIGKILLs it after 0-15 ms (about its whole
# run), reaps it.
kill_at() {
	"$@" >/dev/null 2>&1 &
	local pid=$!
	sleep "$(printf '0.%06d' $((RANDOM % 15000)))"
	kill -KILL "$pid" 2>/dev/null || true
	wait "$pid" 2>/dev/null || true
	return 0
}

test_case "render killed at random points: every file old or new" <<'EOS'
here
cp -r "$FIXTURES/stacks/basic" s
mds -C s render >/dev/null
cp -r s old && snapshot old/terragrunt >old.snap
sed -i 's/replicas: 3/replicas: 7/; s/replicas: 1,/replicas: 2,/' s/stack.yaml
cp -r s new && mds -C new render >/dev/null && snapshot new/terragrunt >new.snap
! cmp -s old.snap new.snap
for i in $(seq "$ROUNDS"); do
	rm -rf s/terragrunt && cp -r old/terragrunt s/terragrunt
	kill_at "$MDS_INFRA" -C s render
	snapshot s/terragrunt >now.snap
	old_or_new now.snap old.snap new.snap
done
# and a run after a kill finishes the job
mds -C s render >/dev/null
snapshot s/terragrunt >now.snap
test_cmp new.snap now.snap
EOS

test_case "gate killed at random points: every output old or new" <<'EOS'
here
mkdir out new
for f in a.json b.sarif c.xml d.md e.sonar; do echo OLD >out/$f; done
snapshot out >old.snap
args="-r $REPORT -o json:X/a.json -o sarif:X/b.sarif -o junit:X/c.xml -o markdown:X/d.md -o sonar:X/e.sonar"
mds gate ${args//X/new} >/dev/null || test $? = 1
snapshot new >new.snap
for i in $(seq "$ROUNDS"); do
	for f in out/*; do echo OLD >"$f"; done
	kill_at "$MDS_INFRA" gate ${args//X/out}
	snapshot out >now.snap
	old_or_new now.snap old.snap new.snap
done
EOS

plan_repo repo

test_case "plan SIGKILLed: no terragrunt left running" <<'EOS'
fx minio sleep 30.61
fx flink sleep 30.61
"$MDS_INFRA" -C repo plan dev -j 2 >plan.out 2>plan.err &
pid=$!
for i in $(seq 100); do
	[ "$(pgrep -fc 'fake/terragrunt plan')" -ge 2 ] && break
	sleep 0.05
done
test "$(pgrep -fc 'fake/terragrunt plan')" -ge 2
kill -KILL $pid
wait $pid || true
for i in $(seq 40); do
	pgrep -f 'fake/terragrunt plan' >/dev/null || break
	sleep 0.05
done
never pgrep -f 'fake/terragrunt plan'
pkill -f 'sleep 30.61' || true	# the fake's own sleep, not ours to reap
EOS

test_done
