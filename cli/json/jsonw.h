#ifndef JSON_JSONW_H
#define JSON_JSONW_H

/*
 * A streaming JSON writer into a struct buf: commas and escapes are its
 * business, so that the gate's writers (json, sarif, sonar, baseline) read as
 * the documents they produce and never hold a DOM of every finding.
 */
#include <stddef.h>

#include "util/buf.h"

struct jsonw {
	struct buf *out;
	int depth;
	unsigned char first[64];	/* no element written yet at this depth */
	int pretty;
};

void jw_init(struct jsonw *w, struct buf *out, int pretty);
void jw_obj(struct jsonw *w);
void jw_arr(struct jsonw *w);
void jw_end(struct jsonw *w, char close);	/* '}' or ']' */
void jw_key(struct jsonw *w, const char *key);
void jw_str(struct jsonw *w, const char *s);	/* NULL writes null */
void jw_int(struct jsonw *w, long long v);
void jw_bool(struct jsonw *w, int v);
void jw_null(struct jsonw *w);
/* key + value shorthands */
void jw_kstr(struct jsonw *w, const char *key, const char *s);
void jw_kint(struct jsonw *w, const char *key, long long v);
/* Escapes a string into `out` with quotes. */
void jw_quote(struct buf *out, const char *s);

#endif
