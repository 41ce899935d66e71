#!/usr/bin/env bash
# Credentials: API token (no crumb), password (crumb + session cookie, also
# after the session expires), ~/.netrc; refusals and unreachable servers
# give exit 3; the secret never shows in any output or trace.
. "$(dirname "$0")/lib.sh"
. "$SOURCE_DIR/tests/fake_jenkins/lib.sh"

jcase "password user: crumb fetched with its session cookie, refetched on expiry" <<'EOS'
start_fake --fault crumb-expiry
export JENKINS_API_TOKEN=$FAKE_PASSWORD
mds -v jenkins build platform/mds-infra/main -p LINES=3 --follow >out 2>err
same_log platform/mds-infra/main 1 out
contains err "GET /crumbIssuer/api/json"
contains err "Set-Cookie: <redacted>"
contains err "Jenkins-Crumb: <redacted>"
contains err "platform/mds-infra/main #1: SUCCESS"
# The first crumbed POST expired the session: the next POST needs a new one.
mds -v jenkins build simple >n 2>err2
test "$(cat n)" = 1
test "$(grep -c 'GET /crumbIssuer/api/json' err2)" = 1
lacks err "$FAKE_PASSWORD"
lacks err2 "$FAKE_PASSWORD"
EOS

jcase "API token: no crumb; the token is in no output or trace" <<'EOS'
start_fake
mds -v jenkins build platform/mds-infra/main -p LINES=3 --follow >out 2>err
lacks err "crumbIssuer"
contains err "Authorization: <redacted>"
b64=$(printf 'alice:%s' "$FAKE_TOKEN" | base64 -w0)
for f in out err; do lacks $f "$FAKE_TOKEN"; lacks $f "$b64"; done
mds -v jenkins status platform/mds-infra/main --json >s.out 2>s.err
lacks s.out "$FAKE_TOKEN"
lacks s.err "$b64"
EOS

jcase "~/.netrc supplies the credentials" <<'EOS'
start_fake
unset JENKINS_USER_ID JENKINS_API_TOKEN
export HOME=$PWD/netrc-home
mkdir -p "$HOME"
printf 'machine 127.0.0.1 login alice password %s\n' "$FAKE_TOKEN" >"$HOME/.netrc"
chmod 600 "$HOME/.netrc"
mds jenkins build simple --follow >out 2>err
contains err "simple #1: SUCCESS"
EOS

jcase "wrong token: 401 is exit 3 at once; anonymous 403 too" <<'EOS'
start_fake
JENKINS_API_TOKEN=wrong must_fail 3 mds jenkins status simple 2>e1
contains e1 "authentication refused (401)"
lacks e1 wrong
unset JENKINS_USER_ID JENKINS_API_TOKEN
must_fail 3 mds jenkins status simple 2>e2
contains e2 "access refused (403)"
EOS

jcase "unreachable server: exit 3 after bounded retries" <<'EOS'
port=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
export JENKINS_URL=http://127.0.0.1:$port JENKINS_USER_ID=alice JENKINS_API_TOKEN=x
start=$(date +%s%N)
MDS_HTTP_RETRIES=3 must_fail 3 mds -v jenkins build simple >out 2>err
elapsed_ms=$(( ($(date +%s%N) - start) / 1000000 ))
contains err "Couldn't connect to server"
test "$(grep -c '\* retry' err)" = 3
test "$elapsed_ms" -lt 5000
EOS

jcase "no JENKINS_URL, or a bad one: exit 3 with the fix" <<'EOS'
unset JENKINS_URL
must_fail 3 mds jenkins status x 2>e1
contains e1 "JENKINS_URL is not set"
JENKINS_URL=ftp://x must_fail 3 mds jenkins status x 2>e2
contains e2 "must start with http:// or https://"
EOS

jcase "TLS is verified: a plain-HTTP fake answered as https fails, --insecure warns" <<'EOS'
start_fake
export JENKINS_URL=https://127.0.0.1:$FAKE_PORT MDS_HTTP_RETRIES=0
must_fail 3 mds jenkins status simple 2>e1
mds jenkins status simple --insecure 2>e2 || true
contains e2 "--insecure: the server's certificate is not verified"
EOS

test_done
