/*
 * stack.yaml into struct stack: shape and types, names, depends_on.
 * References and the graph are checked in stack_refs.c and stack_graph.c.
 */
#include "stack/stack.h"

#include <stdlib.h>
#include <string.h>

#include "stack/stack_int.h"
#include "util/fs.h"
#include "util/xalloc.h"

static const char *const top_keys[] = {
	"version", "name", "backend", "providers", "environments",
	"components", "module_roots", NULL
};
static const char *const env_keys[] = { "vars", "protected", NULL };
static const char *const comp_keys[] = {
	"module", "depends_on", "inputs", "environments", "mock_outputs",
	"providers", NULL
};
static const char *const comp_env_keys[] = { "inputs", NULL };

/* Letters, digits, '_' and '-', starting with a letter or '_'. */
static int check_name(const struct yaml_doc *doc, const struct yaml_node *key,
		      const char *what, struct err *err)
{
	if (!tmpl_is_name(key->str, key->len) || key->len > 64)
		return yaml_err(err, doc, key,
				"%s name '%s' is not a safe name (letters, digits, '_' and '-', "
				"starting with a letter or '_', at most 64)", what, key->str);
	return 0;
}

static int opt_map(const struct yaml_node **out, const struct yaml_doc *doc,
		   const struct yaml_node *node, const char *what,
		   struct err *err)
{
	*out = NULL;
	if (!node)
		return 0;
	if (yaml_expect(doc, node, YAML_T_MAP, what, err) < 0)
		return err->code;
	*out = node;
	return 0;
}

static int load_header(struct stack *st, struct err *err)
{
	const struct yaml_doc *doc = st->doc;
	const struct yaml_node *root = doc->root, *v, *backend;
	long long version;

	if (!(v = yaml_map_get(root, "version")))
		return yaml_err(err, doc, root, "missing 'version' (write 'version: 1')");
	if (yaml_get_int(&version, doc, v, 1, 1, "version", err) < 0)
		return err->code;
	st->version = (int)version;
	if (!(v = yaml_map_get(root, "name")))
		return yaml_err(err, doc, root, "missing 'name' (the stack's name)");
	if (yaml_expect(doc, v, YAML_T_STR, "name", err) < 0)
		return err->code;
	st->name = xstrdup(v->str);
	if (!(backend = yaml_map_get(root, "backend")))
		return yaml_err(err, doc, root, "missing 'backend' (with an 's3' mapping)");
	if (yaml_expect(doc, backend, YAML_T_MAP, "backend", err) < 0)
		return err->code;
	if (yaml_check_keys(doc, backend, (const char *const[]){ "s3", NULL },
			    "backend", err) < 0)
		return err->code;
	if (!(v = yaml_map_get(backend, "s3")))
		return yaml_err(err, doc, backend, "missing 'backend.s3'");
	if (opt_map(&st->backend_s3, doc, v, "backend.s3", err) < 0)
		return err->code;
	if (!yaml_map_get(v, "bucket"))
		return yaml_err(err, doc, v, "backend.s3 needs a 'bucket'");
	if ((v = yaml_map_get(v, "key")))
		return yaml_err(err, doc, v,
				"backend.s3.key is derived (<env>/<component>/terraform.tfstate); remove it");
	return 0;
}

static int load_providers(struct stack *st, struct err *err)
{
	const struct yaml_node *map;
	size_t i;

	if (opt_map(&map, st->doc, yaml_map_get(st->doc->root, "providers"),
		    "providers", err) < 0 || !map)
		return err->code;
	st->providers = xcalloc(map->nr_pairs + 1, sizeof(*st->providers));
	for (i = 0; i < map->nr_pairs; i++) {
		const struct yaml_pair *p = &map->pairs[i];
		struct stack_provider *pr = &st->providers[st->nr_providers++];

		if (check_name(st->doc, p->key, "provider", err) < 0)
			return err->code;
		pr->name = xstrdup(p->key->str);
		if (yaml_type_of(p->value) != YAML_T_NULL &&
		    opt_map(&pr->config, st->doc, p->value, "a provider's settings",
			    err) < 0)
			return err->code;
	}
	return 0;
}

static int load_env(struct stack *st, const struct yaml_pair *p,
		    struct err *err)
{
	const struct yaml_doc *doc = st->doc;
	struct stack_env *env = &st->envs[st->nr_envs++];
	const struct yaml_node *v;

