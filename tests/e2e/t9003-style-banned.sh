#!/usr/bin/env bash
# cli/util/banned.h turns the easily misused libc functions into compile
# errors, in cli/ and in the unit tests alike.
. "$(dirname "$0")/lib.sh"
BANNED=$SOURCE_DIR/cli/util/banned.h

test_case "each banned function is a compile error naming it" <<'EOS'
for call in 'strcpy(d, s)' 'strcat(d, s)' 'strncpy(d, s, 1)' \
	    'strncat(d, s, 1)' 'sprintf(d, "%s", s)' 'strtok(d, s)' \
	    'strtok_r(d, s, &p)' 'atoi(s)' 'gmtime(&t)' 'localtime(&t)' \
	    'ctime(&t)' 'ctime_r(&t, d)' 'asctime(gmtime_r(&t, &tm))' \
	    'asctime_r(&tm, d)' 'mktemp(d)'; do
	name=${call%%(*}
	printf '#include <time.h>\nvoid f(char *d, const char *s);\nvoid f(char *d, const char *s) { char *p; time_t t = 0; struct tm tm; (void)p; (void)t; (void)tm; (void)(%s); }\n' "$call" >b.c
	never gcc -std=gnu17 -fsyntax-only -include "$BANNED" b.c 2>err
	grep -q "sorry_${name}_is_a_banned_function" err ||
		{ echo "$name: not banned"; cat err; false; }
done
EOS

test_case "the allowed replacements still compile" <<'EOS'
printf '#include <time.h>\n#include <stdio.h>\nint f(char *d, time_t t);\nint f(char *d, time_t t) { struct tm tm; return snprintf(d, 8, "%%d", gmtime_r(&t, &tm)->tm_year) + (int)strftime(d, 8, "%%Y", localtime_r(&t, &tm)); }\n' >ok.c
gcc -std=gnu17 -fsyntax-only -Wall -include "$BANNED" ok.c
EOS

test_case "the library, the binary and every unit test are built with it" <<'EOS'
n=0
for flags in "$BUILD_DIR"/CMakeFiles/mdscore.dir/flags.make \
	     "$BUILD_DIR"/CMakeFiles/mds-infra.dir/flags.make \
	     "$BUILD_DIR"/tests/CMakeFiles/test_*.dir/flags.make; do
	grep -q -- "-include $BANNED" "$flags" ||
		{ echo "$flags: no -include banned.h"; false; }
	n=$((n + 1))
done
test "$n" -gt 10
EOS

test_done
