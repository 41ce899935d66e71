#ifndef JSON_JTOKENS_H
#define JSON_JTOKENS_H

/*
 * JSON arrives in chunks; yajl re-scans a token cut by a chunk boundary
 * from its start on every later chunk, so one long string costs time
 * quadratic in its length.  js_tokens sits in front of a yajl parser: it
 * scans each chunk once, passes on every byte up to the token still open
 * at the chunk's end and holds that token back until its end has arrived,
 * so yajl gets each token whole and reading is linear.  A token longer
 * than JS_MAX_TOKEN is refused ("NAME: a JSON token longer than 16 MiB at
 * byte N"), so memory stays bounded too.
 *
 * On the way, \uXXXX escapes are read: a surrogate that does not pair up
 * is rewritten to \uFFFD, so the decoded string is valid UTF-8 (yajl would
 * make a lone low surrogate invalid UTF-8 and a lone high one '?').
 *
 * Used by the report reader (jstream.c) and the plan reader (planjson.c).
 */
#include <stddef.h>

#include "util/buf.h"
#include "util/err.h"

#define JS_MAX_TOKEN ((size_t)16 << 20)

struct js_tokens {
	struct buf held;	/* bytes not passed on yet: the open token */
	size_t given;		/* bytes passed on so far */
	/* the scanner's state */
	int in_str, esc, in_atom, uesc;
	unsigned ucode;		/* the \uXXXX being read */
	size_t tok_at;		/* where in `held` the open token starts */
	size_t hi_at;		/* a high surrogate's digits, awaiting its pair */
};

/* Passes bytes to the parser; returns 0 or an error code set in err. */
typedef int (*js_give_fn)(void *ctx, const char *p, size_t n,
			  struct err *err);

void js_tokens_init(struct js_tokens *t);
int js_tokens_feed(struct js_tokens *t, const char *data, size_t len,
		   js_give_fn give, void *ctx, const char *name,
		   struct err *err);
/* At the end of the input: passes on whatever is held. */
int js_tokens_flush(struct js_tokens *t, js_give_fn give, void *ctx,
		    struct err *err);
void js_tokens_release(struct js_tokens *t);

#endif
