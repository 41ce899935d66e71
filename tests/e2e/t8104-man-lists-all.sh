#!/usr/bin/env bash
# The man page (help --scdoc) and `help` agree: every command `help` lists
# and every option each `help COMMAND` (and jenkins VERB) shows is in the
# man page, the man page has no section for a command that does not exist,
# the global options include -h/--help, and the hidden __complete is
# never named.  scdoc must accept the source.
. "$(dirname "$0")/lib.sh"

mds help --scdoc >man.scd
mds help >help.txt
# The commands of `help`: the indented lines between "commands:" and the
# next blank line.
sed -n '/^commands:/,/^$/p' help.txt | awk 'NF && !/:$/ {print $1}' >cmds
test "$(wc -l <cmds)" -ge 10 || { echo "no commands parsed" >&2; exit 1; }

test_case "scdoc accepts the man page source" <<'EOS'
command -v scdoc >/dev/null || exit 0
scdoc <man.scd >man.1
test -s man.1
EOS

test_case "every command and verb has its section, and only those" <<'EOS'
grep '^## ' man.scd | sed 's/^## //' >sections
while read -r c; do grep -qx "$c" sections; done <cmds
for v in build log status stop input; do grep -qx "jenkins $v" sections; done
while read -r s; do
	c=${s%% *}
	grep -qx "$c" cmds || { echo "man has a section for '$s'" >&2; exit 1; }
done <sections
lacks man.scd "__complete"
EOS

test_case "every option of every help page is in the man page" <<'EOS'
topics=$(cat cmds; for v in build log status stop input; do echo "jenkins $v"; done)
n=0
while read -r t; do
	mds help $t >page
	for o in $(grep -oE '^  (-[A-Za-z], )?--[a-z][a-z-]*' page | grep -oE -- '--[a-z-]+'); do
		grep -qF -- "$o" man.scd || { echo "man lacks '$o' of '$t'" >&2; exit 1; }
		n=$((n + 1))
	done
done <<<"$topics"
test "$n" -ge 40
for o in -C -f --quiet --verbose --color --version --help; do
	sed -n '/^# GLOBAL OPTIONS/,/^# COMMANDS/p' man.scd | grep -qF -- "$o"
done
EOS

test_done
