/*
 * The files of the tree: root.hcl (remote state), <env>/env.hcl (the
 * environment's locals) and <env>/<component>/terragrunt.hcl.
 */
#include <stdlib.h>
#include <string.h>

#include "render/render_int.h"
#include "util/xalloc.h"

void render_set_add(struct render_set *set, char *path, struct buf *content)
{
	struct render_file *f;

	ALLOC_GROW(set->files, set->nr, set->alloc);
	f = &set->files[set->nr++];
	f->path = path;
	f->content = *content;
	*content = (struct buf)BUF_INIT;
}

static void finish_file(struct render_set *set, char *path,
			struct hclw_writer *w)
{
	struct buf b = BUF_INIT;

	hclw_finish(&b, w);
	render_set_add(set, path, &b);
}

static void header(struct hclw_writer *w, const char *what)
{
	hclw_comment(w, STACK_MARKER + 2);
	hclw_comment(w, what);
}

int render_root_file(struct render_set *set, const struct stack *st,
		     struct err *err)
{
	struct hclw_writer w = HCLW_WRITER_INIT;
	struct hclw_value *cfg = NULL, *gen;

	header(&w, "Remote state for every component: S3 API (MinIO), key <env>/<component>/terraform.tfstate.");
	if (render_value(&cfg, st, 0, st->backend_s3, err) < 0) {
		hclw_writer_release(&w);
		return err->code;
	}
	hclw_object_set(cfg, "key", hclw_new(HCLW_TEMPLATE,
		"${path_relative_to_include()}/terraform.tfstate",
		strlen("${path_relative_to_include()}/terraform.tfstate")));
	hclw_object_sort(cfg);
	gen = hclw_new(HCLW_OBJECT, NULL, 0);
	hclw_object_set(gen, "path", hclw_str("backend.tf"));
	hclw_object_set(gen, "if_exists", hclw_str("overwrite_terragrunt"));
	hclw_blank(&w);
	hclw_block_open(&w, "remote_state", NULL);
	hclw_attr(&w, "backend", &(struct hclw_value){ .kind = HCLW_STRING,
		 .text = (char *)"s3", .len = 2 });
	hclw_attr(&w, "generate", gen);
	hclw_attr(&w, "config", cfg);
	hclw_block_close(&w);
	hclw_value_free(gen);
	hclw_value_free(cfg);
	finish_file(set, xasprintf("%s/root.hcl", RENDER_TREE_DIR), &w);
	return 0;
}

static int env_file(struct render_set *set, const struct stack *st,
		    size_t env, struct err *err)
{
	const struct stack_env *e = &st->envs[env];
	struct hclw_writer w = HCLW_WRITER_INIT;
	struct hclw_value *vars = NULL;
	char *what = xasprintf("Environment %s%s.", e->name,
			       e->protected ? " (protected)" : "");

	header(&w, what);
	free(what);
	if (render_value(&vars, st, env, e->vars, err) < 0) {
		hclw_writer_release(&w);
		return err->code;
	}
	if (vars->kind != HCLW_OBJECT) {
		hclw_value_free(vars);
		vars = hclw_new(HCLW_OBJECT, NULL, 0);
	}
	hclw_blank(&w);
	hclw_block_open(&w, "locals", NULL);
	hclw_attr(&w, "name", &(struct hclw_value){ .kind = HCLW_STRING,
		 .text = e->name, .len = strlen(e->name) });
	hclw_attr(&w, "protected", &(struct hclw_value){ .kind = HCLW_BOOL,
		 .text = (char *)(e->protected ? "true" : "false"),
		 .len = e->protected ? 4 : 5 });
	hclw_attr(&w, "vars", vars);
	hclw_block_close(&w);
	hclw_value_free(vars);
	finish_file(set, xasprintf("%s/%s/env.hcl", RENDER_TREE_DIR, e->name), &w);
	return 0;
}

struct names {
	const char **v;
	size_t nr, alloc;
};

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Outputs of dependency `dep` used in `in`, sorted, each once (borrowed). */
static void used_outputs(struct names *out, const struct stack_inputs *in,
			 const char *dep)
{
	size_t i, j, k;

	for (i = 0; i < in->nr; i++) {
		for (j = 0; j < in->items[i].nr_refs; j++) {
			const struct stack_ref *r = &in->items[i].refs[j];

			if (r->kind != STACK_REF_OUTPUT || strcmp(r->component, dep))
				continue;
			for (k = 0; k < out->nr && strcmp(out->v[k], r->name); k++)
				;
			if (k < out->nr)
				continue;
			ALLOC_GROW(out->v, out->nr, out->alloc);
			out->v[out->nr++] = r->name;
		}
	}
	if (out->nr)
		qsort(out->v, out->nr, sizeof(*out->v), cmp_str);
}

