#!/usr/bin/env bash
# Completion: the bash script is driven as bash drives it (COMP_WORDS,
# COMP_CWORD), and answers from the command table and the stack.
. "$(dirname "$0")/lib.sh"

mkdir bin
ln -s "$MDS_INFRA" bin/mds-infra
export PATH="$TRASH/bin:$PATH"
cp -r "$FIXTURES/stacks/basic" basic
mds help --completion bash >c.bash

# complete WORD...: completes the last word; prints COMPREPLY one per line.
export TRASH
complete_line() {
	bash -c '. "$TRASH/c.bash"; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _mds_infra
		[ ${#COMPREPLY[@]} = 0 ] || printf "%s\n" "${COMPREPLY[@]}"' _ "$@"
}

test_case "commands, then verbs and options" <<'EOF2'
complete_line mds-infra "" >out
for c in render validate docs plan apply gate jenkins doctor help; do grep -qx "$c" out; done
lacks out "__complete"
complete_line mds-infra re >out
test "$(cat out)" = render
complete_line mds-infra jenkins "" >out
for v in build log status stop input; do grep -qx "$v" out; done
complete_line mds-infra jenkins build --fo >out
test "$(cat out)" = --follow
complete_line mds-infra validate -- >out
grep -qx -- --quiet out
grep -qx -- --help out
EOF2

test_case "environments and components come from the stack, -C and -f honoured" <<'EOF2'
cd basic
complete_line mds-infra plan "" >out
test "$(tr '\n' ' ' <out)" = "dev prod "
complete_line mds-infra plan -c "" >out
grep -qx minio out
grep -qx dremio out
cd ..
complete_line mds-infra -C basic plan "" >out
test "$(tr '\n' ' ' <out)" = "dev prod "
complete_line mds-infra render -f basic/stack.yaml d >out
test "$(cat out)" = dev
complete_line mds-infra plan "" >out
test ! -s out
EOF2

test_case "option values: formats, choices, glued with '='" <<'EOF2'
complete_line mds-infra gate -o "" >out
grep -qx sarif out
grep -qx junit out
complete_line mds-infra validate --color = al >out
test "$(cat out)" = always
mds __complete 2 mds-infra validate --color=n >out
test "$(cat out)" = --color=never
complete_line mds-infra jenkins build --input "" >out
test "$(tr '\n' ' ' <out)" = "ask proceed abort "
EOF2

test_case "help topics: commands, then a command's verbs" <<'EOF2'
complete_line mds-infra help "" >out
grep -qx jenkins out
complete_line mds-infra help jenkins s >out
test "$(tr '\n' ' ' <out)" = "status stop "
EOF2

test_case "zsh script asks the same command" <<'EOF2'
mds help --completion zsh >c.zsh
contains c.zsh "#compdef mds-infra"
contains c.zsh "__complete"
if command -v zsh >/dev/null; then zsh -n c.zsh; fi
EOF2

test_done
