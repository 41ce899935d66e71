#include "util/suggest.h"

#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

static size_t min3(size_t a, size_t b, size_t c)
{
	size_t m = a < b ? a : b;

	return m < c ? m : c;
}

size_t suggest_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), i, j, res;
	size_t *d = xcalloc((la + 1) * (lb + 1), sizeof(*d));

#define D(x, y) d[(x) * (lb + 1) + (y)]
	for (i = 0; i <= la; i++)
		D(i, 0) = i;
	for (j = 0; j <= lb; j++)
		D(0, j) = j;
	for (i = 1; i <= la; i++) {
		for (j = 1; j <= lb; j++) {
			size_t cost = a[i - 1] != b[j - 1];

			D(i, j) = min3(D(i - 1, j) + 1, D(i, j - 1) + 1,
				       D(i - 1, j - 1) + cost);
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && D(i - 2, j - 2) + 1 < D(i, j))
				D(i, j) = D(i - 2, j - 2) + 1;
		}
	}
	res = D(la, lb);
#undef D
	free(d);
	return res;
}

const char *suggest_closest(const char *word, const char *const *candidates,
			    size_t nr)
{
	const char *best = NULL;
	size_t best_d = (size_t)-1, i;
	/* A third of the word's length, at least one edit, at most three. */
	size_t limit = strlen(word) / 3;

	if (limit < 1)
		limit = 1;
	if (limit > 3)
		limit = 3;
	for (i = 0; i < nr; i++) {
		size_t dist = suggest_distance(word, candidates[i]);

		if (dist < best_d) {
			best_d = dist;
			best = candidates[i];
		}
	}
	if (best && (best_d <= limit ||
		     (*word && !strncmp(best, word, strlen(word)))))
		return best_d ? best : NULL;
	return NULL;
}
