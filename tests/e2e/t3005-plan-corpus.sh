#!/usr/bin/env bash
# plan through the binary on every real plan of ../shared/corpus/plans: a
# stack with one component per plan, the fake serving that plan as its
# show -json; plan.json must give the summary Terraform prints for each
# (plans.json), and the invalid one must fail its component with a clear
# error.  Skipped (one passing case saying so) when the corpus is absent.
. "$(dirname "$0")/lib.sh"
. "$SOURCE_DIR/tests/e2e/planlib.sh"

CORPUS=$SHARED_DIR/corpus
if [ ! -f "$CORPUS/plans.json" ]; then
	test_case "corpus absent: nothing to check" <<'EOS'
echo "no $CORPUS/plans.json"
EOS
	test_done
	exit
fi

# stack: p00..pNN, one per corpus plan, no dependencies
mkdir -p corpus-repo
{
	printf 'version: 1\nname: corpus\n'
	printf 'backend: {s3: {bucket: b, region: us-east-1, endpoints: {s3: "http://127.0.0.1:1"}}}\n'
	printf 'environments: {dev: {vars: {x: 1}}}\ncomponents:\n'
	jq -r 'keys[] | "  p\(. | tostring | if length < 2 then "0" + . else . end): {module: modules/m}"' \
		"$CORPUS/plans.json"
} >corpus-repo/stack.yaml
mkdir -p corpus-repo/modules/m
echo '# m' >corpus-repo/modules/m/main.tf
(cd corpus-repo && git init -q && "$MDS_INFRA" render >/dev/null 2>&1 && git add -A &&
	git -c user.email=t@example.com -c user.name=t commit -qm corpus)
jq -r 'to_entries[] | "\(.key) \(.value.path) \(.value.expected.changes_present)"' \
	"$CORPUS/plans.json" | while read -r i path changes; do
	c=p$(printf %02d "$i")
	cp "$CORPUS/$path" "$FAKE_TG_DIR/$c.json"
	[ "$changes" = true ] || echo 0 >"$FAKE_TG_DIR/$c.exit"
done

test_case "every corpus plan gives Terraform's summary; the invalid one fails clearly" <<'EOS'
must_fail 1 mds -C corpus-repo plan dev -j 4 >out 2>err
PJ=corpus-repo/.mds/plans/dev/plan.json
jq -r --slurpfile want "$CORPUS/plans.json" '
	.components[] as $c
	| ($c.name[1:] | tonumber) as $i
	| $want[0][$i] as $w
	| if $w.invalid then
		(if $c.status == "failed" then "ok \($w.path) rejected: \($c.reason)"
		 else "FAIL \($w.path) should be rejected" end)
	  else
		({add: $c.add, change: $c.change, destroy: $c.destroy, import: $c.import,
		  changes_present: ($c.status == "changes")}) as $got
		| if $got == $w.expected then "ok \($w.path)"
		  else "FAIL \($w.path): got \($got | tojson), want \($w.expected | tojson)" end
	  end' "$PJ" >result
cat result
test "$(grep -c '^ok' result)" = "$(jq length "$CORPUS/plans.json")"
lacks result FAIL
contains result "invalid.plan.json rejected: p"
contains result "invalid JSON at byte"
c=$(jq -r 'to_entries[] | select(.value.path | test("corrupted")) | .key' "$CORPUS/plans.json")
contains err "[p$(printf %02d "$c")] warning: show -json has no resource_changes"
EOS

test_done
