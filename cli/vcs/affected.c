/*
 * Changed paths -> affected environments x components (see affected.h).
 */
#include "vcs/affected.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include "hcl/hcl.h"
#include "render/render.h"
#include "util/fs.h"
#include "util/xalloc.h"

char *affected_normalize(const char *path)
{
	char *copy = xstrdup(path), *seg, *next;
	struct buf out = BUF_INIT;
	size_t *stops = NULL, nr = 0, alloc = 0;

	for (seg = copy; seg; seg = next) {
		char *slash = strchr(seg, '/');

		next = slash ? slash + 1 : NULL;
		if (slash)
			*slash = '\0';
		if (!*seg || !strcmp(seg, "."))
			continue;	/* "a//b" and "a/./b" are "a/b" */
		if (!strcmp(seg, "..")) {
			if (!nr) {
				free(copy);
				free(stops);
				buf_release(&out);
				return NULL;
			}
			buf_truncate(&out, stops[--nr]);
			continue;
		}
		ALLOC_GROW(stops, nr, alloc);
		stops[nr++] = out.len;
		buf_addf(&out, "%s%s", out.len ? "/" : "", seg);
	}
	free(copy);
	free(stops);
	return buf_detach(&out, NULL);
}

/* `path` is `dir` or below it ("" is the top and holds everything). */
static int under(const char *path, const char *dir)
{
	size_t len = strlen(dir);

	if (!len)
		return 1;
	return !strncmp(path, dir, len) && (path[len] == '/' || !path[len]);
}

struct dirset {
	char **v;
	size_t nr, alloc;
};

static int dirset_has(const struct dirset *s, const char *d)
{
	size_t i;

	for (i = 0; i < s->nr; i++)
		if (!strcmp(s->v[i], d))
			return 1;
	return 0;
}

static void dirset_release(struct dirset *s)
{
	size_t i;

	for (i = 0; i < s->nr; i++)
		free(s->v[i]);
	free(s->v);
}

static void add_module_sources(struct dirset *s, const char *root,
			       const char *dir);

/* Local `module "x" { source = "./y" }` of one .tf file, into the set. */
static void scan_tf(struct dirset *s, const char *root, const char *dir,
		    const char *file)
{
	struct hcl_file f = HCL_FILE_INIT;
	struct err err = ERR_INIT;
	char *full;
	size_t i;

	/* a module that does not parse is validate's business, not ours */
	if (hcl_parse_file(&f, file, &err) == 0) {
		for (i = 0; i < f.body.nr; i++) {
			const struct hcl_node *n = &f.body.nodes[i], *src;
			struct buf lit = BUF_INIT;

			if (n->kind != HCL_BLOCK || strcmp(n->name, "module") ||
			    !(src = hcl_body_attr(&n->body, "source")) ||
			    !hcl_string_literal(&lit, src->expr) ||
			    (strncmp(lit.ptr, "./", 2) && strncmp(lit.ptr, "../", 3))) {
				buf_release(&lit);
				continue;
			}
			full = xasprintf("%s/%s", dir, lit.ptr);
			buf_release(&lit);
			add_module_sources(s, root, full);
			free(full);
		}
	}
	hcl_file_release(&f);
	err_release(&err);
}

/* `dir` (relative to root) and, transitively, the local modules it uses. */
static void add_module_sources(struct dirset *s, const char *root,
			       const char *dir)
{
	char *norm = affected_normalize(dir), *full;
	struct dirent *de;
	DIR *d;

	if (!norm || dirset_has(s, norm)) {
		free(norm);
		return;
	}
	ALLOC_GROW(s->v, s->nr, s->alloc);
	s->v[s->nr++] = norm;
	full = *norm ? fs_join(root, norm) : xstrdup(root);
	if ((d = opendir(full))) {
		while ((de = readdir(d))) {
			size_t len = strlen(de->d_name);
			char *tf;

			if (len < 4 || strcmp(de->d_name + len - 3, ".tf"))
				continue;
			tf = fs_join(full, de->d_name);
			scan_tf(s, root, norm, tf);
			free(tf);
		}
		closedir(d);
	}
	free(full);
}

static void mark(struct affected *a, size_t e, size_t c)
{
	a->mark[e * a->st->nr_components + c] = 1;
	a->env_mark[e] = 1;
}

static void mark_component(struct affected *a, size_t c)
{
	size_t e;

	for (e = 0; e < a->st->nr_envs; e++)
		mark(a, e, c);
}

static void mark_env(struct affected *a, size_t e)
{
	size_t c;

	a->env_mark[e] = 1;
	for (c = 0; c < a->st->nr_components; c++)
		mark(a, e, c);
}

static void push(char ***v, size_t *nr, size_t *alloc, char *owned)
{
	size_t i;

	for (i = 0; i < *nr; i++)
		if (!strcmp((*v)[i], owned)) {
			free(owned);
			return;
		}
	ALLOC_GROW(*v, *nr, *alloc);
	(*v)[(*nr)++] = owned;
}

/*
 * terragrunt/<env>/<component>/... (rel: below the stack directory).  A
 * file directly in an environment (env.hcl) marks all of it when edited by
 * hand, but only the environment when the stack diff changes it: the
 * components hold the resolved values, so their own files tell.
 */
