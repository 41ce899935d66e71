#ifndef UTIL_PCT_H
#define UTIL_PCT_H

/*
 * Percent-encoding (RFC 3986 section 2.1), the one encoder of the program:
 * ASCII letters and digits and the bytes of `keep` stay, every other byte
 * becomes %XX in upper-case hex.  Callers choose `keep` for their context:
 * PCT_UNRESERVED for a query or form value, Jenkins' Util.rawEncode set for
 * a job name in a path.
 */
#include <stddef.h>

#include "util/buf.h"

#define PCT_UNRESERVED "-._~"

void pct_encode(struct buf *out, const char *s, size_t len, const char *keep);

#endif
