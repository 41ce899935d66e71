#!/usr/bin/env bash
# The repository's own stack.yaml: the committed terragrunt/ tree is
# current, every file is hclfmt-clean, and inputs/outputs match the modules.
. "$(dirname "$0")/lib.sh"

test_case "render --check passes on the committed tree (from the repo root)" <<'EOS'
cd "$SOURCE_DIR"
mds render --check >"$TRASH/diff"
test ! -s "$TRASH/diff"
EOS

test_case "render --check finds stack.yaml from a subdirectory" <<'EOS'
cd "$SOURCE_DIR/terragrunt"
mds render --check >/dev/null
EOS

test_case "a copy renders to the same bytes" <<'EOS'
mkdir r && cp "$SOURCE_DIR/stack.yaml" r/ && cp -r "$SOURCE_DIR/terraform" r/
mds -C r render >/dev/null
diff -r "$SOURCE_DIR/terragrunt" r/terragrunt
EOS

test_case "every committed file is hclfmt-clean" <<'EOS'
files=$(find "$SOURCE_DIR/terragrunt" -name '*.hcl' | sort)
test "$(echo "$files" | wc -l)" = 34
"$TOOLS_DIR/hclfmt" -require-no-change $files >formatted
cat $files >committed
cmp committed formatted
EOS

test_case "prod is protected; dev, staging, prod each get every component" <<'EOS'
grep -q 'protected = true' "$SOURCE_DIR/terragrunt/prod/env.hcl"
for e in dev staging prod; do
	for c in namespaces pki minio minio-config dremio airflow cert-manager flink-operator flink-jobs monitoring; do
		test -f "$SOURCE_DIR/terragrunt/$e/$c/terragrunt.hcl"
	done
done
EOS

test_case "every input is a variable of its module, every used output exists" <<'EOS'
cd "$SOURCE_DIR"
python3 - <<'PY'
import glob, os, re, sys
bad = []
for f in sorted(glob.glob("terragrunt/*/*/terragrunt.hcl")):
    comp = os.path.basename(os.path.dirname(f))
    text = open(f).read()
    variables = open(f"terraform/modules/{comp}/variables.tf").read()
    inputs = text[text.index("\ninputs = {\n"):]
    for name in re.findall(r"^  ([a-z_0-9]+) +=", inputs, re.M):
        if f'variable "{name}"' not in variables:
            bad.append(f"{f}: '{name}' is not a variable of {comp}")
    for dep, out in set(re.findall(r"dependency\.([a-z-]+)\.outputs\.([a-z0-9_]+)", text)):
        if f'output "{out}"' not in open(f"terraform/modules/{dep}/outputs.tf").read():
            bad.append(f"{f}: {dep} has no output {out}")
print("\n".join(bad))
sys.exit(1 if bad else 0)
PY
EOS

test_case "no secret values in the stack or the tree (only references and mocks)" <<'EOS'
cd "$SOURCE_DIR"
grep -rhiE '(password|secret_key|access_key) *[:=] *"' stack.yaml terragrunt >"$TRASH/secrets" || test $? = 1
test -s "$TRASH/secrets"
test -z "$(grep -vE '"(\$\{minio-config\.[a-z_]+\}|mock-(access|secret)-key)"' "$TRASH/secrets")"
EOS

test_done