static int dependency_block(struct hclw_writer *w, const struct stack *st,
			    size_t env, const struct stack_component *d,
			    const struct names *outs, struct err *err)
{
	struct hclw_value *mocks = hclw_new(HCLW_OBJECT, NULL, 0), *v, *cmds;
	const char *labels[] = { d->name, NULL };
	char *path = xasprintf("../%s", d->name);
	size_t i;

	for (i = 0; i < outs->nr; i++) {
		const struct yaml_node *m = yaml_map_get(d->mock_outputs, outs->v[i]);
		char *mock;

		if (m) {
			if (render_value(&v, st, env, m, err) < 0) {
				hclw_value_free(mocks);
				free(path);
				return err->code;
			}
		} else {
			mock = xasprintf("mock-%s-%s", d->name, outs->v[i]);
			v = hclw_str(mock);
			free(mock);
		}
		hclw_object_set(mocks, outs->v[i], v);
	}
	cmds = hclw_new(HCLW_LIST, NULL, 0);
	hclw_list_push(cmds, hclw_str("validate"));
	hclw_list_push(cmds, hclw_str("plan"));
	hclw_blank(w);
	hclw_block_open(w, "dependency", labels);
	hclw_attr(w, "config_path", &(struct hclw_value){ .kind = HCLW_STRING,
		 .text = path, .len = strlen(path) });
	hclw_blank(w);
	hclw_attr(w, "mock_outputs", mocks);
	hclw_attr(w, "mock_outputs_allowed_terraform_commands", cmds);
	hclw_block_close(w);
	hclw_value_free(mocks);
	hclw_value_free(cmds);
	free(path);
	return 0;
}

/* `generate "providers"`: the provider blocks the module needs. */
static int providers_block(struct hclw_writer *w, const struct stack *st,
			   size_t env, const struct stack_component *c,
			   struct err *err)
{
	struct hclw_writer pw = HCLW_WRITER_INIT;
	struct buf body = BUF_INIT, esc = BUF_INIT;
	const char *labels[] = { "providers", NULL };
	size_t i, j;

	for (i = 0; i < c->nr_providers; i++) {
		const struct stack_provider *p = NULL;
		const char *pl[] = { c->providers[i], NULL };
		struct hclw_value *cfg = NULL;

		for (j = 0; j < st->nr_providers; j++)
			if (!strcmp(st->providers[j].name, c->providers[i]))
				p = &st->providers[j];
		if (render_value(&cfg, st, env, p->config, err) < 0) {
			hclw_writer_release(&pw);
			return err->code;
		}
		if (i)
			hclw_blank(&pw);
		hclw_block_open(&pw, "provider", pl);
		for (j = 0; cfg->kind == HCLW_OBJECT && j < cfg->nr; j++)
			hclw_attr(&pw, cfg->keys[j], cfg->items[j]);
		hclw_block_close(&pw);
		hclw_value_free(cfg);
	}
	hclw_finish(&body, &pw);
	/* the heredoc is a template too: literal ${ and %{ are doubled */
	for (i = 0; i < body.len; i++) {
		buf_addch(&esc, body.ptr[i]);
		if ((body.ptr[i] == '$' || body.ptr[i] == '%') &&
		    i + 1 < body.len && body.ptr[i + 1] == '{')
			buf_addch(&esc, body.ptr[i]);
	}
	hclw_blank(w);
	hclw_block_open(w, "generate", labels);
	hclw_attr(w, "path", &(struct hclw_value){ .kind = HCLW_STRING,
		 .text = (char *)"providers.tf", .len = 12 });
	hclw_attr(w, "if_exists", &(struct hclw_value){ .kind = HCLW_STRING,
		 .text = (char *)"overwrite_terragrunt", .len = 20 });
	hclw_attr_heredoc(w, "contents", "EOF", esc.ptr);
	hclw_block_close(w);
	buf_release(&body);
	buf_release(&esc);
	return 0;
}

