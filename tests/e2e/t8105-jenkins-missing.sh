#!/usr/bin/env bash
# jenkins: a missing job or build is said plainly (exit 2): a mistyped job
# is "no job 'X' in Jenkins (did you mean ...)", not the 404 of lastBuild;
# a job that never ran is not told "no build lastBuild".  The server's
# address is not repeated (JENKINS_URL may carry a user).
. "$(dirname "$0")/lib.sh"
. "$SOURCE_DIR/tests/fake_jenkins/lib.sh"

jcase "missing jobs and builds" <<'EOS'
start_fake
must_fail 2 mds jenkins status simpel 2>err
contains err "no job 'simpel' in Jenkins (did you mean 'simple'?)"
lacks err "lastBuild"
lacks err "404"
must_fail 2 mds jenkins log platform/mds-infra/mian 2>err
contains err "no job 'platform/mds-infra/mian' in Jenkins (did you mean 'platform/mds-infra/main'?)"
must_fail 2 mds jenkins status platform/mds-infra/main 2>err
contains err "no job 'platform/mds-infra/main', or it has no build yet"
lacks err "lastBuild"
lacks err "127.0.0.1"
mds jenkins build simple --follow >/dev/null 2>&1
must_fail 2 mds jenkins status simple 99 2>err
contains err "no build 99 of 'simple'"
EOS

test_done
