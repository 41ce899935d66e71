# Shared helpers for end-to-end tests (git's test-lib.sh, in small).
#
# Each tests/e2e/tNNNN-<cmd>-<what>.sh sources this file, then calls
# `test_case "title" <<'EOS' ... EOS` or plain shell with the helpers below,
# and ends with `test_done`.  ctest sets MDS_INFRA (the binary), SOURCE_DIR,
# BUILD_DIR and TOOLS_DIR (hclfmt and other built oracles).
set -u
: "${MDS_INFRA:?run through ctest (MDS_INFRA unset)}"
: "${SOURCE_DIR:=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"
SHARED_DIR=${SHARED_DIR:-$SOURCE_DIR/../shared}
FIXTURES=$SOURCE_DIR/tests/fixtures
SCHEMAS=$SOURCE_DIR/tests/schemas	# SARIF 2.1.0 and JUnit, copied from ../shared
TEST_NAME=$(basename "$0" .sh)
TEST_DIR=$(cd "$(dirname "$0")" && pwd)	# before the cd below
TRASH=$(mktemp -d "${TMPDIR:-/tmp}/mds-e2e.XXXXXX")
trap 'rm -rf "$TRASH"' EXIT
export NO_COLOR=1 LC_ALL=C.UTF-8 HOME="$TRASH/home"
mkdir -p "$HOME"
cd "$TRASH" || exit 1

nr_ok=0
nr_fail=0

# A function: `mds ... &` would make $! the subshell's pid, which a signal
# never reaches; tests that signal the binary call "$MDS_INFRA" directly.
mds() { "$MDS_INFRA" "$@"; }

# must_fail CODE cmd...: runs cmd, which must exit with CODE.  Safe under
# set -e: the command's failure is what is being tested.
must_fail() {
	local want=$1 got=0
	shift
	"$@" || got=$?
	if [ "$got" != "$want" ]; then
		echo "error: '$*' exited $got, expected $want" >&2
		return 1
	fi
}

# never CMD...: CMD must fail (any non-zero exit).  Use it instead of
# `! CMD`, which set -e ignores: a `! CMD` line in a case can never fail it.
never() {
	if "$@"; then
		echo "error: '$*' succeeded, expected it to fail" >&2
		return 1
	fi
	return 0
}

# skip_all REASON: the whole test is skipped (ctest's SKIP_RETURN_CODE 77),
# e.g. when the corpus of ../shared is absent.  Neither passed nor failed.
skip_all() {
	echo "$TEST_NAME: skipped: $*"
	exit 77
}

# test_cmp expect actual: the two files must be identical.
test_cmp() {
	diff -u "$1" "$2" >&2
}

# contains FILE PATTERN: grep -F, with the file shown on failure.
contains() {
	if ! grep -qF -- "$2" "$1"; then
		echo "error: '$1' does not contain '$2'; it has:" >&2
		sed 's/^/| /' "$1" >&2
		return 1
	fi
}

# lacks FILE PATTERN: the file must not contain PATTERN.
lacks() {
	if grep -qF -- "$2" "$1"; then
		echo "error: '$1' contains '$2'" >&2
		return 1
	fi
}

# test_case TITLE: runs the commands read from stdin in a subshell under
# set -e: the first failing command fails the case.  (Not inside `if`: bash
# ignores set -e in a condition, and only the last command would count.)
test_case() {
	local title=$1 body rc
	body=$(cat)
	(set -e; [ -z "${TEST_TRACE:-}" ] || set -x; eval "$body") >"$TRASH/case.log" 2>&1
	rc=$?
	if [ "$rc" = 0 ]; then
		nr_ok=$((nr_ok + 1))
		echo "ok $((nr_ok + nr_fail)) - $title"
	else
		nr_fail=$((nr_fail + 1))
		echo "not ok $((nr_ok + nr_fail)) - $title"
		sed 's/^/#   /' "$TRASH/case.log"
	fi
}

test_done() {
	echo "$TEST_NAME: $nr_ok passed, $nr_fail failed"
	[ "$nr_fail" = 0 ] && [ "$nr_ok" -gt 0 ]
}
