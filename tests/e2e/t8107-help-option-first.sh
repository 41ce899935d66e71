#!/usr/bin/env bash
# -h/--help before the command (global options go anywhere, as in git):
# `mds-infra --help plan` is `mds-infra plan --help`, verbs too; and a
# global option typed as a command (`mds-infra version`) is pointed at.
. "$(dirname "$0")/lib.sh"

test_case "--help CMD and -h CMD VERB print that help" <<'EOS'
mds plan --help >want
mds --help plan >got
test_cmp want got
mds help jenkins log >want
mds -h jenkins log >got
test_cmp want got
mds -q -C . --help graph >got
mds help graph >want
test_cmp want got
mds --help >over
contains over "commands:"
mds -h zzzz >over2
test_cmp over over2
EOS

test_case "a global option spelled as a command" <<'EOS'
must_fail 2 mds version 2>err
contains err "unknown command 'version' (did you mean '--version'?)"
must_fail 2 mds verison 2>err
contains err "unknown command 'verison'; see 'mds-infra help'"
EOS

test_done
