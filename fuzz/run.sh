#!/usr/bin/env bash
# fuzz/run.sh BUILD SECONDS [TARGET...]: runs each libFuzzer target of
# BUILD (made by `make fuzz`) for SECONDS, seeded from tests/fixtures and,
# when present, ../shared/corpus, with the dictionary of its format.
# Findings go to BUILD/fuzz-artifacts/<target>/ (crash-*, timeout-*,
# oom-*); the exit code is non-zero when any target found one.  Every
# finding gets a regression test named after it (tests/e2e/t6*).
set -u
build=${1:?usage: fuzz/run.sh BUILD SECONDS [TARGET...]}
secs=${2:-30}
shift 2 2>/dev/null || shift $#
src=$(cd "$(dirname "$0")/.." && pwd)
fx=$src/tests/fixtures
corpus=$src/../shared/corpus
[ -d "$corpus" ] || corpus=
work=$(cd "$build" && pwd)/fuzz-work

# seeds TARGET: prints the seed files of a target, one per line.
seeds() {
	case $1 in
	stack) ls "$src"/stack.yaml "$fx"/stacks/*.yaml "$fx"/stacks/*/stack.yaml \
		"$fx"/planstack/stack.yaml "$fx"/validate/*/stack.yaml ;;
	gate_policy) ls "$src"/policies/gate.yaml "$fx"/validate/*/policies/gate.yaml ;;
	plan_policy) ls "$src"/policies/plan.yaml "$fx"/validate/*/policies/plan.yaml ;;
	hcl) find "$fx"/hcl "$src"/terraform -name '*.tf' -o -name '*.hcl' ;;
	planjson) ls "$fx"/plans/*.json; [ -z "$corpus" ] || ls "$corpus"/plans/* ;;
	jenkins) [ -z "$corpus" ] || ls "$corpus"/jenkins/*/*.json ;;
	report_trivy) ls "$fx"/reports/trivy*; [ -z "$corpus" ] || ls "$corpus"/reports/trivy/* ;;
	report_checkov) ls "$fx"/reports/checkov*; [ -z "$corpus" ] || ls "$corpus"/reports/checkov/* ;;
	report_sarif) ls "$fx"/reports/*.sarif; [ -z "$corpus" ] || ls "$corpus"/reports/*/*.sarif ;;
	report_sonar) ls "$fx"/reports/sonar*; [ -z "$corpus" ] ||
		ls "$corpus"/reports/sonarqube/*.json "$corpus"/sonarqube-api/*.json ;;
	report_task) ls "$fx"/reports/report-task.txt; [ -z "$corpus" ] ||
		ls "$corpus"/reports/sonarqube/*.txt "$corpus"/sonarqube-api/*.txt ;;
	bundle) bundle_seed ;;
	esac 2>/dev/null
}

# A real bundle of the bundled stack, made with the fake terragrunt: the
# one seed the bundle reader gets (none is committed: it holds a commit id).
bundle_seed() {
	local d=$work/bundle-seed mds
	mds=$(cd "$build" && pwd)/mds-infra
	rm -rf "$d" && mkdir -p "$d/fake" && cp -r "$src"/stack.yaml \
		"$src"/terraform "$src"/terragrunt "$d/" || return
	(cd "$d" && git init -q && git add -A &&
		git -c user.email=f@example.com -c user.name=f commit -qm seed &&
		FAKE_TG_DIR=$d/fake MDS_TERRAGRUNT=$src/tests/fake/terragrunt \
		"$mds" plan dev -q >/dev/null 2>&1 &&
		"$mds" bundle dev -o seed.tar.gz >/dev/null 2>&1) &&
		echo "$d/seed.tar.gz"
}

# The byte fuzz_jenkins reads first: which response reader gets the rest.
jenkins_selector() {
	case $1 in
	*job-info*) echo 0 ;; */queue/*) echo 1 ;; */build/*) echo 2 ;;
	*/wfapi/*) echo 3 ;; *) echo 4 ;;
	esac
}

dict_of() {
	echo "$src/fuzz/dict/$1.dict"
}

targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(stack gate_policy plan_policy hcl planjson
	jenkins report_trivy report_checkov report_sarif report_sonar report_task
	bundle)
failed=()
for t in "${targets[@]}"; do
	bin=$build/fuzz/fuzz_$t
	[ -x "$bin" ] || { echo "fuzz: no $bin (run make fuzz)" >&2; exit 2; }
	rm -rf "$work/$t" && mkdir -p "$work/$t/seeds" "$work/$t/corpus" \
		"$build/fuzz-artifacts/$t"
	n=0
	while IFS= read -r f; do
		[ -f "$f" ] || continue
		n=$((n + 1))
		if [ "$t" = jenkins ]; then
			{ printf "\\$(printf %03o "$(jenkins_selector "$f")")"; cat "$f"; } \
				>"$work/$t/seeds/$n"
		else
			cp "$f" "$work/$t/seeds/$n"
		fi
	done < <(seeds "$t")
	echo "fuzz: $t for ${secs}s ($n seeds)"
	# -max_len: room for 100,000 levels of nesting would cost too much
	# speed; 128 KiB nests far past every limit (YAML 256, JSON 512, HCL
	# blocks 100) and holds any seed's shape.
	"$bin" -max_total_time="$secs" -max_len=131072 -timeout=10 \
		-rss_limit_mb=2048 -dict="$(dict_of "$t")" -print_final_stats=1 \
		-artifact_prefix="$build/fuzz-artifacts/$t/" \
		"$work/$t/corpus" "$work/$t/seeds" >"$work/$t.log" 2>&1
	rc=$?
	grep -E '^stat::number_of_executed_units|^Done|^==[0-9]+== ?ERROR|^SUMMARY' "$work/$t.log" | head -5
	[ "$rc" = 0 ] || failed+=("$t")
done
if [ ${#failed[@]} -gt 0 ]; then
	echo "fuzz: findings in: ${failed[*]} (see $build/fuzz-artifacts/ and $work/*.log)" >&2
	exit 1
fi
echo "fuzz: no findings"
