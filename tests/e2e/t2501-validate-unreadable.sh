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
fixture bad-module
sed -i 's/console_url: .*/console_ur: x/' bad-module/stack.yaml
must_fail 2 mds -C bad-module validate >out 2>err
grep -E "^terraform/modules/store/variables.tf:1[4-6]:[0-9]+: error: " out
contains out "unknown input 'console_ur', not a variable of terraform/modules/query (did you mean 'console_url'?)"
lacks out "component 'store'"
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
