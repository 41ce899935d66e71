#!/usr/bin/env bash
# changed: staged and since-REV change sets mapped to environments x
# components (modules, local modules they source, rendered files, the
# stack by what it renders, policies, dependents); first commit, detached
# HEAD, merges, renames, dirty and untracked files; --json.
. "$(dirname "$0")/lib.sh"

export GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.com \
	GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@example.com
commit() { git -C repo add -A && git -C repo commit -qm "$1"; }

# A fresh repository with the small stack of tests/fixtures/planstack, not
# committed yet (the first-commit case uses it as it is).
fresh() {
	rm -rf repo
	mkdir -p repo
	cp -r "$FIXTURES/planstack/." repo/
	git -C repo init -q
	mds -C repo render >/dev/null 2>&1
}

test_case "first commit: everything staged affects everything" <<'EOS'
fresh
git -C repo add -A
mds -C repo changed >out
printf 'dev minio minio-config dremio airflow flink monitoring\nprod minio minio-config dremio airflow flink monitoring\n' >expect
test_cmp expect out
EOS

test_case "nothing staged: no output, exit 0" <<'EOS'
fresh; commit init
echo "# unstaged" >>repo/modules/flink/main.tf
mds -C repo changed >out 2>err
test ! -s out
contains err "no changes staged"
EOS

test_case "a staged module edit: its component and dependents, every environment" <<'EOS'
fresh; commit init
echo "# edit" >>repo/modules/minio-config/main.tf
git -C repo add modules/minio-config/main.tf
mds -C repo changed >out
printf 'dev minio-config dremio\nprod minio-config dremio\n' >expect
test_cmp expect out
EOS

test_case "a local module sourced by a module, transitively" <<'EOS'
fresh
mkdir -p repo/modules/common repo/modules/deep
printf 'module "deep" {\n  source = "../deep"\n}\n' >repo/modules/common/main.tf
echo '# deep' >repo/modules/deep/main.tf
printf '\nmodule "common" {\n  source = "../common"\n}\n' >>repo/modules/flink/main.tf
commit init
echo "# edit" >>repo/modules/deep/main.tf
git -C repo add -A
mds -C repo changed >out
printf 'dev flink\nprod flink\n' >expect
test_cmp expect out
EOS

test_case "a stack edit affects exactly what it renders differently" <<'EOS'
fresh; commit init
sed -i 's/retention: 2d/retention: 5d/' repo/stack.yaml
git -C repo add stack.yaml
mds -C repo changed >out
printf 'dev monitoring\nprod monitoring\n' >expect
test_cmp expect out
# only dev's replicas: minio and its dependents, in dev only
git -C repo checkout -q HEAD -- stack.yaml
sed -i 's/dev: {vars: {replicas: 1}}/dev: {vars: {replicas: 2}}/' repo/stack.yaml
git -C repo add stack.yaml
mds -C repo changed >out
printf 'dev minio minio-config dremio airflow\n' >expect
test_cmp expect out
EOS

test_case "a comment in the stack affects nothing" <<'EOS'
fresh; commit init
echo "# a comment" >>repo/stack.yaml
git -C repo add stack.yaml
mds -C repo changed --json >out
test "$(jq -r .stack_changed out)" = true
test "$(jq -c .environments out)" = "[]"
EOS

test_case "rendered files: a component, env.hcl, root.hcl" <<'EOS'
fresh; commit init
echo "# hand" >>repo/terragrunt/prod/airflow/terragrunt.hcl
git -C repo add -A
mds -C repo changed >out
printf 'prod airflow\n' >expect
test_cmp expect out
git -C repo reset -q --hard
echo "# hand" >>repo/terragrunt/dev/env.hcl
git -C repo add -A
mds -C repo changed >out
printf 'dev minio minio-config dremio airflow flink monitoring\n' >expect
test_cmp expect out
git -C repo reset -q --hard
echo "# hand" >>repo/terragrunt/root.hcl
git -C repo add -A
test "$(mds -C repo changed | wc -l)" = 2
EOS

