/*
 * Percent-encoding without <ctype.h>: isalnum() depends on the locale, and a
 * URL must not.
 */
#include "util/pct.h"

#include <string.h>

static int kept(unsigned char c, const char *keep)
{
	if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9'))
		return 1;
	/* strchr() finds the terminating NUL too: a NUL byte is never kept */
	return c && c < 0x80 && strchr(keep, c);
}

void pct_encode(struct buf *out, const char *s, size_t len, const char *keep)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t i;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (kept(c, keep)) {
			buf_addch(out, (char)c);
		} else {
			buf_addch(out, '%');
			buf_addch(out, hex[c >> 4]);
			buf_addch(out, hex[c & 15]);
		}
	}
}
