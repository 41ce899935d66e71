#!/usr/bin/env bash
# Runs every test through ctest, then prints each Criterion suite's synthesis
# line just before ctest's own summary, so that the run ends with both.
set -u
build=${1:-build}
jobs=${2:-2}
log="$build/Testing/Temporary/LastTest.log"

ctest --test-dir "$build" -j "$jobs" --output-on-failure 2>&1 |
awk -v logfile="$log" '
	/tests passed, .* tests failed out of/ && !done {
		while ((getline line < logfile) > 0)
			if (line ~ /\[====\] Synthesis:/)
				print line
		done = 1
	}
	{ print; fflush() }'
exit "${PIPESTATUS[0]}"
