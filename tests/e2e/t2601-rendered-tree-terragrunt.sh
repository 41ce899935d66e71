#!/usr/bin/env bash
# The rendered terragrunt/ tree is what Terragrunt accepts, read with
# HashiCorp's own parser (the hcldump oracle on hclsyntax): every file
# parses; units use only the blocks and attributes Terragrunt defines, with
# their documented settings; every dependency points at a unit of the same
# environment and the graph has no cycle; every dependency.X.outputs.Y is a
# declared dependency and an output of X's module; every generated file's
# contents (the providers heredoc) parses as HCL itself and names only
# providers the module requires.
. "$(dirname "$0")/lib.sh"

HCLDUMP=$(BUILD_DIR=$BUILD_DIR sh "$SOURCE_DIR/tests/oracle/build.sh" 2>/dev/null) ||
	skip_all "the hcldump oracle cannot be built (Go and Debian's hcl sources missing)"

# check_tree ROOT: the checks above on ROOT/terragrunt; prints problems.
check_tree() {
	python3 - "$1" "$HCLDUMP" <<'PY'
import glob, json, os, re, subprocess, sys
root, hcldump = sys.argv[1], sys.argv[2]
bad = []

def dump(path):
    out = subprocess.run([hcldump, path], capture_output=True, text=True)
    if out.returncode or out.stdout.startswith("error "):
        bad.append(f"{path}: does not parse: {out.stdout.strip()} {out.stderr.strip()}")
        return None
    return json.loads(out.stdout)

def heredoc(expr):
    m = re.match(r"<<-?(\w+)\n(.*)\n\s*\1\s*$", expr, re.S)
    return m.group(2) if m else None

tree = os.path.join(root, "terragrunt")
rootcfg = dump(os.path.join(tree, "root.hcl"))
if rootcfg:
    blocks = [b["type"] for b in rootcfg["blocks"]]
    if blocks != ["remote_state"] or rootcfg["attributes"]:
        bad.append(f"root.hcl: expected one remote_state block, found {blocks}")
    else:
        rs = rootcfg["blocks"][0]["body"]["attributes"]
        if rs.get("backend", {}).get("expr") != '"s3"':
            bad.append("root.hcl: backend is not s3")
        allowed = {"bucket", "key", "region", "endpoints", "use_path_style", "use_lockfile",
                   "skip_credentials_validation", "skip_requesting_account_id",
                   "skip_metadata_api_check", "skip_region_validation", "skip_s3_checksum",
                   "encrypt", "workspace_key_prefix"}
        cfg = rs.get("config", {}).get("expr", "")
        keys = set(re.findall(r"^  ([a-z_0-9]+) +=", cfg, re.M))
        if keys - allowed:
            bad.append(f"root.hcl: unknown S3 backend settings {sorted(keys - allowed)}")
        for dep in ("dynamodb_table", "force_path_style", "endpoint "):
            if dep in cfg:
                bad.append(f"root.hcl: deprecated setting {dep.strip()}")

unit_blocks = {"include", "terraform", "dependency", "dependencies", "generate", "locals"}
settings = {"include": {"path"}, "terraform": {"source"}, "dependencies": {"paths"},
            "dependency": {"config_path", "mock_outputs", "mock_outputs_allowed_terraform_commands"},
            "generate": {"path", "if_exists", "contents"}}
for env_hcl in sorted(glob.glob(os.path.join(tree, "*", "env.hcl"))):
    env_dir = os.path.dirname(env_hcl)
    d = dump(env_hcl)
    if d and ([b["type"] for b in d["blocks"]] != ["locals"] or d["attributes"]):
        bad.append(f"{env_hcl}: expected only a locals block")
    graph = {}
    for path in sorted(glob.glob(os.path.join(env_dir, "*", "terragrunt.hcl"))):
        unit = os.path.basename(os.path.dirname(path))
        d = dump(path)
        if not d:
            continue
        graph[unit] = []
        if set(d["attributes"]) - {"inputs"}:
            bad.append(f"{path}: unknown attributes {sorted(set(d['attributes']) - {'inputs'})}")
        deps, module = set(), None
        for b in d["blocks"]:
            t, attrs = b["type"], b["body"]["attributes"]
            if t not in unit_blocks:
                bad.append(f"{path}:{b['line']}: unknown block {t}")
                continue
            if t in settings and set(attrs) - settings[t]:
                bad.append(f"{path}:{b['line']}: {t} has unknown settings {sorted(set(attrs) - settings[t])}")
            if t == "terraform":
                src = json.loads(attrs["source"]["expr"])
                module = os.path.normpath(os.path.join(os.path.dirname(path), src))
                if not os.path.isdir(module):
                    bad.append(f"{path}: terraform.source {src} is not a directory")
            if t == "dependency":
                name = b["labels"][0]
                target = json.loads(attrs["config_path"]["expr"])
                if target != f"../{name}" or not os.path.isfile(os.path.join(env_dir, name, "terragrunt.hcl")):
                    bad.append(f"{path}: dependency {name} points at {target}, not a unit of this environment")
                deps.add(name)
                graph[unit].append(name)
                cmds = attrs.get("mock_outputs_allowed_terraform_commands", {}).get("expr", "")
                if "apply" in cmds:
                    bad.append(f"{path}: mocks allowed for apply")
            if t == "dependencies":
                for p in re.findall(r'"\.\./([a-z0-9-]+)"', attrs["paths"]["expr"]):
                    graph[unit].append(p)
                    if not os.path.isfile(os.path.join(env_dir, p, "terragrunt.hcl")):
                        bad.append(f"{path}: dependencies path ../{p} is not a unit")
            if t == "generate":
                if json.loads(attrs["if_exists"]["expr"]) not in ("overwrite", "overwrite_terragrunt", "skip", "error"):
                    bad.append(f"{path}: generate if_exists is not a Terragrunt value")
                body = heredoc(attrs["contents"]["expr"])
                if body is None:
                    bad.append(f"{path}: generate contents is not a heredoc")
                    continue
                gen = os.path.join(os.environ["TRASH"], "gen.tf")
                with open(gen, "w") as f:
                    f.write(body.replace("$${", "${").replace("%%{", "%{") + "\n")
                g = dump(gen)
                if g and module:
                    required = open(os.path.join(module, "versions.tf")).read()
                    for pb in g["blocks"]:
                        if pb["type"] != "provider" or f"{pb['labels'][0]} = {{" not in required:
                            bad.append(f"{path}: generated {pb['type']} {pb['labels']} is not required by {module}")
        inputs = d["attributes"].get("inputs", {}).get("expr", "")
        for dep, out in sorted(set(re.findall(r"dependency\.([a-z0-9-]+)\.outputs\.([a-z0-9_]+)", inputs))):
            if dep not in deps:
                bad.append(f"{path}: dependency.{dep} used without a dependency block")
            elif f'output "{out}"' not in open(os.path.join(os.path.dirname(module), dep, "outputs.tf")).read():
                bad.append(f"{path}: {dep} has no output {out}")
    # no cycle: repeatedly remove units whose dependencies are all gone
    left = dict(graph)
    while left:
        ready = [u for u, ds in left.items() if all(x not in left for x in ds)]
        if not ready:
            bad.append(f"{env_dir}: dependency cycle among {sorted(left)}")
            break
        for u in ready:
            del left[u]
print("\n".join(bad))
sys.exit(1 if bad else 0)
PY
}
export TRASH