static void mark_rendered(struct affected *a, const char *rel, int from_stack)
{
	const char *env = rel + strlen(RENDER_TREE_DIR "/"), *slash, *comp;
	char *name;
	long e, c;

	if (!(slash = strchr(env, '/'))) {
		size_t i;

		for (i = 0; i < a->st->nr_envs; i++)
			mark_env(a, i);
		return;
	}
	name = xstrndup(env, (size_t)(slash - env));
	e = stack_env_find(a->st, name);
	free(name);
	comp = slash + 1;
	if (e < 0)
		return;		/* an environment the stack no longer has */
	if (!(slash = strchr(comp, '/'))) {
		if (from_stack)
			a->env_mark[e] = 1;
		else
			mark_env(a, (size_t)e);
		return;
	}
	name = xstrndup(comp, (size_t)(slash - comp));
	if ((c = stack_component_find(a->st, name)) >= 0)
		mark(a, (size_t)e, (size_t)c);
	else
		push(&a->removed, &a->nr_removed, &a->alloc_removed,
		     xasprintf("%s/%s", a->st->envs[e].name, name));
	free(name);
}

static int render_all(struct render_set *out, const struct stack *st,
		      struct err *err)
{
	struct render_opts opts = { NULL, 0 };

	return render_stack(out, st, &opts, err);
}

/* Stack edited: the pairs whose rendered files differ. */
static int mark_stack_diff(struct affected *a, const struct stack *old,
			   struct err *err)
{
	struct render_set now = RENDER_SET_INIT, before = RENDER_SET_INIT;
	size_t i;
	int ret;

	if (!old) {
		for (i = 0; i < a->st->nr_envs; i++)
			mark_env(a, i);
		return 0;
	}
	if ((ret = render_all(&now, a->st, err)) ||
	    (ret = render_all(&before, old, err)))
		goto out;
	for (i = 0; i < now.nr; i++) {
		const struct render_file *f = render_set_find(&before,
							      now.files[i].path);

		if (!f || !buf_equals(&f->content, &now.files[i].content))
			mark_rendered(a, now.files[i].path, 1);
	}
	for (i = 0; i < before.nr; i++)
		if (!render_set_find(&now, before.files[i].path))
			mark_rendered(a, before.files[i].path, 1);
out:
	render_set_release(&now);
	render_set_release(&before);
	return ret;
}

static void add_dependents(struct affected *a)
{
	const struct stack *st = a->st;
	size_t e, k, d;

	for (e = 0; e < st->nr_envs; e++)
		/* topological order: a dependency is marked before its users */
		for (k = 0; k < st->nr_components; k++) {
			const struct stack_component *c =
				&st->components[st->order[k]];

			for (d = 0; d < c->nr_deps; d++)
				if (a->mark[e * st->nr_components + c->deps[d]])
					mark(a, e, st->order[k]);
		}
}

/* Per component, the module directories it uses (relative to root). */
static struct dirset *component_dirs(const struct stack *st)
{
	struct dirset *sets = xcalloc(st->nr_components + 1, sizeof(*sets));
	size_t c;

	for (c = 0; c < st->nr_components; c++)
		add_module_sources(&sets[c], st->dir,
				   st->components[c].module);
	return sets;
}

static void mark_modules(struct affected *a, const char *rel,
			 struct dirset **sets)
{
	size_t c, k;

	if (!*sets)
		*sets = component_dirs(a->st);
	for (c = 0; c < a->st->nr_components; c++)
		for (k = 0; k < (*sets)[c].nr; k++)
			if (under(rel, (*sets)[c].v[k]))
				mark_component(a, c);
}

static void classify(struct affected *a, const struct affected_input *in,
		     const char *rel, struct dirset **sets)
{
	size_t e;

	if (under(rel, RENDER_TREE_DIR)) {
		if (strcmp(rel, RENDER_TREE_DIR))
			mark_rendered(a, rel, 0);
	} else if (under(rel, "policies")) {
		push(&a->policies, &a->nr_policies, &a->alloc_policies,
		     xasprintf("%s%s", in->prefix, rel));
		for (e = 0; e < a->st->nr_envs; e++)
			a->env_mark[e] = 1;
	} else {
		mark_modules(a, rel, sets);
	}
}

int affected_compute(struct affected *out, const struct affected_input *in,
		     struct err *err)
{
	const struct stack *st = in->st;
	size_t plen = strlen(in->prefix), i, c;
	struct dirset *sets = NULL;
	int ret = 0;

	memset(out, 0, sizeof(*out));
	out->st = st;
	out->mark = xcalloc(st->nr_envs * st->nr_components + 1, 1);
	out->env_mark = xcalloc(st->nr_envs + 1, 1);
	for (i = 0; i < in->nr && !ret; i++) {
		const char *p = in->paths[i];

		if (!strcmp(p, in->stack_rel)) {
			out->stack_changed = 1;
			ret = mark_stack_diff(out, in->old, err);
		} else if (!strncmp(p, in->prefix, plen)) {
			classify(out, in, p + plen, &sets);
		}
	}
	add_dependents(out);
	if (sets) {
		for (c = 0; c < st->nr_components; c++)
			dirset_release(&sets[c]);
		free(sets);
	}
	return ret;
}

size_t affected_count(const struct affected *a)
{
	size_t i, n = 0;

	for (i = 0; i < a->st->nr_envs * a->st->nr_components; i++)
		n += a->mark[i];
	return n;
}

void affected_release(struct affected *a)
{
	size_t i;

	for (i = 0; i < a->nr_policies; i++)
		free(a->policies[i]);
	for (i = 0; i < a->nr_removed; i++)
		free(a->removed[i]);
	free(a->policies);
	free(a->removed);
	free(a->mark);
	free(a->env_mark);
	memset(a, 0, sizeof(*a));
}
