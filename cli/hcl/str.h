#ifndef HCL_STR_H
#define HCL_STR_H
/* Decoding HCL string literals (private to cli/hcl/). */
#include <stddef.h>

#include "util/buf.h"

/*
 * Appends the value of the inside of a quoted string (without its quotes),
 * already checked by the scanner: \n \r \t \" \\ \uXXXX \UXXXXXXXX and the
 * literal openers $${ and %%{.  Template sequences are copied as written.
 */
void hcl_decode_quoted(struct buf *out, const char *s, size_t len);

#endif
