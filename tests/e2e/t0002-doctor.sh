#!/usr/bin/env bash
# doctor with a PATH of fake tools, and with a PATH holding none.
. "$(dirname "$0")/lib.sh"

fake_tool() {	# fake_tool DIR NAME "version line" [exit code]
	mkdir -p "$1"
	printf '#!/bin/sh\necho "%s"\nexit %s\n' "$3" "${4:-0}" >"$1/$2"
	chmod +x "$1/$2"
}

test_case "every tool present: versions shown, exit 0" <<'EOS'
for t in terragrunt terraform checkov trivy sonar-scanner git pre-commit groovy; do
	fake_tool fake $t "$t version 9.9.$t"
done
PATH=$PWD/fake mds doctor >out
contains out "ok       terragrunt  terragrunt version 9.9.terragrunt"
contains out "ok       checkov     checkov version 9.9.checkov"
contains out "absent   tofu"
EOS

test_case "no tools at all: what is missing and how to get it, exit 3" <<'EOS'
mkdir -p empty
PATH=$PWD/empty must_fail 3 mds doctor >out 2>err
contains out "MISSING  terragrunt"
contains out "MISSING  terraform or tofu"
contains out "install:"
contains err "needed by the requested jobs"
EOS

test_case "a job needs only its own tools" <<'EOS'
mkdir -p empty
PATH=$PWD/empty mds doctor gate render validate jenkins >out
fake_tool only git "git version 2.0"
PATH=$PWD/only must_fail 3 mds doctor pre-commit >out
contains out "MISSING  pre-commit"
contains out "ok       git"
EOS

test_case "tofu satisfies plan in place of terraform" <<'EOS'
fake_tool f terragrunt "terragrunt 0.80"
fake_tool f tofu "OpenTofu v1.9.0"
PATH=$PWD/f mds doctor plan apply >out
contains out "ok       tofu        OpenTofu v1.9.0"
EOS

test_case "a tool that runs but fails is broken" <<'EOS'
fake_tool f groovy "JAVA_HOME is not defined" 1
PATH=$PWD/f must_fail 3 mds doctor jenkinsfile >out
contains out "BROKEN   groovy      JAVA_HOME is not defined"
EOS

test_case "an unknown job is a usage error" <<'EOS'
must_fail 2 mds doctor deploy 2>err
contains err "unknown job 'deploy'"
EOS

test_done
