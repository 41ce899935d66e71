#!/usr/bin/env bash
# The corpus conformance (tests/conformance.sh) as a test: every report of
# ../shared/corpus read with exactly the expected counts.  Skipped (exit 77)
# when the corpus is absent: conformance.sh itself then says so and exits 0.
. "$(dirname "$0")/lib.sh"

[ -f "$SHARED_DIR/corpus/reports.json" ] ||
	skip_all "corpus absent (no $SHARED_DIR/corpus/reports.json)"

test_case "corpus reports give the expected counts" <<'EOF2'
SHARED_DIR=$SHARED_DIR bash "$SOURCE_DIR/tests/conformance.sh" "$BUILD_DIR" >out
contains out " 0 do not"
EOF2

test_case "without the corpus, conformance.sh says so and exits 0 (make conformance)" <<'EOF2'
SHARED_DIR=$TRASH/no-shared bash "$SOURCE_DIR/tests/conformance.sh" "$BUILD_DIR" >out
contains out "corpus ABSENT"
EOF2

test_done
