/*
 * The XML escaping rule of util/xml.h.
 */
#include "util/xml.h"

#include <string.h>

#include "util/utf8.h"

#define REPLACEMENT_CHAR UTF8_REPLACEMENT

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
		const unsigned char *p = (const unsigned char *)s + i;
		const char *e = entity(*p);
		size_t n;

		if (e) {
			buf_addstr(out, e);
		} else if (*p < 0x80) {
			buf_addch(out, s[i]);
		} else if (utf8_is_kept_nul(p, len - i)) {
			buf_addstr(out, REPLACEMENT_CHAR);	/* no NUL in XML */
			i++;
		} else if ((n = utf8_seq_len(p, len - i))) {
			buf_add(out, p, n);
			i += n - 1;
		} else {
			buf_addstr(out, REPLACEMENT_CHAR);
		}
	}
}

void xml_escape_str(struct buf *out, const char *s)
{
	if (s)
		xml_escape(out, s, strlen(s));
}