test_case "the committed tree: every file parses and is what Terragrunt accepts" <<'EOS'
check_tree "$SOURCE_DIR"
test "$(find "$SOURCE_DIR/terragrunt" -name terragrunt.hcl | wc -l)" = 30
EOS

test_case "the checks have teeth: unknown block, bad dependency, broken provider heredoc, cycle" <<'EOS'
mkdir r && cp -r "$SOURCE_DIR/terragrunt" "$SOURCE_DIR/terraform" r/
printf '\nremote_stat {\n}\n' >>r/terragrunt/dev/minio/terragrunt.hcl
sed -i 's|config_path = "../minio"|config_path = "../minioo"|' r/terragrunt/dev/dremio/terragrunt.hcl
sed -i 's|    provider "minio" {|    provider "minio" {{|; s|    provider "helm" {|    provider "helmx" {|' r/terragrunt/staging/airflow/terragrunt.hcl
sed -i 's|dependency.minio.outputs.endpoint|dependency.minio.outputs.endpointz|' r/terragrunt/prod/minio-config/terragrunt.hcl
sed -i 's|paths = \["../namespaces"\]|paths = ["../namespaces", "../flink-jobs"]|' r/terragrunt/prod/monitoring/terragrunt.hcl
must_fail 1 check_tree r >out
contains out "dev/minio/terragrunt.hcl:"
contains out "unknown block remote_stat"
contains out "dependency minio points at ../minioo"
contains out "generated provider ['helmx'] is not required"
contains out "minio has no output endpointz"
contains out "dependency cycle among"
EOS

test_done