test_case "a policy edit marks every environment, no component" <<'EOS'
fresh; mkdir -p repo/policies; echo "version: 1" >repo/policies/gate.yaml; commit init
echo "warn_on: {medium: 3}" >>repo/policies/gate.yaml
git -C repo add -A
mds -C repo changed --json >out
test "$(jq -c .policies out)" = '["policies/gate.yaml"]'
test "$(jq -c '[.environments[] | [.name, (.components | length)]]' out)" = '[["dev",0],["prod",0]]'
mds -C repo changed >out
printf 'dev\nprod\n' >expect
test_cmp expect out
EOS

test_case "--base: commits since the merge base, plus dirty and untracked files" <<'EOS'
fresh; commit init
git -C repo branch base
echo "# c1" >>repo/modules/flink/main.tf; commit c1
echo "# dirty" >>repo/modules/monitoring/main.tf
mkdir -p repo/modules/airflow/files; echo new >repo/modules/airflow/files/untracked.txt
mds -C repo changed --base base --json >out
jq -r '.paths[]' out >paths
printf 'modules/airflow/files/untracked.txt\nmodules/flink/main.tf\nmodules/monitoring/main.tf\n' >expect
test_cmp expect paths
test "$(jq -r .base out)" = "$(git -C repo rev-parse base)"
test "$(jq -c .components out)" = '["airflow","flink","monitoring"]'
EOS

test_case "--base on a merge: what the merged branch brought that REV lacks" <<'EOS'
fresh; commit init
git -C repo checkout -q -b feature
echo "# f" >>repo/modules/dremio/main.tf; commit feature
git -C repo checkout -q -
git -C repo checkout -q -b main2
echo "# m" >>repo/modules/flink/main.tf; commit main-side
git -C repo merge -q --no-edit feature
# the first parent has the flink edit already: only the feature's dremio
mds -C repo changed --base HEAD~1 >out
printf 'dev dremio\nprod dremio\n' >expect
test_cmp expect out
# from the branch point of both: both edits
mds -C repo changed --base feature~1 >out
printf 'dev dremio flink\nprod dremio flink\n' >expect
test_cmp expect out
EOS

test_case "detached HEAD works" <<'EOS'
fresh; commit init
echo "# x" >>repo/modules/flink/main.tf; commit x
git -C repo checkout -q --detach HEAD
mds -C repo changed --base HEAD~1 >out
printf 'dev flink\nprod flink\n' >expect
test_cmp expect out
EOS

test_case "a rename lists both paths" <<'EOS'
fresh; commit init
git -C repo mv modules/flink/main.tf modules/monitoring/flink-moved.tf
mds -C repo changed --json >out
jq -r '.paths[]' out >paths
printf 'modules/flink/main.tf\nmodules/monitoring/flink-moved.tf\n' >expect
test_cmp expect paths
test "$(jq -c .components out)" = '["flink","monitoring"]'
EOS

test_case "errors: unknown REV, outside a repository, --base on an unborn branch (exit 2)" <<'EOS'
fresh; commit init
must_fail 2 mds -C repo changed --base no-such-rev 2>err
contains err "no-such-rev"
mkdir plain; cp repo/stack.yaml plain/
must_fail 2 mds -C plain changed 2>err
contains err "not in a git repository"
fresh
must_fail 2 mds -C repo changed --base HEAD 2>err
contains err "no commit yet"
EOS

test_case "works on this repository itself" <<'EOS'
git -C "$SOURCE_DIR" rev-parse --git-dir >/dev/null
mds -C "$SOURCE_DIR" changed --json >out
test "$(jq -r .schema out)" = mds-infra/changed/v1
mds -C "$SOURCE_DIR" changed --base HEAD~1 --json >out
test "$(jq -r .base out)" = "$(git -C "$SOURCE_DIR" rev-parse HEAD~1)"
EOS

test_done
