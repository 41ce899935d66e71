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
