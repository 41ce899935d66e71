/*
 * chart_keys: which value keys one chart version has (see chart_keys.h for
 * the rules per file).
 */
#include "validate/chart_keys.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/fs.h"
#include "util/xalloc.h"
#include "util/yaml.h"

static void add_string(char ***arr, size_t *nr, size_t *alloc, const char *s,
		       size_t len)
{
	ALLOC_GROW(*arr, *nr, *alloc);
	(*arr)[(*nr)++] = xstrndup(s, len);
}

/* Backticked dotted keys in the heading lines of Values-Reference.md. */
static void load_documented(struct chart_keys *c, const char *text)
{
	const char *line = text;

	while (line && *line) {
		const char *end = strchr(line, '\n');
		const char *p = line;

		if (*line == '#') {
			while (p < (end ? end : p + strlen(p)) && (p = strchr(p, '`')) &&
			       (!end || p < end)) {
				const char *q = strchr(p + 1, '`');

				if (!q || (end && q > end))
					break;
				if (q > p + 1)
					add_string(&c->documented, &c->nr_documented,
						   &c->alloc_documented, p + 1,
						   q - p - 1);
				p = q + 1;
			}
		}
		line = end ? end + 1 : NULL;
	}
}

struct outline {
	unsigned indent[64];
	const char *key[64];
	size_t len[64];
	size_t nr;
};

/*
 * Keys that values.yaml only shows commented out ("# watchNamespaces: [..]",
 * "#credentials:" under a real key): their path comes from the indentation
 * of the real and commented key lines around them.  "# " (or a bare "#")
 * is the comment marker, in the column the key would have; more spaces
 * after it indent the commented key further.
 *
 * With `shift`, a run of commented lines right after a deeper real key
 * line also counts at that key's depth: upstream files put such comments
 * at the parent's column (flink-kubernetes-operator 1.10.0 writes
 * "  # passwordSecretRef:" below "    useDefaultPassword: true", meaning
 * webhook.keystore.passwordSecretRef, which its templates read).
 */
/* A line of values.yaml as a key line: 0 when it holds no key. */
struct key_line {
	unsigned indent;
	int commented;
	const char *key;
	size_t len;
};

static int key_line(struct key_line *k, const char *line)
{
	const char *p = line;

	k->indent = 0;
	k->commented = 0;
	while (*p == ' ')
		p++, k->indent++;
	if (*p == '#') {
		k->commented = 1;
		p++;
		if (*p == ' ')
			p++;
		for (; *p == ' '; p++)
			k->indent++;
	}
	k->key = p;
	if (*p >= 'a' && *p <= 'z')
		while ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		       (*p >= '0' && *p <= '9') || *p == '_' || *p == '-' || *p == '.')
			p++;
	k->len = p - k->key;
	return k->len && *p == ':' && (p[1] == ' ' || p[1] == '\n' || !p[1]);
}

static void add_outlined(struct chart_keys *c, const struct outline *o,
			 const struct key_line *k)
{
	struct buf path = BUF_INIT;

	for (size_t i = 0; i < o->nr; i++)
		buf_addf(&path, "%.*s.", (int)o->len[i], o->key[i]);
	buf_add(&path, k->key, k->len);
	add_string(&c->documented, &c->nr_documented, &c->alloc_documented,
		   path.ptr, path.len);
	buf_release(&path);
}

static void load_commented(struct chart_keys *c, const char *text, int shift)
{
	struct outline o = { .nr = 0 };
	unsigned prev_real = 0, run_shift = 0;
	int prev_was_real = 0;

	for (const char *line = text; line && *line;) {
		const char *end = strchr(line, '\n');
		struct key_line k;
		int is_key = key_line(&k, line);

		if (!k.commented)
			run_shift = 0;
		else if (shift && prev_was_real && prev_real > k.indent)
			run_shift = prev_real - k.indent;
		prev_was_real = 0;
		if (is_key) {
			if (k.commented)
				k.indent += run_shift;
			while (o.nr && o.indent[o.nr - 1] >= k.indent)
				o.nr--;
			if (k.commented && (!shift || run_shift))
				add_outlined(c, &o, &k);
			if (o.nr < ARRAY_SIZE(o.indent)) {
				o.indent[o.nr] = k.indent;
				o.key[o.nr] = k.key;
				o.len[o.nr++] = k.len;
			}
			prev_was_real = !k.commented;
			prev_real = k.indent;
		}
		line = end ? end + 1 : NULL;
	}
}

