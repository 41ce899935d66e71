#!/usr/bin/env bash
# The bytes around a report: a decisive key given twice in one finding (which
# value wins is no JSON rule, and the last one hid the finding), a list or a
# scalar inside a top-level list, UTF-32, a pipe that gives its first bytes
# slowly, trailing garbage, two documents, and what is no report at all.
. "$(dirname "$0")/lib.sh"

printf 'version: 1\nfail_on: {critical: 0, high: 0}\n' >p.yaml
T='{"SchemaVersion": 2, "Results": [{"Target": "x", "Class": "lang-pkgs", "Vulnerabilities": [{"VulnerabilityID": "CVE-1", "Severity": "CRITICAL"}]}]}'

test_case "a severity, status, kind or level twice in one finding: refused" <<'EOF'
printf '{"SchemaVersion": 2, "Results": [{"Target": "x", "Vulnerabilities": [{"VulnerabilityID": "CVE-1", "Severity": "CRITICAL", "Severity": "LOW"}]}]}' >a.json
printf '{"SchemaVersion": 2, "Results": [{"Target": "x", "Misconfigurations": [{"ID": "A", "Severity": "CRITICAL", "Status": "FAIL", "Status": "PASS"}]}]}' >b.json
printf '{"version": "2.1.0", "runs": [{"results": [{"ruleId": "a", "level": "error", "kind": "fail", "kind": "pass"}]}]}' >c.json
printf '{"version": "2.1.0", "runs": [{"results": [{"ruleId": "a", "level": "error", "level": "none"}]}]}' >d.json
printf '{"paging": {"total": 1}, "issues": [{"key": "k", "rule": "r", "severity": "BLOCKER", "status": "OPEN", "status": "CLOSED"}]}' >e.json
printf '{"check_type": "terraform", "results": {"failed_checks": [{"check_id": "CKV_1", "severity": "CRITICAL", "severity": "LOW"}]}}' >f.json
for f in a b c d e f; do
	must_fail 2 mds gate --policy p.yaml -r $f.json 2>err
	# the JSON reader refuses any key twice in one object, with its offset
	contains err "$f.json: duplicate key '"
done
contains err "f.json: duplicate key 'severity' at byte "
EOF

test_case "a list or a scalar inside a top-level list: refused, not passed over" <<'EOF'
printf '[{"Target": "x", "Vulnerabilities": []}, [{"Target": "y", "Vulnerabilities": [{"VulnerabilityID": "CVE-1", "Severity": "CRITICAL"}]}]]' >a.json
must_fail 2 mds gate --policy p.yaml -r a.json 2>err
contains err "a.json: a JSON list that is no known report"
printf '[{"Target": "x", "Vulnerabilities": []}, null]' >b.json
must_fail 2 mds gate --policy p.yaml -r b.json 2>err
printf '[]' >c.json
mds gate --policy p.yaml -r c.json >out
contains out PASS
EOF

test_case "UTF-32 is named; UTF-16 from a pipe that gives one byte first is read" <<'EOF'
printf '%s' "$T" >t.json
{ printf '\xff\xfe\0\0'; iconv -f UTF-8 -t UTF-32LE t.json; } >t32.json
must_fail 2 mds gate -r t32.json 2>err
contains err "t32.json: UTF-32, which the gate does not read"
{ printf '\0\0\xfe\xff'; iconv -f UTF-8 -t UTF-32BE t.json; } >t32be.json
must_fail 2 mds gate -r t32be.json 2>err
contains err "UTF-32"
{ printf '\xff\xfe'; iconv -f UTF-8 -t UTF-16LE t.json; } >t16.json
{ head -c 1 t16.json; sleep 0.3; tail -c +2 t16.json; } | must_fail 1 mds gate --policy p.yaml -r - >out
contains out "1 critical"
{ printf '  \n'; sleep 0.3; cat t.json; } | must_fail 1 mds gate --policy p.yaml -r - >out
contains out "1 critical"
EOF

test_case "trailing garbage, two documents, NDJSON, NUL: invalid JSON, exit 2" <<'EOF'
printf '{"SchemaVersion": 2, "Results": []} x' >a.json
printf '{"SchemaVersion": 2, "Results": []}%s' "$T" >b.json
printf '{"SchemaVersion": 2, "Results": []}\n%s\n' "$T" >c.json
printf '{"SchemaVersion": 2, "Results": []}\0' >d.json
for f in a b c d; do
	must_fail 2 mds gate --policy p.yaml -r $f.json 2>err
	contains err "$f.json: invalid JSON at byte"
done
EOF

test_case "empty, blank, BOM only, /dev/null, a directory: never a PASS" <<'EOF'
: >e.json
printf ' \n\t' >w.json
printf '\xef\xbb\xbf' >bom.json
printf '\xff\xfe' >bom16.json
for f in e.json w.json bom.json bom16.json /dev/null; do
	must_fail 2 mds gate -r $f 2>err
	contains err "empty file, not a report"
done
mkdir adir
must_fail 3 mds gate -r adir 2>err
contains err "Is a directory"
EOF

test_case "what is no report shows its first bytes, printable and no further" <<'EOF'
printf 'ab\001' >x.txt
must_fail 2 mds gate -r x.txt 2>err
contains err "(starts with 'ab?')"
EOF

test_done
