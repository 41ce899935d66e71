#!/usr/bin/env bash
# The README's "Dev on an empty cluster" is what plan and apply do: the
# bundled stack (stack.yaml, terraform/, terragrunt/ of this repository)
# on a fresh cluster, played by the fake terragrunt: every component
# creates two resources; flink-operator's PodMonitor needs monitoring's
# CRDs and flink-jobs' FlinkDeployment the operator's, so their plans fail
# with the CRD-missing error until those are applied; an applied component
# then plans without changes (FAKE_TG_CONVERGE).  The README's commands are
# run as written (but `kind`), and every line of its output block must
# appear, in order, in their output.
. "$(dirname "$0")/lib.sh"
. "$SOURCE_DIR/tests/e2e/planlib.sh"

README=$SOURCE_DIR/README.md
section() {	# section FENCE: the lines of that fenced block of the section
	awk -v fence="$1" '
		/<!-- BEGIN dev-on-empty-cluster/ { on = 1; next }
		/<!-- END dev-on-empty-cluster/ { on = 0 }
		on && $0 == "```" fence { inblk = 1; next }
		on && inblk && $0 == "```" { inblk = 0 }
		on && inblk { print }' "$README"
}

mkdir repo
cp -r "$SOURCE_DIR/stack.yaml" "$SOURCE_DIR/terraform" "$SOURCE_DIR/terragrunt" repo/
[ -d "$SOURCE_DIR/policies" ] && cp -r "$SOURCE_DIR/policies" repo/
(cd repo && printf '/.mds/\n' >.gitignore && git init -q && git add -A &&
	git -c user.email=t@example.com -c user.name=t commit -qm stack)
export FAKE_TG_CONVERGE=1
for d in repo/terragrunt/dev/*/; do fx_plan "$(basename "$d")" creates.json; done
fx flink-operator needs "monitoring PodMonitor monitoring.coreos.com"
fx flink-jobs needs "flink-operator FlinkDeployment flink.apache.org"

test_case "the README section has commands and an output block" <<'EOS'
section sh >commands
section text >expected
grep -q '^mds-infra plan dev$' commands
grep -q '^mds-infra apply dev --waves$' commands
test "$(wc -l <expected)" -ge 10
EOS

test_case "its commands print its output lines, in order" <<'EOS'
: >actual
while read -r tool args; do
	[ "$tool" = mds-infra ] || continue	# kind: not here
	# shellcheck disable=SC2086
	"$MDS_INFRA" -C repo $args >>actual 2>&1
done <commands
sed -E 's/ \([0-9]+\.[0-9]s\)$//' actual >actual.plain
awk 'NR == FNR { want[++n] = $0; next }
     k < n && $0 == want[k + 1] { k++ }
     END { if (k < n) { print "missing, in order: " want[k + 1] > "/dev/stderr"; exit 1 } }' \
	expected actual.plain || { cat actual.plain >&2; false; }
test "$(grep -c '^start flink-jobs apply' "$FAKE_TG_LOG")" = 1
test "$(grep -c '^start monitoring apply' "$FAKE_TG_LOG")" = 1
EOS

test_done
