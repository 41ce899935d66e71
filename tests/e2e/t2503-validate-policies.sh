#!/usr/bin/env bash
# validate on policies/*.yaml: each loads through its own loader (exit 2 at
# the loader's FILE:LINE:COL when it does not), and the environment and
# component names a policy uses exist in stack.yaml (exit 1 when not).
. "$(dirname "$0")/lib.sh"

fixture() {
	rm -rf "$1"
	cp -r "$FIXTURES/validate/$1" "$1"
}

test_case "valid policies pass and are counted" <<'EOS'
fixture ok
mds -C ok validate >out 2>err
test_cmp /dev/null out
contains err "2 policies"
EOS

test_case "a bad value in gate.yaml, a misspelt key in plan.yaml, broken YAML: exit 2, all shown" <<'EOS'
fixture bad-policy
must_fail 2 mds -C bad-policy validate >out 2>err
cat >expect <<'EOF'
policies/gate.yaml:4:13: error: unknown_as must be critical, high, medium, low or info, not 'severe'
policies/plan.yaml:4:3: error: unknown key 'alow_destroy' in protected (did you mean 'allow_destroy'?)
policies/waivers.yaml:5:1: error: found unexpected end of stream while scanning a quoted scalar
EOF
test_cmp expect out
contains err "3 problems found"
EOS

test_case "environments and components a policy names must exist" <<'EOS'
fixture policy-names
must_fail 1 mds -C policy-names validate >out 2>err
cat >expect <<'EOF'
policies/gate.yaml:4:3: error: environment 'production' is not defined in stack.yaml
policies/gate.yaml:10:25: error: environment 'staging' is not defined in stack.yaml
policies/plan.yaml:5:7: error: component 'stor' is not defined in stack.yaml (did you mean 'store'?)
policies/plan.yaml:8:22: error: environment 'prd' is not defined in stack.yaml (did you mean 'prod'?)
policies/plan.yaml:8:27: error: environment 'qa' is not defined in stack.yaml
EOF
test_cmp expect out
EOS

test_case "no policies directory: nothing to check, not an error" <<'EOS'
fixture ok
rm -r ok/policies
mds -C ok validate >out 2>err
contains err "0 policies"
EOS

test_case "a policy file that cannot be read" <<'EOS'
fixture ok
ln -s nowhere.yaml ok/policies/gone.yaml
must_fail 2 mds -C ok validate >out 2>err
contains out "policies/gone.yaml"
contains out "error:"
EOS

test_done
