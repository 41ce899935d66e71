/*
 * Open addressing with linear probing and FNV-1a; grows at 3/4 full.
 */
#include "util/strmap.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

static uint64_t hash(const char *s)
{
	uint64_t h = 0xcbf29ce484222325ULL;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 0x100000001b3ULL;
	return h;
}

static struct strmap_entry *slot(const struct strmap *m, const char *key)
{
	size_t i = (size_t)hash(key) & (m->size - 1);

	while (m->slots[i].key && strcmp(m->slots[i].key, key))
		i = (i + 1) & (m->size - 1);
	return &m->slots[i];
}

static void grow(struct strmap *m)
{
	struct strmap_entry *old = m->slots;
	size_t i, old_size = m->size;

	m->size = m->size ? m->size * 2 : 64;
	m->slots = xcalloc(m->size, sizeof(*m->slots));
	for (i = 0; i < old_size; i++)
		if (old[i].key)
			*slot(m, old[i].key) = old[i];
	free(old);
}

void *strmap_put(struct strmap *m, const char *key, void *value)
{
	struct strmap_entry *e;
	void *prev;

	if ((m->nr + 1) * 4 > m->size * 3)
		grow(m);
	e = slot(m, key);
	if (!e->key) {
		e->key = xstrdup(key);
		e->value = value;
		m->nr++;
		return NULL;
	}
	prev = e->value;
	e->value = value;
	return prev;
}

void *strmap_get(const struct strmap *m, const char *key, int *found)
{
	const struct strmap_entry *e;

	if (!m->size) {
		if (found)
			*found = 0;
		return NULL;
	}
	e = slot(m, key);
	if (found)
		*found = e->key != NULL;
	return e->key ? e->value : NULL;
}

void strmap_release(struct strmap *m)
{
	size_t i;

	for (i = 0; i < m->size; i++)
		free(m->slots[i].key);
	free(m->slots);
	m->slots = NULL;
	m->nr = m->size = 0;
}
