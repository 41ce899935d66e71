#!/usr/bin/env bash
# doctor: MDS_TERRAGRUNT is the terragrunt checked (as plan runs it), and
# the tools listed are exactly those a command or the Jenkinsfile uses.
. "$(dirname "$0")/lib.sh"

fake_tool() {	# fake_tool DIR NAME "version line"
	mkdir -p "$1"
	printf '#!/bin/sh\necho "%s"\n' "$3" >"$1/$2"
	chmod +x "$1/$2"
}

test_case "MDS_TERRAGRUNT is checked instead of terragrunt on PATH" <<'EOS'
fake_tool path terragrunt "terragrunt on PATH"
fake_tool path terraform "Terraform v1.9.8"
fake_tool pinned my-terragrunt "terragrunt version v0.77.0 (pinned)"
PATH=$PWD/path MDS_TERRAGRUNT=$PWD/pinned/my-terragrunt mds doctor plan >out
contains out "ok       terragrunt  terragrunt version v0.77.0 (pinned)"
lacks out "terragrunt on PATH"
EOS

test_case "an MDS_TERRAGRUNT that cannot run is missing, even with one on PATH" <<'EOS'
fake_tool path terragrunt "terragrunt on PATH"
fake_tool path terraform "Terraform v1.9.8"
PATH=$PWD/path MDS_TERRAGRUNT=$PWD/nowhere/terragrunt must_fail 3 mds doctor plan >out 2>err
contains out "MISSING  terragrunt  MDS_TERRAGRUNT=$PWD/nowhere/terragrunt cannot be run"
EOS

test_case "scan needs the Jenkinsfile's scanners, sonar-scanner included" <<'EOS'
fake_tool s checkov "3.2.0"
fake_tool s trivy "Version: 0.58.0"
PATH=$PWD/s must_fail 3 mds doctor scan >out
contains out "MISSING  sonar-scanner"
fake_tool s sonar-scanner "SonarScanner 6.2"
PATH=$PWD/s mds doctor scan >out
EOS

test_case "every tool doctor lists is run by a command, the Jenkinsfile or the hooks" <<'EOS'
mkdir -p empty
PATH=$PWD/empty mds doctor >out 2>/dev/null || true
awk '{print $2}' out | grep -v '^terraform$\|^or$' | sort -u >tools
while read -r t; do
	case $t in
	terragrunt) grep -q "terragrunt" "$SOURCE_DIR/cli/run/tg.c" ;;
	tofu) grep -q "tofu" "$SOURCE_DIR/cli/cmd/doctor.c" ;;
	git | make) grep -q "git" "$SOURCE_DIR/jenkins/Jenkinsfile" ;;
	pre-commit) test -f "$SOURCE_DIR/.pre-commit-hooks.yaml" ;;
	groovy) grep -q groovy "$SOURCE_DIR/tests/e2e/t7005-jenkinsfile.sh" ;;
	tflint) grep -q tflint "$SOURCE_DIR/.ci/tool-hook" ;;
	*) grep -q "have('$t')" "$SOURCE_DIR/jenkins/Jenkinsfile" ;;
	esac || { echo "doctor lists '$t', which nothing uses" >&2; false; }
done <tools
test "$(wc -l <tools)" -ge 9
EOS

test_done
