#!/usr/bin/env bash
# The corpus conformance (tests/conformance.sh) as a test: every report of
# ../shared/corpus read with exactly the expected counts, when it is there.
. "$(dirname "$0")/lib.sh"

test_case "corpus reports give the expected counts" <<'EOF2'
if [ -f "$SHARED_DIR/corpus/reports.json" ]; then
	SHARED_DIR=$SHARED_DIR bash "$SOURCE_DIR/tests/conformance.sh" "$BUILD_DIR" >out
	contains out "0 do not"
else
	echo "corpus absent at $SHARED_DIR/corpus: conformance not checked" >&2
	SHARED_DIR=$SHARED_DIR bash "$SOURCE_DIR/tests/conformance.sh" "$BUILD_DIR" >out
	contains out "corpus ABSENT"
fi
EOF2

test_done