	env->line = p->key->line;
	env->col = p->key->col;
	if (check_name(doc, p->key, "environment", err) < 0)
		return err->code;
	env->name = xstrdup(p->key->str);
	if (yaml_type_of(p->value) == YAML_T_NULL)
		return 0;
	if (yaml_expect(doc, p->value, YAML_T_MAP, "an environment", err) < 0 ||
	    yaml_check_keys(doc, p->value, env_keys, "an environment", err) < 0)
		return err->code;
	if ((v = yaml_map_get(p->value, "protected")) &&
	    yaml_get_bool(&env->protected, doc, v, "protected", err) < 0)
		return err->code;
	if (opt_map(&env->vars, doc, yaml_map_get(p->value, "vars"), "vars",
		    err) < 0)
		return err->code;
	if (yaml_map_get(env->vars, "name"))
		return yaml_err(err, doc, yaml_map_get(env->vars, "name"),
				"'name' is reserved: ${env.name} is the environment's name");
	return 0;
}

static int load_envs(struct stack *st, struct err *err)
{
	const struct yaml_node *map = yaml_map_get(st->doc->root, "environments");
	size_t i;

	if (!map)
		return yaml_err(err, st->doc, st->doc->root,
				"missing 'environments' (dev, staging, prod, ...)");
	if (yaml_expect(st->doc, map, YAML_T_MAP, "environments", err) < 0)
		return err->code;
	if (!map->nr_pairs)
		return yaml_err(err, st->doc, map, "'environments' is empty");
	st->envs = xcalloc(map->nr_pairs, sizeof(*st->envs));
	for (i = 0; i < map->nr_pairs; i++)
		if (load_env(st, &map->pairs[i], err) < 0)
			return err->code;
	return 0;
}

static int load_strings(char ***out, size_t *nr, const struct yaml_doc *doc,
			const struct yaml_node *list, const char *what,
			struct err *err)
{
	size_t i;

	if (!list)
		return 0;
	if (yaml_expect(doc, list, YAML_T_SEQ, what, err) < 0)
		return err->code;
	*out = xcalloc(list->nr_items + 1, sizeof(**out));
	for (i = 0; i < list->nr_items; i++) {
		if (yaml_expect(doc, list->items[i], YAML_T_STR, what, err) < 0)
			return err->code;
		(*out)[(*nr)++] = xstrdup(list->items[i]->str);
	}
	return 0;
}

static int load_comp_envs(struct stack *st, struct stack_component *c,
			  const struct yaml_node *map, struct err *err)
{
	const struct yaml_doc *doc = st->doc;
	size_t i;

	c->env_inputs = xcalloc(st->nr_envs + 1, sizeof(*c->env_inputs));
	if (opt_map(&map, doc, map, "a component's environments", err) < 0 ||
	    !map)
		return err->code;
	for (i = 0; i < map->nr_pairs; i++) {
		const struct yaml_pair *p = &map->pairs[i];
		long e = stack_env_find(st, p->key->str);

		if (e < 0)
			return yaml_err(err, doc, p->key,
					"unknown environment '%s' (not under 'environments')",
					p->key->str);
		if (yaml_type_of(p->value) == YAML_T_NULL)
			continue;
		if (yaml_expect(doc, p->value, YAML_T_MAP, "an environment override", err) < 0 ||
		    yaml_check_keys(doc, p->value, comp_env_keys,
				    "an environment override", err) < 0 ||
		    opt_map(&c->env_inputs[e], doc, yaml_map_get(p->value, "inputs"),
			    "inputs", err) < 0)
			return err->code;
	}
	return 0;
}

static int load_component(struct stack *st, const struct yaml_pair *p,
			  struct err *err)
{
	const struct yaml_doc *doc = st->doc;
	struct stack_component *c = &st->components[st->nr_components++];
	const struct yaml_node *v = p->value, *m;

	c->line = p->key->line;
	c->col = p->key->col;
	if (check_name(doc, p->key, "component", err) < 0)
		return err->code;
	if (!strcmp(p->key->str, "env"))
		return yaml_err(err, doc, p->key,
				"'env' is reserved: ${env.X} reads environment variables");
	c->name = xstrdup(p->key->str);
	if (yaml_expect(doc, v, YAML_T_MAP, "a component", err) < 0 ||
	    yaml_check_keys(doc, v, comp_keys, "a component", err) < 0)
		return err->code;
	if (!(m = yaml_map_get(v, "module")))
		return yaml_err(err, doc, p->key, "component '%s' has no 'module'",
				c->name);
	if (yaml_expect(doc, m, YAML_T_STR, "module", err) < 0)
		return err->code;
	if (!m->len || m->str[0] == '/' || strstr(m->str, "//"))
		return yaml_err(err, doc, m,
				"module must be a relative path to a directory");
	if (stack_check_module_path(doc, m, err) < 0)
		return err->code;
	c->module = xstrdup(m->str);
	if (load_strings(&c->depends_on, &c->nr_depends_on, doc,
			 yaml_map_get(v, "depends_on"), "depends_on", err) < 0 ||
	    load_strings(&c->providers, &c->nr_providers, doc,
			 yaml_map_get(v, "providers"), "providers", err) < 0 ||
	    opt_map(&c->inputs, doc, yaml_map_get(v, "inputs"), "inputs", err) < 0 ||
	    opt_map(&c->mock_outputs, doc, yaml_map_get(v, "mock_outputs"),
		    "mock_outputs", err) < 0)
		return err->code;
	return load_comp_envs(st, c, yaml_map_get(v, "environments"), err);
}

