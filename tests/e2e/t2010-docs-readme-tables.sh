#!/usr/bin/env bash
# mds-infra docs: README inputs/outputs tables generated from the modules,
# --check for staleness, the author's text kept, nothing written on error.
. "$(dirname "$0")/lib.sh"

mkmod() {	# mkmod DIR: a small module with one required and one optional input
	mkdir -p "$1"
	cat >"$1/variables.tf" <<'TF'
variable "name" {
  type        = string
  description = "The name."
}

variable "size" {
  type        = number
  description = "The size."
  default     = 3
}
TF
	cat >"$1/outputs.tf" <<'TF'
output "url" {
  description = "Where it listens."
  value       = "http://${var.name}"
}
TF
}

test_case "the repository's module READMEs are up to date" <<'EOS'
cd "$SOURCE_DIR"
mds docs --check >"$TRASH/out"
test ! -s "$TRASH/out"
EOS

test_case "new READMEs get a title and the tables; --check is then clean" <<'EOS'
mkmod repo2/terraform/modules/alpha
mkmod repo2/terraform/modules/beta
mkdir -p repo2/terraform/modules/shared-files
echo "not a module" >repo2/terraform/modules/shared-files/notes.txt
cd repo2
mds docs >out
contains out "updated terraform/modules/alpha/README.md"
contains out "updated terraform/modules/beta/README.md"
lacks out "shared-files"
test ! -e terraform/modules/shared-files/README.md
head -1 terraform/modules/alpha/README.md >title
echo "# alpha" >want
test_cmp want title
contains terraform/modules/alpha/README.md '| `name` | The name. | `string` | n/a | yes |'
contains terraform/modules/alpha/README.md '| `size` | The size. | `number` | `3` | no |'
contains terraform/modules/alpha/README.md '| `url` | Where it listens. | no |'
mds docs --check >out
test ! -s out
mds docs >out
test ! -s out
EOS

test_case "a stale table: --check names it, exits 1 and writes nothing" <<'EOS'
mkmod repo3/terraform/modules/alpha
mkmod repo3/terraform/modules/beta
cd repo3
mds docs >/dev/null
printf '\nvariable "extra" {\n  type        = bool\n  description = "New."\n}\n' >>terraform/modules/beta/variables.tf
cp terraform/modules/beta/README.md before
must_fail 1 mds docs --check >out 2>err
contains out "stale   terraform/modules/beta/README.md"
lacks out "alpha"
contains err "1 module README is out of date"
test_cmp before terraform/modules/beta/README.md
mds docs >out
contains out "updated terraform/modules/beta/README.md"
contains terraform/modules/beta/README.md '| `extra` | New. | `bool` | n/a | yes |'
mds docs --check
EOS

test_case "the author's text around the markers is kept byte for byte" <<'EOS'
mkmod m4
printf '# m4\n\nHand-written intro.\n\n<!-- BEGIN mds-infra docs -->\nold\n<!-- END mds-infra docs -->\n\n## Notes\n\nKept.\n' >m4/README.md
mds docs m4 >out
contains out "updated m4/README.md"
head -4 m4/README.md >head
printf '# m4\n\nHand-written intro.\n\n' >want
test_cmp want head
tail -4 m4/README.md >tail
printf '\n## Notes\n\nKept.\n' >want
test_cmp want tail
lacks m4/README.md "old"
contains m4/README.md "## Inputs"
EOS

test_case "a README without markers gets the section appended" <<'EOS'
mkmod m5
printf '# m5\n\nText.' >m5/README.md
mds docs m5 >/dev/null
head -4 m5/README.md >head
printf '# m5\n\nText.\n\n' >want
test_cmp want head
contains m5/README.md "<!-- END mds-infra docs -->"
EOS

test_case "a module with a syntax error: exit 2, file:line:col, nothing written" <<'EOS'
mkmod repo6/terraform/modules/alpha
mkmod repo6/terraform/modules/beta
printf 'variable "broken" {\n  type = string\n' >repo6/terraform/modules/beta/broken.tf
cd repo6
must_fail 2 mds docs >out 2>err
contains err "terraform/modules/beta/broken.tf:1:19: unclosed block"
test ! -e terraform/modules/alpha/README.md
test ! -e terraform/modules/beta/README.md
ls -A terraform/modules/alpha >files
printf 'outputs.tf\nvariables.tf\n' >want
test_cmp want files
EOS

test_case "broken markers are an input error with the line" <<'EOS'
mkmod m7
printf '# m7\n<!-- BEGIN mds-infra docs -->\n' >m7/README.md
cp m7/README.md before
must_fail 2 mds docs m7 2>err
contains err "m7/README.md:2: '<!-- BEGIN mds-infra docs -->' without a matching"
test_cmp before m7/README.md
EOS

test_case "usage and missing directories" <<'EOS'
must_fail 2 mds docs --modules x y 2>err
contains err "not both"
must_fail 2 mds docs nowhere 2>err
contains err "nowhere"
mkdir empty
must_fail 2 mds docs empty 2>err
contains err "holds no .tf file"
must_fail 2 mds docs --modules nowhere 2>err
contains err "cannot open modules directory"
EOS

test_done
