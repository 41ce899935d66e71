#!/usr/bin/env bash
# Every reader fed the classic hostile inputs, table-driven: each run ends
# with exit 2 (bad input) or 3 (environment), within 20 s and 1 GiB of
# address space, says so in one line naming the file and the position
# (FILE:LINE:COL, a byte offset, or "empty file"), and leaves the outputs
# as they were.  The 1 GB token is generated on the fly through a FIFO.
. "$(dirname "$0")/lib.sh"

REPORT=$FIXTURES/reports/trivy-config.json
mkdir in

# ---- the inputs: in/<kind>.<format> (format: yaml, json, tf) ----
gen() {
	local f
	for f in yaml json tf; do
		: >in/empty.$f
		printf '\xef\xbb\xbf\xff\xfe\xc0\xaf x\n' >in/badutf8.$f
		mkdir in/dir.$f
		ln -s /dev/zero in/devzero.$f
		printf 'secret\n' >in/unreadable.$f
		chmod 000 in/unreadable.$f
	done
	# truncated: a valid file cut in the middle
	printf 'version: 1\nname: x\nbackend: {s3: {bucket: "b' >in/truncated.yaml
	head -c 300 "$REPORT" >in/truncated.json
	printf 'variable "a" {\n  type = list(string\n' >in/truncated.tf
	# UTF-16 with a BOM, itself cut short
	printf 'version: 1\nname: [' | iconv -f UTF-8 -t UTF-16 >in/utf16.yaml
	head -c 300 "$REPORT" | iconv -f UTF-8 -t UTF-16 >in/utf16.json
	printf 'variable "a" {}\n' | iconv -f UTF-8 -t UTF-16 >in/utf16.tf
	# 100,000 levels of nesting
	python3 - <<'PY'
n = 100000
open("in/deep.yaml", "w").write("version: 1\na: " + "[" * n + "]" * n + "\n")
open("in/deep.json", "w").write("[" * n + "]" * n)
open("in/deep.tf", "w").write("a {\n" * n + "}\n" * n)
big = "9" * 30
open("in/bignum.yaml", "w").write(f"version: {big}\nname: x\n")
open("in/bignum.json", "w").write('{"SchemaVersion": %s, "Results": []}' % big)
open("in/dupkey.yaml", "w").write("version: 1\nname: x\nname: y\n")
open("in/dupkey.json", "w").write('{"SchemaVersion": 2, "Results": [{"Target": "a", "Target": "b"}]}')
open("in/dupkey.tf", "w").write('variable "a" {\n  type = string\n  type = number\n}\n')
# alias bombs: 10^9 leaves from 10 lines, at the places values are taken
def bomb(prefix, at, indent):
    lines = [prefix.rstrip("\n")]
    lines.append(f"{indent}b0: &b0 [x, x, x, x, x, x, x, x, x, x]")
    for i in range(1, 9):
        lines.append(f"{indent}b{i}: &b{i} [" + ", ".join([f"*b{i-1}"] * 10) + "]")
    lines.append(f"{indent}{at}: *b8")
    return "\n".join(lines) + "\n"
open("in/bomb-stack.yaml", "w").write(bomb(
    "version: 1\nname: x\nbackend: {s3: {bucket: b}}\nenvironments: {dev: {}}\n"
    "components:\n  c:\n    module: m\n    inputs:\n", "big", "      "))
open("in/bomb-vars.yaml", "w").write(bomb(
    "version: 1\nname: x\nbackend: {s3: {bucket: b}}\ncomponents: {}\n"
    "environments:\n  dev:\n    vars:\n", "big", "      "))
open("in/bomb-gate.yaml", "w").write(bomb("version: 1\nfail_on:\n", "high", "  "))
open("in/bomb-plan.yaml", "w").write(bomb("version: 1\nprotected:\n", "allow_destroy", "  "))
PY
	# a 1 GB token, streamed: a YAML scalar, a JSON string, an HCL string
	mkfifo in/bigtoken.yaml in/bigtoken.json in/bigtoken.tf
	# symlinks out of the tree, to a file outside it
	printf 'version: 1\n' >"$TRASH/outside.yaml"
	ln -s "$TRASH/outside.yaml" in/symlink.yaml
}
gen

# feed_token FIFO PREFIX SUFFIX: 1 GB between the two, in the background;
# it dies of SIGPIPE when the reader gives up early, as it should.
feed_token() {
	{ printf '%s' "$2"; head -c 1073741824 /dev/zero | tr '\0' a; printf '%s' "$3"; } \
		>"$1" 2>/dev/null &
}

# A repository in which validate and docs read what they are given.
repo() {
	rm -rf repo && cp -r "$FIXTURES/validate/ok" repo
}

# Runs "$@" bounded; sets rc and writes the output to out.  (An ASan
# build reserves terabytes of address space: there only time is bounded.)
VMEM=1048576
if ldd "$MDS_INFRA" 2>/dev/null | grep -q libasan; then
	VMEM=unlimited
