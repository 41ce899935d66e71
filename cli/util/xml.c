/*
 * The XML escaping rule of util/xml.h.
 */
#include "util/xml.h"

#include <string.h>

#define REPLACEMENT_CHAR "\xef\xbf\xbd"	/* U+FFFD in UTF-8 */

static const char *entity(unsigned char c)
{
	switch (c) {
	case '&': return "&amp;";
	case '<': return "&lt;";
	case '>': return "&gt;";
	case '"': return "&quot;";
	case '\t': return "&#9;";
	case '\n': return "&#10;";
	case '\r': return "&#13;";
	default: return c < 0x20 ? REPLACEMENT_CHAR : NULL;
	}
}

void xml_escape(struct buf *out, const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		const char *e = entity((unsigned char)s[i]);

		if (e)
			buf_addstr(out, e);
		else
			buf_addch(out, s[i]);
	}
}

void xml_escape_str(struct buf *out, const char *s)
{
	if (s)
		xml_escape(out, s, strlen(s));
}
