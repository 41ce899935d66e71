#!/usr/bin/env bash
# What a report says reaches people through the text and Markdown outputs:
# an escape sequence in a title must not drive the reader's terminal, a
# tool name must not break the Markdown table, a cut cell must not split a
# character, and both outputs stay valid UTF-8.
. "$(dirname "$0")/lib.sh"

printf 'version: 1\nfail_on: {critical: 0, high: 0}\n' >p.yaml
long=$(printf 'é%.0s' $(seq 1 100))	# 200 bytes: a cell cuts it
# \u001b is ESC, \u0007 BEL; a "|" and a newline in the tool name
cat >r.sarif <<EOF
{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "evil|tool\\nx",
 "rules": [{"id": "R1"}]}},
 "results": [{"ruleId": "R1", "level": "error",
  "message": {"text": "\\u001b[2J\\u001b]0;owned\\u0007 title $long"},
  "locations": [{"physicalLocation": {"artifactLocation": {"uri": "a\\u001b[31m.tf"},
   "region": {"startLine": 3}}}]}]}]}
EOF

test_case "text: no control byte of the report reaches the terminal" <<'EOS'
must_fail 1 mds gate --policy p.yaml -r r.sarif -o text >out 2>err
contains out "title"
! grep -q "$(printf '\033')" out
! grep -q "$(printf '\007')" out
python3 -c 'import sys; open(sys.argv[1], "rb").read().decode("utf-8")' out
EOS

test_case "markdown: the table holds, cut cells end on a whole character" <<'EOS'
must_fail 1 mds gate --policy p.yaml -r r.sarif -o markdown >md 2>err
! grep -q "$(printf '\033')" md
python3 -c 'import sys; open(sys.argv[1], "rb").read().decode("utf-8")' md
# every row keeps the header's columns: no pipe or newline of the report
# splits a cell
python3 - md <<'PY'
import re, sys
rows = [l for l in open(sys.argv[1], encoding="utf-8") if l.startswith("|")]
cols = lambda l: len(re.findall(r"(?<!\\)\|", l))
assert rows and all(cols(r) == cols(rows[0]) or cols(r) == 6 for r in rows), rows
title = [r for r in rows if "**high**" in r]
assert title and cols(title[0]) == 6, title
PY
EOS

test_case "the cleaning has teeth: the raw report holds what was removed" <<'EOS'
grep -q 'u001b' r.sarif
mds gate --policy p.yaml -r r.sarif -o json >j.json 2>err || true
grep -q 'u001b' j.json	# JSON keeps it, escaped: only the text outputs clean
EOS

test_done
