#!/usr/bin/env bash
# plan scheduling: a generated stack of 200 components with random
# dependencies and durations, planned through the fake terragrunt with
# -j 8.  Prints the makespan against its lower bound
# max(critical path, total work / 8), and, side by side, what the same
# measured durations give under the schedulers users otherwise have:
# Terragrunt's run --all (ready units in discovery order, FIFO) and
# level-by-level waves (a Makefile of stages, a CI matrix per level).
# Run twice: cold (no durations known: unit costs) and warm (durations of
# the previous plan.json steer the longest-chain priority).
set -eu
: "${MDS_INFRA:?}" "${SOURCE_DIR:?}"
N=${BENCH_COMPONENTS:-200}
J=${BENCH_JOBS:-8}
SCALE=${BENCH_SCALE:-0.04}	# seconds per unit of work (scaled down)
work=$(mktemp -d "${TMPDIR:-/tmp}/mds-bench-plan.XXXXXX")
trap 'rm -rf "$work"' EXIT
cd "$work"

python3 - "$N" "$SCALE" <<'EOF2'
import os, random, sys
n, scale = int(sys.argv[1]), float(sys.argv[2])
random.seed(42)
os.makedirs("fx", exist_ok=True)
lines = ["version: 1", "name: bench", "backend:",
         "  s3: {bucket: b, region: us-east-1, endpoints: {s3: \"http://127.0.0.1:1\"}}",
         "environments:", "  dev: {vars: {x: 1}}", "components:"]
for i in range(n):
    name = f"c{i:03d}"
    os.makedirs(f"modules/{name}", exist_ok=True)
    open(f"modules/{name}/main.tf", "w").write("# bench\n")
    # a few dependencies on earlier components, biased to recent ones
    deps = sorted({f"c{random.randrange(max(0, i - 30), i):03d}"
                   for _ in range(random.choice([0, 1, 1, 2, 3]))} if i else set())
    lines.append(f"  {name}:")
    lines.append(f"    module: modules/{name}")
    if deps:
        lines.append(f"    depends_on: [{', '.join(deps)}]")
    # durations: mostly short, a heavy tail (helm releases that wait)
    units = random.choice([1, 1, 2, 2, 3, 4, 6, 10])
    open(f"fx/{name}.sleep", "w").write(f"{units * scale:.3f}\n")
open("stack.yaml", "w").write("\n".join(lines) + "\n")
EOF2
"$MDS_INFRA" render >/dev/null 2>&1
git init -q && printf '/.mds/\n/fx/\n' >.gitignore && git add -A &&
	git -c user.email=b@b -c user.name=b commit -qm bench

export FAKE_TG_DIR=$work/fx MDS_TERRAGRUNT=$SOURCE_DIR/tests/fake/terragrunt
run() {	# run LABEL: one plan; prints the measured numbers
	local t0 t1
	export FAKE_TG_LOG=$work/calls-$1.log
	rm -f "$FAKE_TG_LOG"
	t0=$(date +%s.%N)
	"$MDS_INFRA" -q plan dev -j "$J" >/dev/null 2>&1 || true
	t1=$(date +%s.%N)
	python3 - "$1" "$J" "$t0" "$t1" .mds/plans/dev/plan.json "$FAKE_TG_LOG" <<'EOF2'
import json, sys, heapq
label, j, t0, t1, pj, logf = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4]), sys.argv[5], sys.argv[6]
comps = json.load(open(pj))["components"]
dur = {c["name"]: c["duration_s"] for c in comps}
deps = {c["name"]: c["depends_on"] for c in comps}
order = [c["name"] for c in comps]          # topological (stack order)
finish = {}
for c in order:
    finish[c] = dur[c] + max([finish[d] for d in deps[c]], default=0)
cp, total = max(finish.values()), sum(dur.values())
bound = max(cp, total / j)
ev = [l.split() for l in open(logf)]
starts = [float(e[3]) for e in ev if e[0] == "start"]
ends = [float(e[3]) for e in ev if e[0] == "end"]
makespan = max(ends) - min(starts)
def simulate(pick):
    """List scheduling on j workers with the measured durations."""
    left = {c: len(deps[c]) for c in order}
    kids = {c: [] for c in order}
    for c in order:
        for d in deps[c]:
            kids[d].append(c)
    ready = [c for c in order if not left[c]]
    running, now, done = [], 0.0, 0
    while done < len(order):
        while ready and len(running) < j:
            c = pick(ready)
            ready.remove(c)
            heapq.heappush(running, (now + dur[c], c))
        now, c = heapq.heappop(running)
        done += 1
        for k in kids[c]:
            left[k] -= 1
            if not left[k]:
                ready.append(k)
    return now
