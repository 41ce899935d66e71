#!/usr/bin/env bash
# validate on files that cannot be read or parsed: exit 2 with FILE:LINE:COL,
# and everything else is still checked in the same run.
. "$(dirname "$0")/lib.sh"

fixture() {
	rm -rf "$1"
	cp -r "$FIXTURES/validate/$1" "$1"
}

test_case "no stack file: exit 2 naming it" <<'EOS'
mkdir empty
must_fail 2 mds -C empty validate >out 2>err
contains out "stack.yaml: error:"
contains err "1 problem found"
EOS

test_case "a stack.yaml that does not parse: exit 2 at its line and column" <<'EOS'
fixture bad-stack
must_fail 2 mds -C bad-stack validate >out 2>err
contains out "stack.yaml:7:3: error: did not find expected ',' or '}' while parsing a flow mapping"
EOS

test_case "a .tf file that does not parse: exit 2 at its line, other modules still checked" <<'EOS'
# made here, not kept in tests/fixtures: every committed .tf file must
# parse (t2001), and this one must not
fixture ok
sed -i 's/^  default     = \[\]$/  default     = [/' ok/terraform/modules/store/variables.tf
sed -i 's/console_url: .*/console_ur: x/' ok/stack.yaml
must_fail 2 mds -C ok validate >out 2>err
cat >expect <<'EOF'
terraform/modules/store/variables.tf:15:1: error: expected ']' to close the bracket opened at 14:17, found '}'
stack.yaml:19:5: error: component 'query': missing required input 'console_url'
terraform/modules/query/variables.tf:6:1: note: variable 'console_url' is declared here without a default
stack.yaml:21:7: error: component 'query': unknown input 'console_ur', not a variable of terraform/modules/query (did you mean 'console_url'?)
terraform/modules/query/variables.tf:6:1: note: variable 'console_url' is declared here
EOF
test_cmp expect out
EOS

test_case "a stack that does not load still gets its policies checked" <<'EOS'
fixture bad-stack
mkdir bad-stack/policies
printf 'a: [1\n' >bad-stack/policies/extra.yaml
must_fail 2 mds -C bad-stack validate >out 2>err
grep -E "^stack.yaml:[0-9]+:[0-9]+: error: " out
grep -E "^policies/extra.yaml:[0-9]+:[0-9]+: error: " out
contains err "2 problems found"
EOS

test_case "validate takes no arguments" <<'EOS'
fixture ok
must_fail 2 mds -C ok validate dev 2>err
contains err "no arguments"
EOS

test_done
