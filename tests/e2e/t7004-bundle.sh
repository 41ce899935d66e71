#!/usr/bin/env bash
# bundle and apply --bundle: byte-identical bundles of the same inputs;
# apply from a bundle runs exactly its plans; every tampering class is
# refused naming the entry, and a crafted archive extracts nothing.
. "$(dirname "$0")/lib.sh"
. "$SOURCE_DIR/tests/e2e/planlib.sh"

plan_repo repo
fx_plan minio creates.json
fx_plan dremio updates.json
mds -C repo plan dev >/dev/null 2>&1

# retar IN OUT PY: rewrite a bundle with python's tarfile; PY edits the
# list `m` of [TarInfo, bytes] (a tampering tool that is not ours).
retar() {
	python3 - "$1" "$2" "$3" <<'PY'
import io, sys, tarfile
src, dst, code = sys.argv[1:]
m = []
with tarfile.open(src, "r:gz") as t:
    for i in t.getmembers():
        m.append([i, t.extractfile(i).read() if i.isfile() else b""])
exec(code)
with tarfile.open(dst, "w:gz") as t:
    for i, d in m:
        if i.isfile():
            i.size = len(d)
        t.addfile(i, io.BytesIO(d) if i.isfile() else None)
PY
}

# refused BUNDLE WHAT: apply refuses it (exit 1), naming WHAT, runs nothing
# and leaves no extracted file behind.
refused() {
	rm -f "$FAKE_TG_LOG"
	must_fail 1 mds -C repo apply dev --bundle "$TRASH/$1" 2>err
	contains err "refusing bundle"
	contains err "$2"
	test ! -e "$FAKE_TG_LOG"
	test -z "$(find repo/.mds/tmp -type f 2>/dev/null)"
}