level = {}
for c in order:
    level[c] = 1 + max([level[d] for d in deps[c]], default=0)
waves = 0.0
for l in sorted(set(level.values())):
    ws = sorted((dur[c] for c in order if level[c] == l), reverse=True)
    lanes = [0.0] * j
    for d in ws:                              # LPT inside a wave
        i = lanes.index(min(lanes)); lanes[i] += d
    waves += max(lanes)
fifo = simulate(lambda ready: ready[0])
rest = {}
for c in reversed(order):
    rest[c] = dur[c] + max([rest[k] for k in order if c in deps[k]], default=0)
ours = simulate(lambda ready: max(ready, key=lambda c: rest[c]))
print(f"{label:5s} makespan {makespan:6.2f}s (wall {t1 - t0:6.2f}s)  bound {bound:6.2f}s "
      f"[critical path {cp:.2f}s, work/{j} {total / j:.2f}s]  ratio {makespan / bound:.3f}")
if label == "warm":
    print(f"      simulated on the measured durations: longest-chain-first {ours:6.2f}s ({ours / bound:.3f}), "
          f"terragrunt-style FIFO {fifo:6.2f}s ({fifo / bound:.3f}), level-by-level waves {waves:6.2f}s ({waves / bound:.3f})")
EOF2
}
echo "plan of $N components, -j $J, work scaled to ${SCALE}s per unit"
run cold
run warm

# The plan reader streams: a ~100 MB show -json (many resources with large
# attribute values) served by the fake for one component, read by
# `mds-infra plan`, against `jq` counting the same actions on the file.
python3 - "$work/fx/big.json" <<'EOF2'
import json, sys
n = 60000
blob = "x" * 1500
with open(sys.argv[1], "w") as f:
    f.write('{"format_version":"1.2","terraform_version":"1.9.8","resource_changes":[')
    for i in range(n):
        if i:
            f.write(",")
        act = ["create"] if i % 3 else ["delete", "create"]
        json.dump({"address": f"null_resource.r[{i}]", "mode": "managed", "type": "null_resource",
                   "name": "r", "change": {"actions": act, "before": None,
                   "after": {"triggers": {"blob": blob, "i": i}}, "after_unknown": {}}}, f)
    f.write('],"output_changes":{}}\n')
EOF2
mkdir -p big/modules/big
cat >big/stack.yaml <<'EOF2'
version: 1
name: big
backend: {s3: {bucket: b, region: us-east-1, endpoints: {s3: "http://127.0.0.1:1"}}}
environments: {dev: {vars: {x: 1}}}
components: {big: {module: modules/big}}
EOF2
# git init first: the stack file is found at the repository root
(cd big && git init -q && "$MDS_INFRA" render >/dev/null 2>&1 && git add -A &&
	git -c user.email=b@b -c user.name=b commit -qm big)
size=$(du -m fx/big.json | cut -f1)
measure() {	# measure CMD...: "seconds max-RSS-MB"
	/usr/bin/time -f "%e %M" -o "$work/time.out" "$@" >/dev/null 2>&1 || true
	awk '{ printf "%5.2fs %6.1f MB", $1, $2 / 1024 }' "$work/time.out"
}
export FAKE_TG_LOG=/dev/null
if [ -x /usr/bin/time ]; then
	echo "reading a ${size} MB plan (60000 resources):"
	echo "  mds-infra plan (whole run, streaming reader): $(measure "$MDS_INFRA" -C big -q plan dev)"
	jq -r '.totals | "    counted: \(.add) to add, \(.destroy) to destroy"' big/.mds/plans/dev/plan.json
	if command -v jq >/dev/null; then
		echo "  jq counting the same actions:                 $(measure jq '[.resource_changes[].change.actions] | length' fx/big.json)"
	fi
	echo "  python3 json.load:                             $(measure python3 -c 'import json,sys; json.load(open(sys.argv[1]))' fx/big.json)"
fi
