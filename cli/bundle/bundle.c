/*
 * Building and verifying plan bundles (see bundle.h).
 */
#include "bundle/bundle.h"

#include <dirent.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "util/sha256.h"
#include "util/fs.h"
#include "util/xalloc.h"

#define BUNDLE_SCHEMA "mds-infra/bundle/v1"

void bundle_sha256_hex(char out[65], const void *data, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	unsigned char d[32];
	struct sha256 c;
	size_t i;

	sha256_init(&c);
	sha256_update(&c, data, len);
	sha256_final(&c, d);
	for (i = 0; i < 32; i++) {
		out[2 * i] = hex[d[i] >> 4];
		out[2 * i + 1] = hex[d[i] & 15];
	}
	out[64] = '\0';
}

static int add_file(struct arc_set *s, const char *name, const char *path,
		    struct err *err)
{
	struct buf data = BUF_INIT;
	struct stat st;
	int ret = fs_read_file(&data, path, err);

	if (!ret)
		arc_set_add(s, name, data.ptr, data.len,
			    !stat(path, &st) && (st.st_mode & 0100) ? 0755 : 0644);
	buf_release(&data);
	return ret;
}

/* Every regular file directly in the plan directory (logs/ stays out:
 * terragrunt's output is not reviewed material). */
static int add_plan_dir(struct arc_set *s, const char *dir, struct err *err)
{
	char *manifest = fs_join(dir, "manifest.json");
	struct dirent *de;
	DIR *d;
	int ret = 0;

	if (!fs_exists(manifest)) {
		free(manifest);
		return err_set(err, ERR_NOTFOUND, "no saved plan in %s", dir);
	}
	free(manifest);
	if (!(d = opendir(dir)))
		return err_set(err, ERR_IO, "cannot read '%s'", dir);
	while (!ret && (de = readdir(d))) {
		char *path = fs_join(dir, de->d_name), *name;
		struct stat st;

		if (de->d_name[0] != '.' && !stat(path, &st) &&
		    S_ISREG(st.st_mode)) {
			name = xasprintf("plan/%s", de->d_name);
			ret = add_file(s, name, path, err);
			free(name);
		}
		free(path);
	}
	closedir(d);
	return ret;
}

static json_t *tools_json(const struct bundle_input *in)
{
	json_t *o = json_object();
	size_t i;

	for (i = 0; i < in->nr_tools; i++)
		json_object_set_new(o, in->tools[i].name,
				    in->tools[i].version ?
				    json_string(in->tools[i].version) : json_null());
	return o;
}

static void add_manifest(struct arc_set *s, const struct bundle_input *in)
{
	json_t *files = json_array(), *root;
	const struct arc_member *stack;
	char hex[65], *name, *text;
	size_t i;

	arc_set_sort(s);
	for (i = 0; i < s->nr; i++) {
		bundle_sha256_hex(hex, s->v[i].data.ptr, s->v[i].data.len);
		json_array_append_new(files, json_pack("{s:s, s:s, s:I}",
			"path", s->v[i].name, "sha256", hex,
			"size", (json_int_t)s->v[i].data.len));
	}
	name = xasprintf("env/%s", in->stack_rel);
	stack = arc_set_find(s, name);
	bundle_sha256_hex(hex, stack->data.ptr, stack->data.len);
	root = json_pack("{s:s, s:s, s:s?, s:b, s:s, s:s, s:o, s:o}",
		"schema", BUNDLE_SCHEMA, "environment", in->env,
		"commit", in->commit, "dirty", in->dirty,
		"stack", in->stack_rel, "stack_digest", hex,
		"tools", tools_json(in), "files", files);
	text = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	arc_set_add(s, "manifest.json", text, strlen(text), 0644);
	buf_addch(&s->v[s->nr - 1].data, '\n');
	free(text);
	free(name);
	json_decref(root);
}

int bundle_build(struct buf *out, const struct bundle_input *in,
		 struct err *err)
{
	struct arc_set s = ARC_SET_INIT;
	char *path, *name;
	size_t i;
	int ret;

	path = fs_join(in->root, in->stack_rel);
	name = xasprintf("env/%s", in->stack_rel);
	ret = add_file(&s, name, path, err);
	free(path);
	free(name);
	for (i = 0; !ret && i < in->nr_rendered; i++) {
		path = fs_join(in->root, in->rendered[i]);
		name = xasprintf("env/%s", in->rendered[i]);
		ret = add_file(&s, name, path, err);
		free(path);
		free(name);
	}
	if (!ret)
		ret = add_plan_dir(&s, in->plan_dir, err);
	if (!ret && in->gate_file)
		ret = add_file(&s, "gate/gate.json", in->gate_file, err);
	if (!ret) {
		add_manifest(&s, in);
		ret = arc_write_targz(out, &s, in->mtime, err);
	}
	arc_set_release(&s);
	return ret;
}

