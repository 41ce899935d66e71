#include "run/units.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/fs.h"
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

/* ---- the rendered-tree fallback ---- */

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void add_file(struct run_set *set, char *rel)
{
	ALLOC_GROW(set->files, set->nr_files, set->alloc_files);
	set->files[set->nr_files++] = rel;
}

struct names {
	char **v;
	size_t nr, alloc;
};

/* The names in `config_path = "../NAME"` lines of a terragrunt.hcl. */
static void tree_dep_names(struct names *n, const char *hcl)
{
	const char *p = hcl;

	while ((p = strstr(p, "config_path"))) {
		const char *q = p + 11, *end;

		p = q;
		q += strspn(q, " \t");
		if (*q != '=')
			continue;
		q += 1 + strspn(q + 1, " \t");
		if (strncmp(q, "\"../", 4))
			continue;
		q += 4;
		end = q + strcspn(q, "\"/\n");
		if (*end != '"' || end == q)
			continue;
		ALLOC_GROW(n->v, n->nr, n->alloc);
		n->v[n->nr++] = xstrndup(q, (size_t)(end - q));
	}
}

static int tree_scan(struct run_set *set, struct names **deps,
		     const char *envdir, struct err *err)
{
	DIR *d = opendir(envdir);
	struct dirent *e;
	char **names = NULL;
	size_t nr = 0, alloc = 0, i;

	if (!d)
		return err_set(err, ERR_NOTFOUND, "no rendered environment '%s'",
			       envdir);
	while ((e = readdir(d)))
		if (e->d_name[0] != '.') {
			ALLOC_GROW(names, nr, alloc);
			names[nr++] = xstrdup(e->d_name);
		}
	closedir(d);
	qsort(names, nr, sizeof(*names), cmp_str);
	*deps = xcalloc(nr + 1, sizeof(**deps));
	for (i = 0; i < nr; i++) {
		char *dir = fs_join(envdir, names[i]);
		char *hcl = fs_join(dir, "terragrunt.hcl");
		struct buf b = BUF_INIT;
		struct err ignore = ERR_INIT;

		if (fs_read_file(&b, hcl, &ignore) == 0) {
			struct run_unit u = { xstrdup(names[i]), dir, NULL, NULL, 0, NULL, 0 };

			tree_dep_names(&(*deps)[set->nr], b.ptr);
			ALLOC_GROW(set->units, set->nr, set->alloc);
			set->units[set->nr++] = u;
			add_file(set, xasprintf("terragrunt/%s/%s/terragrunt.hcl",
						set->env, names[i]));
			dir = NULL;
		}
		err_release(&ignore);
		buf_release(&b);
		free(hcl);
		free(dir);
		free(names[i]);
	}
	free(names);
	return 0;
}

int units_from_tree(struct run_set *out, const char *root, const char *env,
		    int protected, struct err *err)
{
	char *tree = fs_join(root, "terragrunt");
	char *envdir = fs_join(tree, env);
	struct names *deps = NULL;
	size_t i, k;
	int ret;

	memset(out, 0, sizeof(*out));
	out->env = xstrdup(env);
	out->root = xstrdup(root);
	out->protected = protected;
	ret = tree_scan(out, &deps, envdir, err);
	for (i = 0; !ret && i < out->nr; i++) {
		char **names = deps[i].v;

		out->units[i].deps = xcalloc(deps[i].nr + 1, sizeof(size_t));
		for (k = 0; k < deps[i].nr; k++) {
			long j = units_find(out, names[k]);

			if (j < 0)
				ret = err_set(err, ERR_INPUT,
					      "terragrunt/%s/%s/terragrunt.hcl: dependency '../%s' is not a component",
					      env, out->units[i].name, names[k]);
			else
				out->units[i].deps[out->units[i].nr_deps++] = (size_t)j;
		}
	}
	for (i = 0; deps && i < out->nr; i++) {
		for (k = 0; k < deps[i].nr; k++)
			free(deps[i].v[k]);
		free(deps[i].v);
	}
	free(deps);
	if (!ret) {
		char *p = xasprintf("terragrunt/%s/env.hcl", env);
		char *abs = fs_join(root, p);

		if (fs_exists(abs))
			add_file(out, p);
		else
			free(p);
		free(abs);
		abs = fs_join(root, "terragrunt/root.hcl");
		if (fs_exists(abs))
			add_file(out, xstrdup("terragrunt/root.hcl"));
		free(abs);
		qsort(out->files, out->nr_files, sizeof(char *), cmp_str);
	}
	free(tree);
	free(envdir);
	if (ret)
		run_set_release(out);
	return ret;
}
