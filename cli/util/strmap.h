#ifndef UTIL_STRMAP_H
#define UTIL_STRMAP_H

/*
 * A string-keyed hash map (open addressing) for the lookups of the gate:
 * SARIF rule ids, SonarQube components, baseline fingerprints.  Keys are
 * copied; values are opaque pointers the caller owns.
 */
#include <stddef.h>

struct strmap_entry {
	char *key;
	void *value;
};

struct strmap {
	struct strmap_entry *slots;
	size_t nr, size;
};

#define STRMAP_INIT { NULL, 0, 0 }

/* Sets key to value (replacing); returns the previous value or NULL. */
void *strmap_put(struct strmap *m, const char *key, void *value);
/* The value, or NULL; *found (optional) says whether the key is there. */
void *strmap_get(const struct strmap *m, const char *key, int *found);
void strmap_release(struct strmap *m);

#endif
