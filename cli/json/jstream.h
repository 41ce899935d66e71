#ifndef JSON_JSTREAM_H
#define JSON_JSTREAM_H

/*
 * A streaming JSON reader on yajl: the document is fed in chunks and never
 * held whole.  It keeps the stack of open containers, each with the key being
 * read inside it and a `tag` that the handler gives it when it opens; a
 * container tagged JS_SKIP is passed over (nothing inside reaches the
 * handler).  Handlers thus follow only the paths they care about, and memory
 * stays that of the deepest path.
 *
 * Bounded work (docs/security.md): a token longer than JS_MAX_TOKEN is
 * refused, in linear time (jtokens.h).
 *
 * An object with the same key twice is refused, as is an integer that
 * does not fit in 64 bits: a report that can be read two ways is not read
 * (and a clashing hash only refuses, never accepts, a report).
 *
 * Strings reach the handler as valid UTF-8: an unpaired surrogate escape
 * becomes U+FFFD (jtokens.h), and an escaped NUL (\u0000) is kept as the
 * two bytes C0 80 (as Java's modified UTF-8 does), so it neither ends a C
 * string nor vanishes; jw_quote() writes it back as \u0000.
 */
#include <stddef.h>

#include "json/jtokens.h"
#include "util/buf.h"
#include "util/err.h"

#define JS_SKIP (-1)
#define JS_MAX_DEPTH 512

enum js_type { JS_NULL, JS_BOOL, JS_NUMBER, JS_STRING };

struct js_frame {
	int tag;
	int is_array;
	struct buf key;		/* objects: the key whose value is being read */
	/* objects: hashes of the keys seen, to refuse a duplicate key */
	unsigned long long *seen;
	size_t nr_seen, cap_seen;
};

struct jstream;

struct js_handler {
	/*
	 * A container opens at js->frames[depth] (its parent, if any, is
	 * frames[depth - 1]); set frames[depth].tag.  Return non-zero to stop.
	 */
	int (*open)(void *ctx, struct jstream *js, int depth);
	int (*close)(void *ctx, struct jstream *js, int depth);
	/* A scalar inside frames[depth - 1] (depth 0: the whole document). */
	int (*scalar)(void *ctx, struct jstream *js, int depth,
		      enum js_type type, const char *s, size_t len);
	/* A key of the object frames[depth - 1] (optional). */
	int (*key)(void *ctx, struct jstream *js, int depth, const char *s,
		   size_t len);
};

struct jstream {
	struct js_frame *frames;
	int depth, alloc;
	int too_deep;
	int dup_key;		/* stopped at a duplicate key */
	int too_big;		/* stopped at an integer beyond 64 bits */
	const struct js_handler *h;
	void *ctx;
	void *yajl;
	size_t offset;		/* bytes fed before the current chunk */
	struct js_tokens tokens;	/* what yajl has not had yet */
	const char *name;	/* of the input, for messages */
	struct buf str;		/* a string made valid UTF-8 for the handler */
};

void jstream_init(struct jstream *js, const struct js_handler *h, void *ctx);
/*
 * Feeds a chunk.  On a syntax error: ERR_INPUT "NAME: invalid JSON at byte N:
 * what".  When the handler stopped the parse, returns ERR_INPUT and leaves
 * `err` to the handler.
 */
int jstream_feed(struct jstream *js, const char *data, size_t len,
		 const char *name, struct err *err);
/* Ends the document: "truncated JSON at byte N" when it is incomplete. */
int jstream_finish(struct jstream *js, const char *name, struct err *err);
void jstream_release(struct jstream *js);

/* The key under which frames[depth] sits in its parent ("" if none). */
const char *js_parent_key(const struct jstream *js, int depth);
/* Parses a JSON number scalar as an unsigned line number (0 if not). */
unsigned js_uint(const char *s, size_t len);

#endif
