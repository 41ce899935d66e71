#!/usr/bin/env bash
# Every name the objects of cli/ export has its module's prefix
# (tests/style/symbol-prefixes), and the check notices one that does not.
. "$(dirname "$0")/lib.sh"
CHECK=$SOURCE_DIR/tests/style/symbols.sh

test_case "every exported name of the built objects has its prefix" <<'EOS'
bash "$CHECK" "$BUILD_DIR" "$SOURCE_DIR"
EOS

# A tree of its own: one module exporting one good and one generic name.
mkdir -p fake/tests/style fake/cli/util build/CMakeFiles/mdscore.dir/cli/util
cp "$SOURCE_DIR/tests/style/symbol-prefixes" fake/tests/style/
cat >fake/cli/util/pick.c <<'C'
int pick_one(void) { return 1; }
int helper(void) { return 2; }
static int local(void) { return 3; }
int pick_two(void) { return local(); }
int pick(void) { return 0; }
int picker(void) { return 0; }
C

test_case "a generic exported name fails, a static one or the module's own name does not" <<'EOS'
gcc -c fake/cli/util/pick.c -o build/CMakeFiles/mdscore.dir/cli/util/pick.c.o
must_fail 1 bash "$CHECK" build fake >out
grep -x 'cli/util/pick.c: helper (allowed: util_ pick_)' out
grep -x 'cli/util/pick.c: picker (allowed: util_ pick_)' out
test "$(wc -l <out)" = 2
EOS

test_case "an exception of the list is allowed anywhere" <<'EOS'
printf 'except helper\tonly for this test\nexcept picker\tthis one too\n' \
	>>fake/tests/style/symbol-prefixes
bash "$CHECK" build fake
EOS

test_case "a source without its object is an error, not a pass" <<'EOS'
rm build/CMakeFiles/mdscore.dir/cli/util/pick.c.o
must_fail 2 bash "$CHECK" build fake 2>err
grep 'no object' err
EOS

test_done
