#!/usr/bin/env bash
# validate on a generated platform of 200 components x 3 environments (each
# module 20 variables and 5 outputs, each component wired to the previous
# one's outputs), next to the cheapest thing any HCL-based check must do:
# HashiCorp's own parser (hclfmt -check) reading the same .tf files, once
# per file.  Prints times and the ratio; asserts nothing.
set -u
: "${MDS_INFRA:?}" "${TOOLS_DIR:?}"
work=$(mktemp -d "${TMPDIR:-/tmp}/mds-bench-validate.XXXXXX")
trap 'rm -rf "$work"' EXIT
n=${BENCH_COMPONENTS:-200}

python3 - "$work" "$n" <<'EOF'
import os, sys
root, n = sys.argv[1], int(sys.argv[2])
stack = ["version: 1", "name: bench", "backend: {s3: {bucket: b, region: r}}",
         "environments:", "  dev: {vars: {replicas: 1}}",
         "  staging: {vars: {replicas: 2}}", "  prod: {vars: {replicas: 3}}",
         "components:"]
for i in range(n):
    d = os.path.join(root, "terraform/modules/m%03d" % i)
    os.makedirs(d)
    with open(os.path.join(d, "variables.tf"), "w") as f:
        for v in range(20):
            f.write('variable "v%02d" {\n  type        = string\n'
                    '  description = "Variable %d of module %d."\n' % (v, v, i))
            if v >= 5:
                f.write('  default     = "x"\n')
            f.write('}\n\n' if v < 19 else '}\n')
    with open(os.path.join(d, "outputs.tf"), "w") as f:
        for o in range(5):
            f.write('output "o%d" {\n  description = "Output %d."\n'
                    '  value       = "v"\n}\n' % (o, o) + ("\n" if o < 4 else ""))
    stack.append("  c%03d:" % i)
    stack.append("    module: terraform/modules/m%03d" % i)
    if i:
        stack.append("    depends_on: [c%03d]" % (i - 1))
    stack.append("    inputs:")
    for v in range(5):
        val = '"${c%03d.o%d}"' % (i - 1, v) if i else '"${env.replicas}"'
        stack.append("      v%02d: %s" % (v, val))
    stack.append("    environments: {prod: {inputs: {v05: y}}}")
with open(os.path.join(root, "stack.yaml"), "w") as f:
    f.write("\n".join(stack) + "\n")
EOF
"$MDS_INFRA" -C "$work" docs >/dev/null

best() {	# best of $RUNS (5) wall-clock runs of "$@", in milliseconds
	local b=999999 i s e t
	for i in $(seq "${RUNS:-5}"); do
		s=$(date +%s%N)
		"$@" >/dev/null 2>&1
		e=$(date +%s%N)
		t=$(((e - s) / 1000000))
		[ "$t" -lt "$b" ] && b=$t
	done
	echo "$b"
}

"$MDS_INFRA" -C "$work" validate >/dev/null 2>&1 || { echo "validate failed on the generated repo"; "$MDS_INFRA" -C "$work" validate | head; exit 1; }
files=$(find "$work/terraform" -name '*.tf' | sort)
nr_files=$(echo "$files" | wc -l)
v=$(best "$MDS_INFRA" -C "$work" validate)
h=$(RUNS=1 best sh -c "for f in $(echo $files); do \"$TOOLS_DIR/hclfmt\" -check \"\$f\" || exit 1; done")
h1=$(best "$TOOLS_DIR/hclfmt" -check $files)
printf '%-58s %6s ms\n' \
	"mds-infra validate ($n components x 3 envs, READMEs too)" "$v" \
	"hclfmt -check, one process per .tf file ($nr_files files, 1 run)" "$h" \
	"hclfmt -check, all $nr_files files in one process" "$h1"
awk -v v="$v" -v h="$h" -v h1="$h1" 'BEGIN {
	if (v < 1) v = 1
	printf "ratio: hclfmt per file / validate = %.1fx, hclfmt one process / validate = %.2fx\n", h / v, h1 / v }'
