#!/usr/bin/env bash
# The example reports describe this repository's own resources: every file,
# resource and line they name exists, and the gate policy's waivers match
# findings of those reports (none is stale) on files that exist.
. "$(dirname "$0")/lib.sh"

R=$SOURCE_DIR/examples/reports

# check_reports ROOT: every location the reports under ROOT/examples name
# exists under ROOT; prints what does not.
check_reports() {
	python3 - "$1" <<'PY'
import json, os, re, sys
root = sys.argv[1]
r = os.path.join(root, "examples", "reports")
bad = []

def line(path, n):
    return open(os.path.join(root, path)).read().split("\n")[n - 1]

def declares(path, resource, start):
    typ, name = resource.split(".")[:2]
    name = name.split("[")[0]
    if line(path, start) != f'resource "{typ}" "{name}" {{':
        bad.append(f"{path}:{start}: is not resource {typ}.{name}")

ck = json.load(open(os.path.join(r, "checkov.json")))
for kind in ("passed_checks", "failed_checks", "skipped_checks"):
    for c in ck["results"][kind]:
        declares(c["repo_file_path"].lstrip("/"), c["resource"], c["file_line_range"][0])
tv = json.load(open(os.path.join(r, "trivy.json")))
for res in tv["Results"]:
    for m in res.get("Misconfigurations", []):
        cm = m["CauseMetadata"]
        for o in cm["Occurrences"]:
            declares(o["Filename"], o["Resource"], o["Location"]["StartLine"])
        for l in cm["Code"]["Lines"]:
            if line(res["Target"], l["Number"]) != l["Content"]:
                bad.append(f"{res['Target']}:{l['Number']}: is not {l['Content']!r}")
sa = json.load(open(os.path.join(r, "..", "sarif", "trivy-config.sarif")))
for res in sa["runs"][0]["results"]:
    for loc in res["locations"]:
        pl = loc["physicalLocation"]
        if "cidr" not in line(pl["artifactLocation"]["uri"], pl["region"]["startLine"]):
            bad.append(f"sarif: {pl} does not point at a cidr")
so = json.load(open(os.path.join(r, "sonar-issues.json")))
for i in so["issues"]:
    path = i["component"].split(":", 2)[2]
    text = line(path, i["line"])
    tr = i["textRange"]
    if not text[tr["startOffset"]:tr["endOffset"]].strip():
        bad.append(f"{path}:{i['line']}: the issue's text range is blank")
print("\n".join(bad))
sys.exit(1 if bad else 0)
PY
}

test_case "every location in the example reports exists in the repository" <<'EOS'
check_reports "$SOURCE_DIR"
EOS

test_case "the waivers match findings of the examples: none stale, none expired" <<'EOS'
cd "$SOURCE_DIR"
mds gate --env prod --date 2026-12-03 -r "$R/checkov.json" -r "$R/trivy.json" \
	-r "$R/sonar-issues.json" -r "$R/sonar-quality-gate.json" >"$TRASH/out" 2>"$TRASH/err" || test $? = 1
contains "$TRASH/out" "trivy: no open findings, 2 waived"
lacks "$TRASH/out" "stale"
lacks "$TRASH/out" "expired"
for p in $(awk '/^ *path:/ { gsub(/"/, "", $2); print $2 }' policies/gate.yaml); do
	test -e "$p" || { echo "waiver path $p does not exist"; false; }
done
EOS

test_case "the check has teeth: a renamed resource, a moved line" <<'EOS'
mkdir r && cp -r "$SOURCE_DIR/examples" "$SOURCE_DIR/terraform" "$SOURCE_DIR/cli" r/
check_reports r
sed -i 's/kubernetes_secret.s3_connection/kubernetes_secret.s3_conection/' r/examples/reports/checkov.json
sed -i '1i # a new first line' r/terraform/modules/namespaces/main.tf
must_fail 1 check_reports r >out
contains out "terraform/modules/airflow/main.tf:92: is not resource kubernetes_secret.s3_conection"
contains out "terraform/modules/namespaces/main.tf:131: is not '              cidr = from.value'"
EOS

test_done
