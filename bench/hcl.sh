#!/usr/bin/env bash
# The HCL reader against HashiCorp's hclsyntax on one large generated module
# (variable blocks with validations, heredocs and nested objects): wall time
# of `mds-infra docs --check` (parse + module interface + README table) next
# to the hcldump oracle (hclsyntax parse + JSON dump) on the same file.
set -eu
: "${MDS_INFRA:?}" "${SOURCE_DIR:?}" "${BUILD_DIR:?}"
oracle=$(sh "$SOURCE_DIR/tests/oracle/build.sh" "$BUILD_DIR/tools")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/mod"
n=${HCL_BENCH_VARS:-20000}
awk -v n="$n" 'BEGIN {
	for (i = 0; i < n; i++) {
		printf "variable \"v%d\" {\n  type = object({\n    a = optional(string, \"x\")\n    b = list(number)\n  })\n", i
		printf "  description = <<-EOT\n    Variable %d, ${\"templated\"} text.\n  EOT\n", i
		printf "  default = {\n    a = \"s%d\"\n    b = [1, 2, 3]\n  }\n\n", i
		printf "  validation {\n    condition     = length(var.v%d.b) < 10 && var.v%d.a != \"\"\n", i, i
		printf "    error_message = \"Too long: ${length(var.v%d.b)}.\"\n  }\n}\n\n", i
	}
}' >"$work/mod/variables.tf"
bytes=$(wc -c <"$work/mod/variables.tf")
"$MDS_INFRA" docs "$work/mod" >/dev/null

best() {	# best of 3 wall times in ms
	local best=999999 t0 t1 ms
	for _ in 1 2 3; do
		t0=$(date +%s%N)
		"$@" >/dev/null
		t1=$(date +%s%N)
		ms=$(((t1 - t0) / 1000000))
		[ "$ms" -lt "$best" ] && best=$ms
	done
	echo "$best"
}
ours=$(best "$MDS_INFRA" docs --check "$work/mod")
theirs=$(best "$oracle" "$work/mod/variables.tf")
echo "file: $n variable blocks, $bytes bytes"
printf '%-38s %6s ms\n' "mds-infra docs --check (C reader)" "$ours" "hcldump (Go hclsyntax, parse + JSON)" "$theirs"
awk -v a="$ours" -v b="$theirs" 'BEGIN { if (a > 0) printf "ratio hclsyntax / mds-infra: %.1fx\n", b / a }'
