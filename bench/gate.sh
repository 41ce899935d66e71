#!/usr/bin/env bash
# gate benchmark: a ~100 MB Trivy report, built at bench time by repeating
# the Results of a real one (the corpus' juice-shop image scan when
# ../shared/corpus is there, else a fixture), read in one run by:
#   yajl bare        a bare yajl parse of the file (bench/yajl_parse.c): the floor
#   gate (text)      streaming reader (yajl), full verdict, text summary
#   gate -o json     the same with every finding written as JSON
#   jq, python3 json the usual alternatives, computing the same counts
# Printed side by side: wall and CPU time and peak memory (getrusage of the
# child, best of 3 runs for the three first), each one's ratio to the bare
# parse, and the targets the gate keeps: verdict with text within 1.5x of
# the bare parse, with -o json within 2x, peak memory at most 64 MiB (a line
# says "over target" when one is missed; nothing here fails the build on
# speed, which depends on the machine).
set -u
: "${MDS_INFRA:?run through bench/run.sh (MDS_INFRA unset)}"
: "${SOURCE_DIR:=$(cd "$(dirname "$0")/.." && pwd)}"
SHARED_DIR=${SHARED_DIR:-$SOURCE_DIR/../shared}
TARGET_MB=${GATE_BENCH_MB:-100}
PY=/usr/bin/python3