fi
bounded() {
	rc=0
	( ulimit -v $VMEM; exec timeout 20 "$@" ) >out 2>&1 || rc=$?
}

# verdict NAME: the checks every case shares.
verdict() {
	local name=$1
	if [ "$rc" != 2 ] && [ "$rc" != 3 ]; then
		echo "error: exit $rc (want 2 or 3); output:" >&2
		sed 's/^/| /' out >&2
		return 1
	fi
	# the position: FILE:L:C, a byte offset, or a statement about the whole
	# file (empty, not a report at all); rc 3: the file named
	if ! grep -E "$name(:[0-9]+:[0-9]+|[^a-z].*(byte( offset)? [0-9]+|empty (file|policy)|not a report|UTF-16 text)|'?: (Permission denied|Is a directory))" out >/dev/null; then
		echo "error: no line names '$name' and a position:" >&2
		sed 's/^/| /' out >&2
		return 1
	fi
	# one line per message: nothing but "mds-infra: ..." and FILE:L:C lines
	if grep -vE '^(mds-infra: |[^ ]+:[0-9]+:[0-9]+: |[^ ]+: (error|note|warning): )' out >&2; then
		echo "error: the lines above are not one-line messages" >&2
		return 1
	fi
}

# Unreadable files stop nobody when we are root: run those as nobody.
as_other=
if [ "$(id -u)" = 0 ]; then
	chmod o+rwx "$TRASH"
	as_other="setpriv --reuid=65534 --regid=65534 --clear-groups"
fi

# run_case TARGET KIND FORMAT: one row of the table.
run_case() {
	local target=$1 kind=$2 fmt=$3 f=in/$2.$3 name
	name=$(basename "$f")
	case $kind in
	bigtoken)
		case $fmt in
		yaml) feed_token "$f" 'version: 1
name: ' '' ;;
		json) feed_token "$f" '{"SchemaVersion": 2, "ArtifactName": "' '"}' ;;
		tf) feed_token "$f" 'variable "a" {
  default = "' '"
}' ;;
		esac ;;
	esac
	local run=
	[ "$kind" = unreadable ] && run=$as_other
	case $target in
	render)
		bounded $run "$MDS_INFRA" -f "$f" render
		test ! -e in/terragrunt ;;
	gate-policy)
		echo OLD >old.json
		bounded $run "$MDS_INFRA" gate --policy "$f" -r "$REPORT" -o json:old.json
		test "$(cat old.json)" = OLD ;;
	gate-report)
		echo OLD >old.json
		bounded $run "$MDS_INFRA" gate -r "$f" -o json:old.json -o sarif:old.sarif
		test "$(cat old.json)" = OLD && test ! -e old.sarif ;;
	plan-policy)
		repo
		rm repo/policies/plan.yaml
		ln -s "$TRASH/$f" repo/policies/plan.yaml
		name=plan.yaml
		bounded $run "$MDS_INFRA" -C repo validate ;;
	hcl)
		repo
		ln -s "$TRASH/$f" repo/terraform/modules/store/hostile.tf
		name=hostile.tf
		bounded $run "$MDS_INFRA" -C repo validate ;;
	docs)
		repo
		ln -s "$TRASH/$f" repo/terraform/modules/store/hostile.tf
		name=hostile.tf
		bounded $run "$MDS_INFRA" -C repo docs --check ;;
	esac
	wait 2>/dev/null
	verdict "$name"
}

yaml_kinds="empty truncated badutf8 utf16 bigtoken deep bignum dupkey devzero unreadable dir"
for t in render gate-policy plan-policy; do
	for k in $yaml_kinds; do
		test_case "$t: $k" <<EOS
run_case $t $k yaml
EOS
	done
done
for t in render; do
	for k in bomb-stack bomb-vars; do
		test_case "$t: alias bomb ($k)" <<EOS
run_case $t $k yaml
EOS
	done
done
test_case "gate-policy: alias bomb" <<'EOS'
run_case gate-policy bomb-gate yaml
EOS
test_case "plan-policy: alias bomb" <<'EOS'
run_case plan-policy bomb-plan yaml
EOS
test_case "render: a stack file that is a symlink out of the tree still reads (it is input)" <<'EOS'
bounded "$MDS_INFRA" -f in/symlink.yaml render
verdict symlink.yaml
EOS
for k in empty truncated badutf8 utf16 bigtoken deep bignum dupkey devzero unreadable dir; do
	test_case "gate-report: $k" <<EOS
run_case gate-report $k json
EOS
done
for t in hcl docs; do
	for k in truncated badutf8 utf16 bigtoken deep dupkey devzero unreadable dir; do
		test_case "$t: $k" <<EOS
run_case $t $k tf
EOS
	done
done

test_done
