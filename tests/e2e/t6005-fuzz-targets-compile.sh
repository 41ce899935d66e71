#!/usr/bin/env bash
# The libFuzzer targets of fuzz/ are built only by `make fuzz` (clang); a
# header that moved would break them unseen.  Each one is compiled here, for
# syntax and types, against the library's headers with the build's compiler.
. "$(dirname "$0")/lib.sh"

flags() {
	# shellcheck disable=SC2046
	echo -std=c17 -D_GNU_SOURCE -Wall -Werror -I"$SOURCE_DIR/cli" \
		$(pkg-config --cflags libgit2 yaml-0.1 libcurl jansson libarchive yajl 2>/dev/null)
}

test_case "every fuzz target compiles against the current headers" <<'EOS'
n=0
for f in "$SOURCE_DIR"/fuzz/fuzz_*.c; do
	# shellcheck disable=SC2046
	cc -fsyntax-only $(flags) "$f" || { echo "does not compile: $f"; false; }
	n=$((n + 1))
done
test "$n" -ge 8	# fuzz_report.c serves five formats
EOS

test_case "the check has teeth: a target naming a missing header fails" <<'EOS'
printf '#include "plan/no-such-header.h"\nint x;\n' >bad.c
# shellcheck disable=SC2046
! cc -fsyntax-only $(flags) bad.c 2>err
contains err "no-such-header.h"
EOS

test_done
