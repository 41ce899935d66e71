#ifndef UTIL_XML_H
#define UTIL_XML_H

/*
 * Escaping for XML 1.0 text and double-quoted attribute values, the one rule
 * of every XML the program writes (the gate's and the plan's JUnit):
 *
 *   & < > "          -> &amp; &lt; &gt; &quot;
 *   TAB LF CR        -> &#9; &#10; &#13;  (a parser keeps a character
 *                       reference as is, where a raw one in an attribute is
 *                       normalized to a space: the reader gets the text back)
 *   other C0 bytes   -> U+FFFD, the Unicode replacement character
 *
 * XML 1.0 forbids the other control characters even as references, so they
 * cannot be kept.  Dropping them would hide that the text was changed, and a
 * '?' cannot be told from a real one; U+FFFD says "a character was here that
 * cannot be shown" and is valid everywhere.  Bytes from 0x80 up pass through
 * when they are strict UTF-8 and become U+FFFD otherwise (util/utf8.h), so
 * that bytes a reader decoded from %XX or escapes cannot break the document;
 * the C0 80 the JSON reader keeps an escaped NUL as is U+FFFD too.
 */
#include <stddef.h>

#include "util/buf.h"

void xml_escape(struct buf *out, const char *s, size_t len);
/* The same for a C string; NULL writes nothing. */
void xml_escape_str(struct buf *out, const char *s);

#endif
