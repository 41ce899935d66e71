#ifndef UTIL_SUGGEST_H
#define UTIL_SUGGEST_H

/*
 * "Did you mean": the candidate closest to `word` by edit distance
 * (insertions, deletions, substitutions and transpositions), or NULL when
 * none is close enough to be a plausible typo.
 */
#include <stddef.h>

const char *suggest_closest(const char *word, const char *const *candidates,
			    size_t nr);
/* Optimal string alignment distance between a and b. */
size_t suggest_distance(const char *a, const char *b);

#endif
