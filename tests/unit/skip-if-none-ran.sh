#!/usr/bin/env bash
# skip-if-none-ran.sh TEST-EXE [criterion options...]: runs a Criterion
# executable and exits 77 (ctest's SKIP_RETURN_CODE) when it passed without
# running any test because every selected test called cr_skip_test (the
# corpus of ../shared is absent).  Criterion itself exits 0 then, which
# ctest would report as a pass.  Any other outcome is the executable's own.
set -u
out=$(mktemp)
trap 'rm -f "$out"' EXIT
rc=0
"$@" --verbose >"$out" 2>&1 || rc=$?
cat "$out"
if [ "$rc" = 0 ] && grep -q '^\[SKIP\] ' "$out" &&
	grep -q 'Synthesis: Tested: 0 | Passing: 0 | Failing: 0 | Crashing: 0' "$out"; then
	echo "all selected tests skipped: reporting a skip (exit 77)"
	exit 77
fi
exit "$rc"
