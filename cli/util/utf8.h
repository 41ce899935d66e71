#ifndef UTIL_UTF8_H
#define UTIL_UTF8_H

/*
 * Strict UTF-8, for the writers: readers decode escapes and %XX, so bytes
 * that no reader validated can reach an output that must stay UTF-8.
 */
#include <stddef.h>

#include "util/buf.h"

#define UTF8_REPLACEMENT "\xef\xbf\xbd"	/* U+FFFD */

/*
 * Length of the strict UTF-8 sequence that starts at p[0] (a byte from 0x80
 * up), at most `avail` bytes long, or 0 when it is not one: overlong forms,
 * surrogates and code points past U+10FFFF are refused.  A NUL stops it.
 */
size_t utf8_seq_len(const unsigned char *p, size_t avail);

/* The length of the character at p[0]: 1 for ASCII, else utf8_seq_len. */
static inline size_t utf8_char_len(const unsigned char *p, size_t avail)
{
	return p[0] < 0x80 ? 1 : utf8_seq_len(p, avail);
}

/* 1 for C0 80, the two bytes the JSON reader keeps an escaped NUL as. */
static inline int utf8_is_kept_nul(const unsigned char *p, size_t avail)
{
	return avail >= 2 && p[0] == 0xC0 && p[1] == 0x80;
}

/*
 * Appends `s` for a person to read (a terminal, a Markdown cell): strict
 * UTF-8 as it is, TAB/LF/CR as a space, every other control byte, the kept
 * NUL and anything not UTF-8 as U+FFFD, so that a report cannot move the
 * cursor, colour the screen or break the document.  At most `max` bytes of
 * `s` are read, and a character is never cut.  NULL appends nothing.
 */
void utf8_add_clean(struct buf *out, const char *s, size_t max);

#endif
