#!/usr/bin/env bash
# hook pre-commit on a generated repository of 10,000 files (100
# components x 3 environments, each module with 95 data files), side by
# side with `git diff --cached --name-only` on the same repository: the
# least a pre-commit hook pays to learn what is staged.  Four staged
# changes: none, a hand-edited rendered file, a module's .tf file, a
# stack.yaml edit.  Prints best-of-5 times; asserts nothing about speed.
set -eu
: "${MDS_INFRA:?}"
work=$(mktemp -d "${TMPDIR:-/tmp}/mds-bench-hook.XXXXXX")
trap 'rm -rf "$work"' EXIT
cd "$work"

python3 - <<'PY'
import os
N, DATA = 100, 95
out = ["version: 1", "name: bench",
       "backend: {s3: {bucket: b, region: us-east-1, use_lockfile: true}}",
       "environments:"]
for e, r in (("dev", 1), ("staging", 2), ("prod", 3)):
    out.append(f"  {e}: {{vars: {{replicas: {r}}}}}")
out.append("components:")
for i in range(N):
    m = f"modules/m{i:03d}"
    os.makedirs(f"{m}/files", exist_ok=True)
    open(f"{m}/main.tf", "w").write(
        'variable "replicas" {\n  type        = number\n  description = "Replicas."\n}\n\n'
        'output "endpoint" {\n  description = "Where it listens."\n  value       = "svc:80"\n}\n')
    for k in range(DATA):
        open(f"{m}/files/f{k:02d}.txt", "w").write(f"{i} {k}\n")
    out.append(f"  c{i:03d}:")
    out.append(f"    module: {m}")
    if i:
        out.append(f"    depends_on: [c{i - 1:03d}]")
    out.append("    inputs: {replicas: \"${env.replicas}\"}")
open("stack.yaml", "w").write("\n".join(out) + "\n")
PY
"$MDS_INFRA" render >/dev/null 2>&1
"$MDS_INFRA" docs --modules modules >/dev/null 2>&1
git init -q . && git add -A && git -c user.email=b@b -c user.name=b commit -qm repo
files=$(git ls-files | wc -l)

ms() {	# ms CMD...: best wall time of 5 runs, in milliseconds (1 decimal)
	local best=999999999 t0 t1 t i
	for i in 1 2 3 4 5; do
		t0=$(date +%s%N)
		"$@" >/dev/null 2>&1 || true
		t1=$(date +%s%N)
		t=$(( (t1 - t0) / 100000 ))
		[ "$t" -lt "$best" ] && best=$t
	done
	printf '%d.%d' $((best / 10)) $((best % 10))
}

row() {	# row LABEL
	local hook git
	hook=$(ms "$MDS_INFRA" hook pre-commit)
	git=$(ms git diff --cached --name-only)
	printf '%-34s %9s ms %12s ms %8s\n' "$1" "$hook" "$git" \
		"$(python3 -c "print('%.1fx' % (max($hook, 0.1) / max($git, 0.1)))")"
}

echo "repository: $files files ($(git ls-files terragrunt | wc -l) rendered), $(nproc) cores"
# what any run of the binary pays (dynamic loading of libcurl, libgit2...)
echo "start-up alone (mds-infra help doctor): $(ms "$MDS_INFRA" help doctor) ms"
printf '%-34s %12s %15s %8s\n' "staged change" "hook" "git diff --cached" "ratio"
row "nothing"
echo '# hand edit' >>terragrunt/staging/c050/terragrunt.hcl
git add -A
row "a hand-edited rendered file"
git reset -q --hard
echo '# comment' >>modules/m050/main.tf
git add -A
row "a module's .tf (50 dependents)"
git reset -q --hard
sed -i 's/replicas: 2/replicas: 5/' stack.yaml
"$MDS_INFRA" render staging >/dev/null 2>&1
git add -A
row "stack.yaml + its render (staging)"
git reset -q --hard