test_case "two bundles of the same inputs are byte-identical" <<'EOS'
mds -C repo bundle dev -o "$TRASH/a.tar.gz" 2>err
contains err "wrote"
sleep 1
touch repo/.mds/plans/dev/*
mds -C repo bundle dev -o "$TRASH/b.tar.gz" 2>/dev/null
cmp a.tar.gz b.tar.gz
test "$(stat -c %a a.tar.gz)" = 600
EOS

test_case "the bundle's contents and manifest" <<'EOS'
tar tzf a.tar.gz >list
contains list "manifest.json"
contains list "env/stack.yaml"
contains list "env/terragrunt/root.hcl"
contains list "env/terragrunt/dev/minio/terragrunt.hcl"
contains list "plan/plan.json"
contains list "plan/minio.tfplan"
contains list "plan/manifest.json"
lacks list "logs/"
sort list | diff - list
tar xzf a.tar.gz -O manifest.json >man
test "$(jq -r .schema man)" = mds-infra/bundle/v1
test "$(jq -r .environment man)" = dev
test "$(jq -r .commit man)" = "$(git -C repo rev-parse HEAD)"
test "$(jq -r .stack_digest man)" = "$(sha256sum repo/stack.yaml | cut -d' ' -f1)"
test "$(jq -r '.tools["terragrunt"]' man)" = "terragrunt version v0.0.0-fake"
test "$(jq -r '.files[] | select(.path == "plan/plan.json") | .sha256' man)" = \
	"$(sha256sum repo/.mds/plans/dev/plan.json | cut -d' ' -f1)"
tar tzvf a.tar.gz | awk '{print $2}' | sort -u >owners
printf '0/0\n' >expect
test_cmp expect owners
EOS

test_case "a gate verdict is included when given" <<'EOS'
echo '{"schema": "mds-infra/gate/v1", "verdict": "PASS"}' >gate.json
mds -C repo bundle dev --gate "$TRASH/gate.json" -o "$TRASH/g.tar.gz" 2>/dev/null
test "$(tar xzf g.tar.gz -O gate/gate.json | jq -r .verdict)" = PASS
EOS

test_case "apply --bundle applies exactly the bundled plans, then cleans up" <<'EOS'
rm -f "$FAKE_TG_LOG"
mds -C repo apply dev --bundle "$TRASH/a.tar.gz" >out 2>err
contains out "minio                    applied        2      0       0      0"
contains out "dremio                   applied        0      2       0      0"
grep -q "^start minio apply" "$FAKE_TG_LOG"
test -z "$(find repo/.mds/tmp -mindepth 1 2>/dev/null)"
EOS

test_case "tampered: a plan's content changed" <<'EOS'
retar a.tar.gz t1.tar.gz 'for e in m:
    if e[0].name == "plan/minio.tfplan": e[1] = e[1] + b"x"'
refused t1.tar.gz "entry 'plan/minio.tfplan' has"
retar a.tar.gz t1b.tar.gz 'for e in m:
    if e[0].name == "plan/minio.tfplan": e[1] = bytes([e[1][0] ^ 1]) + e[1][1:]'
refused t1b.tar.gz "entry 'plan/minio.tfplan' does not match its sha256"
EOS

test_case "tampered: a file added, a file removed, the manifest removed" <<'EOS'
retar a.tar.gz t2.tar.gz 'import copy
i = copy.copy(m[0][0]); i.name = "plan/extra.tfplan"; m.append([i, b"x"])'
refused t2.tar.gz "entry 'plan/extra.tfplan' is not listed in manifest.json"
retar a.tar.gz t3.tar.gz 'm[:] = [e for e in m if e[0].name != "plan/dremio.tfplan"]'
refused t3.tar.gz "entry 'plan/dremio.tfplan' is listed in manifest.json but missing"
retar a.tar.gz t4.tar.gz 'm[:] = [e for e in m if e[0].name != "manifest.json"]'
refused t4.tar.gz "entry 'manifest.json' is missing"
EOS

test_case "tampered: the manifest's digests rewritten to match a changed stack" <<'EOS'
retar a.tar.gz t5.tar.gz 'import hashlib, json
for e in m:
    if e[0].name == "env/stack.yaml": e[1] += b"# x\n"; new = e[1]
for e in m:
    if e[0].name == "manifest.json":
        j = json.loads(e[1])
        for f in j["files"]:
            if f["path"] == "env/stack.yaml":
                f["sha256"] = hashlib.sha256(new).hexdigest(); f["size"] = len(new)
        e[1] = json.dumps(j).encode()'
refused t5.tar.gz "entry 'env/stack.yaml' does not match the stack digest"
EOS

test_case "truncated bundles are refused" <<'EOS'
size=$(stat -c %s a.tar.gz)
head -c $((size / 2)) a.tar.gz >t6.tar.gz
refused t6.tar.gz "truncated or corrupt"
head -c 20 a.tar.gz >t7.tar.gz
refused t7.tar.gz "bundle"
EOS

test_case "another environment, another commit, a changed checkout: refused" <<'EOS'
must_fail 1 mds -C repo apply prod --bundle "$TRASH/a.tar.gz" --approve 2>err
contains err "it holds the plans of 'dev', not 'prod'"
echo "# a comment: renders the same, but is not the reviewed file" >>repo/stack.yaml
refused a.tar.gz "entry 'env/stack.yaml' differs from stack.yaml in the checkout"
git -C repo checkout -q stack.yaml
git -C repo -c user.email=t@example.com -c user.name=t commit -q --allow-empty -m later
refused a.tar.gz "it was made at commit"
git -C repo reset -q --hard HEAD~1
EOS

test_case "crafted archives with traversal and symlink escapes extract nothing" <<'EOS'
retar a.tar.gz t8.tar.gz 'import copy
i = copy.copy(m[0][0]); i.name = "plan/../../../escaped"; m.insert(0, [i, b"x"])'
refused t8.tar.gz "entry 'plan/../../../escaped': unsafe path"
retar a.tar.gz t9.tar.gz 'import copy, tarfile
i = tarfile.TarInfo("plan/evil"); i.type = tarfile.SYMTYPE; i.linkname = "/tmp"
j = copy.copy(m[0][0]); j.name = "plan/evil/escaped"; m[:0] = [[i, b""], [j, b"x"]]'
refused t9.tar.gz "entry 'plan/evil' is a symbolic link to /tmp"
test ! -e /tmp/escaped
test ! -e "$TRASH/escaped"
retar a.tar.gz t10.tar.gz 'import copy
i = copy.copy(m[0][0]); i.name = "/tmp/mds-abs-escape"; m.append([i, b"x"])'
refused t10.tar.gz "unsafe path"
test ! -e /tmp/mds-abs-escape
EOS

test_case "a self-consistent bundle whose plan manifest points outside: refused" <<'EOS'
retar a.tar.gz t11.tar.gz 'import hashlib, json
for e in m:
    if e[0].name == "plan/manifest.json":
        j = json.loads(e[1])
        for c in j["components"]:
            if c.get("plan_file"): c["plan_file"] = "../../../../outside.tfplan"
        e[1] = json.dumps(j).encode()
for e in m:
    if e[0].name == "manifest.json":
        j = json.loads(e[1]); d = {x[0].name: x[1] for x in m}
        for f in j["files"]:
            f["sha256"] = hashlib.sha256(d[f["path"]]).hexdigest(); f["size"] = len(d[f["path"]])
        e[1] = json.dumps(j).encode()'
tar xzf t11.tar.gz -O plan/manifest.json | grep -q outside.tfplan
refused t11.tar.gz "names plan file '../../../../outside.tfplan', which the bundle lacks"
EOS

test_case "usage: -o required, --bundle with --plan, no saved plan" <<'EOS'
must_fail 2 mds -C repo bundle dev 2>err
contains err "-o FILE is required"
must_fail 2 mds -C repo apply dev --bundle a.tar.gz --plan x 2>err
must_fail 1 mds -C repo bundle prod -o "$TRASH/p.tar.gz" 2>err
contains err "run 'mds-infra plan prod' first"
EOS

test_done