static const char *jstr(json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

/* One listed file: present, same size, same sha256. */
static int check_listed(const struct arc_set *s, json_t *f, unsigned char *seen,
			struct err *err)
{
	const char *path = jstr(f, "path"), *want = jstr(f, "sha256");
	const struct arc_member *m;
	char hex[65];

	if (!path || !want || !json_is_integer(json_object_get(f, "size")))
		return err_set(err, ERR_INPUT, "entry 'manifest.json': a file without path, sha256 or size");
	if (!(m = arc_set_find(s, path)))
		return err_set(err, ERR_INPUT, "entry '%s' is listed in manifest.json but missing from the bundle",
			       path);
	seen[m - s->v] = 1;
	if ((json_int_t)m->data.len != json_integer_value(json_object_get(f, "size")))
		return err_set(err, ERR_INPUT, "entry '%s' has %zu bytes, manifest.json says %lld (truncated or tampered)",
			       path, m->data.len,
			       (long long)json_integer_value(json_object_get(f, "size")));
	bundle_sha256_hex(hex, m->data.ptr, m->data.len);
	if (strcmp(hex, want))
		return err_set(err, ERR_INPUT, "entry '%s' does not match its sha256 in manifest.json (tampered)",
			       path);
	return 0;
}

static int check_manifest(struct bundle *b, json_t *root, struct err *err)
{
	const struct arc_set *s = &b->members;
	unsigned char *seen = xcalloc(s->nr + 1, 1);
	json_t *files = json_object_get(root, "files"), *f;
	const struct arc_member *stack;
	char *name = NULL, hex[65];
	size_t i;
	int ret = 0;

	if (strcmp(jstr(root, "schema") ? jstr(root, "schema") : "", BUNDLE_SCHEMA) ||
	    !jstr(root, "environment") || !jstr(root, "stack") ||
	    !jstr(root, "stack_digest") || !json_is_array(files))
		ret = err_set(err, ERR_INPUT, "entry 'manifest.json' is not a %s manifest",
			      BUNDLE_SCHEMA);
	json_array_foreach(files, i, f)
		if (!ret)
			ret = check_listed(s, f, seen, err);
	for (i = 0; !ret && i < s->nr; i++)
		if (!seen[i] && strcmp(s->v[i].name, "manifest.json"))
			ret = err_set(err, ERR_INPUT, "entry '%s' is not listed in manifest.json (added)",
				      s->v[i].name);
	if (!ret) {
		name = xasprintf("env/%s", jstr(root, "stack"));
		stack = arc_set_find(s, name);
		if (stack)
			bundle_sha256_hex(hex, stack->data.ptr, stack->data.len);
		if (!stack || strcmp(hex, jstr(root, "stack_digest")))
			ret = err_set(err, ERR_INPUT, "entry '%s' does not match the stack digest in manifest.json",
				      name);
	}
	free(name);
	free(seen);
	return ret;
}

int bundle_open(struct bundle *out, const void *data, size_t len,
		struct err *err)
{
	struct arc_limits lim = ARC_LIMITS_DEFAULT;
	const struct arc_member *m;
	json_error_t jerr;
	json_t *root = NULL;
	int ret;

	if ((ret = arc_read(&out->members, data, len, &lim, err)))
		return ret;
	if (!(m = arc_set_find(&out->members, "manifest.json")))
		ret = err_set(err, ERR_INPUT, "entry 'manifest.json' is missing");
	else if (!(root = json_loadb(m->data.ptr, m->data.len, 0, &jerr)))
		ret = err_set(err, ERR_INPUT, "entry 'manifest.json': %s (line %d)",
			      jerr.text, jerr.line);
	else if (!(ret = check_manifest(out, root, err))) {
		out->environment = xstrdup(jstr(root, "environment"));
		out->stack = xstrdup(jstr(root, "stack"));
		if (jstr(root, "commit"))
			out->commit = xstrdup(jstr(root, "commit"));
	}
	json_decref(root);
	if (ret)
		bundle_release(out);	/* all or nothing, as arc_read */
	return ret;
}

void bundle_release(struct bundle *b)
{
	arc_set_release(&b->members);
	free(b->environment);
	free(b->commit);
	free(b->stack);
	memset(b, 0, sizeof(*b));
}