tmp=$(mktemp -d "${TMPDIR:-/tmp}/mds-bench-gate.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

seed=$SHARED_DIR/corpus/reports/trivy/scb__juice-shop-v12.10.2.json
[ -f "$seed" ] || seed=$SOURCE_DIR/tests/fixtures/reports/trivy-image.json
echo "seed report: $seed"

# The big report: the seed's own envelope with its Results repeated.
"$PY" - "$seed" "$tmp/big.json" "$TARGET_MB" <<'PY'
import json, os, sys
seed, out, mb = sys.argv[1], sys.argv[2], int(sys.argv[3])
doc = json.load(open(seed))
results = [json.dumps(r) for r in doc.get("Results") or []]
one = sum(len(r) + 1 for r in results) or 1
times = max(1, mb * 1024 * 1024 // one)
head = dict(doc)
head.pop("Results", None)
with open(out, "w") as f:
    f.write(json.dumps(head)[:-1] + ', "Results": [')
    first = True
    for _ in range(times):
        for r in results:
            f.write(("" if first else ",\n") + r)
            first = False
    f.write("]}\n")
print("built %.1f MB: %d copies of %d results" %
      (os.path.getsize(out) / 1048576.0, times, len(results)))
PY

# measure NAME OUTFILE CMD...: wall seconds, peak RSS (MiB) and CPU seconds
# (user + system) of CMD (its stdout goes to OUTFILE), through getrusage so
# that no `time` binary is needed.  RUNS (default 3) runs, the best kept: the
# machine is shared, and the best run is the one least disturbed.
measure() {
	local name=$1 out=$2
	shift 2
	"$PY" - "$out" "${RUNS:-3}" "$@" <<'PY'
import os, subprocess, sys, time
out, runs, cmd = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
best = None
for _ in range(runs):
    t = time.monotonic()
    with open(out, "w") as f:
        p = subprocess.Popen(cmd, stdout=f)
        _, status, ru = os.wait4(p.pid, 0)
    wall = time.monotonic() - t
    rc = os.waitstatus_to_exitcode(status)
    cpu = ru.ru_utime + ru.ru_stime
    run = (cpu, wall, ru.ru_maxrss / 1024.0, rc)
    best = run if best is None or run[0] < best[0] else best
print("%.3f %.1f %d %.3f" % (best[1], best[2], best[3], best[0]))
PY
}

cc -O2 -o "$tmp/yajl_parse" "$SOURCE_DIR/bench/yajl_parse.c" \
	$(pkg-config --cflags --libs yajl) || exit 1
printf 'version: 1\n' >"$tmp/policy.yaml"
JQ='[.Results[]? | (.Vulnerabilities // [])[],
     ((.Misconfigurations // [])[] | select(.Status == "FAIL" or .Status == null)),
     (.Secrets // [])[], (.Licenses // [])[]
     | (.Severity // "UNKNOWN" | ascii_downcase)]
    | group_by(.) | map({key: .[0], value: length}) | from_entries'
cat >"$tmp/count.py" <<'PY'
import collections, json, sys
doc = json.load(open(sys.argv[1]))
c = collections.Counter()
for r in doc.get("Results") or []:
    for v in r.get("Vulnerabilities") or []:
        c[(v.get("Severity") or "UNKNOWN").lower()] += 1
    for m in r.get("Misconfigurations") or []:
        if m.get("Status", "FAIL") == "FAIL":
            c[(m.get("Severity") or "UNKNOWN").lower()] += 1
    for k in ("Secrets", "Licenses"):
        for s in r.get(k) or []:
            c[(s.get("Severity") or "UNKNOWN").lower()] += 1
print(json.dumps(dict(sorted(c.items()))))
PY

read -r y_t y_m y_rc y_c < <(measure yajl "$tmp/yajl.out" "$tmp/yajl_parse" "$tmp/big.json")
read -r t_t t_m t_rc t_c < <(measure gate-text "$tmp/gate.txt" "$MDS_INFRA" gate \
	--policy "$tmp/policy.yaml" -r "$tmp/big.json")
read -r g_t g_m g_rc g_c < <(measure gate "$tmp/gate.out" "$MDS_INFRA" gate \
	--policy "$tmp/policy.yaml" -r "$tmp/big.json" -o json)
read -r j_t j_m j_rc j_c < <(RUNS=1 measure jq "$tmp/jq.out" jq -c "$JQ" "$tmp/big.json")
read -r p_t p_m p_rc p_c < <(RUNS=1 measure python "$tmp/py.out" "$PY" "$tmp/count.py" "$tmp/big.json")

# The three must agree, or the comparison means nothing.
g_counts=$(jq -c '.counts | with_entries(select(.value > 0))' "$tmp/gate.out")
j_counts=$(jq -S -c . "$tmp/jq.out")
p_counts=$(jq -S -c . "$tmp/py.out")
g_counts=$(jq -S -c . <<<"$g_counts")
echo "counts: gate $g_counts"
status=0
if [ "$g_counts" != "$j_counts" ] || [ "$g_counts" != "$p_counts" ]; then
	echo "MISMATCH: jq $j_counts, python $p_counts" >&2
	status=1
fi

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2fx", (b > 0 ? a / b : 0) }'; }
row() {	# row NAME WALL RSS CPU
	printf '%-16s %9s %9s %14s %10s %10s\n' "$1" "$2" "$4" "$3" \
		"$(ratio "$2" "$y_t")" "$(ratio "$4" "$y_c")"
}
printf '%-16s %9s %9s %14s %10s %10s\n' tool "wall (s)" "cpu (s)" "peak RSS (MiB)" \
	"wall/yajl" "cpu/yajl"
row "yajl bare" "$y_t" "$y_m" "$y_c"
row "gate (text)" "$t_t" "$t_m" "$t_c"
row "gate -o json" "$g_t" "$g_m" "$g_c"
row jq "$j_t" "$j_m" "$j_c"
row "python3 json" "$p_t" "$p_m" "$p_c"
# the targets, on CPU time (wall time on a shared machine measures the
# neighbours too): text <= 1.5x, json <= 2x of the bare parse, RSS <= 64 MiB
target() {	# target NAME VALUE LIMIT
	if awk -v v="$2" -v l="$3" 'BEGIN { exit !(v <= l) }'; then
		echo "$1: $2 (target <= $3): ok"
	else
		echo "$1: $2 (target <= $3): over target"
	fi
}
target "gate (text) / bare yajl, cpu" "$(awk -v a="$t_c" -v b="$y_c" 'BEGIN { printf "%.2f", a / b }')" 1.5
target "gate -o json / bare yajl, cpu" "$(awk -v a="$g_c" -v b="$y_c" 'BEGIN { printf "%.2f", a / b }')" 2.0
target "gate peak RSS (MiB)" "$(awk -v a="$g_m" -v b="$t_m" 'BEGIN { printf "%.1f", (a > b ? a : b) }')" 64
[ "$y_rc" = 0 ] && [ "$t_rc" -le 1 ] && [ "$g_rc" -le 1 ] && [ "$j_rc" = 0 ] && [ "$p_rc" = 0 ] || status=1
exit $status
