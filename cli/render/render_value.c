/*
 * stack.yaml values into HCL values: YAML types kept, references resolved.
 */
#include <string.h>

#include "render/render_int.h"
#include "stack/tmpl.h"
#include "util/xalloc.h"

static int scalar_value(struct hclw_value **out, const struct stack *st,
			size_t env, const struct yaml_node *node,
			struct err *err);

/* A scalar var's text inside a longer string (as its literal bytes). */
static void var_text(struct buf *lit, const struct stack *st, size_t env,
		     const struct yaml_node *v)
{
	enum yaml_type t = yaml_type_of(v);
	struct tmpl tm = TMPL_INIT;
	const char *why;
	size_t at, i;

	if (t == YAML_T_NULL)
		return;
	if (t == YAML_T_BOOL) {
		buf_addstr(lit, v->str[0] == 't' || v->str[0] == 'T' ? "true" : "false");
		return;
	}
	if (t != YAML_T_STR) {
		buf_add(lit, v->str, v->len);
		return;
	}
	/* vars hold no references (checked at load); only $${ to undo */
	if (tmpl_parse(&tm, v->str, v->len, &why, &at) == 0)
		for (i = 0; i < tm.nr; i++)
			buf_add(lit, tm.segs[i].lit.ptr, tm.segs[i].lit.len);
	tmpl_release(&tm);
	(void)st;
	(void)env;
}

static int ref_value(struct hclw_value **out, const struct stack *st,
		     size_t env, const struct tmpl_seg *seg, struct err *err)
{
	struct buf b = BUF_INIT;

	if (strcmp(seg->scope, "env")) {
		buf_addf(&b, "dependency.%s.outputs.%s", seg->scope, seg->name);
		*out = hclw_new(HCLW_EXPR, b.ptr, b.len);
		buf_release(&b);
		return 0;
	}
	if (!strcmp(seg->name, "name")) {
		*out = hclw_str(st->envs[env].name);
		return 0;
	}
	return render_value(out, st, env,
			    yaml_map_get(st->envs[env].vars, seg->name), err);
}

/* A string with references inside: an HCL template. */
static struct hclw_value *template_value(const struct stack *st, size_t env,
					const struct tmpl *t)
{
	struct buf b = BUF_INIT, lit = BUF_INIT;
	struct hclw_value *v;
	size_t i;

	for (i = 0; i < t->nr; i++) {
		const struct tmpl_seg *s = &t->segs[i];

		if (s->kind == TMPL_LIT) {
			hclw_escape(&b, s->lit.ptr, s->lit.len);
		} else if (strcmp(s->scope, "env")) {
			buf_addf(&b, "${dependency.%s.outputs.%s}", s->scope, s->name);
		} else {
			buf_reset(&lit);
			if (!strcmp(s->name, "name"))
				buf_addstr(&lit, st->envs[env].name);
			else
				var_text(&lit, st, env,
					 yaml_map_get(st->envs[env].vars, s->name));
			hclw_escape(&b, lit.ptr, lit.len);
		}
	}
	v = hclw_new(HCLW_TEMPLATE, b.ptr, b.len);
	buf_release(&b);
	buf_release(&lit);
	return v;
}

static int string_value(struct hclw_value **out, const struct stack *st,
			size_t env, const struct yaml_node *node,
			struct err *err)
{
	struct tmpl t = TMPL_INIT;
	const char *why = NULL;
	size_t at = 0;
	int ret = 0;

	if (tmpl_parse(&t, node->str, node->len, &why, &at) < 0) {
		tmpl_release(&t);
		return yaml_err(err, st->doc, node, "%s", why);
	}
	if (tmpl_is_whole_ref(&t))
		ret = ref_value(out, st, env, &t.segs[0], err);
	else if (t.nr == 1 || t.nr == 0)
		*out = t.nr ? hclw_new(HCLW_STRING, t.segs[0].lit.ptr, t.segs[0].lit.len) :
			hclw_new(HCLW_STRING, "", 0);
	else
		*out = template_value(st, env, &t);
	tmpl_release(&t);
	return ret;
}

static int scalar_value(struct hclw_value **out, const struct stack *st,
			size_t env, const struct yaml_node *node,
			struct err *err)
{
	struct buf num = BUF_INIT;

	switch (yaml_type_of(node)) {
	case YAML_T_NULL:
		*out = hclw_new(HCLW_NULL, NULL, 0);
		return 0;
	case YAML_T_BOOL:
		*out = hclw_expr(node->str[0] == 't' || node->str[0] == 'T' ?
				"true" : "false");
		(*out)->kind = HCLW_BOOL;
		return 0;
	case YAML_T_INT:
	case YAML_T_FLOAT:
		if (hclw_number(&num, node->str) < 0) {
			buf_release(&num);
			return yaml_err(err, st->doc, node,
					"'%s' cannot be written in HCL (no infinities or NaN)",
					node->str);
		}
		*out = hclw_new(HCLW_NUMBER, num.ptr, num.len);
		buf_release(&num);
		return 0;
	default:
		return string_value(out, st, env, node, err);
	}
}

int render_value(struct hclw_value **out, const struct stack *st, size_t env,
		 const struct yaml_node *node, struct err *err)
{
	struct hclw_value *v, *item;
	size_t i;

	*out = NULL;
	if (!node) {
		*out = hclw_new(HCLW_NULL, NULL, 0);
		return 0;
	}
	if (node->kind == YAML_SCALAR)
		return scalar_value(out, st, env, node, err);
	v = hclw_new(node->kind == YAML_SEQ ? HCLW_LIST : HCLW_OBJECT, NULL, 0);
	for (i = 0; i < node->nr_items; i++) {
		if (render_value(&item, st, env, node->items[i], err) < 0)
			goto fail;
		hclw_list_push(v, item);
	}
	for (i = 0; i < node->nr_pairs; i++) {
		if (render_value(&item, st, env, node->pairs[i].value, err) < 0)
			goto fail;
		hclw_object_set(v, node->pairs[i].key->str, item);
	}
	if (v->kind == HCLW_OBJECT)
		hclw_object_sort(v);
	*out = v;
	return 0;
fail:
	hclw_value_free(v);
	return err->code;
}
