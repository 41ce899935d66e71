#!/usr/bin/env bash
# Debian's real pre-commit, offline, in a temporary repository that uses
# this repository's .pre-commit-hooks.yaml by local path (pre-commit clones
# a local repository with git, no network): a clean commit passes, a hand
# edit of a rendered file fails with the fix command, fixing it passes.
# Also the repository's own .pre-commit-config.yaml as `repo: local`.
. "$(dirname "$0")/lib.sh"

command -v pre-commit >/dev/null || skip_all "pre-commit is not installed (apt-get install pre-commit)"

export GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.com \
	GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@example.com
export PRE_COMMIT_HOME=$TRASH/pre-commit-cache
# language: system hooks run the mds-infra found on PATH
mkdir bin
ln -s "$MDS_INFRA" bin/mds-infra
export PATH=$TRASH/bin:$PATH

# The hooks as this repository offers them, committed in a repository of
# their own (the working copy of the source may hold uncommitted changes).
mkdir hooks
cp "$SOURCE_DIR/.pre-commit-hooks.yaml" hooks/
git -C hooks init -q
git -C hooks add -A
git -C hooks commit -qm hooks
rev=$(git -C hooks rev-parse HEAD)

mkdir repo
cp -r "$SOURCE_DIR/stack.yaml" "$SOURCE_DIR/terraform" "$SOURCE_DIR/terragrunt" \
	"$SOURCE_DIR/policies" repo/
cat >repo/.pre-commit-config.yaml <<EOF
repos:
  - repo: $TRASH/hooks
    rev: $rev
    hooks:
      - id: mds-infra-pre-commit
      - id: mds-infra-render-check
      - id: mds-infra-validate
EOF
git -C repo init -q
git -C repo add -A
git -C repo commit -qm init
(cd repo && pre-commit install >/dev/null)

test_case "a clean commit passes every hook" <<'EOS'
echo '# a note for people' >>repo/terraform/modules/minio/main.tf
git -C repo add -A
git -C repo commit -qm "minio: a note" >out 2>&1
contains out "mds-infra hook pre-commit"
contains out "Passed"
lacks out "Failed"
EOS

test_case "a hand edit of a rendered file fails with the fix command" <<'EOS'
echo '# hand edit' >>repo/terragrunt/dev/minio/terragrunt.hcl
git -C repo add -A
before=$(git -C repo rev-parse HEAD)
never git -C repo commit -qm "hand edit" >out 2>&1
contains out "Failed"
contains out "fix: mds-infra render dev && git add terragrunt"
test "$(git -C repo rev-parse HEAD)" = "$before"
EOS

test_case "running the fix command makes the commit pass" <<'EOS'
(cd repo && mds-infra render dev && git add terragrunt) >/dev/null 2>&1
git -C repo diff --cached --quiet
git -C repo status --porcelain >st
test ! -s st
# the edit is gone: add a real change and commit it
echo '# another note' >>repo/terraform/modules/dremio/main.tf
git -C repo add -A
git -C repo commit -qm "dremio: a note" >out 2>&1
lacks out "Failed"
EOS

test_case "this repository's own .pre-commit-config.yaml: its local hooks run" <<'EOS'
cp "$SOURCE_DIR/.pre-commit-config.yaml" repo/.pre-commit-config.yaml
cp -r "$SOURCE_DIR/.pre-commit-hooks.yaml" "$SOURCE_DIR/.ci" repo/
git -C repo add -A
git -C repo commit -qm "own config" >out 2>&1 || { cat out >&2; false; }
contains out "mds-infra hook pre-commit"
echo '# hand edit' >>repo/terragrunt/prod/minio/terragrunt.hcl
git -C repo add -A
never git -C repo commit -qm "hand edit" >out 2>&1
contains out "fix: mds-infra render prod && git add terragrunt"
EOS

test_case "mds-infra-gate: a team's kept report is gated at commit time" <<'EOS'
mkdir -p gated/reports gated/policies
cp "$SOURCE_DIR/policies/gate.yaml" gated/policies/	# the team's gate policy
cat >gated/.pre-commit-config.yaml <<EOF
repos:
  - repo: $TRASH/hooks
    rev: $rev
    hooks:
      - id: mds-infra-gate
        args: [--report, reports/scan.json]
EOF
cp "$SOURCE_DIR/examples/reports/checkov.json" gated/reports/scan.json
git -C gated init -q
(cd gated && pre-commit install >/dev/null)
git -C gated add -A
git -C gated commit -qm "a passing report" >out 2>&1 || { cat out >&2; false; }
contains out "mds-infra gate"
contains out "Passed"
# a critical vulnerability no waiver of the policy covers
cp "$FIXTURES/reports/trivy-image.json" gated/reports/scan.json
git -C gated add -A
never git -C gated commit -qm "a failing report" >out 2>&1
contains out "Failed"
contains out "FAIL"
EOS

test_done