static int load_chart_yaml(struct chart_keys *c, struct err *err)
{
	static const char *const names[] = { "Chart.yaml", "Chart.template.yaml" };
	struct yaml_doc *doc = NULL;
	const struct yaml_node *deps, *name;

	for (size_t i = 0; i < ARRAY_SIZE(names) && !doc; i++) {
		char *path = fs_join(c->dir, names[i]);

		if (fs_exists(path) && yaml_load_file(&doc, path, err)) {
			free(path);
			return err->code;
		}
		free(path);
	}
	if (!doc)
		return 0;
	name = yaml_map_get(doc->root, "name");
	if (name && name->kind == YAML_SCALAR)
		c->name = xstrdup(name->str);
	deps = yaml_map_get(doc->root, "dependencies");
	for (size_t i = 0; deps && deps->kind == YAML_SEQ && i < deps->nr_items; i++) {
		const struct yaml_node *d = deps->items[i];
		const struct yaml_node *n = yaml_map_get(d, "alias");

		if (!n)
			n = yaml_map_get(d, "name");
		if (n && n->kind == YAML_SCALAR)
			add_string(&c->subcharts, &c->nr_subcharts,
				   &c->alloc_subcharts, n->str, n->len);
	}
	yaml_doc_free(doc);
	return 0;
}

int chart_keys_load(struct chart_keys *out, const char *dir, struct err *err)
{
	struct buf text = BUF_INIT;
	char *doc_path;
	int rc = 0;

	memset(out, 0, sizeof(*out));
	out->dir = xstrdup(dir);
	out->values_path = fs_join(dir, "values.yaml");
	out->schema_path = fs_join(dir, "values.schema.json");
	if (!fs_exists(out->values_path))
		return err_set(err, ERR_NOTFOUND, "%s: no such file",
			       out->values_path);
	if ((rc = yaml_load_file(&out->values, out->values_path, err)) ||
	    (rc = fs_read_file(&text, out->values_path, err))) {
		buf_release(&text);
		return rc;
	}
	load_commented(out, text.ptr, 0);
	load_commented(out, text.ptr, 1);
	buf_reset(&text);
	if (fs_exists(out->schema_path)) {
		json_error_t je;

		out->schema = json_load_file(out->schema_path, 0, &je);
		if (!out->schema)
			return err_set(err, ERR_INPUT, "%s:%d:%d: %s",
				       out->schema_path, je.line, je.column,
				       je.text);
	}
	doc_path = fs_join(dir, "Values-Reference.md");
	if (fs_exists(doc_path) && !(rc = fs_read_file(&text, doc_path, err)))
		load_documented(out, text.ptr);
	free(doc_path);
	buf_release(&text);
	return rc ? rc : load_chart_yaml(out, err);
}

static void free_strings(char **arr, size_t nr)
{
	for (size_t i = 0; i < nr; i++)
		free(arr[i]);
	free(arr);
}

void chart_keys_release(struct chart_keys *c)
{
	free(c->dir);
	free(c->name);
	yaml_doc_free(c->values);
	free(c->values_path);
	if (c->schema)
		json_decref(c->schema);
	free(c->schema_path);
	free_strings(c->documented, c->nr_documented);
	free_strings(c->subcharts, c->nr_subcharts);
	memset(c, 0, sizeof(*c));
}

char *chart_keys_name(const char *dir)
{
	struct chart_keys c = CHART_KEYS_INIT;
	struct err err = ERR_INIT;
	char *name;

	c.dir = xstrdup(dir);
	load_chart_yaml(&c, &err);
	err_release(&err);
	name = c.name;
	c.name = NULL;
	chart_keys_release(&c);
	return name;
}

