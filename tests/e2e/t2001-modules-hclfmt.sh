#!/usr/bin/env bash
# Every .tf file of the repository is left unchanged by HashiCorp's hclfmt,
# and the modules keep the rules of STYLE.md (d) that a grep can check.
. "$(dirname "$0")/lib.sh"

HCLFMT=$TOOLS_DIR/hclfmt
MODULES=$SOURCE_DIR/terraform/modules

test_case "hclfmt is built (the oracle must exist; no silent skip)" <<'EOS'
test -x "$HCLFMT"
EOS

test_case "every .tf file in the repository is hclfmt-clean" <<'EOS'
n=0
while IFS= read -r -d '' f; do
	n=$((n + 1))
	"$HCLFMT" "$f" >formatted 2>err || { cat err; false; }
	diff -u "$f" formatted
done < <(find "$SOURCE_DIR" -name '*.tf' -not -path '*/build*/*' -not -path '*/.git/*' -print0)
echo "checked $n files"
test "$n" -ge 32
EOS

test_case "hclfmt would catch a badly formatted file (the check has teeth)" <<'EOS'
printf 'variable "x" {\ntype = string\n  description="x"\n}\n' >bad.tf
"$HCLFMT" bad.tf >formatted
! cmp -s bad.tf formatted
EOS

test_case "each module has the standard files" <<'EOS'
for m in minio minio-config dremio airflow cert-manager flink-operator flink-jobs monitoring; do
	for f in versions.tf variables.tf main.tf outputs.tf README.md; do
		test -f "$MODULES/$m/$f" || { echo "missing $m/$f"; false; }
	done
done
EOS

test_case "no provider configuration, no latest tag, no unpinned provider" <<'EOS'
! grep -rn '^provider ' "$MODULES" --include='*.tf'
! grep -rnE '"latest"|:latest' "$MODULES" --include='*.tf' | grep -v 'var.image_tag != "latest"'
for v in "$MODULES"/*/versions.tf; do
	grep -q 'required_version *= *">= 1\.5\.0, < 2\.0\.0"' "$v" || { echo "$v: required_version"; false; }
	# every source line is followed by a version line with a ~> range
	awk '/source *=/ { want = 1; next } want && /version *= *"~> / { want = 0; next } want { bad = 1 } END { exit bad || want }' "$v" ||
		{ echo "$v: provider without a pinned range"; false; }
done
EOS

test_case "no secret literal: root credentials, passwords and keys are references" <<'EOS'
! grep -rniE '(password|secret_key|rootPassword|adminPassword) *= *"[^"$]' "$MODULES" --include='*.tf'
contains "$MODULES/minio/main.tf" "users    = []"
contains "$MODULES/minio/main.tf" "existingSecret = var.root_credentials_secret"
contains "$MODULES/airflow/main.tf" "useHelmHooks = false"
EOS

test_done
