#!/usr/bin/env bash
# Gives every generic exported name its module's prefix (issue #15), and
# moves includes of the JSON and util helpers that left cli/gate/ to their
# new paths.  Idempotent: run it again after merging a branch written
# against the old names, and it renames what that branch added; a second
# run changes nothing.
#
#   tools/rename-symbols.sh            rewrite the files of the work tree
#   tools/rename-symbols.sh --check    list the files it would change; exit 1
#                                      if there are any
#
# Renames (word boundaries, never after '.' or '->', so struct members and
# JSON keys of the same spelling stay):
#   gate, in cli/gate/ and the files that include a gate/ header:
#     severity_name/_parse, category_name/_parse, status_name, verdict_name,
#     sonar_conditions_clear, reader_begin/_drop/_release_sonar, rstr,
#     rstr_max, key_is, {checkov,sarif,sonar,trivy}_{open,close,scalar,finish},
#     findings_sorted, tools_counts, reasons(...), enum severity
#       -> gate_<name>, enum gate_severity
#   the HCL writer, in cli/render/ and the files that include render/hcl.h:
#     hcl_* and HCL_* -> hclw_* and HCLW_* (cli/hcl/ is the HCL reader and
#     keeps hcl_)
#   util/glob.c: gate_glob -> glob_match
# and drops the "except" lines of tests/style/symbol-prefixes that these
# renames make useless.
set -eu
cd "$(dirname "$0")/.."
check=0 changed=0
[ "${1:-}" != --check ] || check=1

# Each rule is a perl substitution; run over a list of files.
rewrite() {	# rewrite PERL-CODE FILE...
	local code=$1 f
	shift
	for f in "$@"; do
		[ -f "$f" ] || continue
		if [ $check = 1 ]; then
			if ! perl -ne "$code; print" "$f" | cmp -s - "$f"; then
				echo "$f"
				changed=1
			fi
		else
			perl -pi -e "$code" "$f"
		fi
	done
}

all=$(git ls-files 'cli/*.[ch]' 'tests/unit/*.[ch]')

# 1. Includes of the moved helpers.
rewrite 's{"gate/(jstream|jsonw)\.h"}{"json/$1.h"}g;
	 s{"gate/(strmap|sha256|glob)\.h"}{"util/$1.h"}g' $all

# 2. gate: generic names get the gate_ prefix.
gate_files=$( (git ls-files 'cli/gate/*'; grep -l '#include "gate/' $all) |
	sort -u)
gate_names='severity_name|severity_parse|category_name|category_parse'
gate_names+='|status_name|verdict_name|sonar_conditions_clear'
gate_names+='|reader_begin|reader_drop|reader_release_sonar|rstr|rstr_max'
gate_names+='|key_is'
gate_names+='|(?:checkov|sarif|sonar|trivy)_(?:open|close|scalar|finish)'
gate_names+='|findings_sorted|tools_counts'
rewrite "s{(?<![\\w.>])($gate_names)\\b}{gate_\$1}g;
	 s{(?<![\\w.>])reasons(?=\\s*\\()}{gate_reasons}g;
	 s{\\benum severity\\b}{enum gate_severity}g" $gate_files
rewrite "s{(?<![\\w.>])(rstr|reasons)\\(\\)}{gate_\$1()}g" HACKING.md

# 3. The HCL writer of render/: hclw_, apart from the reader's hcl_.
render_files=$( (git ls-files 'cli/render/*';
	grep -l '#include "render/hcl.h"' $all) | sort -u)
rewrite 's{\bhcl_(?=\w)}{hclw_}g; s{\bHCL_(?!H\b)(?=[A-Z])}{HCLW_}g' \
	$render_files

# 4. util/glob.c's matcher carries its module's name.
rewrite 's{\bgate_glob\b}{glob_match}g' $all

# 5. The prefix map: the writer's files export hclw_, and the exceptions
#    for the renamed names go.
conf=tests/style/symbol-prefixes
rewrite 's{^(cli/render/hcl\*\.c\s+)hcl_(\s)}{${1}hclw_$2};
	 s{\s+# renamed hclw_ by tools/rename-symbols.sh}{};
	 $_ = "" if /^except\s+\S+\s+renamed /;
	 $_ = "" if /^# (Generic names tools\/rename-symbols\.sh|lines go with that)/' $conf

[ $check = 0 ] || [ $changed = 0 ]
