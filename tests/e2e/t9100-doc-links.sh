#!/usr/bin/env bash
# The documentation holds together: every relative link of README.md,
# HACKING.md and docs/*.md reaches an existing file (and, into a Markdown
# file, an existing heading); nothing in the repository points at the
# design and style notes that used to live outside it; the README stays a
# user's page (at most 360 lines, a third of what it was), and its command
# table, its command sections and its exit codes agree with `mds-infra help`.
# Each check is also run on a small broken tree, to show that it can fail.
. "$(dirname "$0")/lib.sh"

cat >links.py <<'PY'
"""links.py ROOT [PENDING...]: prints each broken relative link of
ROOT/README.md, ROOT/HACKING.md and ROOT/docs/*.md as FILE:LINE: TARGET
(reason); exits 1 when there is one."""
import glob, os, re, sys

root, pending = sys.argv[1], set(sys.argv[2:])
LINK = re.compile(r'\[[^\]]*\]\(([^)\s]+)(?:\s+"[^"]*")?\)')
REFDEF = re.compile(r'^\s{0,3}\[[^\]]+\]:\s*(\S+)')

def prose(path):
    """(line number, text) of the lines outside fenced code, code spans removed."""
    fence = None
    with open(path, encoding='utf-8') as f:
        for n, line in enumerate(f, 1):
            m = re.match(r'^\s*(`{3,}|~{3,})', line)
            if m:
                mark = m.group(1)
                if fence is None:
                    fence = mark[0] * len(mark)
                elif mark.startswith(fence):
                    fence = None
                continue
            if fence is None:
                yield n, re.sub(r'`[^`]*`', '', line)

def slugs(path):
    """The anchors GitHub gives the headings of a Markdown file."""
    seen, out = {}, set()
    for _, line in raw_headings(path):
        s = re.sub(r'[^\w\- ]', '', line.strip().lower()).replace(' ', '-')
        k = seen.get(s, 0)
        seen[s] = k + 1
        out.add(s if k == 0 else '%s-%d' % (s, k))
    return out

def raw_headings(path):
    fence = None
    with open(path, encoding='utf-8') as f:
        for n, line in enumerate(f, 1):
            m = re.match(r'^\s*(`{3,}|~{3,})', line)
            if m:
                mark = m.group(1)
                if fence is None:
                    fence = mark[0] * len(mark)
                elif mark.startswith(fence):
                    fence = None
                continue
            h = re.match(r'^#{1,6}\s+(.*?)\s*#*\s*$', line)
            if fence is None and h:
                yield n, h.group(1).replace('`', '')

files = [os.path.join(root, 'README.md'), os.path.join(root, 'HACKING.md')]
files += sorted(glob.glob(os.path.join(root, 'docs', '*.md')))
bad = 0
for path in files:
    rel = os.path.relpath(path, root)
    if not os.path.exists(path):
        print('%s: missing' % rel)
        bad += 1
        continue
    for n, text in prose(path):
        targets = LINK.findall(text) + REFDEF.findall(text)
        for t in targets:
            if re.match(r'^[a-z][a-z0-9+.-]*:', t):   # http:, mailto:, ...
                continue
            name, _, anchor = t.partition('#')
            dest = os.path.normpath(os.path.join(os.path.dirname(path), name)) if name else path
            drel = os.path.relpath(dest, root)
            if drel.startswith('..'):
                print('%s:%d: %s (outside the repository)' % (rel, n, t))
                bad += 1
            elif not os.path.exists(dest):
                if drel in pending:
                    print('%s:%d: %s (pending: not in this tree yet)' % (rel, n, t), file=sys.stderr)
                    continue
                print('%s:%d: %s (no such file)' % (rel, n, t))
                bad += 1
            elif anchor and dest.endswith('.md') and anchor not in slugs(dest):
                print('%s:%d: %s (no heading #%s)' % (rel, n, t, anchor))
                bad += 1
sys.exit(1 if bad else 0)
PY

# Fails (with the file names) when a file under ROOT names the notes that
# were outside the repository; the pattern is split so this file is no hit.
no_outside_notes() {
	local pat='(DESI''GN|STY''LE)\.md'
	! find "$1" -path "$1/.git" -prune -o -path "$1/build*" -prune -o \
		-path "$1/.mds" -prune -o -type f -print0 |
		xargs -0 grep -IlE "$pat" | sed "s|^$1/||" | grep .
}

test_case "every relative link of README.md, HACKING.md and docs/*.md resolves" <<'EOS'
python3 links.py "$SOURCE_DIR"
EOS