static int load_components(struct stack *st, struct err *err)
{
	const struct yaml_node *map = yaml_map_get(st->doc->root, "components");
	size_t i;

	if (!map)
		return yaml_err(err, st->doc, st->doc->root, "missing 'components'");
	if (yaml_expect(st->doc, map, YAML_T_MAP, "components", err) < 0)
		return err->code;
	st->components = xcalloc(map->nr_pairs + 1, sizeof(*st->components));
	for (i = 0; i < map->nr_pairs; i++)
		if (load_component(st, &map->pairs[i], err) < 0)
			return err->code;
	return 0;
}

int stack_load_mem(struct stack **out, const char *data, size_t len,
		   const char *filename, struct err *err)
{
	struct stack *st = xcalloc(1, sizeof(*st));

	*out = NULL;
	st->path = xstrdup(filename);
	st->dir = fs_dirname(filename);
	if (yaml_load(&st->doc, data, len, filename, err) < 0)
		goto fail;
	if (!st->doc->root) {
		yaml_err(err, st->doc, NULL, "empty file (expected 'version: 1' and the stack)");
		goto fail;
	}
	if (yaml_expect(st->doc, st->doc->root, YAML_T_MAP, "the stack", err) < 0 ||
	    yaml_check_keys(st->doc, st->doc->root, top_keys, "the stack", err) < 0 ||
	    stack_check_module_roots(st->doc, err) < 0 ||
	    load_header(st, err) < 0 || load_providers(st, err) < 0 ||
	    load_envs(st, err) < 0 || load_components(st, err) < 0 ||
	    stack_build_graph(st, err) < 0 || stack_check_refs(st, err) < 0)
		goto fail;
	*out = st;
	return 0;
fail:
	stack_free(st);
	return err->code;
}

int stack_load(struct stack **out, const char *path, struct err *err)
{
	struct buf data = BUF_INIT;
	int ret;

	*out = NULL;
	if (fs_read_file(&data, path, err) < 0)
		return err->code;
	ret = stack_load_mem(out, data.ptr, data.len, path, err);
	buf_release(&data);
	return ret;
}

static void free_strings(char **v, size_t nr)
{
	size_t i;

	for (i = 0; i < nr; i++)
		free(v[i]);
	free(v);
}

void stack_free(struct stack *st)
{
	size_t i;

	if (!st)
		return;
	for (i = 0; i < st->nr_components; i++) {
		struct stack_component *c = &st->components[i];

		free(c->name);
		free(c->module);
		free_strings(c->depends_on, c->nr_depends_on);
		free_strings(c->providers, c->nr_providers);
		free(c->deps);
		free(c->dependents);
		free(c->env_inputs);
	}
	for (i = 0; i < st->nr_envs; i++)
		free(st->envs[i].name);
	for (i = 0; i < st->nr_providers; i++)
		free(st->providers[i].name);
	free(st->components);
	free(st->envs);
	free(st->providers);
	free(st->order);
	free(st->name);
	free(st->path);
	free(st->dir);
	yaml_doc_free(st->doc);
	free(st);
}

long stack_env_find(const struct stack *st, const char *name)
{
	size_t i;

	for (i = 0; i < st->nr_envs; i++)
		if (!strcmp(st->envs[i].name, name))
			return (long)i;
	return -1;
}

long stack_component_find(const struct stack *st, const char *name)
{
	size_t i;

	for (i = 0; i < st->nr_components; i++)
		if (!strcmp(st->components[i].name, name))
			return (long)i;
	return -1;
}

int stack_check_modules(const struct stack *st, struct err *err)
{
	size_t i;

	for (i = 0; i < st->nr_components; i++) {
		const struct stack_component *c = &st->components[i];
		char *dir = fs_join(st->dir, c->module);
		int ok = fs_is_dir(dir);
		const struct yaml_node *m = yaml_map_get(
			yaml_map_get(yaml_map_get(st->doc->root, "components"),
				     c->name), "module");

		free(dir);
		if (!ok)
			return yaml_err(err, st->doc, m,
					"module '%s' of component '%s' is not a directory",
					c->module, c->name);
		if (stack_check_module_real(st, m, err) < 0)
			return err->code;
	}
	return 0;
}
