#!/usr/bin/env bash
# zsh completion, driven for real: an interactive `zsh -f` in a pseudo
# terminal (zsh's own zpty module) loads the generated _mds-infra through
# compinit, the test types a line and a TAB, and reads back the line the
# completion left.  Skipped when zsh is not installed (make deps installs it).
# Also: `make install` puts the script in a folder of zsh's default fpath.
. "$(dirname "$0")/lib.sh"

command -v zsh >/dev/null || skip_all "zsh is not installed"
mkdir bin fpath
ln -s "$MDS_INFRA" bin/mds-infra
export PATH="$TRASH/bin:$PATH"
mds help --completion zsh >fpath/_mds-infra
cp -r "$FIXTURES/stacks/basic" basic

# The driver: types $2 and a TAB into `zsh -i` with compinit over fpath $1,
# then Ctrl-A and a print in front of the line, so that running it prints
# the completed line after a marker the echo of the typing cannot contain.
cat >drive.zsh <<'ZSH'
zmodload zsh/zpty || exit 1
zpty -b z "TERM=dumb PS1='%% ' zsh -f -i"
zpty -w z "fpath=($1 \$fpath); autoload -U compinit; compinit -u -D; unsetopt beep; print \$((40+2))READY"
zpty -r z line '*42READY*' || exit 1
zpty -w -n z "$2"$'\t'
zpty -w z $'\x01print -r -- $((6*7))OUT:'
zpty -r z out '*42OUT:*'$'[\r\n]' || exit 1
zpty -d z
out=${out##*42OUT:}
print -r -- "${out%%[$'\r\n']*}"
ZSH

# zcomplete LINE: the command line after one TAB at its end.
zcomplete() {
	timeout 30 zsh -f "$TRASH/drive.zsh" "$TRASH/fpath" "$1"
}

test_case "commands, verbs, options and help topics" <<'EOS'
test "$(zcomplete 'mds-infra rend')" = "mds-infra render"
test "$(zcomplete 'mds-infra jenkins b')" = "mds-infra jenkins build"
test "$(zcomplete 'mds-infra jenkins build --fo')" = "mds-infra jenkins build --follow"
test "$(zcomplete 'mds-infra validate --js')" = "mds-infra validate --json"
test "$(zcomplete 'mds-infra help jenkins sto')" = "mds-infra help jenkins stop"
test "$(zcomplete 'mds-infra __comp')" = "mds-infra __comp"
EOS

test_case "environments and components come from the stack (-C honoured)" <<'EOS'
cd basic
test "$(zcomplete 'mds-infra plan d')" = "mds-infra plan dev"
test "$(zcomplete 'mds-infra plan -c dr')" = "mds-infra plan -c dremio"
test "$(zcomplete 'mds-infra inputs prod mi')" = "mds-infra inputs prod minio"
cd ..
test "$(zcomplete 'mds-infra -C basic plan p')" = "mds-infra -C basic plan prod"
test "$(zcomplete 'mds-infra plan p')" = "mds-infra plan p"
EOS

test_case "option values, glued with '=', and files where no word is known" <<'EOS'
test "$(zcomplete 'mds-infra gate -o sa')" = "mds-infra gate -o sarif"
test "$(zcomplete 'mds-infra --color=al')" = "mds-infra --color=always"
test "$(zcomplete 'mds-infra jenkins build x --input pr')" = "mds-infra jenkins build x --input proceed"
: >report-checkov.json
test "$(zcomplete 'mds-infra gate --report report-c')" = "mds-infra gate --report report-checkov.json"
EOS

# make install PREFIX=/usr/local must put _mds-infra where zsh looks by
# default, and the installed file must complete as the generated one does.
test_case "make install puts _mds-infra in zsh's default fpath" <<'EOS'
[ -n "${BUILD_DIR:-}" ] && command -v cmake >/dev/null || exit 0
cmake --install "$BUILD_DIR" --prefix "$TRASH/usr/local" >/dev/null
f=$(cd "$TRASH" && ls usr/local/share/zsh/*/_mds-infra)
zsh -fc 'print -l $fpath' | grep -qx "/$(dirname "$f")"
test "$(timeout 30 zsh -f "$TRASH/drive.zsh" "$TRASH/$(dirname "$f")" 'mds-infra jenkins sta')" = "mds-infra jenkins status"
EOS

test_done
