#!/usr/bin/env bash
# validate on this repository itself: the real stack.yaml, modules, READMEs
# and policies must agree (what `make run` and CI rely on), and a copy with
# one mistake must not.
. "$(dirname "$0")/lib.sh"

# repo_copy DIR: the files validate reads, copied into DIR.
repo_copy() {
	mkdir -p "$1"
	cp "$SOURCE_DIR/stack.yaml" "$1/"
	cp -r "$SOURCE_DIR/terraform" "$1/"
	if [ -d "$SOURCE_DIR/policies" ]; then cp -r "$SOURCE_DIR/policies" "$1/"; fi
}

test_case "validate passes on the repository, exit 0" <<'EOS'
mds -C "$SOURCE_DIR" validate >out 2>err || { cat out err; false; }
test_cmp /dev/null out
contains err "stack.yaml is consistent: 3 environments x 10 components"
EOS

test_case "validate from a subdirectory finds the repository's stack.yaml" <<'EOS'
mds -C "$SOURCE_DIR/terraform" validate >out 2>err || { cat out err; false; }
test_cmp /dev/null out
EOS

test_case "every component of the real stack is checked: one misspelling is caught" <<'EOS'
repo_copy repo
# misspell the first input of the first component that has inputs
awk '/^    inputs:$/ { armed = 1 }
     armed && !done && /^      [a-z_]+:/ { sub(/^      [a-z_]+/, "&x"); done = 1 }
     { print }' \
	"$SOURCE_DIR/stack.yaml" >repo/stack.yaml
must_fail 1 mds -C repo validate >out 2>err
grep -E "^stack.yaml:[0-9]+:7: error: component '[a-z-]+': unknown input '[a-z_]+x', not a variable of terraform/modules/[a-z-]+ \(did you mean '[a-z_]+'\?\)" out
EOS

test_done
