#!/usr/bin/env bash
# Completion of fixed argument words, through the bash script as bash
# drives it: doctor's jobs (each one doctor accepts) and hook's pre-commit,
# then files (no candidates: the shell's default).
. "$(dirname "$0")/lib.sh"

mkdir bin
ln -s "$MDS_INFRA" bin/mds-infra
export PATH="$TRASH/bin:$PATH"
mds help --completion bash >c.bash
export TRASH
complete_line() {
	bash -c '. "$TRASH/c.bash"; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _mds_infra
		[ ${#COMPREPLY[@]} = 0 ] || printf "%s\n" "${COMPREPLY[@]}"' _ "$@"
}

test_case "bash registers the function for mds-infra" <<'EOS'
bash -c '. "$TRASH/c.bash"; complete -p mds-infra' >spec
contains spec "complete -o default -F _mds_infra mds-infra"
EOS

test_case "doctor: every job, each accepted by doctor" <<'EOS'
complete_line mds-infra doctor "" >jobs
test "$(wc -l <jobs)" = 9
while read -r j; do
	rc=0
	mds doctor "$j" --json >/dev/null 2>&1 || rc=$?
	test "$rc" != 2
done <jobs
complete_line mds-infra doctor plan s >out
test "$(cat out)" = scan
complete_line mds-infra doctor pre >out
test "$(cat out)" = pre-commit
EOS

test_case "hook: pre-commit, then files" <<'EOS'
complete_line mds-infra hook "" >out
test "$(cat out)" = pre-commit
complete_line mds-infra hook pre-commit "" >out
test ! -s out
EOS

test_done
