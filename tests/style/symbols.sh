#!/usr/bin/env bash
# Every name an object of cli/ exports carries its module's prefix
# (docs/style.md "Names"); the prefixes are in tests/style/symbol-prefixes.
# Reads the objects CMake built, so run it after a build:
#   tests/style/symbols.sh BUILD_DIR [SOURCE_DIR]
# Prints each offending name as "FILE: SYMBOL (allowed: PREFIX...)" and
# exits 1; exits 2 when an object is missing (nothing to check is no pass).
set -u
build=$(cd "${1:?usage: symbols.sh BUILD_DIR [SOURCE_DIR]}" && pwd)
src=$(cd "${2:-$(dirname "$0")/../..}" && pwd)
conf=$src/tests/style/symbol-prefixes
objdir=$build/CMakeFiles/mdscore.dir
cd "$src" || exit 2

# The allowed prefixes of one source file, from the first matching glob.
prefixes_of() {
	local file=$1 dir stem glob rest
	dir=${file#cli/}; dir=${dir%%/*}
	stem=$(basename "$file" .c)
	while read -r glob rest; do
		case $glob in ''|'#'*|except) continue ;; esac
		# shellcheck disable=SC2254
		case $file in $glob)
			rest=${rest%%#*}
			rest=${rest//\{dir\}/$dir}
			echo "${rest//\{stem\}/$stem}"
			return ;;
		esac
	done <"$conf"
}

exceptions=" $(awk '$1 == "except" { printf "%s ", $2 }' "$conf")"
bad=0 seen=0 missing=0
for file in $(git ls-files 'cli/*/*.c' 2>/dev/null || find cli -mindepth 2 -name '*.c'); do
	obj=$objdir/$file.o
	if [ ! -f "$obj" ]; then
		echo "$file: no object $obj (build first)" >&2
		missing=1
		continue
	fi
	seen=$((seen + 1))
	allowed=$(prefixes_of "$file")
	# (the sanitizers add __odr_asan.* and __asan_* beside each global)
	for sym in $(nm --defined-only "$obj" | awk '$2 ~ /^[A-Z]$/ &&
			$3 !~ /^__(odr_asan|asan|ubsan|sancov)/ { print $3 }'); do
		ok=0
		for p in $allowed; do
			# a prefix, or the module's own name (cli/gate/sonar_fetch.c
			# may export sonar_fetch)
			case $sym in "$p"*|"${p%_}") ok=1; break ;; esac
		done
		case $exceptions in *" $sym "*) ok=1 ;; esac
		if [ $ok = 0 ]; then
			echo "$file: $sym (allowed: $allowed)"
			bad=1
		fi
	done
done
[ "$seen" -gt 0 ] || echo "no objects under $objdir" >&2
[ "$missing" = 0 ] && [ "$seen" -gt 0 ] || exit 2
exit $bad
