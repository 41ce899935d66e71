#!/usr/bin/env bash
# validate on module READMEs: the generated inputs/outputs table must be
# what `mds-infra docs` would write now, for the modules the stack deploys
# and for every other module under terraform/modules.
. "$(dirname "$0")/lib.sh"

fixture() {
	rm -rf "$1"
	cp -r "$FIXTURES/validate/$1" "$1"
}

test_case "stale, missing and marker-less README tables: exit 1, one line each" <<'EOS'
fixture stale-readme
must_fail 1 mds -C stale-readme validate >out 2>err
cat >expect <<'EOF'
terraform/modules/store/README.md:3:1: error: inputs/outputs table is stale; run 'mds-infra docs'
terraform/modules/query/README.md: error: missing; run 'mds-infra docs' to generate it
terraform/modules/spare/README.md: error: has no generated inputs/outputs table; run 'mds-infra docs'
EOF
test_cmp expect out
EOS

test_case "the fix the message names works: after docs, validate passes" <<'EOS'
fixture stale-readme
mds -C stale-readme docs >/dev/null
mds -C stale-readme validate >out 2>err
test_cmp /dev/null out
contains err "3 READMEs"
contains stale-readme/terraform/modules/spare/README.md "A module no component deploys yet."
EOS

test_case "validate agrees with docs --check on the same tree" <<'EOS'
fixture stale-readme
must_fail 1 mds -C stale-readme docs --check >docs.out 2>/dev/null
for m in store query spare; do
	contains docs.out "terraform/modules/$m/README.md"
done
fixture ok
mds -C ok docs --check
mds -C ok validate 2>/dev/null
EOS

test_case "a hand edit inside the generated table is stale" <<'EOS'
fixture ok
sed -i 's/| `replicas` | Number of storage servers./| `replicas` | How many servers./' ok/terraform/modules/store/README.md
must_fail 1 mds -C ok validate >out 2>err
contains out "terraform/modules/store/README.md:3:1: error: inputs/outputs table is stale"
EOS

test_case "./terraform/modules/store/ in stack.yaml is the same module: one README problem" <<'EOS'
fixture stale-readme
sed -i 's|module: terraform/modules/store|module: ./terraform/modules/store/|' stale-readme/stack.yaml
must_fail 1 mds -C stale-readme validate >out 2>err
test "$(grep -c 'store/README.md' out)" = 1
contains out "terraform/modules/store/README.md:3:1: error: inputs/outputs table is stale"
lacks out "./terraform"
EOS

test_case "a repeated marker is a README that cannot be read: exit 2" <<'EOS'
fixture ok
printf '<!-- BEGIN mds-infra docs -->\n' >>ok/terraform/modules/query/README.md
must_fail 2 mds -C ok validate >out 2>err
grep -E "^terraform/modules/query/README.md:[0-9]+: error: " out
EOS

test_done
