#!/usr/bin/env bash
# graph: the DAG in four formats with the last plan's statuses; inputs: the
# effective inputs of one environment x component.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/jsonlib.sh"

cp -r "$FIXTURES/stacks/basic" s
cd s

test_case "graph: every component after its dependencies, in each format" <<'EOS'
mds graph >t
contains t "fixture: 3 components in dependency order"
contains t "dremio             <- minio, certs"
mds graph --json >g.json
json_valid graph g.json
python3 - g.json <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
seen = []
for c in d["components"]:
    assert all(x in seen for x in c["depends_on"]), (c, seen)
    assert c["status"] is None
    seen.append(c["name"])
assert sorted(seen) == ["certs", "dremio", "minio"], seen
assert d["environment"] is None
PY
mds graph --format mermaid >m
head -1 m | grep -qx "flowchart LR"
contains m '  minio --> dremio'
contains m '  certs --> dremio'
test "$(grep -c -- '-->' m)" = 2
mds graph --format dot >d
contains d '"minio" -> "dremio";'
if command -v dot >/dev/null; then dot -Tsvg d >/dev/null; fi
must_fail 2 mds graph --format svg 2>err
contains err "takes one of: text dot mermaid json"
EOS

test_case "graph ENV shows each component's status in the last plan" <<'EOS'
mds graph dev >t
contains t "(no plan of dev yet: 'mds-infra plan dev')"
mkdir -p .mds/plans/dev
cat >.mds/plans/dev/plan.json <<'JSON'
{"schema": "mds-infra/plan/v1", "environment": "dev", "components": [
 {"name": "minio", "status": "changes", "add": 2, "change": 1, "destroy": 0},
 {"name": "certs", "status": "no_changes", "add": 0, "change": 0, "destroy": 0},
 {"name": "dremio", "status": "failed", "add": 0, "change": 0, "destroy": 0}]}
JSON
mds graph dev >t
contains t "changes +2 ~1 -0"
contains t "no_changes"
lacks t "no plan of dev"
mds graph dev --format mermaid >m
contains m 'minio["minio<br/>changes +2 ~1 -0"]:::changes'
contains m 'dremio["dremio<br/>failed"]:::failed'
contains m "classDef failed"
mds graph dev --format dot >d
contains d 'label="minio\nchanges +2 ~1 -0", fillcolor="#fff3cd"'
mds graph dev --json >g.json
json_valid graph g.json
test "$(json_get g.json '["components"][2]["status"]')" = '"failed"'
mds graph prod --json >p.json
test "$(json_get p.json '["components"][0]["status"]')" = null
must_fail 2 mds graph stagin 2>err
contains err "unknown environment 'stagin'"
EOS

test_case "graph of the bundled stack matches the Mermaid block of the README" <<'EOS'
mds -C "$SOURCE_DIR" graph --format mermaid >m
sed -n '/^```mermaid$/,/^```$/p' "$SOURCE_DIR/README.md" | sed '1d;$d' >readme
test_cmp m readme
EOS

test_case "inputs: overrides marked, env references resolved, outputs left to plan time" <<'EOS'
mds inputs prod minio >t
contains t "replicas = 3"
contains t 'storage_size = "500Gi"  # environment override'
contains t 'note = "env prod, literal ${x} and %{y}"'
mds inputs dev minio >t
contains t "replicas = 1"
lacks t storage_size
mds inputs dev dremio --json >i.json
json_valid inputs i.json
test "$(json_get i.json '["inputs"]["tags"]["value"]')" = '["a", "b"]'
test "$(json_get i.json '["inputs"]["tags"]["written"]')" = '"${env.tags}"'
test "$(json_get i.json '["inputs"]["nested"]["value"][4]')" = 31
test "$(json_get i.json '["inputs"]["s3_endpoint"]["value"]')" = null
test "$(json_get i.json '["inputs"]["s3_endpoint"]["references"][0]["mock"]')" = '"minio.mock:9000"'
test "$(json_get i.json '["inputs"]["url"]["references"][1]["mock"]')" = 9000
mds inputs prod minio --json >o.json
test "$(json_get o.json '["inputs"]["storage_size"]["source"]')" = '"environment"'
test "$(json_get o.json '["inputs"]["replicas"]["source"]')" = '"component"'
EOS

test_case "inputs: env vars inside strings read as render writes them" <<'EOS'
mkdir -p ../v/modules/m
cat >../v/stack.yaml <<'YAML'
version: 1
name: v
backend:
  s3: {bucket: b, region: r}
environments:
  dev: {vars: {flag: true, esc: "a$${b}", n: 3}}
components:
  c:
    module: modules/m
    inputs: {s: "x-${env.flag}-${env.esc}-${env.n}", whole: "${env.flag}"}
YAML
mds -C ../v inputs dev c --json >v.json
test "$(json_get v.json '["inputs"]["s"]["value"]')" = '"x-true-a${b}-3"'
test "$(json_get v.json '["inputs"]["whole"]["value"]')" = true
mds -C ../v render -q
grep -F 's     = "x-true-a$${b}-3"' ../v/terragrunt/dev/c/terragrunt.hcl
EOS

test_case "inputs: unknown names get a suggestion; usage errors exit 2" <<'EOS'
must_fail 2 mds inputs prd minio 2>err
contains err "no environment 'prd' in stack.yaml (did you mean 'prod'?)"
must_fail 2 mds inputs prod minoi 2>err
contains err "(did you mean 'minio'?)"
must_fail 2 mds inputs prod 2>err
contains err "expected ENV COMPONENT"
EOS

test_case "completion knows inputs ENV COMPONENT and graph --format" <<'EOS'
mds __complete 2 mds-infra inputs "" >o
test "$(tr '\n' ' ' <o)" = "dev prod "
mds __complete 3 mds-infra inputs dev "" >o
test "$(tr '\n' ' ' <o)" = "certs minio dremio "
mds __complete 3 mds-infra graph --format m >o
test "$(cat o)" = mermaid
EOS

test_done
