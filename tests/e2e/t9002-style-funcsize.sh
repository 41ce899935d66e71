#!/usr/bin/env bash
# Function length, complexity and nesting stay within the limits of
# tests/style/funcsize.limits (curl's kind of check), and the counter
# counts what it says.
. "$(dirname "$0")/lib.sh"
FS=$SOURCE_DIR/tests/style/funcsize.py
LIMITS=$SOURCE_DIR/tests/style/funcsize.limits

test_case "every function of cli/ is within the limits" <<'EOS'
cd "$SOURCE_DIR"
python3 "$FS" --limits "$LIMITS" $(git ls-files 'cli/*.c')
EOS

cat >f.c <<'C'
/* a comment with if and && and ? that must not count */
static const int table[] = {
	1, 2,
};

static int flat(int a)
{
	return a ? 1 : "if (x && y)"[0];
}

int deep(int a, int b)
{
	if (a && b) {
		for (;;) {
			while (a) {
				a--;
			}
		}
	}
	switch (b) {
	case 1:
		return 1;
	case 2:
		return a || b;
	}
	return 0;
}
C

test_case "lines, complexity and nesting as documented" <<'EOS'
python3 "$FS" --report f.c >out
cat >expect <<'E'
   1   2  1 f.c:7:flat
  14   8  4 f.c:12:deep
E
test_cmp expect out
EOS

test_case "a function over a limit fails unless listed" <<'EOS'
printf 'limit lines 10\nlimit complexity 7\nlimit depth 3\n' >lim
must_fail 1 python3 "$FS" --limits lim f.c >out
grep -x 'f.c:12: deep: lines 14 > 10' out
grep -x 'f.c:12: deep: complexity 8 > 7' out
grep -x 'f.c:12: deep: depth 4 > 3' out
test "$(wc -l <out)" = 3
must_fail 1 python3 "$FS" --suggest --limits lim f.c >out
grep -x 'allow f.c:deep complexity 8' out
printf 'allow f.c:deep lines 14\nallow f.c:deep complexity 8\nallow f.c:deep depth 4\n' >>lim
python3 "$FS" --limits lim f.c
EOS

test_done
