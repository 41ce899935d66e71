#!/usr/bin/env bash
# Dremio's chart resolves from something real: upstream publishes no Helm
# repository, so the module's default chart is a checkout of
# dremio-cloud-tools inside the module directory (which Terragrunt copies
# with the module), at the commit whose files tests/fixtures/charts
# vendors; the precondition, the module README and docs/modules.md give
# the same clone and checkout commands, and no placeholder registry is left.
. "$(dirname "$0")/lib.sh"

M=$SOURCE_DIR/terraform/modules/dremio
# the hcldump oracle, or empty where it cannot be built (Go missing)
HCLDUMP=$(BUILD_DIR=$BUILD_DIR sh "$SOURCE_DIR/tests/oracle/build.sh" 2>/dev/null) || HCLDUMP=
commit=$(grep '^| dremio_v2/2.0.0 | values.yaml |' "$FIXTURES/charts/SOURCES.md" |
	grep -o '[0-9a-f]\{40\}')

test_case "the pinned commit is the one the vendored chart files come from" <<'EOS'
test "${#commit}" = 40
EOS

test_case "the chart defaults to the checkout inside the module; git ignores it" <<'EOS'
awk '/^variable "chart" /,/^}/' "$M/variables.tf" >var
contains var 'default     = "vendor/dremio-cloud-tools/charts/dremio_v2"'
awk '/^variable "chart_repository" /,/^}/' "$M/variables.tf" >repovar
contains repovar 'default     = null'
grep -qx '/vendor/' "$M/.gitignore"
cd "$SOURCE_DIR" && git check-ignore -q terraform/modules/dremio/vendor/dremio-cloud-tools/charts/dremio_v2/Chart.yaml
EOS

test_case "precondition, README and docs give the same checkout commands" <<'EOS'
clone="git clone https://github.com/dremio/dremio-cloud-tools terraform/modules/dremio/vendor/dremio-cloud-tools"
checkout="git -C terraform/modules/dremio/vendor/dremio-cloud-tools checkout $commit"
for f in "$M/main.tf" "$M/README.md" "$SOURCE_DIR/docs/modules.md"; do
	grep -qF "$clone" "$f" || { echo "$f lacks: $clone"; false; }
	grep -qF "$checkout" "$f" || { echo "$f lacks: $checkout"; false; }
done
awk '/precondition/,/}/' "$M/main.tf" >pre
contains pre 'fileexists("${var.chart}/Chart.yaml")'
EOS

test_case "no placeholder registry host is left" <<'EOS'
cd "$SOURCE_DIR"
! grep -rn 'registry\.mds\.example' terraform stack.yaml terragrunt docs/modules.md
EOS

test_case "the values check finds the chart through the path and names it dremio" <<'EOS'
mkdir -p repo && cp "$SOURCE_DIR/stack.yaml" repo/ && cp -r "$SOURCE_DIR/terraform" "$SOURCE_DIR/policies" repo/
sed -i 's/^    imageTag     = var.image_tag$/    imageTag     = var.image_tag\n    imageTagz    = 1/' repo/terraform/modules/dremio/main.tf
grep -q imageTagz repo/terraform/modules/dremio/main.tf
must_fail 1 mds -C repo validate --charts "$FIXTURES/charts" >out 2>err
contains out "helm_release.dremio sets values key 'imageTagz', which chart dremio 2.0.0 does not have"
EOS

test_case "client TLS is Enterprise-only: off unless asked for" <<'EOS'
awk '/^variable "client_tls_enabled" /,/^}/' "$M/variables.tf" >var
contains var 'default     = false'
grep -q 'client     = { tls = local.client_tls }' "$M/main.tf"
grep -q 'client_tls = { enabled = local.tls_enabled && var.client_tls_enabled' "$M/main.tf"
EOS

test_case "the chart has no limit keys: a LimitRange bounds its containers, before the release" <<'EOS'
! grep -n 'limits' "$FIXTURES/charts/dremio_v2/2.0.0/values.yaml"
test -n "$HCLDUMP" || { echo "the hcldump oracle cannot be built: not checked"; exit 0; }
"$HCLDUMP" "$M/main.tf" >dump
python3 - dump <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
res = {tuple(b["labels"]): b["body"] for b in d["blocks"] if b["type"] == "resource"}
lr = res[("kubernetes_limit_range", "dremio")]
limit = lr["blocks"][1]["body"]["blocks"][0]["body"]["attributes"] if lr["blocks"][1]["type"] == "spec" else None
assert limit["type"]["expr"] == '"Container"', limit
for k in ("default", "default_request"):
    assert k in limit, k
assert "var.coordinator.memory_mb" in limit["default"]["expr"]
assert "kubernetes_limit_range.dremio" in res[("helm_release", "dremio")]["attributes"]["depends_on"]["expr"]
PY
EOS

test_done