static void include_and_source(struct hclw_writer *w,
			       const struct stack_component *c)
{
	const char *root[] = { "root", NULL };
	char *src = xasprintf("../../../%s", c->module);

	hclw_blank(w);
	hclw_block_open(w, "include", root);
	hclw_attr(w, "path", &(struct hclw_value){ .kind = HCLW_EXPR,
		 .text = (char *)"find_in_parent_folders(\"root.hcl\")",
		 .len = strlen("find_in_parent_folders(\"root.hcl\")") });
	hclw_block_close(w);
	hclw_blank(w);
	hclw_block_open(w, "terraform", NULL);
	hclw_attr(w, "source", &(struct hclw_value){ .kind = HCLW_STRING,
		 .text = src, .len = strlen(src) });
	hclw_block_close(w);
	free(src);
}

/* dependency blocks for used outputs; `dependencies` for order only. */
static int dependency_blocks(struct hclw_writer *w, const struct stack *st,
			     size_t env, const struct stack_component *c,
			     const struct stack_inputs *in, struct err *err)
{
	struct names deps = { NULL, 0, 0 };
	struct hclw_value *paths = hclw_new(HCLW_LIST, NULL, 0);
	size_t i;
	int ret = 0;

	for (i = 0; i < c->nr_deps; i++) {
		ALLOC_GROW(deps.v, deps.nr, deps.alloc);
		deps.v[deps.nr++] = st->components[c->deps[i]].name;
	}
	if (deps.nr)
		qsort(deps.v, deps.nr, sizeof(*deps.v), cmp_str);
	for (i = 0; !ret && i < deps.nr; i++) {
		struct names outs = { NULL, 0, 0 };
		char *p;

		used_outputs(&outs, in, deps.v[i]);
		if (outs.nr) {
			ret = dependency_block(w, st, env,
				&st->components[stack_component_find(st, deps.v[i])],
				&outs, err);
		} else {
			p = xasprintf("../%s", deps.v[i]);
			hclw_list_push(paths, hclw_str(p));
			free(p);
		}
		free(outs.v);
	}
	if (!ret && paths->nr) {
		hclw_blank(w);
		hclw_block_open(w, "dependencies", NULL);
		hclw_attr(w, "paths", paths);
		hclw_block_close(w);
	}
	hclw_value_free(paths);
	free(deps.v);
	return ret;
}

static int inputs_attr(struct hclw_writer *w, const struct stack *st,
		       size_t env, const struct stack_inputs *in,
		       struct err *err)
{
	struct hclw_value *obj = hclw_new(HCLW_OBJECT, NULL, 0), *v;
	size_t i;

	for (i = 0; i < in->nr; i++) {
		if (render_value(&v, st, env, in->items[i].value, err) < 0) {
			hclw_value_free(obj);
			return err->code;
		}
		hclw_object_set(obj, in->items[i].name, v);
	}
	hclw_object_sort(obj);
	hclw_blank(w);
	hclw_attr(w, "inputs", obj);
	hclw_value_free(obj);
	return 0;
}

static int component_file(struct render_set *set, const struct stack *st,
			  size_t env, size_t comp, struct err *err)
{
	const struct stack_component *c = &st->components[comp];
	struct stack_inputs in = STACK_INPUTS_INIT;
	struct hclw_writer w = HCLW_WRITER_INIT;
	char *what = xasprintf("Component %s in environment %s.", c->name,
			       st->envs[env].name);
	int ret;

	header(&w, what);
	free(what);
	stack_inputs(&in, st, env, comp);
	include_and_source(&w, c);
	ret = dependency_blocks(&w, st, env, c, &in, err);
	if (!ret && c->nr_providers)
		ret = providers_block(&w, st, env, c, err);
	if (!ret)
		ret = inputs_attr(&w, st, env, &in, err);
	stack_inputs_release(&in);
	if (ret) {
		hclw_writer_release(&w);
		return ret;
	}
	finish_file(set, xasprintf("%s/%s/%s/terragrunt.hcl", RENDER_TREE_DIR,
				   st->envs[env].name, c->name), &w);
	return 0;
}

int render_env_files(struct render_set *set, const struct stack *st,
		     size_t env, struct err *err)
{
	size_t i;

	if (env_file(set, st, env, err) < 0)
		return err->code;
	for (i = 0; i < st->nr_components; i++)
		if (component_file(set, st, env, i, err) < 0)
			return err->code;
	return 0;
}