/* ---- the schema ---- */

enum schema_verdict { SCHEMA_YES, SCHEMA_NOT_LISTED, SCHEMA_REFUSED };

/* One JSON pointer segment into `key`, ~1 and ~0 decoded. */
static void pointer_segment(struct buf *key, const char *part)
{
	for (const char *s = part; *s; s++) {
		if (s[0] == '~' && (s[1] == '0' || s[1] == '1')) {
			buf_addch(key, s[1] == '1' ? '/' : '~');
			s++;
		} else {
			buf_addch(key, *s);
		}
	}
}

/* "#/a/b" from `root`, or NULL where a step is missing. */
static json_t *follow_pointer(json_t *root, const char *ref)
{
	char *copy = xstrdup(ref + 2), *part, *next;
	json_t *at = root;

	for (part = copy; part && at; part = next) {
		char *slash = strchr(part, '/');
		struct buf key = BUF_INIT;

		next = slash ? slash + 1 : NULL;
		if (slash)
			*slash = '\0';	/* an empty segment is an empty key */
		pointer_segment(&key, part);
		at = json_object_get(at, key.ptr ? key.ptr : "");
		buf_release(&key);
	}
	free(copy);
	return at;
}

/* A local "$ref": "#/a/b" (JSON pointer, ~1 and ~0 decoded). */
static json_t *resolve_ref(json_t *root, json_t *node)
{
	for (int hops = 0; hops < 32; hops++) {
		const char *ref = json_string_value(json_object_get(node, "$ref"));
		json_t *at;

		if (!ref || strncmp(ref, "#/", 2))
			return node;
		at = follow_pointer(root, ref);
		if (!at)
			return node;
		node = at;
	}
	return node;
}

static int type_allows_object(json_t *node)
{
	json_t *type = json_object_get(node, "type");
	size_t i;
	json_t *t;

	if (!type)
		return 1;
	if (json_is_string(type))
		return !strcmp(json_string_value(type), "object");
	json_array_foreach(type, i, t)
		if (json_is_string(t) && !strcmp(json_string_value(t), "object"))
			return 1;
	return 0;
}

static enum schema_verdict schema_check(json_t *root, json_t *node,
					const char *const *path, size_t n,
					int depth)
{
	static const char *const combos[] = { "allOf", "anyOf", "oneOf" };
	json_t *props, *extra, *next;
	int combined = 0;

	node = resolve_ref(root, node);
	if (!n || !json_is_object(node) || depth > 64)
		return SCHEMA_YES;
	/* any branch of a combination that knows the key is enough */
	for (size_t c = 0; c < ARRAY_SIZE(combos); c++) {
		json_t *arr = json_object_get(node, combos[c]), *sub;
		size_t i;

		json_array_foreach(arr, i, sub) {
			combined = 1;
			if (schema_check(root, sub, path, n, depth + 1) == SCHEMA_YES)
				return SCHEMA_YES;
		}
	}
	props = json_object_get(node, "properties");
	extra = json_object_get(node, "additionalProperties");
	if ((next = json_object_get(props, path[0])))
		return schema_check(root, next, path + 1, n - 1, depth + 1);
	if (json_is_object(extra))
		return schema_check(root, extra, path + 1, n - 1, depth + 1);
	if (json_is_true(extra))
		return SCHEMA_YES;
	if (json_is_false(extra))
		return SCHEMA_REFUSED;
	if (!props && !combined)
		return type_allows_object(node) ? SCHEMA_YES : SCHEMA_REFUSED;
	return SCHEMA_NOT_LISTED;
}

/* ---- values.yaml and the documentation ---- */

