#include "run/units.h"

#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

long units_find(const struct run_set *set, const char *name)
{
	size_t i;

	for (i = 0; i < set->nr; i++)
		if (!strcmp(set->units[i].name, name))
			return (long)i;
	return -1;
}

static void unit_release(struct run_unit *u)
{
	size_t i;

	free(u->name);
	free(u->dir);
	free(u->module);
	free(u->deps);
	for (i = 0; i < u->nr_mocks; i++)
		free(u->mocks[i]);
	free(u->mocks);
}

void run_set_release(struct run_set *set)
{
	size_t i;

	if (!set)
		return;
	for (i = 0; i < set->nr; i++)
		unit_release(&set->units[i]);
	for (i = 0; i < set->nr_files; i++)
		free(set->files[i]);
	free(set->units);
	free(set->files);
	free(set->env);
	free(set->root);
	free(set->stack_path);
	memset(set, 0, sizeof(*set));
}

void units_filter(struct run_set *set, const char *keep)
{
	size_t *map = xcalloc(set->nr + 1, sizeof(*map));
	size_t i, k, nr = 0;

	for (i = 0; i < set->nr; i++)
		map[i] = keep[i] ? nr++ : (size_t)-1;
	nr = 0;
	for (i = 0; i < set->nr; i++) {
		struct run_unit u = set->units[i];
		size_t nd = 0;

		if (!keep[i]) {
			unit_release(&u);
			continue;
		}
		for (k = 0; k < u.nr_deps; k++)
			if (map[u.deps[k]] != (size_t)-1)
				u.deps[nd++] = map[u.deps[k]];
		u.nr_deps = nd;
		set->units[nr++] = u;
	}
	set->nr = nr;
	free(map);
}

void units_add_dependents(const struct run_set *set, char *keep)
{
	size_t i, k;
	int changed = 1;

	while (changed) {
		changed = 0;
		for (i = 0; i < set->nr; i++)
			for (k = 0; !keep[i] && k < set->units[i].nr_deps; k++)
				if (keep[set->units[i].deps[k]]) {
					keep[i] = 1;
					changed = 1;
				}
	}
}
