/*
 * Module paths stay inside the repository.  A component's `module` is a
 * relative path; once `.` and `..` are resolved (by the text, and again
 * through the file system, symlinks included) it must lie under the
 * stack's directory, or under one of the directories the stack names
 * explicitly in its top-level `module_roots:` list.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "stack/stack_int.h"
#include "util/fs.h"
#include "util/xalloc.h"

/*
 * `path` with "." and ".." resolved by the text ("a/../../b" is "../b").
 * Caller frees.
 */
static char *normalize(const char *path)
{
	char *copy = xstrdup(path), *seg, *next;
	struct buf out = BUF_INIT;

	for (seg = copy; seg; seg = next) {
		char *slash = strchr(seg, '/');

		next = slash ? slash + 1 : NULL;
		if (slash)
			*slash = '\0';
		if (!*seg || !strcmp(seg, "."))
			continue;	/* empty segments go, as "." does */
		if (strcmp(seg, "..") || !out.len ||
		    !strcmp(out.ptr, "..") ||
		    (out.len >= 3 && !strcmp(out.ptr + out.len - 3, "/.."))) {
			if (out.len)
				buf_addch(&out, '/');
			buf_addstr(&out, seg);
			continue;
		}
		slash = strrchr(out.ptr, '/');
		buf_truncate(&out, slash ? (size_t)(slash - out.ptr) : 0);
	}
	free(copy);
	return buf_detach(&out, NULL);
}

static int is_under(const char *path, const char *root)
{
	size_t n = strlen(root);

	return !n || (!strncmp(path, root, n) &&
		      (path[n] == '\0' || path[n] == '/'));
}

static int escapes(const char *norm)
{
	return !strcmp(norm, "..") || !strncmp(norm, "../", 3);
}

int stack_check_module_roots(const struct yaml_doc *doc, struct err *err)
{
	const struct yaml_node *roots = yaml_map_get(doc->root, "module_roots");
	size_t i;

	if (!roots)
		return 0;
	if (yaml_expect(doc, roots, YAML_T_SEQ, "module_roots", err) < 0)
		return err->code;
	for (i = 0; i < roots->nr_items; i++) {
		const struct yaml_node *r = roots->items[i];

		if (yaml_expect(doc, r, YAML_T_STR, "a module root", err) < 0)
			return err->code;
		if (!r->len || r->str[0] == '/' || strlen(r->str) != r->len)
			return yaml_err(err, doc, r,
					"a module root must be a relative path to a directory");
	}
	return 0;
}

/* Whether normalized `norm` lies under one of the stack's module_roots. */
static int under_a_root(const struct yaml_doc *doc, const char *norm)
{
	const struct yaml_node *roots = yaml_map_get(doc->root, "module_roots");
	size_t i;
	int ok = 0;

	for (i = 0; roots && !ok && i < roots->nr_items; i++) {
		char *r = normalize(roots->items[i]->str);

		ok = is_under(norm, r);
		free(r);
	}
	return ok;
}

int stack_check_module_path(const struct yaml_doc *doc,
			    const struct yaml_node *m, struct err *err)
{
	char *norm = normalize(m->str);
	int ok = !escapes(norm) || under_a_root(doc, norm);

	free(norm);
	if (!ok)
		return yaml_err(err, doc, m,
				"module '%s' is outside the repository (list its directory under 'module_roots' to allow it)",
				m->str);
	return 0;
}

/* The real path of `rel` under `base`, or NULL. */
static char *real_under(const char *base, const char *rel)
{
	char *joined = fs_join(base, rel);
	char *real = realpath(joined, NULL);

	free(joined);
	return real;
}

int stack_check_module_real(const struct stack *st, const struct yaml_node *m,
			    struct err *err)
{
	const struct yaml_node *roots = yaml_map_get(st->doc->root, "module_roots");
	char *mod = real_under(st->dir, m->str);
	char *top = real_under(st->dir, ".");
	size_t i;
	int ok = mod && top && is_under(mod, top);

	for (i = 0; mod && roots && !ok && i < roots->nr_items; i++) {
		char *r = real_under(st->dir, roots->items[i]->str);

		ok = r && is_under(mod, r);
		free(r);
	}
	free(top);
	if (!ok && mod)
		yaml_err(err, st->doc, m,
			 "module '%s' resolves to '%s', outside the repository (a symbolic link?); list its directory under 'module_roots' to allow it",
			 m->str, mod);
	free(mod);
	return ok || !err_is_set(err) ? 0 : err->code;
}
