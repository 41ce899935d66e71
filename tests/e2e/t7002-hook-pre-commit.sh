#!/usr/bin/env bash
# hook pre-commit: only what the staged change affects is checked, and
# every failure ends with the command that fixes it.
. "$(dirname "$0")/lib.sh"

export GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.com \
	GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@example.com

# A copy of this repository's stack, modules, rendered tree and policies.
mkdir repo
cp -r "$SOURCE_DIR/stack.yaml" "$SOURCE_DIR/terraform" "$SOURCE_DIR/terragrunt" \
	"$SOURCE_DIR/policies" repo/
git -C repo init -q
git -C repo add -A
git -C repo commit -qm init

test_case "nothing staged: exit 0, no output" <<'EOS'
mds -C repo hook pre-commit >out 2>err
test ! -s out
test ! -s err
EOS

test_case "a hand edit of a rendered file fails with the fix command" <<'EOS'
echo '# hand edit' >>repo/terragrunt/staging/dremio/terragrunt.hcl
git -C repo add -A
must_fail 1 mds -C repo hook pre-commit >out 2>err
contains out "terragrunt/staging/dremio/terragrunt.hcl: differs from what stack.yaml renders"
contains err "fix: mds-infra render staging && git add terragrunt"
mds -C repo render staging >/dev/null 2>&1
git -C repo add -A
mds -C repo hook pre-commit
git -C repo commit -qm noop --allow-empty
EOS

test_case "a stack edit without render fails for the environments it changes" <<'EOS'
sed -i 's/minio_replicas: 8/minio_replicas: 12/' repo/stack.yaml
git -C repo add stack.yaml
must_fail 1 mds -C repo hook pre-commit >out 2>err
contains err "fix: mds-infra render prod && git add terragrunt"
lacks out "terragrunt/dev/"
mds -C repo render prod >/dev/null 2>&1
git -C repo add -A
mds -C repo hook pre-commit
git -C repo commit -qm "prod: 4 replicas"
EOS

test_case "a misspelled input is caught by the validate checks" <<'EOS'
sed -i 's/replicas: "\${env.minio_replicas}"/replcas: "${env.minio_replicas}"/' repo/stack.yaml
grep -q replcas repo/stack.yaml
mds -C repo render >/dev/null 2>&1
git -C repo add -A
must_fail 1 mds -C repo hook pre-commit >out 2>err
contains out "unknown input 'replcas'"
contains err "then check with: mds-infra validate"
git -C repo reset -q --hard
EOS

test_case "a stale module README is caught (the fix is mds-infra docs)" <<'EOS'
printf '\nvariable "extra_knob" {\n  type        = string\n  description = "A new knob."\n  default     = "x"\n}\n' >>repo/terraform/modules/monitoring/variables.tf
git -C repo add -A
must_fail 1 mds -C repo hook pre-commit >out 2>err
contains out "run 'mds-infra docs'"
git -C repo reset -q --hard
EOS

test_case "a broken stack: exit 2 with its position" <<'EOS'
printf 'bogus_key: 1\n' >>repo/stack.yaml
git -C repo add -A
must_fail 2 mds -C repo hook pre-commit >out 2>err
contains err "stack.yaml:"
contains err "mds-infra validate"
git -C repo reset -q --hard
EOS

test_case "an unstaged edit is not the hook's business" <<'EOS'
echo '# hand edit' >>repo/terragrunt/dev/minio/terragrunt.hcl
echo '# comment' >>repo/stack.yaml
mds -C repo hook pre-commit
git -C repo checkout -q -- .
EOS

test_case "works on this repository itself" <<'EOS'
git -C "$SOURCE_DIR" rev-parse --git-dir >/dev/null
mds -C "$SOURCE_DIR" hook pre-commit
EOS

test_done
