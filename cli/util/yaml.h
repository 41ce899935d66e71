#ifndef UTIL_YAML_H
#define UTIL_YAML_H

/*
 * YAML documents as node trees with source positions, on libyaml.
 *
 * The one wrapper around libyaml: stack.yaml, policies and any other YAML the
 * tool reads go through yaml_load().  Every node keeps the 1-based line and
 * column where it starts, so that errors can say `stack.yaml:12:5`.
 *
 * Loading resolves anchors and aliases (an alias shares the anchored node)
 * and merge keys (`<<: *base` or `<<: [*a, *b]`; explicit keys win).  It
 * refuses, with FILE:LINE:COL, what hand-edited files get wrong: duplicate
 * keys, a second document, invalid UTF-8, and libyaml's syntax errors
 * (including tab indentation).  Non-scalar map keys are refused too.
 *
 * Bounded work on hostile input (docs/security.md): a document is at most
 * YAML_MAX_BYTES long, nests at most YAML_MAX_DEPTH collections deep, and
 * expands through aliases to at most YAML_MAX_NODES nodes (counted as if
 * every alias were a copy: a "billion laughs" is refused at load, before
 * anything walks it); an alias to a collection still open (a cycle) is
 * refused too.
 */
#define YAML_MAX_BYTES ((size_t)16 << 20)
#define YAML_MAX_DEPTH 256
#define YAML_MAX_NODES ((size_t)1000000)
#include <stddef.h>

#include "util/err.h"

enum yaml_kind { YAML_SCALAR, YAML_SEQ, YAML_MAP };

/* How a plain (unquoted) scalar resolves under the YAML 1.2 core schema. */
enum yaml_type {
	YAML_T_STR, YAML_T_NULL, YAML_T_BOOL, YAML_T_INT, YAML_T_FLOAT,
	YAML_T_SEQ, YAML_T_MAP
};

struct yaml_pair;

struct yaml_node {
	enum yaml_kind kind;
	unsigned line, col;
	/* scalar */
	char *str;
	size_t len;
	int quoted;		/* single, double, literal or folded style */
	/* sequence */
	struct yaml_node **items;
	size_t nr_items;
	/* mapping, in document order (merged keys after explicit ones) */
	struct yaml_pair *pairs;
	size_t nr_pairs;
	size_t alloc;
	size_t weight;		/* nodes once aliases are expanded */
	int open;		/* a collection still being read */
};

struct yaml_pair {
	struct yaml_node *key;	/* always a scalar */
	struct yaml_node *value;
};

struct yaml_doc {
	char *filename;
	struct yaml_node *root;	/* NULL for an empty document */
	struct yaml_node **all;	/* every node, for freeing */
	size_t nr_all, alloc_all;
};

/*
 * Parses `len` bytes.  `filename` is used in messages only.  On success the
 * caller owns *out (free with yaml_doc_free); on failure *out is NULL and
 * err says "FILE:LINE:COL: what" with code ERR_INPUT.
 */
int yaml_load(struct yaml_doc **out, const char *data, size_t len,
	      const char *filename, struct err *err);
/* Reads and parses a file. */
int yaml_load_file(struct yaml_doc **out, const char *path, struct err *err);
void yaml_doc_free(struct yaml_doc *doc);

/* The value under `key` in a mapping, or NULL (also for non-mappings). */
struct yaml_node *yaml_map_get(const struct yaml_node *map, const char *key);
enum yaml_type yaml_type_of(const struct yaml_node *node);
const char *yaml_type_name(enum yaml_type type);

/*
 * Fails with "FILE:L:C: unknown key 'x' in WHAT (did you mean 'y'?)" for the
 * first key of `map` that is not in the NULL-terminated `allowed` list.
 */
int yaml_check_keys(const struct yaml_doc *doc, const struct yaml_node *map,
		    const char *const *allowed, const char *what,
		    struct err *err);

/* Typed access with "FILE:L:C: WHAT must be a TYPE, not TYPE" errors. */
int yaml_expect(const struct yaml_doc *doc, const struct yaml_node *node,
		enum yaml_type type, const char *what, struct err *err);
/* A boolean scalar; *out is 1 or 0. */
int yaml_get_bool(int *out, const struct yaml_doc *doc,
		  const struct yaml_node *node, const char *what,
		  struct err *err);
/* An integer scalar in [min, max]. */
int yaml_get_int(long long *out, const struct yaml_doc *doc,
		 const struct yaml_node *node, long long min, long long max,
		 const char *what, struct err *err);
/* Sets an ERR_INPUT message prefixed with "FILE:LINE:COL: " of `node`. */
int yaml_err(struct err *err, const struct yaml_doc *doc,
	     const struct yaml_node *node, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

#endif
