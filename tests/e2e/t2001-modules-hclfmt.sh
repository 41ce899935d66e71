#!/usr/bin/env bash
# Every .tf file of the repository is left unchanged by HashiCorp's hclfmt,
# and the modules keep the rules of docs/style.md "Terraform modules" that a grep can check.
. "$(dirname "$0")/lib.sh"

HCLFMT=$TOOLS_DIR/hclfmt
MODULES=$SOURCE_DIR/terraform/modules

test_case "hclfmt is built (the oracle must exist; no silent skip)" <<'EOS'
test -x "$HCLFMT"
EOS

# tests/fixtures/hcl/ is excluded: parser test data, malformed on purpose.
test_case "every .tf file in the repository parses and is hclfmt-clean" <<'EOS'
find "$SOURCE_DIR" -name '*.tf' -not -path '*/build*/*' -not -path '*/.git/*' \
	-not -path '*/tests/fixtures/hcl/*' -print0 | sort -z >files
n=$(tr -cd '\0' <files | wc -c)
echo "checking $n files"
test "$n" -ge 32
xargs -0 "$HCLFMT" -check <files >/dev/null
if ! xargs -0 "$HCLFMT" -require-no-change <files >/dev/null; then
	while IFS= read -r -d '' f; do
		"$HCLFMT" "$f" | diff -u "$f" - || true
	done <files
	false
fi
EOS

test_case "the checks have teeth: a syntax error and a badly formatted file fail" <<'EOS'
printf 'variable "x" {\n  type = string\n' >broken.tf
never "$HCLFMT" -check broken.tf 2>/dev/null
printf 'variable "x" {\ntype = string\n  description="x"\n}\n' >bad.tf
"$HCLFMT" -check bad.tf
never "$HCLFMT" -require-no-change bad.tf >/dev/null
EOS

test_case "each module has the standard files" <<'EOS'
for m in minio minio-config dremio airflow cert-manager flink-operator flink-jobs monitoring; do
	for f in versions.tf variables.tf main.tf outputs.tf README.md; do
		test -f "$MODULES/$m/$f" || { echo "missing $m/$f"; false; }
	done
done
EOS

test_case "no provider configuration, no latest tag, no unpinned provider" <<'EOS'
test -d "$MODULES"
# Providers are generated per unit, except minio-config's, whose server is
# a dependency's output (an input): there every setting is a variable.
grep -rln '^provider ' "$MODULES" --include='*.tf' >providers || test $? = 1
test "$(cat providers)" = "$MODULES/minio-config/providers.tf"
awk '/^provider / { inside = 1; next } inside && /^}/ { inside = 0 } inside && /=/ && !/= var\.[a-z_]+$/ { bad = 1; print } END { exit bad }' "$MODULES/minio-config/providers.tf"
# grep: 0 found, 1 none, 2 an error (which must fail the case)
grep -rnE '"latest"|:latest' "$MODULES" --include='*.tf' >latest || test $? = 1
never grep -v 'var.image_tag != "latest"' latest
for v in "$MODULES"/*/versions.tf; do
	grep -q 'required_version *= *">= 1\.11\.0, < 2\.0\.0"' "$v" || { echo "$v: required_version"; false; }
	# every source line is followed by a version line with a ~> range
	awk '/source *=/ { want = 1; next } want && /version *= *"~> / { want = 0; next } want { bad = 1 } END { exit bad || want }' "$v" ||
		{ echo "$v: provider without a pinned range"; false; }
done
EOS

test_case "no secret literal: root credentials, passwords and keys are references" <<'EOS'
test -d "$MODULES"
never grep -rniE '(password|secret_key|rootPassword|adminPassword) *= *"[^"$]' "$MODULES" --include='*.tf'
contains "$MODULES/minio/main.tf" "users    = []"
contains "$MODULES/minio/main.tf" "existingSecret = var.root_credentials_secret"
contains "$MODULES/airflow/main.tf" "useHelmHooks = false"
EOS

test_done
