#!/usr/bin/env bash
# Nothing is written outside the repository: render refuses a symlink on
# the way to a file it writes, plan a symlinked .mds/plans/<env>; a module
# path that leaves the repository (by '..' or through a symlink) is refused
# unless its directory is listed under module_roots.  Plan directories are
# 0700 from their creation and plan files 0600.
. "$(dirname "$0")/lib.sh"
. "$SOURCE_DIR/tests/e2e/planlib.sh"

here() { cd "$(mktemp -d -p "$TRASH")"; }
fresh() { cp -r "$FIXTURES/stacks/basic" s; }

test_case "render: terragrunt/dev a symlink out of the tree: exit 2, nothing there" <<'EOS'
here; fresh
mkdir elsewhere s/terragrunt
ln -s "$PWD/elsewhere" s/terragrunt/dev
must_fail 2 mds -C s render >out 2>err
contains err "'terragrunt/dev' is a symbolic link"
test -z "$(ls elsewhere)"
test ! -e s/terragrunt/root.hcl
must_fail 2 mds -C s render --check >out 2>err
contains err "'terragrunt/dev' is a symbolic link"
EOS

test_case "render: terragrunt/dev/<component> a symlink: exit 2, nothing there" <<'EOS'
here; fresh
mds -C s render >/dev/null
mkdir elsewhere
rm -r s/terragrunt/dev/minio
ln -s "$PWD/elsewhere" s/terragrunt/dev/minio
sed -i 's/replicas: 1,/replicas: 2,/' s/stack.yaml
must_fail 2 mds -C s render >out 2>err
contains err "'terragrunt/dev/minio' is a symbolic link"
test -z "$(ls elsewhere)"
EOS

test_case "render: a generated file that is a symlink is not written through" <<'EOS'
here; fresh
mds -C s render >/dev/null
cp s/terragrunt/dev/minio/terragrunt.hcl victim.hcl
ln -sf "$PWD/victim.hcl" s/terragrunt/dev/minio/terragrunt.hcl
sed -i 's/replicas: 1,/replicas: 2,/' s/stack.yaml
must_fail 2 mds -C s render >out 2>err
contains err "'terragrunt/dev/minio/terragrunt.hcl' is a symbolic link"
grep -q 'replicas *= *1' victim.hcl
EOS

test_case "a module path out of the repository: exit 2 at its line" <<'EOS'
here; fresh
sed -i 's|module: modules/certs|module: ../../../../etc|' s/stack.yaml
must_fail 2 mds -C s render >out 2>err
contains err "stack.yaml:14:13: module '../../../../etc' is outside the repository"
must_fail 2 mds -C s validate >out 2>&1
contains out "is outside the repository"
test ! -e s/terragrunt
EOS

test_case "a module path inside that climbs out and back in is fine" <<'EOS'
here; fresh
sed -i 's|module: modules/certs|module: modules/../modules/certs|' s/stack.yaml
mds -C s render >/dev/null
EOS

test_case "a module directory that is a symlink out of the repository: exit 2" <<'EOS'
here; fresh
mv s/modules/certs certs-outside
ln -s "$PWD/certs-outside" s/modules/certs
must_fail 2 mds -C s render >out 2>err
contains err "module 'modules/certs' resolves to '$PWD/certs-outside', outside the repository"
test ! -e s/terragrunt
EOS

test_case "module_roots lets the stack name a directory outside, explicitly" <<'EOS'
here; fresh
mkdir shared && mv s/modules/certs shared/certs
sed -i 's|module: modules/certs|module: ../shared/certs|' s/stack.yaml
must_fail 2 mds -C s render 2>err
contains err "module '../shared/certs' is outside the repository (list its directory under 'module_roots'"
sed -i 's|^name: fixture|name: fixture\nmodule_roots: [../shared]|' s/stack.yaml
mds -C s render >/dev/null
grep -q 'source = "../../../../shared/certs"' s/terragrunt/dev/certs/terragrunt.hcl
printf 'module_roots: x\n' >>s/stack.yaml
must_fail 2 mds -C s render 2>err
contains err "stack.yaml:"
EOS

test_case "plan: a symlinked .mds/plans/<env>: exit 2, the target untouched" <<'EOS'
here
plan_repo repo
mkdir -p repo/.mds/plans victim
chmod 0755 victim
ln -s "$PWD/victim" repo/.mds/plans/dev
must_fail 2 mds -C repo plan dev >out 2>err
contains err "'.mds/plans/dev' is a symbolic link"
test -z "$(ls victim)"
test "$(stat -c %a victim)" = 755
EOS

test_case "plan: directories 0700 from the start, every plan file 0600" <<'EOS'
here
plan_repo repo
(umask 022 && mds -C repo plan dev >/dev/null 2>&1) || true
test "$(stat -c %a repo/.mds/plans/dev)" = 700
test -n "$(ls repo/.mds/plans/dev)"
test -z "$(find repo/.mds/plans/dev -type f ! -perm 600)"
(umask 022 && mds -C repo plan dev --out "$PWD/mine/plans" >/dev/null 2>&1) || true
test "$(stat -c %a mine/plans)" = 700
test -f mine/plans/plan.json
test -z "$(find mine/plans -type f ! -perm 600)"
EOS

test_done
