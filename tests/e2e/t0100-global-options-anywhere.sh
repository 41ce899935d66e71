#!/usr/bin/env bash
# Global options (-q, -v, -C, -f, --color, --version) anywhere on the line,
# combined with each other and with a command's own letters.
. "$(dirname "$0")/lib.sh"

cp -r "$FIXTURES/stacks/basic" basic

test_case "-C after the command changes directory like before it" <<'EOF2'
mds -C basic render --check >before 2>&1 || true
mds render -C basic --check >after 2>&1 || true
test_cmp before after
mds render --check -C basic >last 2>&1 || true
test_cmp before last
must_fail 2 mds render -C /nonexistent/dir 2>err
contains err "cannot change to '/nonexistent/dir'"
EOF2

test_case "-q after the command silences notes, -qv clusters" <<'EOF2'
mds -C basic render >/dev/null 2>&1
mds -C basic render --check 2>loud
test -s loud
mds -C basic render --check -q 2>quiet
test ! -s quiet
mds render -qC basic --check 2>quiet2
test ! -s quiet2
EOF2

test_case "-f after the command names the stack file" <<'EOF2'
mkdir elsewhere
must_fail 2 mds -C elsewhere render --check 2>err
mds -C basic render -q
mds -C elsewhere render --check -f ../basic/stack.yaml -q 2>err
test ! -s err
mds render --check -qf basic/stack.yaml
EOF2

test_case "global options between a command and its verb" <<'EOF2'
must_fail 2 mds jenkins -C /nonexistent/dir status x 2>err
contains err "cannot change to '/nonexistent/dir'"
must_fail 2 mds jenkins -q bild 2>err
contains err "unknown verb 'bild' (did you mean 'build'?)"
mds jenkins -q --help >h
contains h "verbs (see 'mds-infra help jenkins VERB')"
EOF2

test_case "--version and --help after a command" <<'EOF2'
mds --version >a
mds validate --version >b
test_cmp a b
mds validate --help >h
contains h "usage: mds-infra validate"
EOF2

test_case "an unknown global-looking letter names itself; help lists globals from the table" <<'EOF2'
must_fail 2 mds validate -qz 2>err
contains err "unknown option '-z'"
mds help >h
contains h "global options (anywhere on the line"
contains h "-q, --quiet"
contains h "--color[=WHEN]"
must_fail 2 mds validate --quite 2>err
contains err "did you mean '--quiet'?"
EOF2

test_case "a mistyped option table does not compile" <<'EOF2'
cc=${CC:-cc}
command -v "$cc" >/dev/null || { echo "no compiler"; exit 0; }
cat >bad.c <<'C'
#include "cmd/opt.h"
struct o { int n; const char *s; };
static const struct opt_spec t[] = {
	OPT_STRING(0, "n", struct o, n, "N", "an int through a string"),
	OPT_END()
};
const struct opt_spec *p = t;
C
never "$cc" -std=gnu17 -fsyntax-only -I "$SOURCE_DIR/cli" bad.c 2>err
contains err "static assertion failed"
contains err "of struct o must be const char *"
sed -i 's/OPT_STRING(0, "n", struct o, n,/OPT_STRING(0, "s", struct o, s,/' bad.c
"$cc" -std=gnu17 -fsyntax-only -I "$SOURCE_DIR/cli" bad.c
EOF2

test_case "the man page source from the tables is valid scdoc" <<'EOF2'
command -v scdoc >/dev/null || { echo "no scdoc"; exit 0; }
mds help --scdoc >m.scd
scdoc <m.scd >m.1
contains m.1 "GLOBAL OPTIONS"
contains m.1 'fB-q, --quiet'
contains m.1 ".SS graph"
contains m.1 ".SS inputs"
contains m.1 "130"
EOF2

test_done
