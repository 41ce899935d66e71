/*
 * A small backtracking glob matcher (no character classes: rule ids, paths
 * and resource addresses do not need them).
 */
#include "util/glob.h"

#include <string.h>

int glob_match(const char *p, const char *s, int paths)
{
	for (; *p; p++, s++) {
		if (*p == '*') {
			int any = !paths || p[1] == '*';

			if (p[1] == '*')
				p++;
			/* "**" + "/" also matches no directory at all */
			if (any && paths && p[1] == '/' && glob_match(p + 2, s, paths))
				return 1;
			for (;; s++) {
				if (glob_match(p + 1, s, paths))
					return 1;
				if (!*s || (!any && *s == '/'))
					return 0;
			}
		}
		if (!*s || (*p == '?' ? (paths && *s == '/') : *p != *s))
			return 0;
	}
	return !*s;
}
