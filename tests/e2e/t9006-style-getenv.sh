#!/usr/bin/env bash
# Settings from the environment are read in cmd/ (cmd/envconf.c) and given
# to the engines as options: library code under cli/ calls getenv only for
# what the process itself is (PATH for the runner, NO_COLOR for messages).
. "$(dirname "$0")/lib.sh"

# library_getenv DIR: the getenv calls of DIR/cli outside cmd/ and main.c
# that are not allowed, one per line.
library_getenv() {
	(cd "$1" && grep -n 'getenv(' -r cli --include='*.c' --include='*.h' |
		grep -v '^cli/cmd/' | grep -v '^cli/main\.c:' |
		grep -v '^cli/run/proc\.c:.*getenv("PATH")' |
		grep -v '^cli/util/msg\.c:.*getenv("NO_COLOR")')
}

test_case "library code reads no setting from the environment" <<'EOS'
! library_getenv "$SOURCE_DIR"
EOS

test_case "the check has teeth: a getenv in an engine is listed" <<'EOS'
mkdir -p t/cli/gate t/cli/cmd
printf 'long f(void) { return getenv("MDS_X") != 0; }\n' >t/cli/gate/x.c
printf 'long g(void) { return getenv("MDS_Y") != 0; }\n' >t/cli/cmd/y.c
library_getenv t >out
contains out 'cli/gate/x.c:1:'
lacks out 'cli/cmd/y.c'
EOS

test_done
