#!/usr/bin/env bash
# The folders of cli/ depend on each other downwards only (cmd -> engines
# -> formats and services -> util), without cycles; the check sees both
# kinds of fault.
. "$(dirname "$0")/lib.sh"
DEPS=$SOURCE_DIR/tests/style/folder-deps.py

test_case "cli/ has no folder cycle and no upward include" <<'EOS'
python3 "$DEPS" "$SOURCE_DIR"
EOS

mkfile() { mkdir -p "$(dirname "$1")"; printf '%s\n' "${@:2}" >"$1"; }

test_case "a cycle between two engines is reported" <<'EOS'
mkfile t/cli/gate/a.c '#include "validate/b.h"' '#include "util/buf.h"'
mkfile t/cli/validate/b.c '#include "gate/a.h"'
must_fail 1 python3 "$DEPS" t >out
grep -x 'cycle between folders: gate validate' out
test "$(wc -l <out)" = 1
EOS

test_case "an include from a higher layer is reported" <<'EOS'
mkfile u/cli/util/x.c '  #  include "cmd/cmd.h"'
mkfile u/cli/cmd/y.c '#include "util/x.h"'
must_fail 1 python3 "$DEPS" u >out
grep -x 'util -> cmd: layer 0 includes layer 3: cli/util/x.c' out
EOS

test_case "a new folder must be given a layer" <<'EOS'
mkfile n/cli/newdir/x.c '#include "util/buf.h"'
must_fail 1 python3 "$DEPS" n >out
grep 'newdir -> util: folder without a layer' out
EOS

test_done
