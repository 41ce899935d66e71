#!/usr/bin/env bash
# "Did you mean" wherever a name is typed: help topics (commands and
# jenkins verbs), environments of render, plan, apply and bundle, doctor
# jobs.  Each is a usage error (exit 2) that still lists what exists.
# Also: negative -j and --timeout are refused, not taken as the default,
# and graph --json with another --format is refused.
. "$(dirname "$0")/lib.sh"

cp -r "$FIXTURES/stacks/basic" s

test_case "help topics: commands and verbs" <<'EOS'
must_fail 2 mds help rendr >out 2>err
contains err "no such command 'rendr' (did you mean 'render'?); see 'mds-infra help'"
test ! -s out
must_fail 2 mds help jenkins bild 2>err
contains err "'jenkins' has no verb 'bild' (did you mean 'build'?); see 'mds-infra help jenkins'"
must_fail 2 mds help zzzzzz 2>err
lacks err "did you mean"
EOS

test_case "environments: render, plan, apply and bundle" <<'EOS'
for c in "render" "render --check" "plan" "apply" "bundle -o b.tgz"; do
	must_fail 2 mds -C s $c devv 2>err
	contains err "unknown environment 'devv' (did you mean 'dev'? the stack defines: dev, prod)"
done
must_fail 2 mds -C s plan prdo --json 2>err
contains err "(did you mean 'prod'?"
must_fail 2 mds -C s render qa 2>err
contains err "unknown environment 'qa' (the stack defines: dev, prod)"
test ! -e s/terragrunt
EOS

test_case "a wrong jenkins verb shows every verb's usage, not build's alone" <<'EOS'
must_fail 2 mds jenkins zzzzzz 2>err
contains err "usage: mds-infra jenkins build JOB"
contains err "   or: mds-infra jenkins stop JOB N"
contains err "   or: mds-infra jenkins input JOB N"
must_fail 2 mds jenkins build 2>err
contains err "usage: mds-infra jenkins build JOB"
lacks err "   or:"
EOS

test_case "doctor jobs" <<'EOS'
must_fail 2 mds doctor plna 2>err
contains err "unknown job 'plna' (did you mean 'plan'? plan, apply, scan"
must_fail 2 mds doctor zzzzzz 2>err
lacks err "did you mean"
EOS

test_case "negative -j and --timeout are usage errors, before any work" <<'EOS'
must_fail 2 mds -C s plan dev -j -1 2>err
contains err "option '--jobs' takes a positive number (0 or none: the number of cores), not -1"
contains err "see 'mds-infra help plan'"
must_fail 2 mds -C s apply dev --timeout -5 2>err
contains err "option '--timeout' takes a positive number of seconds (0 or none: no limit), not -5"
test ! -e s/.mds
EOS

test_case "graph: --json with another --format is refused, not overridden" <<'EOS'
must_fail 2 mds -C s graph --json --format dot >out 2>err
contains err "--json and --format dot do not go together"
test ! -s out
mds -C s graph --format json --json >j
contains j '"schema": "mds-infra/graph/v1"'
mds -C s graph >t
contains t "components in dependency order"
EOS

test_done
