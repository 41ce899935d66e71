#!/usr/bin/env bash
# Options given wrong are usage errors (exit 2), even with --soft-fail: an
# empty --env, a --sonar-url/--sonar-branch/--sonar-pr without --sonar (a
# forgotten --sonar silently judged the local reports only), and two -o
# outputs into one file (the last silently replaced the first).
. "$(dirname "$0")/lib.sh"

printf '{"SchemaVersion": 2, "Results": []}' >t.json

test_case "--env '' is a usage error" <<'EOF'
must_fail 2 mds gate --soft-fail -r t.json --env '' 2>err
contains err "--env names no environment"
EOF

test_case "--sonar-url, --sonar-branch, --sonar-pr need --sonar" <<'EOF'
must_fail 2 mds gate --soft-fail -r t.json --sonar-url http://127.0.0.1:9 2>err
contains err "--sonar-url without --sonar"
must_fail 2 mds gate -r t.json --sonar-branch main 2>err
contains err "--sonar-branch without --sonar"
must_fail 2 mds gate -r t.json --sonar-pr 7 2>err
contains err "--sonar-pr without --sonar"
EOF

test_case "--soft-fail never hides a usage error or an unreadable report" <<'EOF'
must_fail 2 mds gate --soft-fail -r t.json -o bogus
must_fail 2 mds gate --soft-fail -r t.json -o json:- -o sarif:-
must_fail 2 mds gate --soft-fail -r t.json --date 2026-02-30
printf '{"version": "2.1.0", "runs": []}' >s.json
must_fail 2 mds gate --soft-fail -r s.json
EOF

test_case "two outputs into one file, however spelled: a usage error, nothing written" <<'EOF'
must_fail 2 mds gate -r t.json -o json:same.out -o sarif:./same.out 2>err
contains err "-o json:same.out and -o sarif:./same.out write the same file"
test ! -e same.out
mkdir sub
must_fail 2 mds gate -r t.json -o json:sub/../x.json -o junit:x.json 2>err
contains err "write the same file"
mds gate -r t.json -o json:a.json -o sarif:b.json
test -s a.json
test -s b.json
EOF

test_done
