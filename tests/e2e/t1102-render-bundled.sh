#!/usr/bin/env bash
# The repository's own stack.yaml: the committed terragrunt/ tree is
# current, every file is hclfmt-clean, and inputs/outputs match the modules.
. "$(dirname "$0")/lib.sh"

test_case "render --check passes on the committed tree (from the repo root)" <<'EOS'
cd "$SOURCE_DIR"
mds render --check >diff
test ! -s diff
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
for f in $(find "$SOURCE_DIR/terragrunt" -name '*.hcl'); do
	"$TOOLS_DIR/hclfmt" -require-no-change "$f" >/dev/null
done
EOS

test_case "prod is protected; dev, staging, prod each get every component" <<'EOS'
grep -q 'protected = true' "$SOURCE_DIR/terragrunt/prod/env.hcl"
for e in dev staging prod; do
	for c in minio minio-config dremio airflow cert-manager flink-operator flink-jobs monitoring; do
		test -f "$SOURCE_DIR/terragrunt/$e/$c/terragrunt.hcl"
	done
done
EOS

test_case "every input is a variable of its module, every used output exists" <<'EOS'
cd "$SOURCE_DIR"
for f in terragrunt/*/*/terragrunt.hcl; do
	c=$(basename "$(dirname "$f")")
	for v in $(awk '/^inputs = \{/{f=1;next} f && /^  [a-z_]/{print $1}' "$f"); do
		grep -q "variable \"$v\"" "terraform/modules/$c/variables.tf" ||
			{ echo "$f: '$v' is not a variable of $c"; exit 1; }
	done
	for ref in $(grep -o 'dependency\.[a-z-]*\.outputs\.[a-z0-9_]*' "$f" | sort -u); do
		d=$(echo "$ref" | cut -d. -f2); o=$(echo "$ref" | cut -d. -f4)
		grep -q "output \"$o\"" "terraform/modules/$d/outputs.tf" ||
			{ echo "$f: $d has no output $o"; exit 1; }
	done
done
EOS

test_case "no secret values in the stack or the tree (only references and mocks)" <<'EOS'
cd "$SOURCE_DIR"
grep -rhiE '(password|secret_key|access_key) *[:=] *"' stack.yaml terragrunt >secrets || true
test -s secrets
test -z "$(grep -vE '"(\$\{minio-config\.[a-z_]+\}|mock-(access|secret)-key)"' secrets)"
EOS

test_done