/* Depth reached in values.yaml; *line is that of the deepest key found. */
static size_t yaml_reach(const struct yaml_node *node, const char *const *path,
			 size_t n, unsigned *line)
{
	size_t i = 0;

	*line = 0;
	for (; i < n && node; i++) {
		const struct yaml_node *next = NULL;

		if (node->kind == YAML_MAP && !node->nr_pairs)
			return n;	/* {}: free-form */
		if (node->kind == YAML_SCALAR && yaml_type_of(node) == YAML_T_NULL)
			return n;	/* null: shape unknown */
		for (size_t j = 0; node->kind == YAML_MAP && j < node->nr_pairs; j++)
			if (!strcmp(node->pairs[j].key->str, path[i])) {
				next = node->pairs[j].value;
				*line = node->pairs[j].key->line;
			}
		if (!next)
			return i;
		node = next;
	}
	return i;
}

static int documented(const struct chart_keys *c, const char *joined)
{
	size_t len = strlen(joined);

	for (size_t i = 0; i < c->nr_documented; i++) {
		const char *d = c->documented[i];
		size_t dl = strlen(d);

		/* the key itself, or a parent of a documented key */
		if (!strcmp(d, joined) ||
		    (dl > len && !strncmp(d, joined, len) && d[len] == '.'))
			return 1;
	}
	return 0;
}

static char *join(const char *const *path, size_t n)
{
	struct buf b = BUF_INIT;

	for (size_t i = 0; i < n; i++)
		buf_addf(&b, "%s%s", i ? "." : "", path[i]);
	return buf_detach(&b, NULL);
}

enum chart_key chart_keys_check(const struct chart_keys *c,
				const char *const *path, size_t n, char **why)
{
	unsigned line = 0;
	enum schema_verdict sv = SCHEMA_NOT_LISTED;
	size_t reached;
	char *joined, *parent;

	*why = NULL;
	for (size_t i = 0; n && i < c->nr_subcharts; i++)
		if (!strcmp(c->subcharts[i], path[0]))
			return CHART_KEY_SUBCHART;
	if (c->schema) {
		sv = schema_check(c->schema, c->schema, path, n, 0);
		if (sv == SCHEMA_YES)
			return CHART_KEY_KNOWN;
	}
	reached = yaml_reach(c->values ? c->values->root : NULL, path, n, &line);
	joined = join(path, n);
	if (sv != SCHEMA_REFUSED && (reached == n || documented(c, joined))) {
		free(joined);
		return CHART_KEY_KNOWN;
	}
	parent = join(path, reached);
	if (sv == SCHEMA_REFUSED)
		*why = xasprintf("%s refuses it (additionalProperties false)",
				 c->schema_path);
	else if (reached)
		*why = xasprintf("%s:%u has '%s' without '%s'", c->values_path,
				 line, parent, path[reached]);
	else
		*why = xasprintf("%s has no '%s'", c->values_path, path[0]);
	free(parent);
	free(joined);
	return CHART_KEY_UNKNOWN;
}

enum values_form chart_keys_form(const struct chart_keys *c,
				 const char *const *path, size_t n,
				 unsigned *line)
{
	const struct yaml_node *node = c->values ? c->values->root : NULL;

	*line = 0;
	for (size_t i = 0; i < n && node; i++) {
		const struct yaml_node *next = NULL;

		for (size_t j = 0; node->kind == YAML_MAP && j < node->nr_pairs; j++)
			if (!strcmp(node->pairs[j].key->str, path[i])) {
				next = node->pairs[j].value;
				*line = node->pairs[j].key->line;
			}
		node = next;
	}
	if (!node)
		return VALUES_FORM_UNKNOWN;
	if (node->kind == YAML_MAP)
		return VALUES_FORM_OBJECT;
	if (node->kind == YAML_SEQ)
		return VALUES_FORM_LIST;
	switch (yaml_type_of(node)) {
	case YAML_T_NULL:
		return VALUES_FORM_UNKNOWN;
	case YAML_T_BOOL:
		return VALUES_FORM_BOOL;
	case YAML_T_INT:
	case YAML_T_FLOAT:
		return VALUES_FORM_NUMBER;
	default:
		return VALUES_FORM_STRING;
	}
}
