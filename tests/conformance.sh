#!/usr/bin/env bash
# Conformance of the gate's readers with the real-world corpus:
#   bash tests/conformance.sh BUILD_DIR
# Every report listed in ../shared/corpus/reports.json is read by
# `mds-infra gate`, and its open findings must be exactly the `expected`
# counts: the total and each severity.  Reports whose `expected` is null
# (report-task.txt) must be read without error and give no finding.
# Exit 0 when all match, 1 when one does not; when the corpus is absent it
# says so and exits 0 (CI has the corpus at ../shared/corpus).
set -u
build=${1:-build}
src=$(cd "$(dirname "$0")/.." && pwd)
mds=$(cd "$build" && pwd)/mds-infra
corpus=${SHARED_DIR:-$src/../shared}/corpus
manifest=$corpus/reports.json

if [ ! -f "$manifest" ]; then
	echo "conformance: corpus ABSENT (no $manifest): nothing checked"
	exit 0
fi
[ -x "$mds" ] || { echo "conformance: no binary at $mds" >&2; exit 2; }
command -v jq >/dev/null || { echo "conformance: jq is needed" >&2; exit 2; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
printf 'version: 1\n' >"$tmp/policy.yaml"	# no thresholds: only counting

# One gate run per report, then one jq over all outputs (processes are the
# cost here, not reading).
mkdir -p "$tmp/out"
n=0 errors=0
while IFS= read -r path; do
	n=$((n + 1))
	if ! "$mds" gate --policy "$tmp/policy.yaml" -r "$corpus/$path" \
		-o "json:$tmp/out/$(printf %04d $n).json" 2>"$tmp/err" &&
		[ ! -s "$tmp/out/$(printf %04d $n).json" ]; then
		echo "FAIL $path: $(cat "$tmp/err")"
		errors=$((errors + 1))
	fi
done < <(jq -r '.[].path' "$manifest")

jq -rn --slurpfile m "$manifest" --arg corpus "$corpus" '
	def zero: {findings: 0, by_severity: {critical: 0, high: 0, medium: 0,
		   low: 0, info: 0, unknown: 0}};
	[inputs] as $outs
	| $m[0][] as $e
	| ($outs | map(select(.sources[0].path == $corpus + "/" + $e.path)) | first) as $o
	| if $o == null then "MISSING \($e.path)"
	  else ({findings: ([$o.counts[]] | add), by_severity: $o.counts}) as $got
	  | ($e.expected // zero) as $want
	  | if $got == $want then "ok   \($e.path): \($got.findings) findings"
	    else "FAIL \($e.path)\n     expected \($want | tojson)\n     got      \($got | tojson)"
	    end
	  end' "$tmp"/out/*.json >"$tmp/result"
cat "$tmp/result"
ok=$(grep -c '^ok ' "$tmp/result")
bad=$(( $(grep -c -e '^FAIL' -e '^MISSING' "$tmp/result") + errors ))
echo "conformance: $ok reports match, $bad do not (corpus $corpus)"
[ "$bad" = 0 ] && [ "$ok" -gt 0 ]
