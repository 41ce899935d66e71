#!/usr/bin/env bash
# Each class of bad stack file: the exact message with FILE:LINE:COL, exit 2,
# and no tree written.
. "$(dirname "$0")/lib.sh"

bad() {	# bad NAME "expected message"
	cp -r "$FIXTURES/stacks/bad" b 2>/dev/null || true
	must_fail 2 mds -C b -f "$1.yaml" render 2>err
	contains err "mds-infra: error: $2"
	test ! -e b/terragrunt
	must_fail 2 mds -C b -f "$1.yaml" render --check 2>err
	contains err "$2"
}

test_case "dependency cycle, with its path" <<'EOS'
bad cycle "cycle.yaml:6:3: dependency cycle: a -> c -> b -> a"
EOS

test_case "unknown key, with a suggestion" <<'EOS'
bad unknown-key "unknown-key.yaml:8:5: unknown key 'inputz' in a component (did you mean 'inputs'?)"
EOS

test_case "reference to a component that is not a dependency" <<'EOS'
bad bad-ref "bad-ref.yaml:9:24: 'b' uses an output of 'a' but does not depend on it (add 'a' to its depends_on)"
EOS

test_case "\${env.X} missing in one environment" <<'EOS'
bad bad-env-ref "bad-env-ref.yaml:8:24: \${env.replicas} is not defined in environment 'prod' (add it under its vars)"
EOS

test_case "duplicate key" <<'EOS'
bad dup-key "dup-key.yaml:7:3: duplicate key 'a'"
EOS

test_case "invalid UTF-8" <<'EOS'
bad non-utf8 "non-utf8.yaml:2:12: invalid UTF-8 (byte offset 22)"
EOS

test_case "unknown dependency" <<'EOS'
bad unknown-dep "unknown-dep.yaml:6:31: component 'a' depends on unknown component 'nope'"
EOS

test_case "unsafe environment name" <<'EOS'
bad bad-name "bad-name.yaml:4:16: environment name '../up' is not a safe name"
EOS

test_case "a second YAML document" <<'EOS'
bad two-docs "two-docs.yaml:6:1: a second YAML document is not allowed here"
EOS

test_case "wrong type" <<'EOS'
bad wrong-type "wrong-type.yaml:4:33: protected must be a boolean, not a string"
EOS

test_case "module directory missing" <<'EOS'
bad no-module "no-module.yaml:6:15: module 'modules/absent' of component 'a' is not a directory"
EOS

test_case "tab indentation" <<'EOS'
bad tabs "tabs.yaml:5:1: found character that cannot start any token"
EOS

test_case "missing stack file" <<'EOS'
must_fail 2 mds -f nowhere.yaml render 2>err
contains err "nowhere.yaml"
EOS

test_done
