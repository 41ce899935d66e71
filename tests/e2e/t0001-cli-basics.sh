#!/usr/bin/env bash
# The command skeleton: help, version, unknown commands and options.
. "$(dirname "$0")/lib.sh"

test_case "help lists every command" <<'EOS'
mds help >out
for c in render validate docs plan apply gate jenkins graph inputs doctor help; do contains out "  $c "; done
contains out "exit codes:"
EOS

test_case "--help and bare help agree; a bare call is a usage error" <<'EOS'
mds --help >a
mds help >b
test_cmp a b
must_fail 2 mds 2>err
contains err "usage: mds-infra"
EOS

test_case "help COMMAND and COMMAND --help agree" <<'EOS'
mds help doctor >a
mds doctor --help >b
test_cmp a b
contains a "usage: mds-infra doctor"
EOS

test_case "--version names the version and the commit" <<'EOS'
mds --version >out
grep -Eqx 'mds-infra [0-9]+\.[0-9]+\.[0-9]+ \(commit ([0-9a-f]{12}(-dirty)?|unknown)\)' out
EOS

test_case "an unknown command exits 2 with a suggestion" <<'EOS'
must_fail 2 mds rendr 2>err
contains err "unknown command 'rendr' (did you mean 'render'?)"
test "$(wc -l <err)" = 1
must_fail 2 mds zzzzzz 2>err
lacks err "did you mean"
EOS

test_case "an unknown option exits 2 with a suggestion" <<'EOS'
must_fail 2 mds help --scdo 2>err
contains err "unknown option '--scdo' (did you mean '--scdoc'?)"
must_fail 2 mds --frobnicate help 2>err
contains err "unknown option '--frobnicate'"
EOS

test_case "-C changes directory first; a missing one is an error" <<'EOS'
must_fail 2 mds -C /nonexistent/dir help 2>err
contains err "cannot change to '/nonexistent/dir'"
EOS

test_case "a lost result on stdout is an environment error (exit 3)" <<'EOS'
must_fail 3 mds help >/dev/full 2>err
contains err "cannot write to standard output"
EOS

test_case "the stack file: ./stack.yaml first, else the repository root's" <<'EOS'
mkdir -p repo/sub repo/other
git -C repo init -q
printf 'version: 7\n' >repo/stack.yaml
printf 'version: 9\n' >repo/sub/stack.yaml
(cd repo/sub && must_fail 2 "$MDS_INFRA" render --check) 2>err
contains err "error: stack.yaml:1:10:"
(cd repo/other && must_fail 2 "$MDS_INFRA" render --check) 2>err
contains err "error: $PWD/repo/stack.yaml:1:10:"
EOS

test_case "--color rejects a bad value" <<'EOS'
must_fail 2 mds --color=sometimes help 2>err
contains err "option '--color' takes one of: auto always never; not 'sometimes'"
EOS

test_case "man page source and completions come from the command table" <<'EOS'
mds help --scdoc >man.scd
for c in render validate plan apply gate jenkins doctor; do contains man.scd "## $c"; done
contains man.scd "# EXIT STATUS"
mds help --completion bash >c.bash
bash -n c.bash
contains c.bash "__complete"
mds help --completion zsh >c.zsh
contains c.zsh "#compdef mds-infra"
must_fail 2 mds help --completion fish 2>err
EOS

test_done
