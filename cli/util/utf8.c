#include "util/utf8.h"

size_t utf8_seq_len(const unsigned char *p, size_t avail)
{
	size_t i, n = p[0] >= 0xC2 && p[0] <= 0xDF ? 2 :
		      p[0] >= 0xE0 && p[0] <= 0xEF ? 3 :
		      p[0] >= 0xF0 && p[0] <= 0xF4 ? 4 : 0;

	if (n > avail)
		return 0;
	for (i = 1; i < n; i++)
		if ((p[i] & 0xC0) != 0x80)
			return 0;	/* also stops at the NUL */
	if (n && ((p[0] == 0xE0 && p[1] < 0xA0) ||
		  (p[0] == 0xED && p[1] > 0x9F) ||
		  (p[0] == 0xF0 && p[1] < 0x90) ||
		  (p[0] == 0xF4 && p[1] > 0x8F)))
		return 0;
	return n;
}

/* The bytes one character of `p` takes and what it becomes. */
static size_t clean_char(struct buf *out, const unsigned char *p, size_t avail)
{
	size_t n;

	if (*p >= 0x20 && *p < 0x7f) {
		buf_addch(out, (char)*p);
		return 1;
	}
	if (*p == '\t' || *p == '\n' || *p == '\r') {
		buf_addch(out, ' ');
		return 1;
	}
	if (utf8_is_kept_nul(p, avail)) {
		buf_addstr(out, UTF8_REPLACEMENT);
		return 2;
	}
	n = *p >= 0x80 ? utf8_seq_len(p, avail) : 0;
	if (n) {
		buf_add(out, p, n);
		return n;
	}
	buf_addstr(out, UTF8_REPLACEMENT);
	return 1;
}

void utf8_add_clean(struct buf *out, const char *s, size_t max)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, avail;

	if (!s)
		return;
	while (i < max && p[i]) {
		avail = max - i;
		if (p[i] >= 0x80 && utf8_seq_len(p + i, 4) > avail)
			break;	/* a character the limit would cut */
		i += clean_char(out, p + i, avail);
	}
}
