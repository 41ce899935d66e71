#!/usr/bin/env bash
# render on a generated stack of 3 environments x 300 components (900
# component files): time a full render, a no-op re-render and
# `render --check` on the unchanged tree, side by side with `git status` on
# the same tree (what a pre-commit hook pays anyway).  Prints times and
# ratios; asserts nothing about speed.
set -eu
: "${MDS_INFRA:?}"
work=$(mktemp -d "${TMPDIR:-/tmp}/mds-bench-render.XXXXXX")
trap 'rm -rf "$work"' EXIT
cd "$work"

python3 - <<'PY'
import os
N = 300
os.makedirs("modules/m", exist_ok=True)
open("modules/m/main.tf", "w").write("# module\n")
out = ["version: 1", "name: bench",
       "backend: {s3: {bucket: b, region: us-east-1, use_lockfile: true}}",
       "providers: {helm: {kubernetes: {config_context: \"${env.ctx}\"}}}",
       "environments:"]
for e, r in (("dev", 1), ("staging", 2), ("prod", 3)):
    out.append(f"  {e}: {{vars: {{replicas: {r}, ctx: k-{e}, size: {r * 10}Gi}}}}")
out.append("components:")
for i in range(N):
    out.append(f"  c{i:03d}:")
    out.append("    module: modules/m")
    out.append("    providers: [helm]")
    deps = [f"c{j:03d}" for j in (i - 1, i - 7) if j >= 0]
    if deps:
        out.append(f"    depends_on: [{', '.join(deps)}]")
    out.append("    inputs:")
    out.append("      replicas: \"${env.replicas}\"")
    out.append("      size: \"${env.size}\"")
    out.append(f"      name: \"svc-{i}-${{env.name}}\"")
    out.append("      labels: {team: data, tier: \"t" + str(i % 5) + "\"}")
    out.append("      list: [a, b, 3, true, null]")
    if deps:
        out.append(f"      upstream: \"${{{deps[0]}.endpoint}}\"")
    out.append("    mock_outputs: {endpoint: \"mock:1\"}")
    out.append("    environments: {prod: {inputs: {size: 500Gi}}}")
open("stack.yaml", "w").write("\n".join(out) + "\n")
PY
git init -q . && git add stack.yaml modules && git -c user.email=b@b -c user.name=b commit -qm stack

ms() {	# ms CMD...: best wall time of 5 runs, in milliseconds
	local best=999999 t0 t1 i
	for i in 1 2 3 4 5; do
		t0=$(date +%s%N)
		"$@" >/dev/null 2>&1 || true
		t1=$(date +%s%N)
		t=$(( (t1 - t0) / 1000000 ))
		[ "$t" -lt "$best" ] && best=$t
	done
	echo "$best"
}

t0=$(date +%s%N)
"$MDS_INFRA" render >/dev/null 2>&1
t1=$(date +%s%N)
first=$(( (t1 - t0) / 1000000 ))
git add terragrunt && git -c user.email=b@b -c user.name=b commit -qm tree
files=$(find terragrunt -type f | wc -l)
"$MDS_INFRA" render --check >/dev/null
rerender=$(ms "$MDS_INFRA" render)
check=$(ms "$MDS_INFRA" render --check)
status=$(ms git status --porcelain)

printf '%-34s %8s\n' "stack: 3 envs x 300 components" "$files files"
printf '%-34s %6d ms\n' "render (fresh tree)" "$first"
printf '%-34s %6d ms\n' "render (no change)" "$rerender"
printf '%-34s %6d ms\n' "render --check (clean)" "$check"
printf '%-34s %6d ms\n' "git status --porcelain" "$status"
awk -v c="$check" -v s="$status" 'BEGIN { if (s < 1) s = 1;
	printf "%-34s %8.2fx\n", "ratio render --check / git status", c / s }'