test_case "a broken link, a missing heading and a link out of the tree are caught" <<'EOS'
mkdir -p tree/docs
printf '# T\n\n[a](docs/a.md#real-heading) [b](docs/gone.md)\n```\n[c](docs/not-checked.md)\n```\n' >tree/README.md
printf '# H\n\n[x](docs/a.md#no-such) `[y](code.md)` [z](../outside.md)\n' >tree/HACKING.md
printf '# A\n\n## Real `heading`\n\n[up](../README.md) [s](#a)\n' >tree/docs/a.md
must_fail 1 python3 links.py tree >out
test_cmp - out <<'OUT'
README.md:3: docs/gone.md (no such file)
HACKING.md:3: docs/a.md#no-such (no heading #no-such)
HACKING.md:3: ../outside.md (outside the repository)
OUT
printf '[p](docs/pending.md)\n' >>tree/README.md
must_fail 1 python3 links.py tree docs/pending.md >out 2>err
contains err "docs/pending.md (pending: not in this tree yet)"
lacks out pending
EOS

test_case "nothing in the repository points at design or style notes outside it" <<'EOS'
no_outside_notes "$SOURCE_DIR"
mkdir -p tree2/cli tree2/build
echo 'see ../shared/DESI''GN.md' >tree2/cli/x.c
echo 'see ../shared/STY''LE.md' >tree2/build/ignored.txt
never no_outside_notes "$PWD/tree2" >out
test "$(cat out)" = cli/x.c
EOS

test_case "the README stays a user's page: at most 360 lines" <<'EOS'
test "$(wc -l <"$SOURCE_DIR/README.md")" -le 360
EOS

# The sections of the README as "heading<TAB>body line" pairs.
section_of() {	# section_of FILE HEADING-REGEX: the body of the first ## section matching
	awk -v re="$2" '
		/^```/ { code = !code }
		!code && /^## / { on = ($0 ~ re); next }
		on' "$1"
}

test_case "the README's command table lists exactly the commands of help" <<'EOS'
mds help >help
sed -n '/^commands:/,/^$/p' help | awk 'NF && !/:$/ { print $1 }' | sort >want
test "$(wc -l <want)" -ge 10
section_of "$SOURCE_DIR/README.md" '^## Usage$' |
	sed -n 's/^| `\([a-z-]*\)[ `].*/\1/p' | sort -u >have
test_cmp want have
EOS

test_case "every command has a README section naming its help" <<'EOS'
mds help >help
sed -n '/^commands:/,/^$/p' help | awk 'NF && !/:$/ && $1 != "help" { print $1 }' >cmds
grep '^## ' "$SOURCE_DIR/README.md" >headings
while read -r c; do
	grep -Eq "^## (.*[ \`])?$c([ \`,].*)?$" headings ||
		{ echo "no README section for $c" >&2; false; }
	section_of "$SOURCE_DIR/README.md" "^## (.*[ \`])?$c([ \`,].*)?$" >body
	grep -Eq "help( [a-z]+)* $c\b|help $c\`" body ||
		{ echo "the section of $c does not name 'help $c'" >&2; false; }
	grep -q '](docs/' body || { echo "the section of $c links no docs/ file" >&2; false; }
done <cmds
EOS

test_case "every 'help TOPIC' the README names is a real help topic" <<'EOS'
grep -o '`\(mds-infra \)\?help [a-z][a-z -]*`' "$SOURCE_DIR/README.md" |
	sed 's/`//g; s/^mds-infra //; s/^help //' | sort -u >topics
test "$(wc -l <topics)" -ge 10
while read -r t; do
	# shellcheck disable=SC2086
	mds help $t >/dev/null || { echo "mds-infra help $t fails" >&2; false; }
done <topics
EOS

test_case "the README's exit codes are those of help, with the same meaning" <<'EOS'
mds help >help
# "CODE<TAB>lead phrase": the meaning up to its first '(' or ':'
sed -n '/^exit codes:/,/^$/p' help | awk 'NF && !/:$/' |
	sed -E 's/^ *([0-9]+) +/\1\t/; s/[(:].*//; s/ +$//' >want
test "$(wc -l <want)" = 6
section_of "$SOURCE_DIR/README.md" '^## Exit codes$' |
	sed -n 's/^| \([0-9][0-9]*\) | \(.*\) |$/\1\t\2/p' |
	sed -E 's/`//g; s/[(:].*//; s/ +$//' >have
test_cmp want have
EOS

test_done
