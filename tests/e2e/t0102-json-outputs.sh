#!/usr/bin/env bash
# --json on every reporting command: one document on stdout, valid against
# its schema in tests/schemas/mds-infra/, with the facts the text shows.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/jsonlib.sh"

# repo: a copy of the bundled stack, its modules, tree and policies in r/.
repo() {
	rm -rf r
	mkdir r
	cp -r "$SOURCE_DIR"/stack.yaml "$SOURCE_DIR"/terraform "$SOURCE_DIR"/terragrunt \
		"$SOURCE_DIR"/policies r/
	git -C r init -q
}

test_case "json_valid can fail: a wrong document is refused" <<'EOS'
printf '{"schema":"mds-infra/validate/v1","stack":1}\n' >bad.json
never json_valid validate bad.json
printf '{"schema":"mds-infra/render/v1","stack":"s","check":true,"drift":false,"files":[{"path":"x","change":"moved"}],"diff":""}\n' >bad2.json
never json_valid render bad2.json
EOS

test_case "validate --json: consistent bundled stack, then a problem" <<'EOS'
repo
mds -C r validate --json >ok.json
json_valid validate ok.json
test "$(json_get ok.json '["consistent"]')" = true
test "$(json_get ok.json '["counts"]["components"]')" -gt 0
test "$(json_get ok.json '["problems"]')" = "[]"
sed -i '0,/^    inputs:/s//    inputs:\n      no_such_variable_here: 1/' r/stack.yaml
must_fail 1 mds -C r validate --json >bad.json
json_valid validate bad.json
test "$(json_get bad.json '["consistent"]')" = false
grep -q no_such_variable_here bad.json
test "$(json_get bad.json '["problems"][0]["fatal"]')" = false
test "$(json_get bad.json '["problems"][0]["line"]')" -gt 0
EOS

test_case "render --json and render --check --json report files and drift" <<'EOS'
repo
mds -C r render --check --json >clean.json
json_valid render clean.json
test "$(json_get clean.json '["drift"]')" = false
test "$(json_get clean.json '["files"]')" = "[]"
f=$(cd r && ls terragrunt/*/*/terragrunt.hcl | head -1)
echo "# edited" >>"r/$f"
must_fail 1 mds -C r render --check --json >drift.json
json_valid render drift.json
test "$(json_get drift.json '["drift"]')" = true
test "$(json_get drift.json '["files"][0]["path"]')" = "\"$f\""
test "$(json_get drift.json '["files"][0]["change"]')" = '"updated"'
grep -q '# edited' drift.json
mds -C r render --json >write.json
json_valid render write.json
test "$(json_get write.json '["check"]')" = false
test "$(json_get write.json '["diff"]')" = null
test "$(json_get write.json '["files"][0]["path"]')" = "\"$f\""
EOS

test_case "docs --check --json lists every README with its state" <<'EOS'
repo
mds -C r docs --check --json >clean.json
json_valid docs clean.json
test "$(json_get clean.json '["stale"]')" = 0
m=$(ls r/terraform/modules | head -1)
printf 'variable "zz_new" {\n  type = string\n}\n' >>r/terraform/modules/$m/variables.tf
must_fail 1 mds -C r docs --check --json >stale.json
json_valid docs stale.json
test "$(json_get stale.json '["stale"]')" = 1
grep -q "\"terraform/modules/$m/README.md\"" stale.json
python3 -c 'import json,sys; d=json.load(open("stale.json")); s=[r for r in d["readmes"] if r["state"]=="stale"]; sys.exit(0 if len(s)==1 and "/'"$m"'/" in s[0]["path"] else 1)'
EOS

test_case "doctor --json: every tool with its state; exit code as without --json" <<'EOS'
mkdir bin
printf '#!/bin/sh\necho "Terragrunt v0.99.1"\n' >bin/terragrunt
chmod +x bin/terragrunt
PATH="$PWD/bin:/usr/bin:/bin" mds doctor render --json >d.json
json_valid doctor d.json
test "$(json_get d.json '["missing"]')" = 0
test "$(json_get d.json '["jobs"]')" = '["render"]'
python3 -c 'import json; d=json.load(open("d.json")); t={x["name"]:x for x in d["tools"]}; assert t["terragrunt"]["state"]=="ok" and t["terragrunt"]["version"]=="Terragrunt v0.99.1", t["terragrunt"]'
PATH="$PWD/bin" must_fail 3 "$MDS_INFRA" doctor plan --json >p.json
json_valid doctor p.json
test "$(json_get p.json '["engine_missing"]')" = true
EOS

test_done
